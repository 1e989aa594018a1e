'use strict';
// Node `ws` peer speaking Zena's protocol subset (SPEC §3): connection greeting, authenticate -> authentication,
// subscribe -> subscription (every channel granted), ping -> pong, and events with per-channel offsets, encoded
// once per publish. Usage: node ws-server.js PORT (listens on 127.0.0.1 only).
const http = require('http');
const crypto = require('crypto');
const { WebSocketServer } = require('ws');
const { verify, httpHandler } = require('./common');

const port = Number(process.argv[2] || 8081);
const subscribers = new Map(); // channel -> Set<ws>
const offsets = new Map();     // channel -> last offset

function publish(channel, event, data) {
  const offset = (offsets.get(channel) || 0) + 1;
  offsets.set(channel, offset);
  const set = subscribers.get(channel);
  if (!set || set.size === 0) return 0;
  const text = JSON.stringify({ type: 'event', channel, event, data, offset, timestamp: new Date().toISOString() });
  for (const ws of set) ws.send(text);
  return set.size;
}

const server = http.createServer(httpHandler(publish));
// A token at the handshake (SPEC §2, `?token=`): an invalid one is refused with 401 before the upgrade.
function verifyClient(info) {
  const token = new URL(info.req.url, 'http://x').searchParams.get('token');
  info.req.claims = token === null ? null : verify(token);
  return token === null || Boolean(info.req.claims);
}
const wss = new WebSocketServer({ server, path: '/ws', perMessageDeflate: false, verifyClient });

function authentication(claims) {
  return { type: 'authentication', status: 'success', user_id: claims.sub, tenant_id: claims.tenant_id,
    user_name: claims.sub, expires_at: new Date(claims.exp * 1000).toISOString() };
}

wss.on('connection', (ws, req) => {
  ws.channels = new Set();
  ws.user = null;
  const send = (msg) => ws.send(JSON.stringify({ ...msg, timestamp: new Date().toISOString() }));
  send({ type: 'connection', connection_id: crypto.randomUUID(), heartbeat: { interval: 30, timeout: 60 } });
  if (req.claims) {
    ws.user = req.claims.sub;
    send(authentication(req.claims));
  }
  ws.on('message', (raw, isBinary) => {
    let msg;
    try {
      msg = JSON.parse(raw.toString());
    } catch (e) {
      msg = null;
    }
    if (isBinary || !msg || typeof msg.type !== 'string') {
      send({ type: 'error', code: 'INVALID_MESSAGE', status: 400, message: 'Invalid message' });
      return;
    }
    if (msg.type === 'authenticate') {
      const claims = verify(msg.token);
      if (!claims) {
        send({ type: 'error', code: 'AUTH_INVALID', status: 401, message: 'Authentication failed' });
        return;
      }
      ws.user = claims.sub;
      send(authentication(claims));
    } else if (msg.type === 'subscribe') {
      if (!ws.user) {
        send({ type: 'error', code: 'AUTH_REQUIRED', status: 401, message: 'Authentication required' });
        return;
      }
      const channels = Array.isArray(msg.channels) ? msg.channels : [msg.channel];
      for (const c of channels) {
        ws.channels.add(c);
        if (!subscribers.has(c)) subscribers.set(c, new Set());
        subscribers.get(c).add(ws);
      }
      send({ type: 'subscription', granted: channels, denied: [] });
    } else if (msg.type === 'ping') {
      send({ type: 'pong' });
    } else {
      send({ type: 'error', code: 'UNKNOWN_TYPE', status: 400, message: 'Unknown type' });
    }
  });
  ws.on('close', () => {
    for (const c of ws.channels) {
      const set = subscribers.get(c);
      if (set) {
        set.delete(ws);
        if (set.size === 0) subscribers.delete(c);
      }
    }
  });
});

server.listen(port, '127.0.0.1', () => console.log(`ws peer listening on 127.0.0.1:${port}`));
process.on('SIGTERM', () => process.exit(0));
