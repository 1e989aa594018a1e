/**
 * Live connections, the channels they hold, and fan-out: an event is encoded once and queued to every
 * subscriber of its tenant. Knows nothing of sockets ({@link dev.zena.realtime.hub.Outbound} is the transport's
 * side) nor of permissions (callers add only granted channels).
 */
package dev.zena.realtime.hub;
