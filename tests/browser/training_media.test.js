// The two media kinds of training module, end to end: the owner uploads a short WebM video (recorded
// in the browser itself with MediaRecorder) as a video lesson through the file picker; an agent
// skips ahead in the player laid over the canvas, which does not count, then watches it through,
// which completes the module. The demo's PDF guide opens in a new tab for the agent (a customer
// gets 404 for the same file) and can be acknowledged only once opened.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const h = require('./lib/harness');

const TIMEOUT = { timeout: 180000 };
const suite = h.appSuite();
const VIDEO_TITLE = 'Refund walkthrough video';
const TALL = { width: 1280, height: 1600 };
const RESTRICTED = 'Restricted topics and their escalation paths';

let video = null; // { buffer, sha256 } of the recorded WebM
let videoModule = null; // the module as the server stored it
let owner, ava, avaId;

// A real WebM (VP8) of about `seconds` seconds: a canvas animation recorded by MediaRecorder in
// headless Chromium, returned as base64. Its header carries no length (as with every file
// MediaRecorder writes), which the client has to cope with.
async function recordWebm(seconds) {
  const context = await suite.browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto('about:blank');
    const base64 = await page.evaluate(async (ms) => {
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 180;
      document.body.appendChild(canvas);
      const g = canvas.getContext('2d');
      const type = ['video/webm;codecs=vp8', 'video/webm;codecs=vp9', 'video/webm'].find((t) => MediaRecorder.isTypeSupported(t));
      const recorder = new MediaRecorder(canvas.captureStream(30), { mimeType: type });
      const chunks = [];
      recorder.ondataavailable = (e) => { if (e.data.size) chunks.push(e.data); };
      const start = performance.now();
      const draw = () => {
        const t = (performance.now() - start) / 1000;
        g.fillStyle = '#1e293b';
        g.fillRect(0, 0, 320, 180);
        g.fillStyle = '#f5b400';
        g.fillRect(20 + (t * 40) % 260, 90, 40, 40);
        g.fillStyle = '#ffffff';
        g.font = 'bold 28px sans-serif';
        g.fillText(`Lesson ${t.toFixed(1)} s`, 20, 50);
      };
      draw();
      const timer = setInterval(draw, 33);
      recorder.start(250);
      await new Promise((r) => setTimeout(r, ms));
      await new Promise((r) => { recorder.onstop = r; recorder.stop(); });
      clearInterval(timer);
      const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
      return btoa(s);
    }, seconds * 1000);
    return Buffer.from(base64, 'base64');
  } finally {
    await context.close();
  }
}

async function snapshot(cookie) {
  const r = await h.apiJson(suite.server.url, cookie, 'GET', '/api/v1/programs/1/snapshot');
  assert.equal(r.status, 200);
  return r.body;
}
async function progressOf(cookie, personId, moduleId) {
  const rec = (await snapshot(cookie)).certification.agents.find((a) => a.person_id === personId);
  const m = rec && rec.modules.find((x) => x.module_id === moduleId);
  return m ? m.progress : null;
}

// A few frames drawn after a layout change, so the item table holds the new positions.
const settle = (page) => h.frames(page, 3);

// Opens (or closes) a collapsing header: a module's by its title, or another by its text.
async function toggleModule(page, title) {
  await settle(page);
  await h.click(page, undefined, { contains: title === RESTRICTED ? title : `${title}  \u00b7  `, window: 'Page' });
  await settle(page);
}

// The header line of a module: "Title  ·  Kind  ·  State".
async function moduleHeader(page, title) {
  return h.waitForItem(page, { contains: `${title}  \u00b7  `, window: 'Page' });
}

// The API sessions of the owner and of Ava (an agent with training access), once.
async function signIns() {
  if (owner) return;
  owner = await h.apiSignIn(suite.server.url, 'owner@acme.test');
  ava = await h.apiSignIn(suite.server.url, 'agent@acme.test');
  avaId = (await snapshot(owner)).members.find((m) => m.email === 'agent@acme.test').person_id;
}

test('the owner adds a video lesson: a WebM chosen in the file picker, its length read from the file', TIMEOUT, async () => {
  await signIns();

  const buffer = await recordWebm(7);
  assert.equal(buffer.subarray(0, 4).toString('hex'), '1a45dfa3', 'an EBML (WebM) file');
  video = { buffer, sha256: crypto.createHash('sha256').update(buffer).digest('hex') };

  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/certification', viewport: TALL }, async (page) => {
    await h.waitForItem(page, { label: 'Agents', window: 'Page' });
    await h.scrollTo(page, { label: 'Training modules (4)', window: 'Page' });
    await h.scrollTo(page, { label: 'Add module', window: 'Page' });
    await settle(page);
    // The kind: a combo, then its entry in the list it opens.
    await h.click(page, 'Module kind', { window: 'Page' });
    await h.click(page, 'Video lesson');
    await h.waitFor('the combo to show Video lesson', async () => {
      const combo = await h.findItem(page, { label: 'Module kind', window: 'Page' });
      return combo && combo.value === 'Video lesson';
    });
    await settle(page);

    const chooser = page.waitForEvent('filechooser');
    await h.click(page, 'Choose a video (MP4 or WebM)', { window: 'Page' });
    const picker = await chooser;
    assert.ok(!picker.isMultiple());
    await picker.setFiles({ name: 'refund-walkthrough.webm', mimeType: 'video/webm', buffer });
    // The file line: name, size and the length read from the video (about seven seconds).
    const line = await h.waitForItem(page, { contains: 'refund-walkthrough.webm (', window: 'Page' }, { timeout: 30000 });
    const m = line.text.match(/^refund-walkthrough\.webm \((\d+) KB, (\d+) s\)$/);
    assert.ok(m, `file line: ${line.text}`);
    assert.equal(Number(m[1]), Math.floor(buffer.length / 1024));
    assert.ok(Number(m[2]) >= 6 && Number(m[2]) <= 8, `length ${m[2]} s`);
    await h.replaceText(page, 'Module title', VIDEO_TITLE, { window: 'Page' });
    await h.typeInto(page, 'Module description', 'How a refund request is handed to billing.', { window: 'Page' });
    await h.screenshot(page, 'training-media-owner-video-module.png');
    await h.click(page, 'Add module', { window: 'Page' });
    await h.waitForItem(page, { label: 'Training modules (5)', window: 'Page' }, { timeout: 15000 });
    await h.waitForItem(page, { contains: `${VIDEO_TITLE}  \u00b7  Video lesson`, window: 'Page' });
  });

  videoModule = (await snapshot(owner)).certification.modules.find((x) => x.title === VIDEO_TITLE);
  assert.ok(videoModule, 'the module is stored');
  assert.equal(videoModule.kind, 'video');
  assert.equal(videoModule.file.content_type, 'video/webm');
  assert.equal(videoModule.file.size, buffer.length);
  assert.equal(videoModule.file.sha256, video.sha256, 'the stored file is the chosen one, byte for byte');
  assert.ok(videoModule.duration_seconds >= 6 && videoModule.duration_seconds <= 8, `duration ${videoModule.duration_seconds}`);
  // The agent may fetch the video, a range at a time as a player does.
  const r = await h.request(`${suite.server.url}/api/v1/programs/1/files/${video.sha256}`, { headers: { cookie: ava, Range: 'bytes=0-99' } });
  assert.equal(r.status, 206);
  assert.equal(r.headers.get('content-type'), 'video/webm');
  assert.equal((await r.arrayBuffer()).byteLength, 100);
});

test('an agent skipping ahead in the video does not complete it; watching it through does', TIMEOUT, async () => {
  assert.ok(videoModule, 'the video lesson of the test before');
  const duration = videoModule.duration_seconds;
  await suite.withApp({ signInAs: 'agent@acme.test', path: '/#/p/1/training', viewport: TALL }, async (page) => {
    await moduleHeader(page, VIDEO_TITLE);
    assert.equal(await page.locator('video').count(), 0, 'no player while the module is closed');
    await toggleModule(page, VIDEO_TITLE);
    const player = page.locator('video');
    await player.waitFor({ state: 'visible' });
    await page.waitForFunction(() => document.querySelector('video').readyState >= 1, null, { timeout: 15000 });

    // The player covers the room the page keeps for it: below the description, above the line
    // saying how much was watched, as wide as 16:9 allows, inside the page.
    const counter = await h.waitForItem(page, { label: `Watched 0 of ${duration} seconds. Skipping ahead does not count.`, window: 'Page' });
    const description = await h.waitForItem(page, { label: 'How a refund request is handed to billing.', window: 'Page' });
    const box = await player.boundingBox();
    assert.ok(box.width > 300 && box.height > 150, `player size ${JSON.stringify(box)}`);
    assert.ok(Math.abs(box.width / box.height - 16 / 9) < 0.02, 'a 16:9 player');
    assert.ok(Math.abs(box.x - counter.x) <= 2, `player left ${box.x}, text left ${counter.x}`);
    assert.ok(box.y >= description.y + description.h - 1, 'below the description');
    const gap = counter.y - (box.y + box.height);
    assert.ok(gap >= 0 && gap <= 16, `the counter right below the player (gap ${gap})`);
    await h.screenshot(page, 'training-media-agent-video-opened.png');

    // The page's progress reports (commands), from now on: sent, and not answered yet.
    const reports = new Set();
    const isReport = (r) => r.method() === 'POST' && r.url().endsWith('/commands') && (r.postData() || '').includes('RecordTrainingProgress');
    page.on('request', (r) => { if (isReport(r)) reports.add(r); });
    page.on('requestfinished', (r) => reports.delete(r));
    page.on('requestfailed', (r) => reports.delete(r));

    // Skipping ahead: straight to the last seconds, played to the end. It does not count.
    const skipped = await page.evaluate(async (to) => {
      const v = document.querySelector('video');
      v.muted = true;
      v.currentTime = to;
      await new Promise((r) => v.addEventListener('seeked', r, { once: true }));
      const ended = new Promise((r) => v.addEventListener('ended', r, { once: true }));
      await v.play();
      await ended;
      return v.currentTime;
    }, duration - 1.5);
    assert.ok(skipped >= duration - 1.5, `played to the end from ${duration - 1.5} s`);
    // The page decides at every frame whether to report: frames drawn since the end, and
    // whatever it sent answered, the server holds all it will hear of the skip.
    await h.frames(page, 3);
    await h.waitFor('the page\'s progress reports answered', async () => reports.size === 0);
    const afterSkip = await progressOf(ava, avaId, videoModule.id);
    assert.ok(!afterSkip || !afterSkip.completed, 'skipping ahead does not complete the module');
    assert.ok(!afterSkip || afterSkip.watched_seconds < duration - 1, `watched ${afterSkip && afterSkip.watched_seconds} s`);
    await h.waitForItem(page, { contains: 'Skipping ahead does not count.', window: 'Page' });
    assert.ok(!(await h.findItem(page, { label: 'Watched to the end.', window: 'Page' })));
    assert.ok(!(await moduleHeader(page, VIDEO_TITLE)).text.endsWith('Complete'));
    await h.screenshot(page, 'training-media-agent-video-skipped.png');

    // Watching it from the start to the end completes it.
    const started = Date.now();
    await page.evaluate(async () => {
      const v = document.querySelector('video');
      v.muted = true;
      v.currentTime = 0;
      await new Promise((r) => v.addEventListener('seeked', r, { once: true }));
      await v.play();
    });
    await page.waitForFunction(() => document.querySelector('video').currentTime >= 2, null, { timeout: 20000 });
    await h.screenshot(page, 'training-media-agent-video-playing.png');
    await page.waitForFunction(() => document.querySelector('video').ended, null, { timeout: 20000 });
    await h.waitForItem(page, { label: 'Watched to the end.', window: 'Page' }, { timeout: 20000 });
    assert.ok(Date.now() - started < 25000, 'complete within seconds of the end');
    await h.waitFor('the header to say Complete', async () => (await moduleHeader(page, VIDEO_TITLE)).text.endsWith('Complete'));
    const done = await progressOf(ava, avaId, videoModule.id);
    assert.equal(done.completed, true);
    assert.ok(done.watched_seconds >= duration - 1);
    await h.screenshot(page, 'training-media-agent-video-complete.png');

    // In a shorter window the wheel over the player scrolls the page, the player moving with
    // it; the part scrolled out of the page is cut off, so the top bar stays visible and usable.
    await toggleModule(page, RESTRICTED); // more page below the player
    await page.setViewportSize({ width: 1280, height: 760 });
    await settle(page);
    const signOut = await h.waitForItem(page, { label: 'Sign out' });
    const barY = signOut.y + signOut.h / 2; // a point of the top bar
    let seen = await player.boundingBox();
    assert.ok(seen.y + seen.height > 760, `the player runs past the bottom of the window: ${JSON.stringify(seen)}`);
    for (let i = 0; i < 40 && seen.y > barY - 20; ++i) {
      const at = { x: seen.x + seen.width / 2, y: (Math.max(seen.y, 80) + Math.min(seen.y + seen.height, 740)) / 2 };
      assert.equal(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y).tagName, at), 'VIDEO', 'the wheel goes to the player');
      await page.mouse.move(at.x, at.y);
      await page.mouse.wheel(0, 100);
      await settle(page);
      const moved = await player.boundingBox();
      assert.ok(moved.y < seen.y, `the page scrolls with the wheel over the player (${seen.y} -> ${moved.y})`);
      seen = moved;
    }
    assert.ok(seen.y <= barY - 20, `the player's box reaches under the top bar: ${JSON.stringify(seen)}`);
    const under = (x, y) => page.evaluate((p) => document.elementFromPoint(p.x, p.y).tagName, { x, y });
    assert.equal(await under(seen.x + 60, barY), 'CANVAS', 'the top bar is not covered by the player');
    assert.equal(await under(seen.x + 60, seen.y + seen.height - 30), 'VIDEO', 'the part inside the page is shown');
    await h.screenshot(page, 'training-media-agent-video-scrolled.png');
    await page.setViewportSize(TALL);
    await h.scrollTo(page, { contains: `${VIDEO_TITLE}  \u00b7  `, window: 'Page' }, { up: true });
    await toggleModule(page, RESTRICTED);

    // Closing the module takes the player away.
    await toggleModule(page, VIDEO_TITLE);
    await page.waitForFunction(() => [...document.querySelectorAll('video')].every((v) => v.style.display === 'none' && v.paused));
  });
});

test('an agent opens the PDF guide in a new tab, then acknowledges it; a customer may not fetch it', TIMEOUT, async () => {
  await signIns();
  const guide = (await snapshot(owner)).certification.modules.find((x) => x.title === 'Support policy guide');
  assert.equal(guide.kind, 'pdf');
  const url = `/api/v1/programs/1/files/${guide.file.sha256}`;
  await suite.withApp({ signInAs: 'agent@acme.test', path: '/#/p/1/training', viewport: TALL }, async (page, context) => {
    await toggleModule(page, 'Support policy guide');
    await h.waitForItem(page, { label: 'Open the guide first.', window: 'Page' });
    const ack = await h.waitForItem(page, { label: 'I have read this guide', window: 'Page' });
    assert.ok(ack.disabled, 'not before the guide is opened');

    const opened = context.waitForEvent('page');
    await h.click(page, 'Open the guide', { window: 'Page' });
    const tab = await opened;
    await tab.waitForLoadState('domcontentloaded').catch(() => {});
    assert.equal(new URL(tab.url()).pathname, url);
    const file = await context.request.get(suite.server.url + url);
    assert.equal(file.status(), 200);
    assert.equal(file.headers()['content-type'], 'application/pdf');
    assert.equal((await file.body()).subarray(0, 5).toString(), '%PDF-');
    await tab.close();

    await h.waitForNoItem(page, { label: 'Open the guide first.', window: 'Page' });
    await h.click(page, 'I have read this guide', { window: 'Page' }); // waits until it is enabled
    await h.waitFor('the header to say Complete', async () => (await moduleHeader(page, 'Support policy guide')).text.endsWith('Complete'));
    assert.ok((await h.waitForItem(page, { label: 'I have read this guide', window: 'Page' })).disabled, 'acknowledged once');
    await h.screenshot(page, 'training-media-agent-pdf-complete.png');
  });
  const done = await progressOf(ava, avaId, guide.id);
  assert.equal(done.opened, true);
  assert.equal(done.completed, true);

  // A customer of the program gets 404 for the training files, as for any file not theirs.
  const customer = await h.apiSignIn(suite.server.url, 'customer@acme.test');
  assert.equal((await h.apiJson(suite.server.url, customer, 'GET', url)).status, 404);
  if (video) assert.equal((await h.apiJson(suite.server.url, customer, 'GET', `/api/v1/programs/1/files/${video.sha256}`)).status, 404);
});
