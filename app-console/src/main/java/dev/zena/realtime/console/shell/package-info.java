/**
 * The console's frame: the session that wires one server's client to the feature view models and their
 * schedules, the main window with its banner and shortcuts, and the connect dialog with its recent servers.
 */
package dev.zena.realtime.console.shell;
