// The close-code table of SPEC §3 as the client applies it (a pure function: no socket needed).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ABUSE_BACKOFF_MS, backoffDelay, planReconnect } from '../dist/index.js';

const fresh = { attempt: 0, isRepeated4001: false, isRepeated4003: false, canGetToken: true };
const low = () => 0;
const high = () => 0.999999;

test('reconnects with backoff after drain, drops, heartbeat, slow consumer and admin disconnects', () => {
  for (const code of [1001, 1006, 4002, 4009, 4010]) {
    const plan = planReconnect(code, '', fresh, low);
    assert.equal(plan.action, 'reconnect', `code ${code}`);
    assert.equal(plan.newToken, false);
  }
});

test('never reconnects after 1009 (message too large) nor after a normal close', () => {
  assert.equal(planReconnect(1009, '', fresh, low).action, 'stop');
  assert.equal(planReconnect(1000, '', fresh, low).action, 'stop');
});

test('4001 once is retried, 4001 again without an authentication between is a loop and stops', () => {
  assert.equal(planReconnect(4001, '', fresh, low).action, 'reconnect');
  assert.equal(planReconnect(4001, '', { ...fresh, attempt: 1, isRepeated4001: true }, low).action, 'stop');
});

test('4008 waits at least 30 s whatever the jitter and the attempt', () => {
  for (const random of [low, high]) {
    for (const attempt of [0, 3, 20]) {
      const plan = planReconnect(4008, '', { ...fresh, attempt }, random);
      assert.equal(plan.action, 'reconnect');
      assert.ok(plan.delay >= ABUSE_BACKOFF_MS, `delay ${plan.delay} at attempt ${attempt}`);
    }
  }
});

test('4003 token_expired asks for a new token at once; without getToken the client stops', () => {
  assert.deepEqual(planReconnect(4003, 'token_expired', fresh, low), { action: 'reconnect', delay: 0, newToken: 'expired' });
  assert.equal(planReconnect(4003, 'token_revoked', fresh, low).newToken, 'revoked');
  assert.equal(planReconnect(4003, 'token_expired', { ...fresh, canGetToken: false }, low).action, 'stop');
  assert.equal(planReconnect(4003, 'user_disabled', { ...fresh, isRepeated4003: true }, low).action, 'stop');
});

test('4029 (a connection cap) backs off at least 5 s', () => {
  assert.ok(planReconnect(4029, '', fresh, low).delay >= 5_000);
});

test('the backoff grows exponentially to its cap, jittered within the upper half', () => {
  assert.equal(backoffDelay(0, low, { initial: 500, max: 30_000 }), 250);
  assert.equal(backoffDelay(0, high, { initial: 500, max: 30_000 }), 500);
  assert.equal(backoffDelay(3, low, { initial: 500, max: 30_000 }), 2_000);
  assert.equal(backoffDelay(10, low, { initial: 500, max: 30_000 }), 15_000);
  assert.equal(backoffDelay(10, high, { initial: 500, max: 30_000 }), 30_000);
});
