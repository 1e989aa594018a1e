// SPEC §12 with the real clients from npm, against the real server jar built earlier in the reactor:
// laravel-echo over pusher-js (private and presence channels, auth through our /broadcasting/auth with a Bearer
// token, a denied channel, a revoked user) and the `pusher` server library signing the HTTP API calls as
// Laravel's pusher-php-server does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import Pusher from 'pusher-js';
import Echo from 'laravel-echo';
import PusherServer from 'pusher';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const jar = process.env.ZENA_JAR || join(root, 'app-server/target/zena-server.jar');
const APP = { appId: 'zena-app', key: 'zena-key', secret: 'zena-pusher-secret-0123456789' };
const WAIT = 10_000;

let dir, port, server, env, backend;

function freePort() {
  return new Promise((ok, fail) => {
    const s = net.createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => ok(p)); });
  });
}

function cli(...args) {
  return execFileSync('java', ['-jar', jar, ...args], { env, encoding: 'utf8' }).trim();
}

function token(user) {
  return cli('token', '--user', user).split('\n').pop().trim();
}

function within(promise, what) {
  return Promise.race([promise, new Promise((_, fail) => setTimeout(() => fail(new Error(`no ${what} within ${WAIT} ms`)), WAIT))]);
}

function issuedAt(jwt) {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url')).iat;
}

// SPEC §2: a user's tokens_valid_after invalidates the tokens issued in an earlier whole second, not those of the
// same second; a revocation meant to catch a token must come from the second after its iat on.
async function afterSecond(seconds) {
  while (Math.floor(Date.now() / 1000) <= seconds) {
    await new Promise(ok => setTimeout(ok, 20));
  }
}

function echoAs(user, jwt = token(user)) {
  return new Echo({
    broadcaster: 'pusher', key: APP.key, cluster: 'mt1', Pusher,
    wsHost: '127.0.0.1', wsPort: port, forceTLS: false, enabledTransports: ['ws'], disableStats: true,
    authEndpoint: `http://127.0.0.1:${port}/broadcasting/auth`,
    auth: { headers: { Authorization: `Bearer ${jwt}` } },
  });
}

function subscribed(channel) {
  return within(new Promise((ok, fail) => {
    channel.subscribed(ok);
    channel.error(fail);
  }), 'subscription');
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zena-compat-'));
  port = await freePort();
  env = {
    ...process.env,
    WEBSOCKET_DB: join(dir, 'zena.db'),
    WEBSOCKET_JWT_SECRET: 'compat-secret-0123456789-compat-secret-0123456789',
    WEBSOCKET_PUSHER_APP_ID: APP.appId, WEBSOCKET_PUSHER_KEY: APP.key, WEBSOCKET_PUSHER_SECRET: APP.secret,
    WEBSOCKET_PRESENCE_LEAVE_GRACE: '0s',
  };
  cli('import', join(root, 'app-server/src/test/resources/fixtures/basic.json'));
  server = spawn('java', ['-jar', jar, 'serve', '--host', '127.0.0.1', '--port', String(port)], { env, stdio: 'ignore' });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (r.status === 200) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) throw new Error('server did not become ready');
    await new Promise(r => setTimeout(r, 200));
  }
  backend = new PusherServer({ ...APP, host: '127.0.0.1', port: String(port), useTLS: false });
});

after(() => {
  server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

test('a private channel authorised by our endpoint receives events the pusher library triggers', async () => {
  const echo = echoAs('acme-member');
  try {
    const channel = echo.private('project.acme-tower');
    await subscribed(channel);
    const got = within(new Promise(ok => channel.listen('.task.updated', ok)), 'task.updated');
    await backend.trigger('private-project.acme-tower', 'task.updated', { id: 'acme-t1', status: 'done' });
    assert.deepEqual(await got, { id: 'acme-t1', status: 'done' });
  } finally {
    echo.disconnect();
  }
});

test('the socket that triggered is skipped (socket_id)', async () => {
  const sender = echoAs('acme-member');
  const other = echoAs('acme-member');
  try {
    const mine = sender.private('task.acme-t1');
    const theirs = other.private('task.acme-t1');
    await Promise.all([subscribed(mine), subscribed(theirs)]);
    const seen = [];
    mine.listen('.echoed', e => seen.push(e));
    const got = within(new Promise(ok => theirs.listen('.echoed', ok)), 'echoed on the other socket');
    await backend.trigger('private-task.acme-t1', 'echoed', { n: 1 }, { socket_id: sender.socketId() });
    await got;
    const sentinel = within(new Promise(ok => mine.listen('.sentinel', ok)), 'sentinel');
    await backend.trigger('private-task.acme-t1', 'sentinel', {});
    await sentinel;
    assert.deepEqual(seen, []);
  } finally {
    sender.disconnect();
    other.disconnect();
  }
});

test('presence members come and go', async () => {
  const pm = echoAs('acme-pm');
  const member = echoAs('acme-member');
  try {
    const here = within(new Promise(ok => pm.join('project.acme-tower').here(ok)), 'here');
    assert.deepEqual((await here).map(u => u.name), ['Pat Manager']);
    const joining = within(new Promise(ok => pm.join('project.acme-tower').joining(ok)), 'joining');
    await within(new Promise(ok => member.join('project.acme-tower').here(ok)), 'here (second)');
    assert.equal((await joining).name, 'Mo Member');
    const leaving = within(new Promise(ok => pm.join('project.acme-tower').leaving(ok)), 'leaving');
    member.disconnect();
    assert.equal((await leaving).name, 'Mo Member');
  } finally {
    pm.disconnect();
    member.disconnect();
  }
});

test('a channel the user may not read is refused with 403', async () => {
  const echo = echoAs('acme-client');
  try {
    const error = await within(new Promise(ok => echo.private('project.acme-bridge').error(ok)), 'subscription error');
    assert.equal(error.status, 403);
  } finally {
    echo.disconnect();
  }
});

test('a revoked user is disconnected with 4009', async () => {
  const jwt = token('acme-admin');
  const echo = echoAs('acme-admin', jwt);
  try {
    await subscribed(echo.private('tenant.acme'));
    await afterSecond(issuedAt(jwt));
    const closed = within(new Promise(ok => echo.connector.pusher.connection.bind('error', e => {
      if (e?.data?.code === 4009) ok(e);
    })), 'close 4009');
    cli('revoke', '--user', 'acme-admin');
    assert.equal((await closed).data.code, 4009);
  } finally {
    echo.disconnect();
  }
});
