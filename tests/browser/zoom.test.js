// The interface scales as a web page does: with the browser's default font size (a person who
// reads at 20 px gets a 25% larger dashboard, as pages sized in rem do) and with the browser's
// zoom (the pixel ratio grows and the canvas stays sharp).
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const suite = h.appSuite();
const TIMEOUT = { timeout: 120000 };

function near(a, b, tolerance) {
  return Math.abs(a - b) <= tolerance;
}

test('a larger default font size in the browser makes the whole interface larger', TIMEOUT, async () => {
  await suite.withApp({ signInAs: 'agent@acme.test', path: '/#/p/1/tickets', viewport: { width: 1280, height: 800 } }, async (page) => {
    const before = await h.waitForItem(page, { label: 'Sign out' });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 20 } }); // the browser's settings: 16 -> 20 px
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), '20px');
    const after = await h.waitFor('the interface drawn 25% larger', async () => {
      const it = await h.findItem(page, { label: 'Sign out' });
      return it && near(it.h, before.h * 1.25, 2) && near(it.w, before.w * 1.25, 3) ? it : null;
    });
    await h.screenshot(page, 'zoom-font-20px.png');
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 16 } });
    await h.waitFor('the interface back to its size', async () => {
      const it = await h.findItem(page, { label: 'Sign out' });
      return it && near(it.h, before.h, 1);
    });
    await cdp.detach();
    assert.ok(after.h > before.h);
  });
});

test('the browser\'s zoom keeps the layout in CSS pixels and draws the canvas at the new pixel ratio', TIMEOUT, async () => {
  await suite.withApp({ signInAs: 'agent@acme.test', path: '/#/p/1/tickets', viewport: { width: 1600, height: 900 } }, async (page) => {
    const before = await h.waitForItem(page, { label: 'Sign out' });
    // 150% zoom: the page is 1600/1.5 CSS pixels wide (still a desktop's layout) and each CSS
    // pixel is 1.5 device pixels.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1066, height: 600, deviceScaleFactor: 1.5, mobile: false });
    await h.waitFor('the canvas at the new pixel ratio', async () => page.evaluate(() => {
      const c = document.getElementById('canvas');
      return window.devicePixelRatio === 1.5 && Math.abs(c.width - Math.round(window.innerWidth * 1.5)) <= 2;
    }));
    const after = await h.waitFor('the button at its size in CSS pixels', async () => {
      const it = await h.findItem(page, { label: 'Sign out' });
      return it && near(it.h, before.h, 1) ? it : null;
    });
    assert.ok(near(after.w, before.w, 2), `the same width in CSS pixels (${before.w} -> ${after.w})`);
    await h.screenshot(page, 'zoom-150.png');
    await cdp.send('Emulation.clearDeviceMetricsOverride');
    await cdp.detach();
  });
});
