// The client's first load in headless Chromium against the server: bytes moved on a first
// visit (the web build's files, compressed as sent, headers included) and on a repeat visit
// (a new tab in the same browser profile, so its HTTP cache), and the time from navigation
// to the first drawn frame (window.pdFirstFrameMs, set by web/boot.js), median of `runs`.
// Prints one line of figures, then one line per file of the first visit.
// Usage: node bench/first_load.js [runs, default 5]
//   (PD_SERVER_BIN and PD_WEB_ROOT as for the browser tests: bench/run.sh passes the release build)
'use strict';
const path = require('path');
const h = require(path.join(__dirname, '../tests/browser/lib/harness'));
const { recordTransfers } = require(path.join(__dirname, '../tests/browser/lib/transfer'));

async function visit(context, url) {
  const page = await context.newPage();
  // For a build without window.pdFirstFrameMs: the first animation frame after one was drawn.
  await page.addInitScript(() => {
    const watch = () => {
      if (typeof window.pdFrame === 'function' && window.pdFrame() > 0) window.pdSeenFrameMs = performance.now();
      else requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
  });
  const net = await recordTransfers(page);
  await page.goto(url);
  await h.waitForApp(page);
  await h.waitFor('files to finish', async () => net.settled());
  const result = { bytes: net.bytes(), files: net.files(), firstFrameMs: await page.evaluate(() => window.pdFirstFrameMs || window.pdSeenFrameMs) };
  await net.detach();
  await page.close();
  return result;
}

(async () => {
  const runs = Number(process.argv[2] || 5);
  const server = await h.startServer();
  const browser = await h.launchBrowser();
  try {
    const firsts = [], repeats = [], frames = [];
    let files = [];
    for (let i = 0; i < runs; ++i) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const first = await visit(context, server.url + '/');
      const repeat = await visit(context, server.url + '/');
      await context.close();
      firsts.push(first.bytes);
      repeats.push(repeat.bytes);
      frames.push(first.firstFrameMs);
      files = first.files;
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(`first load: first visit ${median(firsts)} bytes, repeat visit ${median(repeats)} bytes, ` +
                `first frame ${median(frames).toFixed(0)} ms (median of ${runs})`);
    for (const f of files) console.log(`  ${f.path} ${f.status} ${f.encoding || 'identity'} ${f.bytes} bytes`);
  } finally {
    await browser.close();
    await server.stop();
  }
})().catch((e) => { console.error(e); process.exit(1); });
