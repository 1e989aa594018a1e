// Redis and PostgreSQL for the cluster test, started from the installed binaries on free loopback ports with
// throw-away data (as app-server's testing.TestRedis and testing.TestPostgres do), and stopped by process id.
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from './server.mjs';
import { connect as tcp } from 'node:net';

function answers(port) {
  return new Promise((resolve) => {
    const socket = tcp(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/** A Redis on a free port, no persistence. */
export async function startRedis() {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly',
    'no'], { stdio: 'ignore' });
  await waitFor(`redis on ${port}`, () => answers(port));
  return { url: `redis://127.0.0.1:${port}/0`, stop: () => child.kill('SIGKILL') };
}

/** A PostgreSQL (Debian's, /usr/lib/postgresql/N/bin) on a free port, trusted from 127.0.0.1, run as `postgres`. */
export async function startPostgres() {
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort() : [];
  if (versions.length === 0) {
    throw new Error('PostgreSQL is not installed: apt-get install postgresql (.ci/run does)');
  }
  const bin = `/usr/lib/postgresql/${versions.at(-1)}/bin`;
  const dir = mkdtempSync(join(tmpdir(), 'zena-js-pg-'));
  const isRoot = userInfo().uid === 0;
  const as = (tool, args) => (isRoot ? ['runuser', ['-u', 'postgres', '--', `${bin}/${tool}`, ...args]]
    : [`${bin}/${tool}`, args]);
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  execFileSync(...as('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']),
    { stdio: 'ignore' });
  appendFileSync(join(data, 'postgresql.conf'), "\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n"
    + 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n');
  writeFileSync(join(data, 'pg_hba.conf'), 'host all all 127.0.0.1/32 trust\n');
  const port = await freePort();
  execFileSync(...as('pg_ctl', ['start', '-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o',
    `-p ${port}`]), { stdio: 'ignore' });
  return {
    url: `jdbc:postgresql://127.0.0.1:${port}/postgres`,
    stop() {
      try {
        execFileSync(...as('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w', '-t', '30']), { stdio: 'ignore' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
