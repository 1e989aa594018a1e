/**
 * Authentication of the server-to-server API (SPEC §6): the key, timestamp and HMAC-SHA256 signature of a
 * request, and the memory of signatures already seen that refuses replays. Knows nothing of HTTP frameworks:
 * the transport hands it headers and the raw body.
 */
package dev.zena.realtime.publish;
