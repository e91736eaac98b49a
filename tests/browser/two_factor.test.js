// Two-factor sign-in in the browser: set up from the QR code's key on the account page (the test
// computes codes from the key shown, with Debian's oathtool, as an authenticator app would), sign
// in with a code, and be asked for a fresh one before a payout once the last is stale (step-up);
// a program that requires two-factor of its agents walks an agent through setting it up first.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const h = require('./lib/harness');

const suite = h.appSuite({ server: { shiftableClock: true } });
const withApp = suite.withApp;
const TIMEOUT = { timeout: 180000 };

// An authenticator app for one key, on the server's clock (offsetSeconds ahead of the real one).
// Each code is for a step after the last one given (the server never takes a step twice) and
// within one step of the server's now.
function authenticator(secret) {
  return {
    secret, offsetSeconds: 0, lastStep: 0,
    async next() {
      for (;;) {
        const nowStep = Math.floor((Date.now() / 1000 + this.offsetSeconds) / 30);
        const step = Math.max(this.lastStep + 1, nowStep);
        if (step <= nowStep + 1) {
          this.lastStep = step;
          return execFileSync('oathtool', ['--totp', '-b', `--now=@${step * 30}`, this.secret]).toString().trim();
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    },
  };
}

// The key the account page shows, in groups of four ("ABCD EFGH ...").
async function shownKey(page) {
  const key = await h.waitFor('the key to be shown', async () => {
    const all = await h.items(page);
    return all.find((it) => it.window.startsWith('Page') && /^[A-Z2-7]{4}( [A-Z2-7]{1,4}){7,}$/.test(it.label)) || null;
  });
  return key.label.replace(/ /g, '');
}

// Sets two-factor up on the account page; returns the authenticator.
async function turnOn(page) {
  await h.goTo(page, '#/account');
  await h.click(page, 'Set up two-factor', { window: 'Page' });
  const auth = authenticator(await shownKey(page));
  await h.seek(page, { label: 'Turn on' });
  await h.screenshot(page, 'two-factor-setup.png');
  await h.typeInto(page, 'Two-factor code', await auth.next(), { window: 'Page' });
  await h.click(page, 'Turn on', { window: 'Page' });
  await h.seek(page, { contains: 'Save these recovery codes' });
  return auth;
}

test('an agent required by the program to use two-factor is walked through it before anything else', TIMEOUT, async () => {
  // The owner requires it of partner agents on the program's settings page.
  await withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/settings' }, async (owner) => {
    await h.seek(owner, { label: 'Partner agents' });
    await h.click(owner, 'Partner agents', { window: 'Page' });
    await h.seek(owner, { label: 'Save' });
    await h.screenshot(owner, 'two-factor-policy.png');
    await h.click(owner, 'Save', { window: 'Page' });
    await h.waitFor('the policy to be saved', async () => (await h.apiRead(owner, '/api/v1/programs/1/snapshot')).security.two_factor_agents);
  });
  await withApp({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 }, async (page) => {
    await h.signIn(page, 'agent@acme.test');
    await h.waitForHash(page, '#/account');
    await h.waitForItem(page, { contains: 'requires two-factor sign-in for your role', window: 'Page' });
    // Nothing else opens meanwhile.
    await page.evaluate(() => { window.location.hash = '#/p/1/tickets'; });
    await h.frames(page, 3);
    await h.waitForHash(page, '#/account');
    await h.waitForItem(page, { label: 'Set up two-factor', window: 'Page' });
    const locked = await h.apiGet(page, '/api/v1/programs/1/snapshot');
    assert.equal(locked.status, 403);
    assert.equal(JSON.parse(locked.body).error.code, 'two_factor_enrolment_required');

    await h.click(page, 'Set up two-factor', { window: 'Page' });
    const auth = authenticator(await shownKey(page));
    await h.screenshot(page, 'two-factor-setup-phone.png');
    // The QR code and the key fit the phone's width.
    const key = (await h.items(page)).find((it) => it.window.startsWith('Page') && it.label.replace(/ /g, '') === auth.secret);
    assert.ok(key.x >= 0 && key.x + key.w <= 390, `the key fits: ${key.x}+${key.w}`);
    await h.seek(page, { label: 'Turn on' });
    await h.typeInto(page, 'Two-factor code', await auth.next(), { window: 'Page' });
    await h.click(page, 'Turn on', { window: 'Page' });
    await h.seek(page, { contains: 'Save these recovery codes' });
    await h.screenshot(page, 'two-factor-recovery-codes-phone.png');
    await h.seek(page, { label: 'I saved them' });
    await h.click(page, 'I saved them', { window: 'Page' });
    await h.goTo(page, '#/p/1/tickets');
    await h.waitForHash(page, '#/p/1/tickets');
    assert.equal((await h.apiGet(page, '/api/v1/programs/1/snapshot')).status, 200);
  });
  await withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/settings' }, async (owner) => {
    await h.seek(owner, { label: 'Partner agents' });
    await h.click(owner, 'Partner agents', { window: 'Page' });
    await h.seek(owner, { label: 'Save' });
    await h.click(owner, 'Save', { window: 'Page' });
    await h.waitFor('the policy to be lifted', async () => !(await h.apiRead(owner, '/api/v1/programs/1/snapshot')).security.two_factor_agents);
  });
});

test('the owner turns on two-factor from the QR code, signs in with a code, and is asked again before a payout', TIMEOUT, async () => {
  let auth;
  await withApp({ signInAs: 'owner@acme.test' }, async (page) => {
    auth = await turnOn(page);
    await h.screenshot(page, 'two-factor-recovery-codes.png');
    assert.equal((await h.apiRead(page, '/api/v1/me')).two_factor, true);
  });

  await withApp({}, async (page) => {
    // The password, then the code on the same card.
    await h.signIn(page, 'owner@acme.test');
    await h.typeInto(page, 'Two-factor code', await auth.next(), { window: 'Sign in' });
    await h.screenshot(page, 'two-factor-signin.png');
    await h.click(page, 'Sign in', { window: 'Sign in' });
    await h.waitForHash(page, '#/p/1/overview');

    // Eleven minutes later the code is stale: the payout asks for a fresh one, then goes through once.
    suite.server.shiftClock('+660');
    auth.offsetSeconds = 660;
    const before = (await h.apiRead(page, '/api/v1/programs/1/snapshot')).commissions.batches.length;
    await h.goTo(page, '#/p/1/commissions');
    await h.click(page, 'Payouts', { window: 'Page', hoverFirst: true });
    await h.frames(page, 3);
    await h.scrollTo(page, { label: 'Payout reference', kind: 'input', window: 'Page' });
    await h.typeInto(page, 'Payout reference', 'ACH-STEP-UP-1', { window: 'Page' });
    await h.scrollTo(page, { label: 'Mark paid', window: 'Page' });
    await h.click(page, 'Mark paid', { window: 'Page' });
    await h.waitForItem(page, { label: 'Confirm it is you', kind: 'text' });
    await h.screenshot(page, 'two-factor-step-up.png');
    assert.equal((await h.apiRead(page, '/api/v1/programs/1/snapshot')).commissions.batches.length, before, 'nothing paid yet');

    await h.typeInto(page, 'Step-up code', await auth.next());
    await h.click(page, 'Confirm');
    await h.waitFor('the payout to be recorded', async () =>
      (await h.apiRead(page, '/api/v1/programs/1/snapshot')).commissions.batches.length === before + 1);
    await h.waitForNoItem(page, { label: 'Confirm it is you', kind: 'text' });
    await h.scrollTo(page, { label: 'ACH-STEP-UP-1', window: 'Page' });
    const batches = (await h.apiRead(page, '/api/v1/programs/1/snapshot')).commissions.batches;
    assert.equal(batches.length, before + 1, 'paid once');

    // Eleven minutes on, exporting a customer's data asks again; the ZIP is saved once confirmed.
    suite.server.shiftClock('+1320');
    auth.offsetSeconds = 1320;
    await h.goTo(page, '#/p/1/customers/1');
    await h.scrollTo(page, { label: 'Customer data', window: 'Page' });
    const saved = page.waitForEvent('download', { timeout: 60000 });
    await h.click(page, 'Export data (ZIP)', { window: 'Page' });
    await h.waitForItem(page, { label: 'Confirm it is you', kind: 'text' });
    await h.typeInto(page, 'Step-up code', await auth.next());
    await h.click(page, 'Confirm');
    const download = await saved;
    assert.match(download.suggestedFilename(), /^partnerdesk-customer-1-\d{4}-\d{2}-\d{2}\.zip$/);
    await h.seek(page, { contains: 'Saved partnerdesk-customer-1-' });
  });
  suite.server.shiftClock('+0');
});

test('a person sees where they are signed in and signs out of another session', TIMEOUT, async () => {
  const elsewhere = await h.apiSignIn(suite.server.url, 'marco@acme.test');
  await withApp({ signInAs: 'marco@acme.test', path: '/#/account' }, async (page) => {
    await h.seek(page, { label: 'This browser' });
    const theirs = (await h.apiRead(page, '/api/v1/account/sessions')).items.filter((s) => !s.current);
    assert.equal(theirs.length, 1, 'the other sign-in is listed');
    const end = `Sign out###end ${theirs[0].id}`;
    await h.seek(page, { label: end });
    await h.screenshot(page, 'account-sessions.png');
    await h.click(page, undefined, { label: end, window: 'Page' });
    await h.waitFor('the other session to end', async () =>
      (await h.apiJson(suite.server.url, elsewhere, 'GET', '/api/v1/me')).status === 401);
    await h.waitForNoItem(page, { label: end, window: 'Page' });
    assert.equal((await h.apiGet(page, '/api/v1/me')).status, 200, 'this browser stays signed in');
  });
});
