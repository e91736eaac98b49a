// The first load as a visitor's network sees it: the module, its JavaScript and the fonts
// arrive compressed and small on a first visit, come from the browser's cache on a reload
// (only index.html is asked again, and answered 304 without a body), and the page still signs
// in and draws its text with the fonts it downloaded.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');
const { recordTransfers, inkOf } = require('./lib/transfer');

const suite = h.appSuite();

// Bytes: wasm + js + fonts + page, compressed as sent, headers included. The target for a
// first visit is 600 KB; the build measures about 586 KB (docs/performance.md: the module,
// built for size, is 482 KB with brotli), so a change that grows the client past the target
// fails here.
const FIRST_VISIT_LIMIT = 600 * 1000;
const REPEAT_VISIT_LIMIT = 5 * 1000;

test('a first visit moves under 600 KB, a reload under 5 KB, and the page signs in and draws text', { timeout: 120000 }, async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const net = await recordTransfers(page);

    await page.goto(suite.server.url + '/');
    await h.waitForApp(page);
    await h.waitFor('the web build\'s files to finish', async () => net.settled());
    const first = net.files();
    const byName = (re) => first.find((r) => re.test(r.path));
    const wasm = byName(/^\/partnerdesk\.[0-9a-f]{16}\.wasm$/);
    const js = byName(/^\/partnerdesk\.[0-9a-f]{16}\.js$/);
    const fonts = first.filter((r) => /^\/fonts\/ui-[a-z]+\.[0-9a-f]{16}\.ttf$/.test(r.path));
    assert.ok(wasm && js, `the hashed module and script were loaded: ${first.map((r) => r.path).join(' ')}`);
    assert.equal(fonts.length, 3, 'regular, bold and symbols fonts are fetched as files of their own');
    for (const r of [wasm, js, ...fonts]) assert.equal(r.encoding, 'br', `${r.path} arrives brotli-compressed`);
    // Each file once: the preload links and boot.js's fetches share one download. The tab's icon
    // is left out: Chromium's own icon loader fetches it, and may ask again (one run in three
    // saw two requests), whatever the page does.
    const tabIcon = (r) => /^\/favicon\.[0-9a-f]{16}\.svg$/.test(r.path);
    const paths = first.filter((r) => !r.cached && !tabIcon(r)).map((r) => r.path);
    assert.deepEqual(paths, [...new Set(paths)], 'no file is downloaded twice');
    // Each path counted once: a second fetch of the tab's icon by Chromium's icon loader (above)
    // is the browser's own doing, and sometimes arrives in full.
    const counted = new Set();
    const firstBytes = first.reduce((sum, r) => (counted.has(r.path) ? sum : (counted.add(r.path), sum + r.bytes)), 0);
    assert.ok(firstBytes < FIRST_VISIT_LIMIT, `first visit moved ${firstBytes} bytes (limit ${FIRST_VISIT_LIMIT})`);

    net.reset();
    await h.reload(page);
    await h.waitFor('the reload\'s files to finish', async () => net.settled());
    const again = net.files();
    const repeatBytes = net.bytes();
    const index = again.find((r) => r.path === '/');
    assert.ok(index, 'the page itself is asked again');
    // Revalidated: a 304 of headers only (Chromium reports it merged with the cached 200).
    const firstIndex = first.find((r) => r.path === '/');
    assert.ok(index.bytes < firstIndex.bytes, `the page is not sent again (${index.bytes} bytes, first ${firstIndex.bytes})`);
    for (const r of again.filter((x) => x !== index && !tabIcon(x))) assert.equal(r.bytes, 0, `${r.path} comes from the cache`);
    assert.ok(repeatBytes < REPEAT_VISIT_LIMIT, `reload moved ${repeatBytes} bytes (limit ${REPEAT_VISIT_LIMIT})`);

    await h.signIn(page, 'agent@acme.test');
    const title = await h.waitForItem(page, { contains: 'Agent workspace', window: 'Page' });
    await h.frames(page, 2);
    const ink = await inkOf(page, title);
    assert.ok(ink > 0.03, `the title's glyphs are drawn (ink ${ink.toFixed(3)})`);
    assert.deepEqual(errors, [], 'no uncaught errors in the page');
    await net.detach();
  } finally {
    await context.close();
  }
});
