'use strict';
// What both peers share: HS256 token checks (as our server does: signature, exp, tenant), the bench task data, and
// the PATCH /api/v1/app/tasks/:id publish route the generator drives. Kept tiny and dependency-free.
const crypto = require('crypto');

const SECRET = process.env.BENCH_JWT_SECRET || '';
if (Buffer.byteLength(SECRET) < 32) {
  console.error('BENCH_JWT_SECRET must hold at least 32 bytes');
  process.exit(2);
}

function b64url(buf) {
  return buf.toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

/** The claims of a valid HS256 token, or null. */
function verify(token) {
  if (typeof token !== 'string') return null;
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const expected = b64url(crypto.createHmac('sha256', SECRET).update(parts[0] + '.' + parts[1]).digest());
  const a = Buffer.from(expected);
  const b = Buffer.from(parts[2]);
  if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) return null;
  let header;
  let claims;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString());
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString());
  } catch (e) {
    return null;
  }
  if (header.alg !== 'HS256' || typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now() - 5000) return null;
  if (typeof claims.sub !== 'string' || claims.tenant_id !== 'bench') return null;
  return claims;
}

/** The task as our server's PATCH returns it, with the new title. */
function task(id, title) {
  return { id, tenant_id: 'bench', project_id: 'bench-p1', title, status: 'open', assignee_id: null };
}

/**
 * Handles PATCH /api/v1/app/tasks/:id (publish(channel, event, data) fans out) and GET /health; 404 otherwise.
 */
function httpHandler(publish) {
  return (req, res) => {
    if (req.method === 'GET' && req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"up"}');
      return;
    }
    const m = /^\/api\/v1\/app\/tasks\/([A-Za-z0-9_-]{1,64})$/.exec(req.url);
    if (req.method !== 'PATCH' || !m) {
      res.writeHead(404);
      res.end();
      return;
    }
    const auth = req.headers.authorization || '';
    if (!auth.startsWith('Bearer ') || !verify(auth.slice(7))) {
      res.writeHead(401);
      res.end();
      return;
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString());
      } catch (e) {
        res.writeHead(400);
        res.end();
        return;
      }
      const data = task(m[1], String(body.title));
      publish('task.' + m[1], 'task.updated', data);
      publish('project.bench-p1', 'task.updated', data);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data }));
    });
  };
}

module.exports = { verify, httpHandler };
