// Exactly-once, in-order delivery across the ways a connection dies (SPEC §13, issue 17 item 2), against the real
// server while a backend publishes continuously through the signed publish API.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { connect } from '../dist/index.js';
import { publishContinuously } from './support/publisher.mjs';
import { assertContiguousOffsets, recorder } from './support/recorder.mjs';
import { startRelay } from './support/relay.mjs';
import { startServer, waitFor } from './support/server.mjs';

const CHANNEL = 'project.acme-tower';
let server;

before(async () => {
  server = await startServer();
});

after(async () => {
  await server?.dispose();
});

/** Connects acme-member (through `url`) and subscribes to CHANNEL; resolves once the subscription is granted. */
async function subscribed(url) {
  const app = recorder();
  const states = [];
  const client = connect({
    url, getToken: () => server.token('acme-member'), backoff: { initial: 100, max: 1_000 },
  });
  client.on('state', (change) => states.push(change));
  const subscription = client.subscribe(CHANNEL, app.handlers);
  await waitFor('the subscription position', () => subscription.position !== undefined);
  return { client, app, states, subscription };
}

/** Publishes until the client has a few events, kills the connection, and checks what the application saw. */
async function survives(url, kill) {
  const { client, app, states } = await subscribed(url);
  const publisher = publishContinuously(server, CHANNEL);
  try {
    await publisher.more(10);
    await app.seenSeq(publisher.accepted[5]);
    const firstConnection = client.connectionId;
    await kill(client);
    await waitFor('a reconnect', () => client.state === 'connected' && client.connectionId !== firstConnection);
    await publisher.more(10);
  } finally {
    await publisher.stop();
  }
  const last = publisher.accepted.at(-1);
  await app.seenSeq(last, `the last accepted event #${last}`);
  client.close();
  return { app, states, accepted: publisher.accepted };
}

test('DELETE of the connection through the admin API (4010): every event once, in order', async () => {
  const { app, states, accepted } = await survives(server.url, async (client) => {
    const response = await server.api('DELETE', `/api/v1/admin/connections/${client.connectionId}`, 'acme-admin');
    assert.equal(response.status, 200, JSON.stringify(response.json));
    assert.equal(response.json.code, 4010);
  });
  assert.ok(states.some((s) => s.state === 'reconnecting' && s.code === 4010), JSON.stringify(states));
  assert.deepEqual(app.seqs(), accepted);
  assert.deepEqual(app.resyncs, []);
  assertContiguousOffsets(assert, app.seen);
  assert.ok(app.seen.some((event) => event.recovered === true), 'some events came back from history');
});

test('a dropped TCP connection (no close frame): every event once, in order', async () => {
  const relay = await startRelay(server.port);
  try {
    const { app, states, accepted } = await survives(`ws://127.0.0.1:${relay.port}/ws`, async () => relay.dropAll());
    assert.ok(states.some((s) => s.state === 'reconnecting' && s.code === 1006), JSON.stringify(states));
    assert.deepEqual(app.seqs(), accepted);
    assert.deepEqual(app.resyncs, []);
    assertContiguousOffsets(assert, app.seen);
  } finally {
    await relay.close();
  }
});

test('a server restart on the same store: the lost history is announced by a resync, never skipped silently',
  async () => {
    const { app, states, accepted } = await survives(server.url, () => server.restart());
    assert.ok(states.some((s) => s.state === 'reconnecting' && s.code === 1001), JSON.stringify(states));
    // A single node's history does not outlive it (SPEC §9): the client must be told so.
    assert.equal(app.resyncs.length, 1, JSON.stringify(app.resyncs));
    assert.equal(app.resyncs[0].reason, 'epoch_changed');
    const seqs = app.seqs();
    assert.deepEqual(seqs, [...new Set(seqs)].sort((a, b) => a - b), 'no duplicate, ascending');
    // What the application did not see is one block, exactly where the resync stands; everything after is seen.
    const resyncAt = app.log.findIndex((entry) => entry.kind === 'resync');
    const lastBefore = app.log.slice(0, resyncAt).filter((e) => e.kind === 'event').at(-1).seq;
    const missing = accepted.filter((seq) => !seqs.includes(seq));
    assert.ok(missing.every((seq) => seq > lastBefore), `missing ${missing} all after #${lastBefore}`);
    const firstAfter = app.log.slice(resyncAt).find((e) => e.kind === 'event').seq;
    assert.ok(missing.every((seq) => seq < firstAfter), `missing ${missing} all before #${firstAfter}`);
    assertContiguousOffsets(assert, app.seen, app.resyncs);
  });
