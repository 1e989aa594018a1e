// The real server for the Node tests: the packaged jar, started on a free loopback port with a SQLite store in a
// temporary directory and the demo data, as `serve --demo` does; stopped and started again on the same store.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const JAR = resolve(here, '../../../../app-server/target/zena-server.jar');
export const JWT_SECRET = 'js-client-tests-secret-0123456789abcdef';
export const PUBLISH_KEY = 'js-tests';
export const PUBLISH_SECRET = 'js-client-publish-secret-0123456789';

/** A free loopback port (the kernel's pick, released at once). */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

/** Polls `check` until it returns a truthy value or `ms` pass; the deadline's failure names `what`. */
export async function waitFor(what, check, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Starts the server jar (`serve --demo` on a free port); `env` adds settings. Call `stop()` at the end. */
export async function startServer(env = {}) {
  if (!existsSync(JAR)) {
    throw new Error(`${JAR} is missing: build it first (mvn -B -ntp -pl app-server -am package -DskipTests)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'zena-js-'));
  const port = await freePort();
  const server = {
    port,
    dir,
    url: `ws://127.0.0.1:${port}/ws`,
    http: `http://127.0.0.1:${port}`,
    output: '',
    process: undefined,
    async start() {
      const child = spawn('java', ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', JAR, 'serve', '--demo',
        '--port', String(port)], {
        cwd: dir,
        env: {
          ...process.env,
          WEBSOCKET_DB: join(dir, 'zena.db'),
          WEBSOCKET_JWT_SECRET: JWT_SECRET,
          WEBSOCKET_PUBLISH_KEY: PUBLISH_KEY,
          WEBSOCKET_PUBLISH_SECRET: PUBLISH_SECRET,
          WEBSOCKET_DRAIN_TIMEOUT: '2s',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (chunk) => { server.output += chunk; });
      child.stderr.on('data', (chunk) => { server.output += chunk; });
      server.process = child;
      await waitFor(`the server on port ${port} to be ready\n${server.output}`, async () => {
        if (child.exitCode !== null) {
          throw new Error(`the server exited with ${child.exitCode}:\n${server.output}`);
        }
        try {
          const response = await fetch(`${server.http}/health/ready`);
          return response.status === 200;
        } catch {
          return false;
        }
      }, 60_000);
    },
    /** SIGTERM (the server drains with 1001), and waits for the process to end. */
    async stop() {
      const child = server.process;
      if (!child || child.exitCode !== null || child.signalCode !== null) {
        return;
      }
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
    /** Stops and starts again on the same port and store. */
    async restart() {
      await server.stop();
      await server.start();
    },
    async dispose() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    /** A signed token for a demo user, valid `ttlSeconds` (negative: already expired). */
    token(userId, ttlSeconds = 3600, extra = {}) {
      return signJwt({ sub: userId, tenant_id: userId.split('-')[0], ...extra }, ttlSeconds);
    },
    /** Publishes through the signed server-to-server API; resolves with the HTTP status and body. */
    async publish(channel, event, data, tenantId = 'acme') {
      return server.signedPost('/api/v1/broadcast', { tenant_id: tenantId, channel, event, data });
    },
    /** POSTs `document` to the server-to-server API (`/api/v1/broadcast`, `/api/v1/sync`), HMAC-signed now. */
    async signedPost(path, document) {
      const body = JSON.stringify(document);
      const timestamp = Math.floor(Date.now() / 1000);
      const signature = createHmac('sha256', PUBLISH_SECRET).update(`${timestamp}.${body}`).digest('hex');
      const response = await fetch(`${server.http}${path}`, {
        method: 'POST', body,
        headers: { 'Content-Type': 'application/json', 'X-Zena-Key': PUBLISH_KEY,
          'X-Zena-Timestamp': String(timestamp), 'X-Zena-Signature': signature },
      });
      return { status: response.status, body: await response.text() };
    },
    /** An App or admin API call with a user's token. */
    async api(method, path, userId, body) {
      const response = await fetch(`${server.http}${path}`, {
        method,
        headers: { Authorization: `Bearer ${server.token(userId)}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : undefined };
    },
  };
  await server.start();
  return server;
}

/** HS256 JWT, written from RFC 7519 here so that the tests do not trust the server's own signer. */
export function signJwt(claims, ttlSeconds) {
  const now = Math.floor(Date.now() / 1000);
  const base64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const head = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ iat: now, exp: now + ttlSeconds, ...claims })}`;
  return `${head}.${createHmac('sha256', JWT_SECRET).update(head).digest('base64url')}`;
}
