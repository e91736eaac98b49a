// Frame times of the business's ticket list (the demo program) while the mouse moves over it and
// the wheel scrolls it: 200 moves 16 ms apart, a wheel turn every tenth, as the client's own
// frame timer measures them (window.pdFrameTimes()). Used to compare builds of the client
// (docs/performance.md, "Size flags").
// Usage: PD_SERVER_BIN=... PD_WEB_ROOT=... node bench/pointer_frames.js
'use strict';
const path = require('path');
const h = require(path.join(__dirname, '../tests/browser/lib/harness'));

(async () => {
  const server = await h.startServer({ timeoutMs: 120000 });
  const browser = await h.launchBrowser();
  try {
    const { page } = await h.openApp(browser, server.url, { signInAs: 'staff@acme.test', path: '/#/p/1/tickets?view=all', paint: true,
                                                          viewport: { width: 1440, height: 900 } });
    await h.waitForItem(page, { contains: 'overdue', window: 'Page' });
    await page.evaluate(() => window.pdFrameTimes()); // start counting now
    for (let i = 0; i < 200; ++i) {
      await page.mouse.move(400 + (i * 37) % 900, 200 + (i * 53) % 600);
      if (i % 10 === 0) await page.mouse.wheel(0, i % 20 === 0 ? 300 : -300);
      await new Promise((r) => setTimeout(r, 16));
    }
    const t = (await page.evaluate(() => window.pdFrameTimes())).sort((a, b) => a - b);
    const q = (p) => t[Math.min(t.length - 1, Math.floor(p * t.length))] || 0;
    console.log(`ticket list with the pointer moving: ${t.length} frames, p50 ${q(0.5).toFixed(2)} ms p95 ${q(0.95).toFixed(2)} ms max ${q(1).toFixed(2)} ms`);
  } finally {
    await browser.close();
    server.stop();
  }
})().catch((e) => { console.error(e); process.exit(1); });
