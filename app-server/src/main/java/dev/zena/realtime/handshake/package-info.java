/** The checks every WebSocket handshake passes before any socket exists, whatever its endpoint. */
package dev.zena.realtime.handshake;
