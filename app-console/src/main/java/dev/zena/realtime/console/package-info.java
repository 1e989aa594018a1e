/**
 * The Zena Realtime admin console: {@link dev.zena.realtime.console.ConsoleMain} parses the command line and
 * launches {@link dev.zena.realtime.console.ConsoleApp}, which attaches to an embedded or a remote server.
 */
package dev.zena.realtime.console;
