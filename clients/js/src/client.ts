import type {
  Authentication, Denial, Position, PresenceChange, PresenceReply, Resync, ServerError, ServerMessage, ZenaEvent,
} from './protocol.js';
import { BackoffOptions, planReconnect } from './reconnect.js';

/** Why the client asks for a token: the first connection, ahead of `expires_at`, after 4003, or after a refusal. */
export type TokenReason = 'initial' | 'refresh' | 'expired' | 'revoked' | 'invalid';

/** Where the connection stands. `closed` is final: after `close()` or a close the table says not to retry. */
export type ConnectionState = 'connecting' | 'authenticating' | 'connected' | 'reconnecting' | 'closed';

/** The time source of backoff and token refresh: the platform's by default, a fake one in tests. */
export interface Timers {
  now(): number;
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The subset of the WHATWG WebSocket the client uses (the browser's, Node 22's, or the `ws` package's). */
export interface SocketLike {
  readonly readyState: number;
  send(text: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/** A WebSocket constructor. */
export type SocketFactory = new (url: string) => SocketLike;

export interface ConnectOptions {
  /**
   * The server's WebSocket endpoint, `ws://host:port/ws` or `wss://…/ws`; or the endpoints of several nodes of a
   * cluster, tried in turn: after every close the next attempt goes to the next one.
   */
  url: string | string[];
  /** A token; without `getToken` it cannot be renewed, so the client stops when it expires. */
  token?: string;
  /** Called for the first token (unless `token` is given), ahead of `expires_at`, and after 4003 or a refusal. */
  getToken?: (reason: TokenReason) => string | Promise<string>;
  /** The WebSocket class to use; default: the runtime's, else the `ws` package. */
  WebSocket?: SocketFactory;
  backoff?: BackoffOptions;
  /** How long before `expires_at` to refresh the token, in ms; default: 60 s, or half the lifetime if shorter. */
  refreshLead?: number;
  timers?: Timers;
  /** Source of jitter in [0, 1); default Math.random. */
  random?: () => number;
}

/** A change of connection state, with the close that caused it and the delay before the next attempt. */
export interface StateChange {
  state: ConnectionState;
  code?: number;
  reason?: string;
  /** Milliseconds until the next attempt (state `reconnecting`). */
  delay?: number;
  /** Why the client stopped for good (state `closed`). */
  why?: string;
}

/** A frame as it crossed the socket, for debugging. */
export interface Frame {
  direction: 'in' | 'out';
  text: string;
  at: Date;
}

export interface SubscribeOptions {
  /** Each event of the channel, exactly once and in offset order, across reconnects. */
  onEvent?(event: ZenaEvent): void;
  /** The channel was refused, or the server took it away (access lost); the subscription is over. */
  onDenied?(denial: Denial): void;
  /** Events were lost for good (history could not fill the gap): re-read the channel's REST twin. */
  onResync?(resync: Resync): void;
  /** Users joining and leaving the channel (requires `presence: true`). */
  onPresence?(change: PresenceChange): void;
  /** Ask for presence events on this channel. */
  presence?: boolean;
  /** A position kept from earlier (e.g. in sessionStorage across a page reload) to recover from. */
  since?: Position;
}

/** A channel the application holds. */
export interface Subscription {
  readonly channel: string;
  /** The position of the last event handed to `onEvent` (or given by the server), if known. */
  readonly position: Position | undefined;
  unsubscribe(): void;
}

/** A refused request (`presence`, `ping`) as an Error with the server's code and status. */
export class ZenaError extends Error {
  constructor(readonly code: string, readonly status: number, message: string) {
    super(message);
    this.name = 'ZenaError';
  }
}

interface Listeners {
  state: (change: StateChange) => void;
  frame: (frame: Frame) => void;
  error: (error: ServerError | Error) => void;
  authenticated: (auth: Authentication) => void;
}

interface Held {
  channel: string;
  options: SubscribeOptions;
  position?: Position;
}

interface Pending {
  resolve(message: ServerMessage): void;
  reject(error: Error): void;
}

const OPEN = 1;
const SUBSCRIBE_BATCH = 50;
const BROKER_RETRY_MS = 5_000;

const platformTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Opens a connection and keeps it: reconnects, refreshes the token and re-subscribes until `close()`. */
export function connect(options: ConnectOptions): ZenaClient {
  return new ZenaClient(options);
}

/**
 * One logical connection to the server, made of as many sockets as it takes. Subscriptions belong to the client, not
 * to a socket: after every reconnect they are asked for again with `since`, and events are deduplicated by offset.
 */
export class ZenaClient {
  private readonly options: ConnectOptions;
  private readonly urls: string[];
  private urlIndex = 0;
  private readonly timers: Timers;
  private readonly random: () => number;
  private readonly held = new Map<string, Held>();
  private readonly pending = new Map<string, Pending>();
  private readonly listeners: { [K in keyof Listeners]: Set<Listeners[K]> } = {
    state: new Set(), frame: new Set(), error: new Set(), authenticated: new Set(),
  };
  private socket?: SocketLike;
  private token?: string;
  private currentState: ConnectionState = 'connecting';
  private authId?: string;
  private isAuthenticated = false;
  private hasRetriedInvalid = false;
  private nextId = 0;
  private attempt = 0;
  private lastCloseCode?: number;
  private lastTokenReason?: TokenReason;
  private isStopped = false;
  private reconnectTimer?: unknown;
  private refreshTimer?: unknown;
  private id?: string;
  private expires?: number;

  constructor(options: ConnectOptions) {
    const urls = typeof options?.url === 'string' ? [options.url] : options?.url;
    if (!Array.isArray(urls) || urls.length === 0 || urls.some((url) => typeof url !== 'string' || url === '')) {
      throw new TypeError('connect: options.url (ws://host:port/ws, or a non-empty list of them) is required');
    }
    this.urls = [...urls];
    if (options.token === undefined && typeof options.getToken !== 'function') {
      throw new TypeError('connect: give options.token or options.getToken');
    }
    this.options = options;
    this.timers = options.timers ?? platformTimers;
    this.random = options.random ?? Math.random;
    this.token = options.token;
    // Listeners attached right after connect() see the first state change.
    this.reconnectTimer = this.timers.setTimeout(() => this.open(this.token === undefined ? 'initial' : undefined), 0);
  }

  /** The current state. */
  get state(): ConnectionState {
    return this.currentState;
  }

  /** The server's id of the current socket (from its `connection` message), as the admin API lists it. */
  get connectionId(): string | undefined {
    return this.id;
  }

  /** When the current token expires (ms since the epoch), once authenticated. */
  get expiresAt(): number | undefined {
    return this.expires;
  }

  /** Adds a listener; returns the function that removes it. */
  on<K extends keyof Listeners>(type: K, listener: Listeners[K]): () => void {
    this.listeners[type].add(listener);
    return () => this.listeners[type].delete(listener);
  }

  /** Holds `channel` from now on, across reconnects, until `unsubscribe` or a denial. */
  subscribe(channel: string, options: SubscribeOptions = {}): Subscription {
    if (typeof channel !== 'string' || channel === '') {
      throw new TypeError('subscribe: channel must be a non-empty string');
    }
    if (this.held.has(channel)) {
      throw new Error(`subscribe: already subscribed to ${channel}; unsubscribe first`);
    }
    const held: Held = { channel, options, position: options.since };
    this.held.set(channel, held);
    if (this.isAuthenticated) {
      this.sendSubscribe([held]);
    }
    return {
      channel,
      get position() {
        return held.position;
      },
      unsubscribe: () => this.unsubscribe(channel),
    };
  }

  /** Stops holding `channel`; no callback of it runs afterwards. */
  unsubscribe(channel: string): void {
    if (this.held.delete(channel) && this.isAuthenticated) {
      this.send({ type: 'unsubscribe', channel });
    }
  }

  /** Who is in `channel` now (SPEC §10); rejects with a ZenaError when refused, or when not connected. */
  presence(channel: string): Promise<PresenceReply> {
    return this.request({ type: 'presence', channel }) as Promise<unknown> as Promise<PresenceReply>;
  }

  /** Sends a `ping`; resolves with the round trip in milliseconds. */
  async ping(): Promise<number> {
    const started = this.timers.now();
    await this.request({ type: 'ping' });
    return this.timers.now() - started;
  }

  /** Closes the connection for good; no reconnect follows. */
  close(): void {
    this.isStopped = true;
    this.timers.clearTimeout(this.reconnectTimer);
    this.timers.clearTimeout(this.refreshTimer);
    const socket = this.socket;
    this.socket = undefined;
    this.failPending(new Error('client closed'));
    if (socket) {
      socket.onclose = null;
      socket.close(1000, 'client closed');
    }
    this.isAuthenticated = false;
    this.setState({ state: 'closed', code: 1000, why: 'closed by the application' });
  }

  private async open(tokenReason?: TokenReason): Promise<void> {
    if (this.isStopped) {
      return;
    }
    this.setState({ state: 'connecting' });
    try {
      if (tokenReason !== undefined) {
        this.token = await this.fetchToken(tokenReason);
      }
      const Socket = await socketClass(this.options.WebSocket);
      if (this.isStopped) {
        return;
      }
      // The token goes in the authenticate message, never in the URL (URLs end up in logs and histories).
      const socket = new Socket(this.urls[this.urlIndex % this.urls.length]);
      this.socket = socket;
      this.isAuthenticated = false;
      this.hasRetriedInvalid = false;
      socket.onmessage = (event) => this.receive(socket, String(event.data));
      socket.onclose = (event) => this.closed(socket, event.code, event.reason);
      socket.onerror = () => undefined; // a close event follows
    } catch (error) {
      this.emit('error', error instanceof Error ? error : new Error(String(error)));
      this.retryLater(tokenReason);
    }
  }

  private async fetchToken(reason: TokenReason): Promise<string> {
    if (!this.options.getToken) {
      throw new Error('no getToken to ask for a token');
    }
    this.lastTokenReason = reason;
    const token = await this.options.getToken(reason);
    if (typeof token !== 'string' || token === '') {
      throw new Error('getToken returned no token');
    }
    return token;
  }

  private retryLater(tokenReason?: TokenReason): void {
    const plan = planReconnect(1006, '', this.closeHistory(), this.random, this.options.backoff);
    const delay = plan.action === 'reconnect' ? plan.delay : 0;
    this.attempt++;
    this.setState({ state: 'reconnecting', delay });
    this.reconnectTimer = this.timers.setTimeout(() => this.open(tokenReason), delay);
  }

  private closeHistory() {
    return {
      attempt: this.attempt,
      isRepeated4001: this.lastCloseCode === 4001,
      isRepeated4003: this.lastCloseCode === 4003 && this.lastTokenReason !== undefined,
      canGetToken: typeof this.options.getToken === 'function',
    };
  }

  private closed(socket: SocketLike, code: number, reason: string): void {
    if (socket !== this.socket) {
      return;
    }
    this.socket = undefined;
    this.isAuthenticated = false;
    this.urlIndex++; // with several nodes, the next attempt tries the next one
    this.timers.clearTimeout(this.refreshTimer);
    this.failPending(new Error(`connection closed (${code})`));
    if (this.isStopped) {
      return;
    }
    const plan = planReconnect(code, reason, this.closeHistory(), this.random, this.options.backoff);
    if (plan.action === 'stop') {
      this.isStopped = true;
      this.setState({ state: 'closed', code, reason, why: plan.why });
      return;
    }
    this.attempt++;
    this.lastCloseCode = code;
    if (!plan.newToken) {
      this.lastTokenReason = undefined;
    }
    this.setState({ state: 'reconnecting', code, reason, delay: plan.delay });
    this.reconnectTimer = this.timers.setTimeout(() => this.open(plan.newToken || undefined), plan.delay);
  }

  private receive(socket: SocketLike, text: string): void {
    if (socket !== this.socket) {
      return;
    }
    this.emit('frame', { direction: 'in', text, at: new Date() });
    let message: ServerMessage;
    try {
      message = JSON.parse(text) as ServerMessage;
    } catch {
      this.emit('error', new Error('the server sent a frame that is not JSON'));
      return;
    }
    switch (message.type) {
      case 'connection':
        this.id = message.connection_id as string;
        this.authenticate();
        break;
      case 'authentication':
        this.authenticated(message as unknown as Authentication);
        break;
      case 'subscription':
        this.subscribed(message);
        break;
      case 'event':
        this.event(message as unknown as ZenaEvent);
        break;
      case 'resync':
        this.resync(message as unknown as Resync);
        break;
      case 'unsubscription':
        this.unsubscribed(message);
        break;
      case 'presence_event':
      case 'presence_summary':
        this.held.get(message.channel as string)?.options.onPresence?.(message as unknown as PresenceChange);
        break;
      case 'error':
        this.refused(message as unknown as ServerError);
        break;
      default:
        this.answer(message);
    }
  }

  private authenticate(): void {
    if (this.token === undefined) {
      return;
    }
    this.setState({ state: 'authenticating' });
    this.authId = this.newId();
    this.send({ type: 'authenticate', id: this.authId, token: this.token });
  }

  private authenticated(auth: Authentication): void {
    this.expires = Date.parse(auth.expires_at);
    this.scheduleRefresh();
    this.emit('authenticated', auth);
    if (this.isAuthenticated) {
      return; // a refresh on the same socket: subscriptions are untouched
    }
    this.isAuthenticated = true;
    this.attempt = 0;
    this.lastCloseCode = undefined;
    this.lastTokenReason = undefined;
    this.setState({ state: 'connected' });
    this.sendSubscribe([...this.held.values()]);
  }

  private scheduleRefresh(): void {
    this.timers.clearTimeout(this.refreshTimer);
    if (!this.options.getToken || this.expires === undefined || Number.isNaN(this.expires)) {
      return;
    }
    const remaining = this.expires - this.timers.now();
    const lead = this.options.refreshLead ?? Math.min(60_000, remaining / 2);
    this.refreshTimer = this.timers.setTimeout(() => this.refresh(), Math.max(0, remaining - lead));
  }

  private async refresh(): Promise<void> {
    const socket = this.socket;
    try {
      const token = await this.fetchToken('refresh');
      if (socket === undefined || socket !== this.socket || !this.isAuthenticated) {
        return;
      }
      this.token = token;
      this.lastTokenReason = undefined;
      this.authId = this.newId();
      this.send({ type: 'authenticate', id: this.authId, token });
    } catch (error) {
      // The server closes with 4003 token_expired at expiry; the client then asks again and reconnects.
      this.emit('error', error instanceof Error ? error : new Error(String(error)));
    }
  }

  private refused(error: ServerError): void {
    const id = error.id === undefined ? undefined : String(error.id);
    if (id !== undefined && id === this.authId && !this.isAuthenticated) {
      this.authenticationRefused(error);
      return;
    }
    const pending = id === undefined ? undefined : this.pending.get(id);
    if (pending) {
      this.pending.delete(id as string);
      pending.reject(new ZenaError(error.code, error.status, error.message));
      return;
    }
    this.emit('error', error);
  }

  private async authenticationRefused(error: ServerError): Promise<void> {
    this.emit('error', error);
    const socket = this.socket;
    if (this.options.getToken && !this.hasRetriedInvalid) {
      this.hasRetriedInvalid = true;
      try {
        this.token = await this.fetchToken('invalid');
        if (socket === this.socket) {
          this.authenticate();
        }
        return;
      } catch (failure) {
        this.emit('error', failure instanceof Error ? failure : new Error(String(failure)));
      }
    }
    // A token the server refuses will be refused again: stop rather than loop on it.
    this.isStopped = true;
    this.timers.clearTimeout(this.refreshTimer);
    this.socket = undefined;
    if (socket) {
      socket.onclose = null;
      socket.close(1000, 'authentication refused');
    }
    this.setState({ state: 'closed', why: `authentication refused (${error.code}): ${error.message}` });
  }

  private sendSubscribe(list: Held[]): void {
    for (const presence of [false, true]) {
      const group = list.filter((held) => Boolean(held.options.presence) === presence);
      for (let start = 0; start < group.length; start += SUBSCRIBE_BATCH) {
        const batch = group.slice(start, start + SUBSCRIBE_BATCH);
        const since: Record<string, Position> = {};
        for (const held of batch) {
          if (held.position) {
            since[held.channel] = held.position;
          }
        }
        const message: Record<string, unknown> = { type: 'subscribe', channels: batch.map((held) => held.channel) };
        if (Object.keys(since).length > 0) {
          message.since = since;
        }
        if (presence) {
          message.presence_events = true;
        }
        this.send(message);
      }
    }
  }

  private subscribed(reply: ServerMessage): void {
    const positions = (reply.positions ?? {}) as Record<string, Position>;
    const recovery = (reply.recovery ?? {}) as Record<string, { recovered: boolean; reason?: string }>;
    for (const channel of (reply.granted ?? []) as string[]) {
      const held = this.held.get(channel);
      const position = positions[channel];
      if (!held || !position) {
        continue;
      }
      const outcome = recovery[channel];
      if (outcome && !outcome.recovered) {
        held.position = { offset: position.offset, epoch: position.epoch };
        held.options.onResync?.({ channel, offset: position.offset, epoch: position.epoch,
          reason: outcome.reason ?? 'unknown' });
      } else if (!held.position) {
        held.position = { offset: position.offset, epoch: position.epoch };
      }
    }
    for (const denial of (reply.denied ?? []) as Denial[]) {
      const held = this.held.get(denial.channel);
      if (!held) {
        continue;
      }
      if (denial.code === 'BROKER_UNAVAILABLE') {
        // The server cannot subscribe anyone right now (SPEC §11.5): ask again later, keep the position.
        this.timers.setTimeout(() => {
          if (this.isAuthenticated && this.held.get(denial.channel) === held) {
            this.sendSubscribe([held]);
          }
        }, BROKER_RETRY_MS);
        held.options.onDenied?.(denial);
        continue;
      }
      this.held.delete(denial.channel);
      held.options.onDenied?.(denial);
    }
  }

  private event(event: ZenaEvent): void {
    const held = this.held.get(event.channel);
    if (!held) {
      return;
    }
    if (event.test) {
      held.options.onEvent?.(event); // carries the current offset without taking a new one
      return;
    }
    const position = held.position;
    if (position && position.epoch === event.epoch) {
      if (event.offset <= position.offset) {
        return; // already handed to the application
      }
      if (event.offset > position.offset + 1) {
        held.options.onResync?.({ channel: event.channel, offset: event.offset - 1, epoch: event.epoch,
          reason: 'gap' });
      }
    }
    held.position = { offset: event.offset, epoch: event.epoch };
    held.options.onEvent?.(event);
  }

  private resync(message: Resync): void {
    const held = this.held.get(message.channel);
    if (!held) {
      return;
    }
    held.position = { offset: message.offset, epoch: message.epoch };
    held.options.onResync?.({ channel: message.channel, offset: message.offset, epoch: message.epoch,
      reason: message.reason });
  }

  private unsubscribed(message: ServerMessage): void {
    const reason = message.reason as { code: string; status: number; message: string } | undefined;
    if (!reason) {
      return; // the answer to our own unsubscribe
    }
    for (const channel of (message.channels ?? []) as string[]) {
      const held = this.held.get(channel);
      if (held) {
        this.held.delete(channel);
        held.options.onDenied?.({ channel, status: reason.status, code: reason.code, message: reason.message });
      }
    }
  }

  private answer(message: ServerMessage): void {
    const id = message.id === undefined ? undefined : String(message.id);
    const pending = id === undefined ? undefined : this.pending.get(id);
    if (pending) {
      this.pending.delete(id as string);
      pending.resolve(message);
    }
  }

  private request(message: Record<string, unknown>): Promise<ServerMessage> {
    if (!this.isAuthenticated) {
      return Promise.reject(new Error(`not connected (state ${this.currentState})`));
    }
    const id = this.newId();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ ...message, id });
    });
  }

  private failPending(error: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    all.forEach((pending) => pending.reject(error));
  }

  private send(message: Record<string, unknown>): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) {
      return; // sent again after the reconnect, where it matters
    }
    const text = JSON.stringify(message);
    socket.send(text);
    this.emit('frame', { direction: 'out', text, at: new Date() });
  }

  private newId(): string {
    this.nextId += 1;
    return `c${this.nextId}`;
  }

  private setState(change: StateChange): void {
    this.currentState = change.state;
    this.emit('state', change);
  }

  private emit<K extends keyof Listeners>(type: K, value: Parameters<Listeners[K]>[0]): void {
    for (const listener of this.listeners[type]) {
      try {
        (listener as (value: unknown) => void)(value);
      } catch (error) {
        // An application listener's failure must not break the connection's bookkeeping.
        if (type !== 'error') {
          this.emit('error', error instanceof Error ? error : new Error(String(error)));
        }
      }
    }
  }
}

async function socketClass(given?: SocketFactory): Promise<SocketFactory> {
  if (given) {
    return given;
  }
  const native = (globalThis as { WebSocket?: SocketFactory }).WebSocket;
  if (typeof native === 'function') {
    return native;
  }
  const name = 'ws'; // a variable, so that browser bundlers do not try to include Node's package
  try {
    const module = await import(/* webpackIgnore: true */ /* @vite-ignore */ name);
    return (module.WebSocket ?? module.default) as SocketFactory;
  } catch {
    throw new Error('This runtime has no WebSocket: install the "ws" package or pass options.WebSocket');
  }
}
