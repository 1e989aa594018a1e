// A backend that publishes numbered events continuously, and remembers which ones the server accepted.
import { waitFor } from './server.mjs';

/** Publishes `{seq}` to `channel` one after another until `stop()`; a refused or failed publish is retried. */
export function publishContinuously(server, channel) {
  const accepted = [];
  let isRunning = true;
  let seq = 0;
  const done = (async () => {
    while (isRunning) {
      const next = seq + 1;
      try {
        const { status } = await server.publish(channel, 'tick', { seq: next });
        if (status === 200) {
          accepted.push(next);
          seq = next;
        }
      } catch {
        // the server is down (a restart): try again shortly
      }
      await new Promise((r) => setTimeout(r, 15));
    }
  })();
  return {
    accepted,
    async stop() {
      isRunning = false;
      await done;
    },
    /** Waits until at least `n` more events than now were accepted. */
    async more(n) {
      const target = accepted.length + n;
      await waitFor(`${n} more accepted publishes`, () => accepted.length >= target, 30_000);
    },
  };
}
