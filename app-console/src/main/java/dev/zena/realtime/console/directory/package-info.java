/**
 * What the console knows of the server's names — users, tenants, channels — gathered from live connections, the
 * metrics and the app API's project and task lists, to offer completion; channel names follow the server's patterns.
 * A model shared by features; no views.
 */
package dev.zena.realtime.console.directory;
