// The debug page in a real browser (SPEC §13, issue 17 item 3): headless Chromium (Debian's, driven by
// playwright-core) against the server started with --demo. DEBUG_PAGE_SCREENSHOT=file.png also saves a screenshot.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from './support/server.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
});

after(async () => {
  await browser?.close();
  await server?.dispose();
});

test('load, fetch a token, connect, subscribe to a granted and a denied channel, see an event and the denial',
  async () => {
    const link = /Debug page[^\n]*?(http:\/\/\S+\/debug#token=\S+)/.exec(server.output)?.[1];
    assert.ok(link, `serve --demo prints the debug page link:\n${server.output}`);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const requests = [];
    const problems = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('websocket', (socket) => requests.push(socket.url()));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (response) => response.status() >= 400 && problems.push(`${response.status()} ${response.url()}`));

    await page.goto(link);
    // The demo's admin token came in the fragment, which the page then drops from the address bar.
    assert.equal(new URL(page.url()).hash, '');
    assert.ok((await page.inputValue('#admin-token')).length > 20);

    // Get a demo token: the member's, through the admin API, with the admin's.
    await page.click('#fetch-panel summary');
    await page.fill('#token-user', 'acme-member');
    await page.click('#fetch-token');
    await page.waitForFunction(() => document.querySelector('#fetch-result').textContent.includes('token for acme-member'));

    await page.click('#connect');
    await page.waitForFunction(() => document.querySelector('#state').textContent === 'connected');
    assert.match(await page.textContent('#user'), /acme-member/);

    await page.fill('#channel', 'project.acme-tower');
    await page.click('#subscribe');
    await page.waitForSelector('tr[data-channel="project.acme-tower"].granted');
    await page.fill('#channel', 'project.globex-plant');
    await page.click('#subscribe');
    await page.waitForSelector('tr[data-channel="project.globex-plant"].denied');
    assert.equal(await page.textContent('tr[data-channel="project.globex-plant"] .status'), 'denied 403 FORBIDDEN');

    // An event published through the App API (another user changes a task of the project).
    const patch = await server.api('PATCH', '/api/v1/app/tasks/acme-t1', 'acme-pm', { status: 'in_progress' });
    assert.equal(patch.status, 200, JSON.stringify(patch.json));
    await page.waitForFunction(() => document.querySelector('tr[data-channel="project.acme-tower"] .last')
      .textContent.includes('task.updated'));
    const frames = await page.textContent('#frames');
    assert.match(frames, /"type":"event","channel":"project.acme-tower","event":"task.updated"/);
    assert.match(frames, /"code":"FORBIDDEN"/);
    assert.match(frames, /"type":"authenticate","id":"c1","token":"eyJ[^"]{7}…"/, 'the token is shown shortened');

    await page.click('#ping');
    await page.waitForFunction(() => /ms at/.test(document.querySelector('#rtt').textContent));

    if (process.env.DEBUG_PAGE_SCREENSHOT) {
      await page.screenshot({ path: process.env.DEBUG_PAGE_SCREENSHOT });
    }
    // Nothing but this server was asked for anything, and the page met no error (a CSP violation would be one).
    const origins = new Set(requests.map((url) => new URL(url).host));
    assert.deepEqual([...origins], [`127.0.0.1:${server.port}`]);
    assert.deepEqual(problems, []);
    await page.close();
  });
