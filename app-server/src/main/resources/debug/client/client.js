import { planReconnect } from './reconnect.js';
/** A refused request (`presence`, `ping`) as an Error with the server's code and status. */
export class ZenaError extends Error {
    constructor(code, status, message) {
        super(message);
        this.code = code;
        this.status = status;
        this.name = 'ZenaError';
    }
}
const OPEN = 1;
const SUBSCRIBE_BATCH = 50;
const BROKER_RETRY_MS = 5000;
const platformTimers = {
    now: () => Date.now(),
    setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
    clearTimeout: (handle) => clearTimeout(handle),
};
/** Opens a connection and keeps it: reconnects, refreshes the token and re-subscribes until `close()`. */
export function connect(options) {
    return new ZenaClient(options);
}
/**
 * One logical connection to the server, made of as many sockets as it takes. Subscriptions belong to the client, not
 * to a socket: after every reconnect they are asked for again with `since`, and events are deduplicated by offset.
 */
export class ZenaClient {
    constructor(options) {
        this.urlIndex = 0;
        this.held = new Map();
        this.pending = new Map();
        this.listeners = {
            state: new Set(), frame: new Set(), error: new Set(), authenticated: new Set(),
        };
        this.currentState = 'connecting';
        this.isAuthenticated = false;
        this.hasRetriedInvalid = false;
        this.nextId = 0;
        this.attempt = 0;
        this.isStopped = false;
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
    get state() {
        return this.currentState;
    }
    /** The server's id of the current socket (from its `connection` message), as the admin API lists it. */
    get connectionId() {
        return this.id;
    }
    /** When the current token expires (ms since the epoch), once authenticated. */
    get expiresAt() {
        return this.expires;
    }
    /** Adds a listener; returns the function that removes it. */
    on(type, listener) {
        this.listeners[type].add(listener);
        return () => this.listeners[type].delete(listener);
    }
    /** Holds `channel` from now on, across reconnects, until `unsubscribe` or a denial. */
    subscribe(channel, options = {}) {
        if (typeof channel !== 'string' || channel === '') {
            throw new TypeError('subscribe: channel must be a non-empty string');
        }
        if (this.held.has(channel)) {
            throw new Error(`subscribe: already subscribed to ${channel}; unsubscribe first`);
        }
        const held = { channel, options, position: options.since };
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
    unsubscribe(channel) {
        if (this.held.delete(channel) && this.isAuthenticated) {
            this.send({ type: 'unsubscribe', channel });
        }
    }
    /** Who is in `channel` now (SPEC §10); rejects with a ZenaError when refused, or when not connected. */
    presence(channel) {
        return this.request({ type: 'presence', channel });
    }
    /** Sends a `ping`; resolves with the round trip in milliseconds. */
    async ping() {
        const started = this.timers.now();
        await this.request({ type: 'ping' });
        return this.timers.now() - started;
    }
    /** Closes the connection for good; no reconnect follows. */
    close() {
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
    async open(tokenReason) {
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
        }
        catch (error) {
            this.emit('error', error instanceof Error ? error : new Error(String(error)));
            this.retryLater(tokenReason);
        }
    }
    async fetchToken(reason) {
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
    retryLater(tokenReason) {
        const plan = planReconnect(1006, '', this.closeHistory(), this.random, this.options.backoff);
        const delay = plan.action === 'reconnect' ? plan.delay : 0;
        this.attempt++;
        this.setState({ state: 'reconnecting', delay });
        this.reconnectTimer = this.timers.setTimeout(() => this.open(tokenReason), delay);
    }
    closeHistory() {
        return {
            attempt: this.attempt,
            isRepeated4001: this.lastCloseCode === 4001,
            isRepeated4003: this.lastCloseCode === 4003 && this.lastTokenReason !== undefined,
            canGetToken: typeof this.options.getToken === 'function',
        };
    }
    closed(socket, code, reason) {
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
    receive(socket, text) {
        if (socket !== this.socket) {
            return;
        }
        this.emit('frame', { direction: 'in', text, at: new Date() });
        let message;
        try {
            message = JSON.parse(text);
        }
        catch {
            this.emit('error', new Error('the server sent a frame that is not JSON'));
            return;
        }
        switch (message.type) {
            case 'connection':
                this.id = message.connection_id;
                this.authenticate();
                break;
            case 'authentication':
                this.authenticated(message);
                break;
            case 'subscription':
                this.subscribed(message);
                break;
            case 'event':
                this.event(message);
                break;
            case 'resync':
                this.resync(message);
                break;
            case 'unsubscription':
                this.unsubscribed(message);
                break;
            case 'presence_event':
            case 'presence_summary':
                this.held.get(message.channel)?.options.onPresence?.(message);
                break;
            case 'error':
                this.refused(message);
                break;
            default:
                this.answer(message);
        }
    }
    authenticate() {
        if (this.token === undefined) {
            return;
        }
        this.setState({ state: 'authenticating' });
        this.authId = this.newId();
        this.send({ type: 'authenticate', id: this.authId, token: this.token });
    }
    authenticated(auth) {
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
    scheduleRefresh() {
        this.timers.clearTimeout(this.refreshTimer);
        if (!this.options.getToken || this.expires === undefined || Number.isNaN(this.expires)) {
            return;
        }
        const remaining = this.expires - this.timers.now();
        const lead = this.options.refreshLead ?? Math.min(60000, remaining / 2);
        this.refreshTimer = this.timers.setTimeout(() => this.refresh(), Math.max(0, remaining - lead));
    }
    async refresh() {
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
        }
        catch (error) {
            // The server closes with 4003 token_expired at expiry; the client then asks again and reconnects.
            this.emit('error', error instanceof Error ? error : new Error(String(error)));
        }
    }
    refused(error) {
        const id = error.id === undefined ? undefined : String(error.id);
        if (id !== undefined && id === this.authId && !this.isAuthenticated) {
            this.authenticationRefused(error);
            return;
        }
        const pending = id === undefined ? undefined : this.pending.get(id);
        if (pending) {
            this.pending.delete(id);
            pending.reject(new ZenaError(error.code, error.status, error.message));
            return;
        }
        this.emit('error', error);
    }
    async authenticationRefused(error) {
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
            }
            catch (failure) {
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
    sendSubscribe(list) {
        for (const presence of [false, true]) {
            const group = list.filter((held) => Boolean(held.options.presence) === presence);
            for (let start = 0; start < group.length; start += SUBSCRIBE_BATCH) {
                const batch = group.slice(start, start + SUBSCRIBE_BATCH);
                const since = {};
                for (const held of batch) {
                    if (held.position) {
                        since[held.channel] = held.position;
                    }
                }
                const message = { type: 'subscribe', channels: batch.map((held) => held.channel) };
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
    subscribed(reply) {
        const positions = (reply.positions ?? {});
        const recovery = (reply.recovery ?? {});
        for (const channel of (reply.granted ?? [])) {
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
            }
            else if (!held.position) {
                held.position = { offset: position.offset, epoch: position.epoch };
            }
        }
        for (const denial of (reply.denied ?? [])) {
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
    event(event) {
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
    resync(message) {
        const held = this.held.get(message.channel);
        if (!held) {
            return;
        }
        held.position = { offset: message.offset, epoch: message.epoch };
        held.options.onResync?.({ channel: message.channel, offset: message.offset, epoch: message.epoch,
            reason: message.reason });
    }
    unsubscribed(message) {
        const reason = message.reason;
        if (!reason) {
            return; // the answer to our own unsubscribe
        }
        for (const channel of (message.channels ?? [])) {
            const held = this.held.get(channel);
            if (held) {
                this.held.delete(channel);
                held.options.onDenied?.({ channel, status: reason.status, code: reason.code, message: reason.message });
            }
        }
    }
    answer(message) {
        const id = message.id === undefined ? undefined : String(message.id);
        const pending = id === undefined ? undefined : this.pending.get(id);
        if (pending) {
            this.pending.delete(id);
            pending.resolve(message);
        }
    }
    request(message) {
        if (!this.isAuthenticated) {
            return Promise.reject(new Error(`not connected (state ${this.currentState})`));
        }
        const id = this.newId();
        return new Promise((resolve, reject) => {
            this.pending.set(id, { resolve, reject });
            this.send({ ...message, id });
        });
    }
    failPending(error) {
        const all = [...this.pending.values()];
        this.pending.clear();
        all.forEach((pending) => pending.reject(error));
    }
    send(message) {
        const socket = this.socket;
        if (!socket || socket.readyState !== OPEN) {
            return; // sent again after the reconnect, where it matters
        }
        const text = JSON.stringify(message);
        socket.send(text);
        this.emit('frame', { direction: 'out', text, at: new Date() });
    }
    newId() {
        this.nextId += 1;
        return `c${this.nextId}`;
    }
    setState(change) {
        this.currentState = change.state;
        this.emit('state', change);
    }
    emit(type, value) {
        for (const listener of this.listeners[type]) {
            try {
                listener(value);
            }
            catch (error) {
                // An application listener's failure must not break the connection's bookkeeping.
                if (type !== 'error') {
                    this.emit('error', error instanceof Error ? error : new Error(String(error)));
                }
            }
        }
    }
}
async function socketClass(given) {
    if (given) {
        return given;
    }
    const native = globalThis.WebSocket;
    if (typeof native === 'function') {
        return native;
    }
    const name = 'ws'; // a variable, so that browser bundlers do not try to include Node's package
    try {
        const module = await import(/* webpackIgnore: true */ /* @vite-ignore */ name);
        return (module.WebSocket ?? module.default);
    }
    catch {
        throw new Error('This runtime has no WebSocket: install the "ws" package or pass options.WebSocket');
    }
}
