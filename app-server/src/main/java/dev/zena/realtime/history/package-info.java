/**
 * Positions, history and recovery (SPEC §9) as the protocols see them: {@link dev.zena.realtime.history.Catchup}
 * answers a {@code subscribe} with each granted channel's position and, for a channel named in {@code since},
 * whether its missed events can be replayed, then replays them before any live event; {@link
 * dev.zena.realtime.history.RecoveryRule} is the one decision, shared by the WebSocket and the REST history twin.
 * Reads the broker (which owns positions and history) and the hub (which holds live events meanwhile); no web
 * framework.
 */
package dev.zena.realtime.history;
