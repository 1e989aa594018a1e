'use strict';
// Soketi 1.6 (npm @soketi/soketi), the Pusher protocol 7 server Laravel apps run beside Reverb, started from its own
// Server class with one app and every listener on 127.0.0.1. Usage: node server.js PORT (app id, key and secret from
// BENCH_PUSHER_APP_ID / BENCH_PUSHER_KEY / BENCH_PUSHER_SECRET). Soketi finds the other nodes of its cluster by UDP
// broadcast to 255.255.255.255 and binds that socket to 0.0.0.0 unless told otherwise: here discovery binds to
// 127.0.0.1 and talks only to 127.0.0.1 (unicast), on a port of its own (SOKETI_DISCOVERY_PORT), and the metrics
// listener (always started, /usage) is on 127.0.0.1 too. Logs only warnings and errors.
const path = require('path');
const { Server } = require(path.join(__dirname, 'node_modules/@soketi/soketi/dist/server.js'));

const port = Number(process.argv[2] || 6001);
const appId = process.env.BENCH_PUSHER_APP_ID;
const key = process.env.BENCH_PUSHER_KEY;
const secret = process.env.BENCH_PUSHER_SECRET;
const discoveryPort = Number(process.env.SOKETI_DISCOVERY_PORT || 0);
const metricsPort = Number(process.env.SOKETI_METRICS_PORT || 0);
if (!appId || !key || !secret || !discoveryPort || !metricsPort) {
  console.error('BENCH_PUSHER_APP_ID, BENCH_PUSHER_KEY, BENCH_PUSHER_SECRET, SOKETI_DISCOVERY_PORT and SOKETI_METRICS_PORT are required');
  process.exit(2);
}

const server = new Server({
  host: '127.0.0.1',
  port,
  debug: false,
  'appManager.array.apps.0.id': appId,
  'appManager.array.apps.0.key': key,
  'appManager.array.apps.0.secret': secret,
  'appManager.array.apps.0.maxConnections': -1,
  'appManager.array.apps.0.maxBackendEventsPerSecond': -1,
  'cluster.hostname': '127.0.0.1',
  'cluster.address': '127.0.0.1',
  'cluster.unicast': '127.0.0.1',
  'cluster.broadcast': '127.0.0.1',
  'cluster.port': discoveryPort,
  'metrics.host': '127.0.0.1',
  'metrics.port': metricsPort,
});
server.start();

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.stop().then(() => process.exit(0), () => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
