// Sign-in, home pages per role, reload, sign-out, program switching, the sign-in draft, and
// the clipboard: the real server and the built client in headless Chromium.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const suite = h.appSuite();
const withApp = suite.withApp;

const TIMEOUT = { timeout: 150000 }; // a slow or busy machine takes twice as long as this one idle

test('an agent signs in, stays signed in across a reload, and signs out', TIMEOUT, async () => {
  await withApp({}, async (page) => {
    await h.waitForHash(page, '#/signin');
    await h.signIn(page, 'agent@acme.test');

    await h.waitForItem(page, { contains: 'Agent workspace', window: 'Page' });
    await h.waitForItem(page, { label: 'Acme Analytics', kind: 'text', window: 'Page' });
    await h.waitForItem(page, { label: 'Sign out', window: 'Top bar' });
    assert.match(await h.waitForHash(page, '#/p/1/overview'), /^#\/p\/1\/overview$/);
    await h.screenshot(page, 'agent-home.png');

    await h.reload(page);
    await h.waitForItem(page, { contains: 'Agent workspace', window: 'Page' });
    assert.match(await page.evaluate(() => window.location.hash), /^#\/p\/1\/overview$/);
    assert.equal((await h.apiGet(page, '/api/v1/me')).status, 200);

    await h.click(page, 'Sign out', { window: 'Top bar' });
    await h.waitForItem(page, { label: 'Sign in', window: 'Sign in' });
    await h.waitForHash(page, '#/signin');
    assert.equal((await h.apiGet(page, '/api/v1/me')).status, 401);
  });
});

test('a wrong password shows the server\'s message and opens no session', TIMEOUT, async () => {
  await withApp({}, async (page) => {
    await h.signIn(page, 'agent@acme.test', 'not-the-password');
    const error = await h.waitForItem(page, { label: 'Wrong email or password.', kind: 'text', window: 'Sign in' });
    assert.ok(error.w > 0 && error.h > 0);
    assert.match(await page.evaluate(() => window.location.hash), /^#\/signin/);
    const me = await h.apiGet(page, '/api/v1/me');
    assert.equal(me.status, 401);
    assert.equal(JSON.parse(me.body).error.code, 'unauthenticated');
    await h.screenshot(page, 'signin-error.png');
  });
});

const homes = [
  { email: 'owner@acme.test', title: 'Business dashboard', role: 'Owner' },
  { email: 'staff@acme.test', title: 'Business dashboard', role: 'Staff' },
  { email: 'customer@acme.test', title: 'Customer portal', role: 'Customer', enter: true, dpr: 2 },
];

for (const home of homes) {
  test(`${home.email} lands on the ${home.title}`, TIMEOUT, async () => {
    await withApp({ deviceScaleFactor: home.dpr || 1 }, async (page) => {
      await h.signIn(page, home.email, h.DEMO_PASSWORD, { submitWithEnter: !!home.enter });
      await h.waitForItem(page, { label: home.title, window: 'Page' });
      await h.waitForItem(page, { label: 'Acme Analytics', kind: 'text', window: 'Page' });
      await h.waitForItem(page, { label: home.role, kind: 'text', window: 'Page' });
      await h.waitForHash(page, '#/p/');
      if (home.dpr) await h.screenshot(page, `customer-home-dpr${home.dpr}.png`);
    });
  });
}

test('the program switcher changes the home page, and Back returns to the previous program', TIMEOUT, async () => {
  await withApp({}, async (page) => {
    await h.signIn(page, 'agent@acme.test');
    await h.waitForItem(page, { label: 'Acme Analytics', kind: 'text', window: 'Page' });
    const first = await h.waitForHash(page, '#/p/');

    await h.click(page, 'Program', { kind: 'openable', window: 'Top bar' });
    const options = await h.waitFor('switcher options', async () => {
      const found = await h.findItems(page, { contains: ' \u2014 ', window: '##Combo_00' });
      return found.length >= 2 ? found : null;
    });
    const other = options.find((o) => !o.text.startsWith('Acme Analytics'));
    assert.ok(other, 'the agent belongs to a second program');
    const otherProgram = other.text.split(' \u2014 ')[0];
    await h.screenshot(page, 'program-switcher.png');
    await h.click(page, other.text, { window: '##Combo_00' });

    await h.waitForItem(page, { label: otherProgram, kind: 'text', window: 'Page' });
    const second = await h.waitForHash(page, '#/p/');
    assert.notEqual(second, first);

    await h.reload(page);
    await h.waitForItem(page, { label: otherProgram, kind: 'text', window: 'Page' });

    await page.goBack();
    await h.waitForItem(page, { label: 'Acme Analytics', kind: 'text', window: 'Page' });
    assert.equal(await page.evaluate(() => window.location.hash), first);

    // The first URL scheme still opens a program's overview.
    await page.evaluate(() => { window.location.hash = '#/home?program=1'; });
    await h.waitForHash(page, '#/p/1/overview');

    // Signed in, the sign-in page leads home.
    await page.evaluate(() => { window.location.hash = '#/signin'; });
    await h.waitForHash(page, '#/p/');
    await h.waitForItem(page, { label: 'Acme Analytics', kind: 'text', window: 'Page' });
  });
});

test('the sign-in email survives a reload; the password is never stored', TIMEOUT, async () => {
  await withApp({}, async (page) => {
    await h.typeInto(page, 'Email', 'draft.person@acme.test');
    await h.typeInto(page, 'Password', 'secret-typed-here');
    await h.reload(page);
    assert.equal(await h.fieldValue(page, 'Email'), 'draft.person@acme.test');
    const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
    assert.ok(!stored.includes('secret-typed-here'), 'no password in web storage');
  });
});

test('copy and paste in a text field go through the system clipboard', TIMEOUT, async () => {
  await withApp({ permissions: ['clipboard-read', 'clipboard-write'] }, async (page) => {
    const email = 'clipboard.check@acme.test';
    await h.typeInto(page, 'Email', email);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+C');
    await h.waitFor('the system clipboard to hold the email',
                    async () => (await page.evaluate(() => navigator.clipboard.readText())) === email);
    await page.keyboard.press('Backspace');
    await h.waitFor('the field to be empty', async () => (await h.fieldValue(page, 'Email')) === '');

    await page.keyboard.press('Control+V');
    await h.waitFor('the pasted email', async () => (await h.fieldValue(page, 'Email')) === email);

    // Text put on the clipboard by another application pastes as well.
    await page.evaluate(() => navigator.clipboard.writeText('from.elsewhere@acme.test'));
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+V');
    await h.waitFor('the text from elsewhere',
                    async () => (await h.fieldValue(page, 'Email')) === 'from.elsewhere@acme.test');
  });
});
