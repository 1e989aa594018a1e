// A TCP relay between the client and the server, so that a test can drop the connection's sockets the way a
// network does: no close frame, no FIN to the server first.
import { createServer, connect } from 'node:net';

/** Listens on a free loopback port and forwards every connection to `targetPort`. */
export async function startRelay(targetPort) {
  const sockets = new Set();
  const server = createServer((downstream) => {
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [downstream, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    downstream.pipe(upstream);
    upstream.pipe(downstream);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: server.address().port,
    /** Destroys every relayed socket at once (a reset, not a WebSocket close). */
    dropAll() {
      for (const socket of sockets) {
        socket.resetAndDestroy ? socket.resetAndDestroy() : socket.destroy();
      }
    },
    close() {
      this.dropAll();
      return new Promise((r) => server.close(r));
    },
  };
}
