/**
 * What to do after the socket closed: the close-code table of SPEC §3 as a pure function, so that it is tested
 * without a socket and read in one place.
 */

/** Tuning of the jittered exponential backoff, in milliseconds. */
export interface BackoffOptions {
  /** First delay before jitter (default 500). */
  initial?: number;
  /** Largest delay before jitter (default 30 000). */
  max?: number;
}

/** The decision for one close. */
export type ReconnectPlan =
  | { action: 'reconnect'; delay: number; newToken: false | 'expired' | 'revoked' }
  | { action: 'stop'; why: string };

/** What the client remembers between closes to recognise a loop. */
export interface CloseHistory {
  /** Closes since the last successful authentication (0 for the first close after one). */
  attempt: number;
  /** True when the previous close since the last successful authentication was also 4001. */
  isRepeated4001: boolean;
  /** True when the previous close since the last successful authentication was also a 4003 after a new token. */
  isRepeated4003: boolean;
  /** True when the client can ask for another token (it was given `getToken`). */
  canGetToken: boolean;
}

/** SPEC §3: at least 30 s after 4008 (sustained abuse). */
export const ABUSE_BACKOFF_MS = 30_000;
/** After 4029 (a connection cap) the client waits at least this long. */
export const CAP_BACKOFF_MS = 5_000;

/**
 * The jittered delay of the given attempt: exponential from `initial`, capped at `max`, then "equal jitter" (a
 * uniform pick in the upper half), so that clients dropped together do not come back together.
 */
export function backoffDelay(attempt: number, random: () => number, options: BackoffOptions = {}): number {
  const initial = options.initial ?? 500;
  const max = options.max ?? 30_000;
  const ceiling = Math.min(max, initial * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Decides after a close with `code` and `reason` (the close reason text) whether and when to come back. */
export function planReconnect(code: number, reason: string, history: CloseHistory, random: () => number,
                              options: BackoffOptions = {}): ReconnectPlan {
  const delay = backoffDelay(history.attempt, random, options);
  switch (code) {
    case 1000:
      return { action: 'stop', why: 'closed normally' };
    case 1009:
      return { action: 'stop', why: 'message too large (1009): fix the client' };
    case 4001:
      return history.isRepeated4001
        ? { action: 'stop', why: 'not authenticated within the deadline twice in a row (4001)' }
        : { action: 'reconnect', delay, newToken: false };
    case 4003: {
      if (!history.canGetToken) {
        return { action: 'stop', why: `access revoked (4003 ${reason || 'no reason'}) and no getToken to ask for another token` };
      }
      if (history.isRepeated4003) {
        return { action: 'stop', why: `access revoked again with a new token (4003 ${reason || 'no reason'})` };
      }
      // A token that simply expired is replaced at once; a revoked one or a disabled user may not come back, so
      // the new token is asked for after a backoff.
      const isExpired = reason === 'token_expired';
      return { action: 'reconnect', delay: isExpired ? 0 : delay, newToken: isExpired ? 'expired' : 'revoked' };
    }
    case 4008:
      return { action: 'reconnect', delay: Math.max(ABUSE_BACKOFF_MS, delay), newToken: false };
    case 4029:
      return { action: 'reconnect', delay: Math.max(CAP_BACKOFF_MS, delay), newToken: false };
    default:
      // 1001 drain, 1006 dropped, 4002 heartbeat, 4009 slow consumer, 4010 administrator, anything else.
      return { action: 'reconnect', delay, newToken: false };
  }
}
