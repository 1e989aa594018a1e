// Issue 17 item 2, last sentence: in a cluster (broker redis, store postgres), a node killed without warning
// (SIGKILL: no drain, no close frame); the client moves to another node and recovers from the shared history.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { connect } from '../dist/index.js';
import { startPostgres, startRedis } from './support/engines.mjs';
import { publishContinuously } from './support/publisher.mjs';
import { assertContiguousOffsets, recorder } from './support/recorder.mjs';
import { startServer, waitFor } from './support/server.mjs';

const CHANNEL = 'project.acme-tower';
let redis;
let postgres;
let first;
let second;

before(async () => {
  redis = await startRedis();
  postgres = await startPostgres();
  const cluster = { WEBSOCKET_BROKER: 'redis', WEBSOCKET_REDIS_URL: redis.url, WEBSOCKET_DB: postgres.url,
    WEBSOCKET_DB_USER: 'postgres' };
  first = await startServer(cluster); // loads the demo data into the empty shared store
  second = await startServer(cluster);
});

after(async () => {
  await first?.dispose();
  await second?.dispose();
  postgres?.stop();
  redis?.stop();
});

test('a node killed: the client moves to the other node and recovers every event once, in order', async () => {
  const app = recorder();
  const states = [];
  const client = connect({ url: [first.url, second.url], getToken: () => second.token('acme-member'),
    backoff: { initial: 100, max: 1_000 } });
  client.on('state', (change) => states.push(change));
  const tower = client.subscribe(CHANNEL, app.handlers);
  await waitFor('the position', () => tower.position !== undefined, 30_000);
  const publisher = publishContinuously(second, CHANNEL); // the backend publishes through the surviving node
  try {
    await publisher.more(10);
    await app.seenSeq(publisher.accepted[5]);
    first.process.kill('SIGKILL');
    await waitFor('connected to the other node', () => client.state === 'connected'
      && states.some((s) => s.state === 'reconnecting'), 30_000);
    await publisher.more(10);
  } finally {
    await publisher.stop();
  }
  await app.seenSeq(publisher.accepted.at(-1));
  client.close();
  assert.ok(states.some((s) => s.state === 'reconnecting' && s.code === 1006), JSON.stringify(states));
  assert.deepEqual(app.seqs(), publisher.accepted);
  assert.deepEqual(app.resyncs, []);
  assertContiguousOffsets(assert, app.seen);
  assert.ok(app.seen.some((event) => event.recovered === true), 'the gap came back from the shared history');
});
