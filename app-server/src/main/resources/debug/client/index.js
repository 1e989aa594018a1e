/**
 * @zena/realtime-client — the browser and Node client of Zena Realtime (SPEC §13): reconnects with jittered
 * backoff that follows the close codes, refreshes its token, re-subscribes with `since` and hands each event to
 * the application exactly once, in offset order.
 */
export { connect, ZenaClient, ZenaError } from './client.js';
export { ABUSE_BACKOFF_MS, CAP_BACKOFF_MS, backoffDelay, planReconnect } from './reconnect.js';
