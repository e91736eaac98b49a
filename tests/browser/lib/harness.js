// Test harness for the Partnerdesk browser client: starts the real server on a free port
// with a fresh data folder and the demo program, drives headless Chromium through
// playwright-core, and finds ImGui items through the client's item table
// (window.pdItems(): id, label, text, window, kind, rect in CSS pixels, flags, value).
//
// Environment:
//   PD_SERVER_BIN  server binary (default: build/debug/server/partnerdesk-server)
//   PD_WEB_ROOT    built client (default: build/web/public)
//   PD_CHROMIUM    browser binary (default: /usr/bin/chromium)
//   PD_SCREENSHOTS folder for screenshots (default: build/screenshots)
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const repoRoot = path.resolve(__dirname, '../../..');
const serverBin = process.env.PD_SERVER_BIN || path.resolve(repoRoot, 'build/debug/server/partnerdesk-server');
const webRoot = process.env.PD_WEB_ROOT || path.resolve(repoRoot, 'build/web/public');
const chromiumBin = process.env.PD_CHROMIUM || '/usr/bin/chromium';
const screenshotDir = process.env.PD_SCREENSHOTS || path.resolve(repoRoot, 'build/screenshots');

const DEMO_PASSWORD = 'demo-password';

// ---------------------------------------------------------------------------------------
// Server

// libfaketime (Debian package faketime): with shiftableClock the server runs under it and
// server.shiftClock('+4d') moves its wall clock (CLOCK_REALTIME only; timers keep real time).
const faketimeLib = '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1';

// Starts the server; resolves to { url, dataDir, stop(), log(), shiftClock() } once it
// listens. A given dataDir (benchmarks: a seeded one) is used as is and kept; otherwise a
// fresh demo folder. args: more command-line flags.
async function startServer({ timeoutMs = 30000, dataDir: given, shiftableClock = false, args = [] } = {}) {
  for (const [what, p] of [['server binary', serverBin], ['web root', path.join(webRoot, 'index.html')]]) {
    if (!fs.existsSync(p)) throw new Error(`${what} not found: ${p} (build it first)`);
  }
  const dataDir = given || fs.mkdtempSync(path.join(os.tmpdir(), 'pd-browser-'));
  const env = { ...process.env };
  const clockFile = path.join(dataDir, '..', `${path.basename(dataDir)}.faketime`);
  if (shiftableClock) {
    if (!fs.existsSync(faketimeLib)) throw new Error(`${faketimeLib} not found: install the faketime package (scripts/setup.sh)`);
    fs.writeFileSync(clockFile, '+0\n');
    Object.assign(env, { LD_PRELOAD: faketimeLib, FAKETIME_TIMESTAMP_FILE: clockFile, FAKETIME_NO_CACHE: '1',
                         FAKETIME_DONT_FAKE_MONOTONIC: '1',
                         ASAN_OPTIONS: [process.env.ASAN_OPTIONS, 'verify_asan_link_order=0'].filter(Boolean).join(':') });
  }
  const child = spawn(serverBin, ['--host', '127.0.0.1', '--port', '0', '--data', dataDir,
                                  '--web-root', webRoot, '--demo', ...args],
                      { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; if (stderr.length > 200000) stderr = stderr.slice(-100000); });

  const url = await new Promise((resolve, reject) => {
    let stdout = '';
    // A server that never listens is killed: its open pipes would keep the test file running.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.stdout.on('data', (d) => {
      stdout += d;
      const m = stdout.match(/Partnerdesk listening on (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1].replace(/\/$/, '')); }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (code ${code}, signal ${signal}) before listening\n${stderr}`));
    });
  });
  child.removeAllListeners('exit');

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    if (!given) fs.rmSync(dataDir, { recursive: true, force: true });
    if (shiftableClock) fs.rmSync(clockFile, { force: true });
  }
  // '+4d', '+36h': the server's clock from now on, relative to the real one. libfaketime reads
  // the file at every clock call: it is replaced whole (rename), so no call reads it half written.
  function shiftClock(offset) {
    if (!shiftableClock) throw new Error('start the server with shiftableClock to shift its clock');
    const next = `${clockFile}.next`;
    fs.writeFileSync(next, `${offset}\n`);
    fs.renameSync(next, clockFile);
  }
  return { url, dataDir, stop, log: () => stderr, shiftClock };
}

// ---------------------------------------------------------------------------------------
// Browser

function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumBin,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--use-gl=swiftshader', '--enable-unsafe-swiftshader',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--no-first-run', '--disable-quic'],
  });
}

// A fresh context (own cookies and storage) with the app loaded and drawing.
// options: viewport, deviceScaleFactor, hasTouch and isMobile (a phone), permissions (granted for
// the server's origin).
// signInAs: an email signed in through the API before the page loads (its cookie lands in
// the context), so the page opens on path already signed in.
// paint: false (the default) runs the client's frames without painting the canvas
// (window.pdPaint = false): software WebGL fills every pixel on the CPU, which was most of the
// suite's time, and the tests read the item table, not pixels. screenshot() paints for its
// picture; tests of what is drawn (frame times, first paint) pass paint: true.
async function openApp(browser, baseUrl, { path: urlPath = '/', viewport = { width: 1280, height: 800 },
                                             deviceScaleFactor = 1, permissions = [], signInAs = null,
                                             password = DEMO_PASSWORD, hasTouch = false, isMobile = false,
                                             paint = false } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor, hasTouch, isMobile });
  if (!paint) await context.addInitScript(() => { window.pdPaint = false; });
  if (permissions.length) await context.grantPermissions(permissions, { origin: baseUrl });
  if (signInAs) {
    const r = await context.request.post(baseUrl + '/api/v1/session', {
      headers: { 'X-Requested-With': 'partnerdesk' }, data: { email: signInAs, password } });
    if (r.status() !== 200) throw new Error(`sign-in of ${signInAs} failed: ${r.status()} ${await r.text()}`);
  }
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.problems = problems;
  await page.goto(baseUrl + urlPath);
  await waitForApp(page);
  return { context, page };
}

// Waits until the client draws frames (after a load or reload).
async function waitForApp(page, { timeout = 30000 } = {}) {
  await page.waitForFunction(() => typeof window.pdFrame === 'function' && window.pdFrame() > 2,
                             null, { timeout, polling: 50 });
}

async function reload(page) {
  await page.reload();
  await waitForApp(page);
}

// ---------------------------------------------------------------------------------------
// Items

function items(page) {
  return page.evaluate(() => window.pdItems());
}

// query: { label, contains, window, kind, visible=true }
//   label    exact: the visible text ("Sign in"), the full ImGui label ("Sign in###Sign in"),
//            or a hidden label without its "##" ("Email" matches "##Email")
//   contains substring of the visible text or full label
//   window   exact window path, or its first part ("Sign in" matches "Sign in/child_1234")
//   kind     "input", "text", "item", "window", ... (windows are skipped unless asked for)
function matches(item, q) {
  if (q.visible !== false && !item.visible) return false;
  if (q.kind ? item.kind !== q.kind : item.kind === 'window') return false;
  if (q.window && item.window !== q.window && !item.window.startsWith(q.window + '/')) return false;
  if (q.label !== undefined && item.text !== q.label && item.label !== q.label && item.label !== '##' + q.label) return false;
  if (q.contains !== undefined && !item.text.includes(q.contains) && !item.label.includes(q.contains)) return false;
  return true;
}

function normalize(query) {
  return typeof query === 'string' ? { label: query } : query;
}

async function findItems(page, query) {
  const q = normalize(query);
  return (await items(page)).filter((it) => matches(it, q));
}

async function findItem(page, query) {
  return (await findItems(page, query))[0] || null;
}

// Polls fn until it returns something truthy (returned) or the deadline passes (throws, saying
// what was awaited). The one way tests wait: on a condition, never for a fixed time.
async function waitFor(what, fn, { timeout = 20000, interval = 50 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

async function waitForItem(page, query, opts) {
  const q = normalize(query);
  return waitFor(`item ${JSON.stringify(q)}`, () => findItem(page, q), opts);
}

async function waitForNoItem(page, query, opts) {
  const q = normalize(query);
  return waitFor(`no item ${JSON.stringify(q)}`, async () => !(await findItem(page, q)), opts);
}

function center(item) {
  return { x: item.x + item.w / 2, y: item.y + item.h / 2 };
}

// Waits until `find` returns an item drawn at the same place before and after two frames with
// the pointer over it, and returns it: a live update (a message above, a new row) can move an
// item between reading the item table and the click, which would then land on something else.
// The pointer resting first also lets items ImGui lets overlap (table headers) take the click.
async function itemAtRest(page, what, find, { timeout } = {}) {
  return waitFor(`${what}, at rest`, async () => {
    const it = await find();
    if (!it) return null;
    const c = center(it);
    await page.mouse.move(c.x, c.y);
    await frames(page, 2);
    const again = await find();
    return again && again.x === it.x && again.y === it.y && again.w === it.w && again.h === it.h ? again : null;
  }, { timeout });
}

// Clicks the item's center once it is enabled (a button disabled while a request runs comes
// back enabled) and at rest. opts: query fields (window, kind, ...), timeout, allowDisabled to
// click a disabled item anyway (hoverFirst is accepted and is what every click does).
async function click(page, label, opts = {}) {
  const { timeout, allowDisabled, hoverFirst, ...rest } = opts; // eslint-disable-line no-unused-vars
  const q = { label, ...rest };
  const item = await itemAtRest(page, `item ${JSON.stringify(q)}${allowDisabled ? '' : ' enabled'}`, async () => {
    const found = await findItems(page, q);
    return found.find((it) => allowDisabled || !it.disabled) || null;
  }, { timeout });
  const c = center(item);
  await page.mouse.click(c.x, c.y);
  return item;
}

// Waits until n more frames have been drawn (after an input or a layout change). An idle page
// draws one frame a second: it is woken first, as the pointer entering the canvas wakes it
// (ImGui sees the pointer where it was), so the frames come at once.
async function frames(page, n = 3) {
  const start = await page.evaluate(() => {
    if (window.Module && Module.canvas) Module.canvas.dispatchEvent(new MouseEvent('mouseenter'));
    return window.pdFrame();
  });
  await waitFor(`${n} frames`, async () => (await page.evaluate(() => window.pdFrame())) >= start + n, { interval: 20 });
}

// Clicks a text field, waits until it is the active item, types, and waits until the field
// holds what was typed (ImGui takes queued keys over several frames; a reload or a read of the
// draft right after typing would otherwise miss the last ones). A password field shows no value.
async function typeInto(page, label, text, opts = {}) {
  const q = { label, kind: 'input', ...opts };
  await click(page, label, { ...opts, kind: 'input' });
  await waitFor(`${label} to be active`, async () => {
    const it = await findItem(page, q);
    return it && it.active;
  });
  await page.keyboard.type(text);
  // ImGui takes a typed character every frame or two: the deadline is for a field that stopped
  // changing, not for the whole text (a long answer on a loaded machine takes a while).
  let last, still = Date.now();
  for (;;) {
    const it = await findItem(page, q);
    if (it && (typeof it.value !== 'string' || it.value.includes(text))) return it;
    const value = it ? it.value : undefined;
    if (value !== last) last = value, still = Date.now();
    if (Date.now() - still > 20000) {
      throw new Error(`timed out waiting for ${label} to hold ${JSON.stringify(text)}: it holds ${JSON.stringify(last)}, unchanged for 20 s`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

// The value of a (non-secret) text field.
async function fieldValue(page, label, opts = {}) {
  const it = await waitForItem(page, { label, kind: 'input', ...opts });
  return it.value;
}

// Replaces the whole content of a text field.
async function replaceText(page, label, text, opts = {}) {
  const q = { label, kind: 'input', ...opts };
  await click(page, label, { ...opts, kind: 'input' });
  await waitFor(`${label} to be active`, async () => {
    const it = await findItem(page, q);
    return it && it.active;
  });
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
  return waitFor(`${label} to hold ${text}`, async () => {
    const it = await findItem(page, q);
    return it && it.value === text ? it : null;
  });
}

// The item labelled `label` on the same row (same vertical band) as the item showing rowText,
// e.g. the "Suspend" button in the row of "Priya Nair".
async function findInRow(page, rowText, label, opts = {}) {
  const all = await items(page);
  const row = all.find((it) => it.visible && it.kind !== 'window' && it.text === rowText &&
                               (!opts.window || it.window === opts.window || it.window.startsWith(opts.window + '/')));
  if (!row) return null;
  const mid = row.y + row.h / 2;
  return all.find((it) => matches(it, { label, ...opts }) && Math.abs(it.y + it.h / 2 - mid) < Math.max(row.h, it.h)) || null;
}

async function clickInRow(page, rowText, label, opts = {}) {
  const item = await itemAtRest(page, `${label} in the row of ${rowText}`, () => findInRow(page, rowText, label, opts));
  const c = center(item);
  await page.mouse.click(c.x, c.y);
  return item;
}

// Scrolls the page with the mouse wheel until an item matching query is drawn inside the
// viewport (the page is longer than the window). Items scrolled out of view have no label in
// the item table, so the direction is given: down (default) or up.
async function scrollTo(page, query, { up = false, timeout = 20000 } = {}) {
  const q = normalize(query);
  const { height } = page.viewportSize();
  const end = Date.now() + timeout;
  for (;;) {
    const it = await findItem(page, q);
    if (it && it.y >= 70 && it.y + it.h <= height - 10) return it;
    if (Date.now() > end) throw new Error(`could not scroll to ${JSON.stringify(q)}`);
    const step = it ? (it.y < 70 ? -Math.min(300, 90 - it.y) : Math.min(300, it.y + it.h - height + 40)) : (up ? -400 : 400);
    await wheel(page, step);
  }
}

// One turn of the mouse wheel over the page, then the frames that apply it: the item table holds
// the scrolled positions when it returns. Over the page area: right of the navigation on a wide
// window, the middle of a phone's.
async function wheel(page, deltaY, { x = page.viewportSize().width < 700 ? page.viewportSize().width / 2 : 700,
                                    y = page.viewportSize().height / 2 } = {}) {
  await page.mouse.move(x, y);
  await page.mouse.wheel(0, deltaY);
  await frames(page, 2);
}

// Scrolls down until the page moves no more: the item matching `anchor` (one near the end of
// the page, so it stays in view) is drawn at the same place after another turn of the wheel.
async function scrollToEnd(page, anchor, { timeout = 20000 } = {}) {
  const q = normalize(anchor);
  let last = null;
  return waitFor(`the end of the page (${JSON.stringify(q)} drawn, and no longer moving with the wheel)`, async () => {
    await wheel(page, 600);
    const it = await findItem(page, q);
    const stopped = !!it && last !== null && it.y === last;
    last = it ? it.y : null;
    return stopped ? it : null;
  }, { timeout, interval: 0 });
}

// Opens a route by changing the URL fragment, as a typed URL or a bookmark would.
async function goTo(page, hash) {
  await page.evaluate((h) => { window.location.hash = h; }, hash);
  return waitForHash(page, hash.split('?')[0]);
}

// Resolves once an item matching query is drawn, checking inside the page at every frame (for
// timing live updates precisely): { at } is Date.now() in Node when it was seen, { drawnAt } the
// page's own clock at the frame it was first seen (free of the test process's delays).
async function whenDrawn(page, query, { timeout = 20000 } = {}) {
  const q = normalize(query);
  const handle = await page.waitForFunction((q) => (window.pdItems ? window.pdItems() : []).some((it) => {
    if (q.visible !== false && !it.visible) return false;
    if (q.kind ? it.kind !== q.kind : it.kind === 'window') return false;
    if (q.window && it.window !== q.window && !it.window.startsWith(q.window + '/')) return false;
    if (q.label !== undefined && it.text !== q.label && it.label !== q.label && it.label !== '##' + q.label) return false;
    if (q.contains !== undefined && !it.text.includes(q.contains) && !it.label.includes(q.contains)) return false;
    return true;
  }) && Date.now(), q, { timeout, polling: 'raf' });
  return { at: Date.now(), drawnAt: await handle.jsonValue() };
}

// Forgets the page's request timings, so answeredAt finds the next request.
function clearRequestTimes(page) {
  return page.evaluate(() => performance.clearResourceTimings());
}

// The page's clock when the answer to its first request since clearRequestTimes whose URL
// contains urlPart had arrived in full (Resource Timing), once it has.
async function answeredAt(page, urlPart, { timeout = 20000 } = {}) {
  const handle = await page.waitForFunction((part) => {
    const e = performance.getEntriesByType('resource').find((x) => x.name.includes(part) && x.responseEnd > 0);
    return e ? performance.timeOrigin + e.responseEnd : null;
  }, urlPart, { timeout, polling: 50 });
  return handle.jsonValue();
}

async function waitForHash(page, prefix, opts) {
  return waitFor(`location hash ${prefix}`, async () => {
    const h = await page.evaluate(() => window.location.hash);
    return h.startsWith(prefix) ? h : null;
  }, opts);
}

// ---------------------------------------------------------------------------------------
// Screenshots

async function screenshot(page, name) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, name.endsWith('.png') ? name : `${name}.png`);
  // A page opened without painting paints for the picture: the frames after the switch draw it.
  const wasOff = await page.evaluate(() => { const off = window.pdPaint === false; window.pdPaint = true; return off; });
  if (wasOff) await frames(page, 3);
  await page.screenshot({ path: file });
  if (wasOff) await page.evaluate(() => { window.pdPaint = false; });
  return file;
}

// ---------------------------------------------------------------------------------------
// Flows

async function signIn(page, email, password = DEMO_PASSWORD, { submitWithEnter = false } = {}) {
  await waitForItem(page, { label: 'Sign in', window: 'Sign in' });
  await typeInto(page, 'Email', email);
  await typeInto(page, 'Password', password);
  if (submitWithEnter) await page.keyboard.press('Enter');
  else await click(page, 'Sign in', { window: 'Sign in' });
}

// fetch from Node, sent again when the connection fails before any answer: a kept-alive socket
// the server has just closed fails at once. Only for requests that may be repeated: reads, and
// writes that carry their own id (command ids, payment ids, an invitation's token, a sign-in).
async function request(url, init) {
  for (let attempt = 1; ; ++attempt) {
    try {
      return await fetch(url, init);
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

// The API from Node, outside any browser: sign in (returns the session cookie) and commands.
async function apiSignIn(baseUrl, email, password = DEMO_PASSWORD) {
  const r = await request(baseUrl + '/api/v1/session', {
    method: 'POST', headers: { 'X-Requested-With': 'partnerdesk', 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }) });
  if (r.status !== 200) throw new Error(`sign-in of ${email} failed: ${r.status}`);
  // The session's cookie (a sign-in may also set the device cookie).
  const cookies = r.headers.getSetCookie ? r.headers.getSetCookie() : [r.headers.get('set-cookie')];
  return (cookies.find((c) => c.startsWith('pd_session=')) || cookies[0]).split(';')[0];
}

async function apiJson(baseUrl, cookie, method, path, body) {
  const headers = { cookie, Accept: 'application/json' };
  if (method !== 'GET') Object.assign(headers, { 'X-Requested-With': 'partnerdesk', 'Content-Type': 'application/json' });
  const r = await request(baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}

// GET as a demo person, from Node: the JSON body, after checking the answer was 200.
async function apiAs(baseUrl, email, urlPath) {
  const cookie = await apiSignIn(baseUrl, email);
  const r = await apiJson(baseUrl, cookie, 'GET', urlPath);
  if (r.status !== 200) throw new Error(`GET ${urlPath} as ${email}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

function apiCommand(baseUrl, cookie, program, type, data) {
  const commandId = 'test-' + Math.random().toString(36).slice(2, 12) + Date.now().toString(36);
  return apiJson(baseUrl, cookie, 'POST', `/api/v1/programs/${program}/commands`, { command_id: commandId, type, data });
}

// GET from the page's own context (its cookies): { status, body }.
function apiGet(page, url) {
  return page.evaluate(async (u) => {
    const r = await fetch(u, { credentials: 'same-origin' });
    return { status: r.status, body: await r.text() };
  }, url);
}

// One server and one browser for the calling test file (registers node:test before/after
// hooks), and withApp(options, body): body runs in a fresh browser context (own cookies and
// storage), and the page must have thrown no uncaught error. beforeServer runs (and is awaited)
// before the server starts; onAfter runs before teardown.
// GET of a JSON API path through the page's session; fails the test unless it answers 200.
async function apiRead(page, urlPath) {
  const assert = require('node:assert/strict');
  const r = await apiGet(page, urlPath);
  assert.equal(r.status, 200, `GET ${urlPath}`);
  return JSON.parse(r.body);
}

// Brings an item of the page into view when the page is longer than the window: looked for
// down first, then up. A string is a label in the page.
async function seek(page, query) {
  const q = typeof query === 'string' ? { label: query, window: 'Page' } : { window: 'Page', ...query };
  try {
    return await scrollTo(page, q, { timeout: 8000 });
  } catch (e) {
    return scrollTo(page, q, { up: true, timeout: 12000 });
  }
}

function appSuite({ onAfter, beforeServer, server: serverOptions } = {}) {
  const { before, after } = require('node:test');
  const assert = require('node:assert/strict');
  const suite = { server: null, browser: null };
  before(async () => {
    if (beforeServer) await beforeServer(); // e.g. start a mail sink the server's flags name
    suite.server = await startServer(serverOptions);
    suite.browser = await launchBrowser();
  });
  after(async () => {
    try {
      if (onAfter) await onAfter();
    } finally {
      if (suite.browser) await suite.browser.close();
      if (suite.server) await suite.server.stop();
    }
  });
  suite.withApp = async (options, body) => {
    const { context, page } = await openApp(suite.browser, suite.server.url, options);
    try {
      await body(page, context);
      const crashes = page.problems.filter((p) => p.startsWith('pageerror'));
      assert.deepEqual(crashes, [], 'no uncaught errors in the page');
    } finally {
      await context.close();
    }
  };
  return suite;
}

module.exports = {
  appSuite,
  DEMO_PASSWORD, repoRoot, serverBin, webRoot, screenshotDir,
  startServer, launchBrowser, openApp, request, waitForApp, reload,
  items, findItems, findItem, waitFor, waitForItem, waitForNoItem, click, typeInto, replaceText, fieldValue,
  itemAtRest, findInRow, clickInRow, scrollTo, scrollToEnd, wheel, frames, goTo, whenDrawn, clearRequestTimes, answeredAt, waitForHash, screenshot, signIn, apiGet, apiSignIn, apiJson, apiAs, apiCommand, apiRead, seek,
};
