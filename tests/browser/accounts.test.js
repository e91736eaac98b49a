// Accounts and access: an invitation link that creates an account and works once, signing
// up and creating a program (and signing up with a taken email), and what a customer sees (only their own record, no business
// pages). One server and one browser for the file.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');
const { startSmtpSink, relayArgs } = require('./lib/smtp_sink');

let sink = null; // an invited person confirms the address through the mailed link
const serverOptions = { args: [] };
const suite = h.appSuite({
  server: serverOptions,
  beforeServer: async () => {
    sink = await startSmtpSink();
    serverOptions.args.push(...relayArgs(sink));
  },
  onAfter: () => sink && sink.stop(),
});
const withApp = suite.withApp;

const TIMEOUT = { timeout: 120000 }; // a slow or busy machine takes twice as long as this one idle

test('staff invites an agent; the link creates the account, lands in the program, and works once', TIMEOUT, async () => {
  let link;
  await withApp({ signInAs: 'staff@acme.test', path: '/#/p/1/people', permissions: ['clipboard-read', 'clipboard-write'] },
    async (staff) => {
      await h.waitForItem(staff, { label: 'Invite someone', window: 'Page' });
      await h.typeInto(staff, 'Invite email', 'nia.brown@acme.test');
      assert.equal((await h.waitForItem(staff, { label: 'Invite role', kind: 'openable', window: 'Page' })).value, 'Agent');
      await h.click(staff, 'Create invitation link', { window: 'Page' });
      await h.click(staff, 'Copy link', { window: 'Page' });
      link = await h.waitFor('the link on the clipboard', async () => {
        const text = await staff.evaluate(() => navigator.clipboard.readText());
        return /\/#\/invite\/[0-9a-f]{64}$/.test(text) ? text : null;
      });
      assert.ok(link.startsWith(suite.server.url + '/#/invite/'));
      assert.equal(await h.fieldValue(staff, 'Invitation link'), link);
      // Pending, live: the invitations follow the members (scrolled to: the demo's list is long).
      await h.scrollTo(staff, { label: 'nia.brown@acme.test', window: 'Page' });
      await h.screenshot(staff, 'business-people-invitation.png');
    });

  await withApp({ path: link.slice(suite.server.url.length) }, async (page) => {
    await h.waitForItem(page, { label: 'Join Acme Analytics', window: 'Invitation' });
    await h.waitForItem(page, { label: 'Agent', window: 'Invitation' });
    await h.typeInto(page, 'Your name', 'Nia Brown');
    await h.typeInto(page, 'Choose a password', 'short');
    await h.click(page, 'Create account and join', { window: 'Invitation' });
    await h.waitForItem(page, { contains: 'at least 12 characters', kind: 'text', window: 'Invitation' });
    await h.typeInto(page, 'Choose a password', ' enough now');
    await h.screenshot(page, 'invitation-join.png');
    await h.click(page, 'Create account and join', { window: 'Invitation' });
    // Joining waits for the address: the link mailed to it confirms it and joins.
    await h.waitForItem(page, { contains: 'We sent a link to nia.brown@acme.test.', window: 'Invitation' });
    const mail = await sink.waitForMessage((m) => m.to === 'nia.brown@acme.test' && m.header('Subject') === 'Confirm your email for Partnerdesk');
    await h.goTo(page, mail.text.match(/#\/verify\/[0-9a-f]{64}/)[0]);
    await h.click(page, 'Open Acme Analytics', { window: 'Confirm your email' });

    await h.waitForHash(page, '#/p/1/overview');
    await h.waitForItem(page, { label: 'Agent workspace', window: 'Page' });
    await h.waitForItem(page, { label: 'Nia Brown', window: 'Page' });
    await h.waitForItem(page, { label: 'My customers', window: 'Navigation' });

    await page.goto(link);
    await h.waitForItem(page, { label: 'This invitation has already been used.', window: 'Invitation' });
    await h.screenshot(page, 'invitation-used.png');

    // A revoked link says so too.
    const staffCookie = await h.apiSignIn(suite.server.url, 'staff@acme.test');
    const other = await h.apiCommand(suite.server.url, staffCookie, 1, 'InviteMember', { email: 'lee.park@acme.test', role: 'agent' });
    const id = other.body.events[0].data.invitation_id;
    assert.equal((await h.apiCommand(suite.server.url, staffCookie, 1, 'RevokeInvitation', { invitation_id: id })).status, 200);
    await page.goto(suite.server.url + other.body.invitation_link);
    await h.waitForItem(page, { contains: 'This invitation was revoked.', window: 'Invitation' });
    const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
    assert.ok(!stored.includes('enough now'), 'no password in web storage');
  });
});

test('someone signs up, creates a program, and lands on its overview as the owner', TIMEOUT, async () => {
  await withApp({}, async (page) => {
    await h.click(page, 'Create an account', { window: 'Sign in' });
    await h.waitForHash(page, '#/signup');
    await h.typeInto(page, 'Your name', 'Elena Park');
    await h.typeInto(page, 'Work email', 'elena@harborview.test');
    // The draft (never the password) survives a reload.
    await h.reload(page);
    assert.equal(await h.fieldValue(page, 'Work email'), 'elena@harborview.test');
    await h.typeInto(page, 'New password', 'harbor lights 2026');
    await h.screenshot(page, 'signup.png');
    await h.click(page, 'Create account', { window: 'Sign up' });

    await h.waitForHash(page, '#/programs/new');
    await h.waitForItem(page, { label: 'Create your program', window: 'New program' });
    await h.typeInto(page, 'Program name', 'Harborview Analytics');
    await h.click(page, 'Currency', { kind: 'openable', window: 'New program' });
    await h.click(page, 'EUR \u2014 Euro', { window: '##Combo_00' });
    await h.waitFor('EUR picked', async () => (await h.findItem(page, { label: 'Currency', kind: 'openable' }))?.value?.startsWith('EUR'));
    await h.screenshot(page, 'new-program.png');
    await h.click(page, 'Create program', { window: 'New program' });

    const hash = await h.waitForHash(page, '#/p/');
    assert.match(hash, /^#\/p\/\d+\/overview$/);
    await h.waitForItem(page, { label: 'Business dashboard', window: 'Page' });
    await h.waitForItem(page, { label: 'Harborview Analytics', kind: 'text', window: 'Page' });
    await h.waitForItem(page, { label: 'Owner', kind: 'text', window: 'Page' });
    await h.waitForItem(page, { label: '\u20ac0.00', window: 'Page' }); // MRR in the program's currency
    await h.waitForItem(page, { label: 'Live', window: 'Navigation' });
    await h.screenshot(page, 'new-program-overview.png');
  });
});

test('signing up with an email that already has an account says so, signs nobody in and changes nothing', TIMEOUT, async () => {
  await withApp({ path: '/#/signup' }, async (page) => {
    await h.waitForItem(page, { label: 'Create your account', window: 'Sign up' });
    await h.typeInto(page, 'Your name', 'Mallory');
    await h.typeInto(page, 'Work email', 'owner@acme.test');
    await h.typeInto(page, 'New password', 'not the owners password');
    await h.click(page, 'Create account', { window: 'Sign up' });
    await h.waitForItem(page, { contains: 'This email already has an account.', window: 'Sign up' });
    assert.ok((await page.evaluate(() => location.hash)).startsWith('#/signup'), 'still on the sign-up page');
  });
  // The owner's account is as it was: the demo password still signs in, Mallory's does not.
  const owner = await h.apiSignIn(suite.server.url, 'owner@acme.test');
  assert.notEqual((await h.apiJson(suite.server.url, owner, 'GET', '/api/v1/me')).body.person.name, 'Mallory');
  await assert.rejects(h.apiSignIn(suite.server.url, 'owner@acme.test', 'not the owners password'));
});

test('a customer sees only their own record and no business pages', TIMEOUT, async () => {
  await withApp({ signInAs: 'customer@acme.test', path: '/#/p/1/overview' }, async (page) => {
    await h.waitForItem(page, { label: 'Customer portal', window: 'Page' });
    await h.waitForItem(page, { label: 'Jordan Lee (Lumen Dental)', window: 'Page' });
    await h.waitForItem(page, { label: 'Ava Martinez', window: 'Page' }); // their agent
    const nav = (await h.findItems(page, { window: 'Navigation', kind: 'item' })).map((i) => i.text).sort();
    assert.deepEqual(nav, ['Help articles', 'My profile', 'My tickets', 'Overview']);

    for (const hidden of ['customers', 'customers/2', 'agents', 'people', 'settings']) {
      await page.evaluate((p) => { window.location.hash = '#/p/1/' + p; }, hidden);
      await h.waitForHash(page, '#/p/1/overview');
    }
    await h.click(page, 'My profile', { window: 'Navigation' });
    await h.waitForHash(page, '#/p/1/profile');
    await h.waitForItem(page, { label: '$129.00', window: 'Page' });
    for (const other of ['Sam Rivera (Northwind Freight)', 'Priya Nair', 'Daniel Brooks']) {
      assert.equal(await h.findItem(page, { contains: other }), null, `${other} is not shown`);
    }
    // The replica holds only this customer's record.
    const snapshot = JSON.parse((await h.apiGet(page, '/api/v1/programs/1/snapshot')).body);
    assert.deepEqual(snapshot.customers.map((c) => c.profile.name), ['Jordan Lee (Lumen Dental)']);
    await h.screenshot(page, 'customer-profile.png');
  });
});

test('an invited person who has an account signs in to accept, then signs out of every device', TIMEOUT, async () => {
  const staff = await h.apiSignIn(suite.server.url, 'staff@acme.test');
  const invited = await h.apiCommand(suite.server.url, staff, 1, 'InviteMember', { email: 'owner@brightside.test', role: 'agent' });
  assert.equal(invited.status, 200);
  const elsewhere = await h.apiSignIn(suite.server.url, 'owner@brightside.test'); // Rosa's other device

  await withApp({ path: invited.body.invitation_link }, async (page) => {
    await h.waitForItem(page, { contains: 'There is already a Partnerdesk account for owner@brightside.test', window: 'Invitation' });
    await h.click(page, 'Sign in to accept', { window: 'Invitation' });
    await h.waitForHash(page, '#/signin');
    await h.waitForItem(page, { label: 'Sign in as owner@brightside.test to accept the invitation to Acme Analytics.', window: 'Sign in' });
    assert.equal(await h.fieldValue(page, 'Email'), 'owner@brightside.test');
    await h.typeInto(page, 'Password', h.DEMO_PASSWORD);
    await h.click(page, 'Sign in', { window: 'Sign in' });

    await h.waitForHash(page, '#/invite/');
    await h.click(page, 'Join as Rosa Alvarez', { window: 'Invitation' });
    await h.waitForHash(page, '#/p/1/overview');
    await h.waitForItem(page, { label: 'Agent workspace', window: 'Page' });

    await h.click(page, 'Account', { window: 'Top bar' });
    await h.click(page, 'Sign out of all devices');
    await h.waitForItem(page, { label: 'Sign out of all devices', window: 'Confirm', kind: 'text' });
    await h.click(page, 'Sign out everywhere', { window: 'Confirm' });
    await h.waitForHash(page, '#/signin');
    assert.equal((await h.apiJson(suite.server.url, elsewhere, 'GET', '/api/v1/me')).status, 401, 'the other device is signed out too');
  });
});
