// The debug page (SPEC §13): everything it does goes through @zena/realtime-client (a copy under ./client/,
// kept in step by `npm run sync-debug-page` in clients/js) and the public HTTP API.
import { connect } from './client/index.js';

const $ = (id) => document.getElementById(id);
const rows = new Map();
let client;

$('url').value = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;

// `serve --demo` prints a link with a token in the fragment: the browser never sends a fragment to the server.
const fragment = new URLSearchParams(location.hash.slice(1));
if (fragment.get('token')) {
  $('token').value = fragment.get('token');
  $('admin-token').value = fragment.get('token');
  history.replaceState(null, '', location.pathname);
}

function time(at = new Date()) {
  return at.toISOString().slice(11, 23);
}

// A token is shown by its first characters only: the log is for reading and screen sharing.
function redacted(text) {
  return text.replace(/"token":"([^"]{0,10})[^"]*"/g, '"token":"$1…"');
}

function logFrame(direction, text, at) {
  const item = document.createElement('li');
  item.className = direction;
  const stamp = document.createElement('time');
  stamp.textContent = time(at);
  const dir = document.createElement('span');
  dir.className = 'dir';
  dir.textContent = direction === 'in' ? '←' : direction === 'out' ? '→' : '·';
  item.append(stamp, dir, document.createTextNode(redacted(text)));
  const list = $('frames');
  const isAtBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
  list.append(item);
  while (list.children.length > 2000) {
    list.firstChild.remove();
  }
  if (isAtBottom) {
    list.scrollTop = list.scrollHeight;
  }
}

function note(text) {
  logFrame('note', text, new Date());
}

function setConnected(isOn) {
  $('connect').disabled = isOn;
  $('disconnect').disabled = !isOn;
  $('ping').disabled = !isOn;
  $('subscribe').disabled = !isOn;
}

function row(channel) {
  let tr = rows.get(channel);
  if (!tr) {
    tr = document.createElement('tr');
    tr.dataset.channel = channel;
    tr.innerHTML = '<td class="name"></td><td class="status"></td><td class="position"></td><td class="last"></td>'
      + '<td class="actions"></td>';
    tr.querySelector('.name').textContent = channel;
    $('channels').tBodies[0].append(tr);
    rows.set(channel, tr);
  }
  return tr;
}

function show(channel, cells, state) {
  const tr = row(channel);
  if (state) {
    tr.className = state;
  }
  for (const [name, text] of Object.entries(cells)) {
    tr.querySelector(`.${name}`).textContent = text;
  }
}

function actions(channel, subscription) {
  const cell = row(channel).querySelector('.actions');
  cell.textContent = '';
  if (!subscription) {
    return;
  }
  const presence = document.createElement('button');
  presence.className = 'quiet';
  presence.textContent = 'presence';
  presence.onclick = async () => {
    try {
      const reply = await client.presence(channel);
      show(channel, { last: `${reply.count} present: ${reply.users.map((u) => `${u.user_id}×${u.connections}`).join(', ')}` });
    } catch (error) {
      show(channel, { last: `presence refused: ${error.status ?? ''} ${error.code ?? ''} ${error.message}` });
    }
  };
  const leave = document.createElement('button');
  leave.className = 'quiet';
  leave.textContent = 'unsubscribe';
  leave.onclick = () => {
    subscription.unsubscribe();
    show(channel, { status: 'unsubscribed' }, 'left');
    cell.textContent = '';
  };
  cell.append(presence, ' ', leave);
}

function position(subscription) {
  const p = subscription.position;
  return p ? `${p.offset} @ ${p.epoch}` : '—';
}

$('fetch-token').onclick = async () => {
  const result = $('fetch-result');
  result.textContent = 'asking…';
  try {
    const response = await fetch('/api/v1/admin/tokens', {
      method: 'POST',
      headers: { Authorization: `Bearer ${$('admin-token').value.trim()}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ user_id: $('token-user').value.trim(), ttl_seconds: Number($('token-ttl').value) }),
    });
    const body = await response.json();
    if (!response.ok) {
      result.textContent = `refused: ${response.status} ${body.error?.code ?? ''} ${body.error?.message ?? ''}`;
      return;
    }
    $('token').value = body.token;
    result.textContent = `token for ${body.user_id} (tenant ${body.tenant_id}) until ${body.expires_at}`;
  } catch (error) {
    result.textContent = `failed: ${error.message}`;
  }
};

$('connect').onclick = () => {
  if (!$('token').value.trim()) {
    note('paste or fetch a token first');
    return;
  }
  rows.forEach((tr) => tr.remove());
  rows.clear();
  client = connect({
    url: $('url').value.trim(),
    // Asked again after 4003 token_expired and before expires_at: paste a fresh token into the field meanwhile.
    getToken: () => $('token').value.trim(),
  });
  client.on('frame', (frame) => logFrame(frame.direction, frame.text, frame.at));
  client.on('state', (change) => {
    const state = $('state');
    state.className = change.state;
    const detail = [change.code && `close ${change.code}`, change.reason, change.delay !== undefined
      && `retry in ${change.delay} ms`, change.why].filter(Boolean).join(' · ');
    state.textContent = detail ? `${change.state} (${detail})` : change.state;
    $('connection-id').textContent = client.connectionId ?? '—';
    if (change.state !== 'connected') {
      note(`state: ${state.textContent}`);
    }
    setConnected(change.state !== 'closed');
  });
  client.on('authenticated', (auth) => {
    $('user').textContent = `${auth.user_id} (${auth.user_name}, tenant ${auth.tenant_id})`;
    $('expires').textContent = auth.expires_at;
    $('connection-id').textContent = client.connectionId ?? '—';
  });
  client.on('error', (error) => note(`error: ${error.code ?? ''} ${error.message}`));
  setConnected(true);
};

$('disconnect').onclick = () => client?.close();

$('ping').onclick = async () => {
  try {
    $('rtt').textContent = `${await client.ping()} ms at ${time()}`;
  } catch (error) {
    $('rtt').textContent = `failed: ${error.message}`;
  }
};

$('subscribe').onclick = () => {
  const channel = $('channel').value.trim();
  if (!channel || !client) {
    return;
  }
  let subscription;
  try {
    subscription = client.subscribe(channel, {
      presence: $('presence-events').checked,
      onEvent: (event) => show(channel, { status: 'granted', position: position(subscription),
        last: `${event.recovered ? 'recovered ' : ''}${event.test ? 'test ' : ''}${event.event} #${event.offset}` },
      'granted'),
      onDenied: (denial) => {
        show(channel, { status: `denied ${denial.status} ${denial.code}`, last: denial.message }, 'denied');
        actions(channel, undefined);
      },
      onResync: (resync) => show(channel, { position: position(subscription),
        last: `resync (${resync.reason}): re-read the REST twin` }),
      onPresence: (change) => show(channel, { last: change.type === 'presence_event'
        ? `${change.user.user_id} ${change.event} (${change.connections} connections)`
        : `${change.count} present (+${change.joined.length} −${change.left.length})` }),
    });
  } catch (error) {
    note(error.message);
    return;
  }
  show(channel, { status: 'asking…', position: '—', last: '' }, 'pending');
  actions(channel, subscription);
  // The position appears with the subscription reply; a denial replaces this row's status.
  const poll = setInterval(() => {
    if (subscription.position && row(channel).className === 'pending') {
      show(channel, { status: 'granted', position: position(subscription) }, 'granted');
    }
    if (row(channel).className !== 'pending') {
      clearInterval(poll);
    }
  }, 50);
};

$('clear').onclick = () => {
  $('frames').textContent = '';
};
