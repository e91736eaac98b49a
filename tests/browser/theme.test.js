// Light and dark: the client follows the system's colour scheme (prefers-color-scheme), also
// when it changes while the page is open; the person's choice (Theme: System, Light, Dark in the
// account menu) overrides it and survives a reload (localStorage); the page around the canvas
// matches. These tests read the drawn pixels: their pages paint (the harness's default does not).
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');
const { decodePng } = require('./lib/transfer');

const suite = h.appSuite();
const TIMEOUT = { timeout: 120000 };
const PATH = '/#/p/1/tickets?view=all';

// The mean brightness (0-255) of what the page shows: the theme's page and card colours cover
// most of it, so light is far above the middle and dark far below.
async function brightness(page) {
  await h.frames(page, 2);
  const { pixels, channels } = decodePng(await page.screenshot());
  let sum = 0, n = 0;
  for (let i = 0; i + 2 < pixels.length; i += channels * 7) {
    sum += 0.2126 * pixels[i] + 0.7152 * pixels[i + 1] + 0.0722 * pixels[i + 2];
    n += 1;
  }
  return sum / n;
}

function drawn(page, scheme) {
  return h.waitFor(`the page drawn ${scheme}`, async () => {
    const b = await brightness(page);
    return scheme === 'dark' ? b < 80 : b > 190;
  });
}

async function chooseTheme(page, from, to) {
  if (!(await h.findItem(page, { contains: 'Theme: ' }))) await h.click(page, 'Account');
  await h.click(page, `Theme: ${from}`);
  await h.waitForItem(page, `Theme: ${to}`);
}

function rootClass(page) {
  return page.evaluate(() => ({
    dark: document.documentElement.classList.contains('dark'),
    scheme: document.documentElement.style.colorScheme,
    background: getComputedStyle(document.body).backgroundColor,
  }));
}

test('System follows the colour scheme, also when it changes while the page is open', TIMEOUT, async () => {
  await suite.withApp({ paint: true, signInAs: 'owner@acme.test', path: PATH }, async (page) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await h.waitForItem(page, { contains: 'overdue', window: 'Page' });
    await drawn(page, 'light');
    assert.deepEqual(await rootClass(page), { dark: false, scheme: 'light', background: 'rgb(244, 246, 249)' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await drawn(page, 'dark');
    assert.deepEqual(await rootClass(page), { dark: true, scheme: 'dark', background: 'rgb(18, 24, 35)' });
    await h.screenshot(page, 'theme-dark.png');
    await page.emulateMedia({ colorScheme: 'light' });
    await drawn(page, 'light');
  });
});

test('Light chosen in the account menu overrides a dark system and survives a reload; System again follows it', TIMEOUT, async () => {
  await suite.withApp({ paint: true, signInAs: 'agent@acme.test', path: '/' }, async (page) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await drawn(page, 'dark');
    await chooseTheme(page, 'System', 'Light');
    await drawn(page, 'light');
    assert.equal(await page.evaluate(() => localStorage.getItem('partnerdesk.theme')), 'light');
    await h.reload(page);
    await drawn(page, 'light');
    assert.equal((await rootClass(page)).dark, false);
    await chooseTheme(page, 'Light', 'Dark');
    await drawn(page, 'dark');
    await chooseTheme(page, 'Dark', 'System');
    await drawn(page, 'dark'); // the system is still dark
    assert.equal(await page.evaluate(() => localStorage.getItem('partnerdesk.theme')), null);
    await page.emulateMedia({ colorScheme: 'light' });
    await drawn(page, 'light');
  });
});

test('The loading screen already shows the chosen theme, before the client has started', TIMEOUT, async () => {
  await suite.withApp({ paint: true, signInAs: 'agent@acme.test', path: '/' }, async (page) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await chooseTheme(page, 'System', 'Light');
    await drawn(page, 'light');
    // The module never arrives, so only the page's own files have run when we look. A second
    // page of the same browser (same storage), which never had the module: a reload of the
    // first could take it from the renderer's memory, past the route, and start the client.
    const context = page.context();
    let asked = 0;
    await context.route(/\.wasm$/, () => { asked += 1; });
    const before = await context.newPage();
    await before.emulateMedia({ colorScheme: 'dark' });
    await before.goto(page.url(), { waitUntil: 'domcontentloaded' });
    const loading = () => before.evaluate(() => ({
      shown: !document.getElementById('loading').hidden,
      background: getComputedStyle(document.getElementById('loading')).backgroundColor,
    }));
    await h.waitFor('the module asked for', async () => asked >= 1);
    assert.deepEqual(await loading(), { shown: true, background: 'rgb(244, 246, 249)' });
    await before.evaluate(() => localStorage.setItem('partnerdesk.theme', 'dark'));
    await before.emulateMedia({ colorScheme: 'light' });
    await before.reload({ waitUntil: 'domcontentloaded' });
    await h.waitFor('the module asked for again', async () => asked >= 2);
    assert.deepEqual(await loading(), { shown: true, background: 'rgb(18, 24, 35)' });
    await before.close();
    await context.unrouteAll({ behavior: 'ignoreErrors' });
  });
});
