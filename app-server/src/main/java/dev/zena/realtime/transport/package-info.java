/**
 * HTTP and WebSocket on Javalin: the {@code /ws} endpoint and its protocol handling, the App API (REST twins,
 * lists, task writes), health, the JSON error mapping in one place, handshake refusals, and the guards of the
 * sockets before their upgrade (per-address cap, header timeout). Turns wire input into calls on auth, access, hub
 * and store, and their answers and denials into wire output.
 */
package dev.zena.realtime.transport;
