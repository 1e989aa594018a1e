/**
 * The console's frame: the session that wires one server's client to the feature view models and their
 * schedules, the main window with its banner and shortcuts, the connect dialog with its recent servers, and the
 * question asked before the admin token goes out over plain http ({@link
 * dev.zena.realtime.console.shell.PlainHttpConsent}, remembered for this run only).
 */
package dev.zena.realtime.console.shell;
