'use strict';
// Socket.IO peer: rooms as channels. The token comes in the namespace connect (auth.token); `subscribe` joins rooms
// and answers `subscription`; a publish emits `event` with a per-channel offset to the room (encoded once by
// Socket.IO's broadcast). WebSocket transport only. Usage: node socketio-server.js PORT (127.0.0.1 only).
const http = require('http');
const { Server } = require('socket.io');
const { verify, httpHandler } = require('./common');

const port = Number(process.argv[2] || 8082);
const offsets = new Map();
let io;

function publish(channel, event, data) {
  const offset = (offsets.get(channel) || 0) + 1;
  offsets.set(channel, offset);
  io.to(channel).emit('event', { channel, event, data, offset, timestamp: new Date().toISOString() });
}

const server = http.createServer(httpHandler(publish));
io = new Server(server, { transports: ['websocket'], serveClient: false, perMessageDeflate: false,
  httpCompression: false });

io.use((socket, next) => {
  const claims = verify(socket.handshake.auth && socket.handshake.auth.token);
  if (!claims) return next(new Error('AUTH_INVALID'));
  socket.data.user = claims.sub;
  return next();
});

io.on('connection', (socket) => {
  socket.on('subscribe', (msg) => {
    const channels = Array.isArray(msg && msg.channels) ? msg.channels : [msg && msg.channel];
    socket.join(channels);
    socket.emit('subscription', { granted: channels, denied: [] });
  });
});

server.listen(port, '127.0.0.1', () => console.log(`socket.io peer listening on 127.0.0.1:${port}`));
process.on('SIGTERM', () => process.exit(0));
