/** The wire messages of SPEC §3, §9 and §10 that the client reads or sends (unknown fields are kept). */

/** A channel's place in its history: the last event's offset within an epoch (SPEC §9). */
export interface Position {
  offset: number;
  epoch: string;
}

/** An `event` message as the server sends it. */
export interface ZenaEvent {
  type: 'event';
  channel: string;
  event: string;
  data: unknown;
  offset: number;
  epoch: string;
  timestamp: string;
  /** True when the event was replayed from history after a reconnect. */
  recovered?: boolean;
  /** True for an administrator's test event: it does not move the channel's position. */
  test?: boolean;
}

/** Why a channel was refused or taken away: the per-channel denial of a `subscription` or an `unsubscription` reason. */
export interface Denial {
  channel: string;
  status: number;
  code: string;
  message: string;
}

/** A gap the client cannot fill from history: re-read the channel's REST twin, then carry on from `offset`. */
export interface Resync {
  channel: string;
  offset: number;
  epoch: string;
  /** `epoch_changed`, `offset_expired`, `too_many`, `history_unavailable` or `gap`. */
  reason: string;
}

/** A `presence_event` (a user's first connection joined, or last one left) or a `presence_summary`. */
export type PresenceChange =
  | {
      type: 'presence_event';
      channel: string;
      event: 'joined' | 'left';
      user: { user_id: string; user_name: string };
      connections: number;
    }
  | { type: 'presence_summary'; channel: string; count: number; joined: string[]; left: string[] };

/** The reply to a `presence` request. */
export interface PresenceReply {
  type: 'presence';
  channel: string;
  count: number;
  users: { user_id: string; user_name: string; connections: number }[];
  truncated: boolean;
}

/** The reply to `authenticate`. */
export interface Authentication {
  type: 'authentication';
  status: 'success';
  user_id: string;
  tenant_id: string;
  user_name: string;
  expires_at: string;
}

/** An `error` message: a refused request (SPEC §3 error table). */
export interface ServerError {
  type: 'error';
  id?: string | number;
  code: string;
  status: number;
  message: string;
}

/** Any server message: `type` and `timestamp` always, the rest by type. */
export interface ServerMessage {
  type: string;
  timestamp?: string;
  id?: string | number;
  [field: string]: unknown;
}
