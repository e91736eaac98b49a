// Scrolls the business's ticket list over a large program in headless Chromium and prints how
// long each drawn frame took on the page's main thread (update, draw, GL calls), from the
// client's own frame timer (window.pdFrameTimes()).
// Usage: node bench/ticket_list_frames.js DATA_DIR ROWS   (DATA_DIR seeded by pd_bench_seed_tickets)
'use strict';
const path = require('path');
const h = require(path.join(__dirname, '../tests/browser/lib/harness'));

(async () => {
  const dataDir = process.argv[2];
  const rows = Number(process.argv[3] || 100000);
  const server = await h.startServer({ timeoutMs: 900000, dataDir }); // a debug server replays 100,000 tickets slowly
  const browser = await h.launchBrowser();
  try {
    const loadStart = Date.now();
    const { page } = await h.openApp(browser, server.url, { signInAs: 'staff@acme.test', path: '/#/p/1/tickets?view=all', paint: true,
                                                          viewport: { width: 1440, height: 900 } });
    await h.waitForItem(page, { contains: `#${rows}`, window: 'Page' }, { timeout: 300000 });
    const loaded = Date.now() - loadStart;
    const first = await h.findItem(page, { contains: `#${rows}`, window: 'Page' });
    await page.mouse.move(first.x + 200, first.y + 100);
    await page.evaluate(() => window.pdFrameTimes()); // start counting now
    for (let i = 0; i < 150; ++i) {
      await page.mouse.wheel(0, 600);
      await new Promise((r) => setTimeout(r, 20));
    }
    const times = await page.evaluate(() => window.pdFrameTimes());
    const moved = !(await h.findItem(page, { contains: `#${rows}`, window: 'Page' }));
    times.sort((a, b) => a - b);
    const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))] || 0;
    const over = times.filter((t) => t > 16).length;
    console.log(`ticket list ${rows} rows: loaded in ${loaded} ms; ${times.length} frames while scrolling${moved ? '' : ' (did not scroll!)'}: ` +
                `p50 ${q(0.5).toFixed(2)} ms p95 ${q(0.95).toFixed(2)} ms max ${q(1).toFixed(2)} ms, ${over} over 16 ms`);
  } finally {
    await browser.close();
    server.stop();
  }
})().catch((e) => { console.error(e); process.exit(1); });
