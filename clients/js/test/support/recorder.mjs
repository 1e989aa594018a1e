// What the application sees of one subscription: events, resyncs and denials, in arrival order.
import { waitFor } from './server.mjs';

export function recorder() {
  const seen = [];
  const resyncs = [];
  const denials = [];
  const presence = [];
  const log = [];
  return {
    seen, resyncs, denials, presence, log,
    handlers: {
      onEvent: (event) => { seen.push(event); log.push({ kind: 'event', seq: event.data?.seq, offset: event.offset }); },
      onResync: (resync) => { resyncs.push(resync); log.push({ kind: 'resync', ...resync }); },
      onDenied: (denial) => { denials.push(denial); },
      onPresence: (change) => { presence.push(change); },
    },
    seqs: () => seen.map((event) => event.data.seq),
    async seenSeq(seq, what = `event #${seq}`) {
      await waitFor(what, () => seen.some((event) => event.data?.seq === seq), 30_000);
    },
  };
}

/** Offsets rise by exactly one within an epoch: no duplicate, no reordering, no silent gap. */
export function assertContiguousOffsets(assert, events, resyncs = []) {
  for (let i = 1; i < events.length; i++) {
    const before = events[i - 1];
    const after = events[i];
    if (before.epoch === after.epoch) {
      const announced = resyncs.some((r) => r.epoch === after.epoch && r.offset === after.offset - 1);
      assert.ok(after.offset === before.offset + 1 || announced,
        `offset ${after.offset} follows ${before.offset} in epoch ${after.epoch}`);
    }
  }
}
