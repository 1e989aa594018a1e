// Denials with their codes, presence, token refresh and the 4008 backoff, against the real server (SPEC §13).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ABUSE_BACKOFF_MS, ZenaError, connect } from '../dist/index.js';
import { recorder } from './support/recorder.mjs';
import { startServer, waitFor } from './support/server.mjs';

let server;
const clients = [];

before(async () => {
  // No leeway, so that a token's expiry is its exp; no leave grace, so that `left` follows a close at once.
  server = await startServer({ WEBSOCKET_JWT_LEEWAY: '0s', WEBSOCKET_PRESENCE_LEAVE_GRACE: '0s' });
});

after(async () => {
  clients.forEach((client) => client.close());
  await server?.dispose();
});

function open(userId, options = {}) {
  const client = connect({ url: server.url, getToken: () => server.token(userId), ...options });
  clients.push(client);
  return client;
}

/** Time that can be moved by hand; delays of 0 run on the real event loop. */
function fakeTimers() {
  let offset = 0;
  let next = 0;
  const queue = new Map();
  const timers = {
    now: () => Date.now() + offset,
    setTimeout(callback, delayMs) {
      const id = ++next;
      queue.set(id, { callback, delayMs, due: timers.now() + delayMs });
      if (delayMs <= 0) {
        setImmediate(() => queue.delete(id) && callback());
      }
      return id;
    },
    clearTimeout: (id) => queue.delete(id),
    pending: () => [...queue.values()],
    advance(ms) {
      offset += ms;
      for (const [id, timer] of [...queue]) {
        if (timer.due <= timers.now() && queue.delete(id)) {
          timer.callback();
        }
      }
    },
  };
  return timers;
}

test('denials surface with their status and code; the granted channel still gets its events', async () => {
  const client = open('acme-member');
  const denied = recorder();
  const granted = recorder();
  client.subscribe('project.globex-plant', denied.handlers); // another tenant
  client.subscribe('project.acme-nothing', denied.handlers); // no such project
  client.subscribe('nosuch.channel', denied.handlers); // matches no pattern
  client.subscribe('dashboard.acme-pm', denied.handlers); // another user's
  const tower = client.subscribe('project.acme-tower', granted.handlers);
  await waitFor('four denials', () => denied.denials.length === 4);
  const byChannel = Object.fromEntries(denied.denials.map((d) => [d.channel, [d.status, d.code]]));
  assert.deepEqual(byChannel, {
    'project.globex-plant': [403, 'FORBIDDEN'],
    'project.acme-nothing': [404, 'NOT_FOUND'],
    'nosuch.channel': [400, 'INVALID_MESSAGE'],
    'dashboard.acme-pm': [403, 'FORBIDDEN'],
  });
  await waitFor('the granted position', () => tower.position !== undefined);
  assert.equal((await server.publish('project.acme-tower', 'tick', { seq: 1 })).status, 200);
  await granted.seenSeq(1);
  assert.equal(denied.seen.length, 0);
});

test('access taken away by the backend surfaces as a denial with its code, and no event follows', async () => {
  const client = open('acme-client');
  const app = recorder();
  const tower = client.subscribe('project.acme-tower', app.handlers);
  await waitFor('the position', () => tower.position !== undefined);
  const sync = await server.signedPost('/api/v1/sync', { projects: [{ id: 'acme-tower', tenant_id: 'acme',
    name: 'Harbour Tower', members: ['acme-pm', 'acme-member'] }] });
  assert.equal(sync.status, 200, sync.body);
  await waitFor('the denial', () => app.denials.length === 1);
  assert.deepEqual([app.denials[0].channel, app.denials[0].status, app.denials[0].code],
    ['project.acme-tower', 403, 'FORBIDDEN']);
  // Sentinel: a channel still held gets the next event, the lost one does not.
  const own = recorder();
  const dashboard = client.subscribe('dashboard.acme-client', own.handlers);
  await waitFor('the dashboard position', () => dashboard.position !== undefined);
  await server.publish('project.acme-tower', 'tick', { seq: 2 });
  await server.publish('dashboard.acme-client', 'tick', { seq: 3 });
  await own.seenSeq(3);
  assert.equal(app.seen.length, 0);
  const restore = await server.signedPost('/api/v1/sync', { projects: [{ id: 'acme-tower', tenant_id: 'acme',
    name: 'Harbour Tower', members: ['acme-pm', 'acme-member', 'acme-client'] }] });
  assert.equal(restore.status, 200, restore.body);
});

test('presence: who is there, joined and left events, and a refused presence with its code', async () => {
  const watcher = open('acme-member');
  const app = recorder();
  const tower = watcher.subscribe('project.acme-tower', { ...app.handlers, presence: true });
  await waitFor('the position', () => tower.position !== undefined);
  const other = open('acme-pm');
  const pm = other.subscribe('project.acme-tower');
  await waitFor('the pm subscribed', () => pm.position !== undefined);
  await waitFor('joined', () => app.presence.some((p) => p.event === 'joined' && p.user.user_id === 'acme-pm'));
  const reply = await watcher.presence('project.acme-tower');
  assert.deepEqual(reply.users.map((u) => u.user_id).sort(), ['acme-member', 'acme-pm']);
  assert.equal(reply.count, 2);
  other.close();
  await waitFor('left', () => app.presence.some((p) => p.event === 'left' && p.user.user_id === 'acme-pm'));
  await assert.rejects(watcher.presence('project.globex-plant'),
    (error) => error instanceof ZenaError && error.status === 403 && error.code === 'FORBIDDEN');
});

test('the token is refreshed before expires_at on the same connection', async () => {
  const reasons = [];
  const client = open('acme-member', {
    getToken: (reason) => { reasons.push(reason); return server.token('acme-member', 4); },
  });
  const authentications = [];
  client.on('authenticated', (auth) => authentications.push({ connection: client.connectionId, ...auth }));
  const app = recorder();
  const tower = client.subscribe('project.acme-tower', app.handlers);
  await waitFor('the position', () => tower.position !== undefined);
  const firstExpiry = Date.parse(authentications[0].expires_at);
  await waitFor('past the first token expiry', () => Date.now() > firstExpiry + 1_500, 10_000);
  assert.ok(reasons.filter((r) => r === 'refresh').length >= 1, reasons.join());
  assert.ok(authentications.length >= 2);
  assert.ok(authentications.every((a) => a.connection === authentications[0].connection), 'one connection');
  assert.equal(client.state, 'connected');
  await server.publish('project.acme-tower', 'tick', { seq: 10 });
  await app.seenSeq(10);
});

test('after 4003 token_expired the client asks for a new token, reconnects and recovers', async () => {
  const reasons = [];
  const states = [];
  let published;
  const isPublished = new Promise((resolve) => { published = resolve; });
  const client = open('acme-member', {
    getToken: async (reason) => {
      reasons.push(reason);
      if (reason === 'refresh') {
        throw new Error('the session service is down'); // so that the token really expires
      }
      if (reason === 'expired') {
        await isPublished; // the client stays away until an event was published meanwhile
      }
      return server.token('acme-member', reason === 'initial' ? 3 : 3600);
    },
  });
  client.on('state', (change) => states.push(change));
  const app = recorder();
  const tower = client.subscribe('project.acme-tower', app.handlers);
  await waitFor('the position', () => tower.position !== undefined);
  await waitFor('4003', () => states.some((s) => s.code === 4003), 10_000);
  // Published while the client is away: recovered from history after the reconnect.
  assert.equal((await server.publish('project.acme-tower', 'tick', { seq: 20 })).status, 200);
  published();
  await waitFor('connected again', () => client.state === 'connected' && reasons.includes('expired'));
  await app.seenSeq(20);
  assert.equal(states.find((s) => s.code === 4003).reason, 'token_expired');
  assert.deepEqual(reasons.slice(0, 3), ['initial', 'refresh', 'expired']);
  assert.deepEqual(app.seen.map((e) => [e.data.seq, e.recovered]), [[20, true]]);
});

test('after 4008 (sustained flooding) the client waits at least 30 s, measured on a fake clock', async () => {
  const timers = fakeTimers();
  const states = [];
  const client = open('acme-pm', { timers });
  client.on('state', (change) => states.push(change));
  await waitFor('connected', () => client.state === 'connected');
  const flood = setInterval(() => client.ping().catch(() => undefined), 20);
  try {
    await waitFor('4008', () => states.some((s) => s.code === 4008), 15_000);
  } finally {
    clearInterval(flood);
  }
  const closed = states.find((s) => s.code === 4008);
  assert.equal(closed.state, 'reconnecting');
  assert.ok(closed.delay >= ABUSE_BACKOFF_MS, `delay ${closed.delay}`);
  const reconnect = timers.pending().find((t) => t.delayMs === closed.delay);
  assert.ok(reconnect, 'the reconnect is scheduled on the given clock');
  timers.advance(ABUSE_BACKOFF_MS - 1_000);
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(client.state, 'reconnecting', 'still waiting before 30 s');
  timers.advance(closed.delay);
  await waitFor('connected again', () => client.state === 'connected');
});

test('with several URLs, a node that does not answer is passed over for the next one', async () => {
  const { freePort } = await import('./support/server.mjs');
  const dead = `ws://127.0.0.1:${await freePort()}/ws`;
  const states = [];
  const client = connect({ url: [dead, server.url], getToken: () => server.token('acme-member'),
    backoff: { initial: 50, max: 200 } });
  clients.push(client);
  client.on('state', (change) => states.push(change));
  const app = recorder();
  const tower = client.subscribe('project.acme-tower', app.handlers);
  await waitFor('connected to the live node', () => client.state === 'connected' && tower.position !== undefined);
  assert.equal(states.filter((s) => s.state === 'reconnecting').length, 1, JSON.stringify(states));
  assert.equal(states.find((s) => s.state === 'reconnecting').code, 1006);
});
