// Email verification: someone invited signs up through the invitation link, is told to confirm
// their address first, opens the link from the mail a real SMTP server received
// (tests/mail/smtp_sink.py), and the link's page confirms the address and joins the program.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');
const { mailSuite } = require('./lib/smtp_sink');

const TIMEOUT = { timeout: 120000 };

const suite = mailSuite(h);

test('an invited person signs up through the link, is told to confirm the address, opens the mailed link and joins', TIMEOUT, async () => {
  const email = `kim.${Date.now().toString(36)}@acme.test`;
  const staff = await h.apiSignIn(suite.server.url, 'staff@acme.test');
  const invited = await h.apiCommand(suite.server.url, staff, 1, 'InviteMember', { email, role: 'agent' });
  assert.equal(invited.status, 200);

  await suite.withApp({ path: invited.body.invitation_link }, async (page) => {
    await h.waitForItem(page, { label: 'Join Acme Analytics', window: 'Invitation' });
    await h.typeInto(page, 'Your name', 'Kim Verify');
    await h.typeInto(page, 'Choose a password', 'kim verifies her address');
    await h.click(page, 'Create account and join', { window: 'Invitation' });

    // The account exists and is signed in; joining waits for the mailed link.
    await h.waitForItem(page, {
      label: `We sent a link to ${email}. Open it to confirm your email address and join Acme Analytics.`, window: 'Invitation' });
    await h.waitForItem(page, { label: 'Send the link again', window: 'Invitation' });
    await h.waitForItem(page, { label: 'Join as Kim Verify', window: 'Invitation' });
    await h.screenshot(page, 'email-verification-invited.png');
    const me = await h.apiRead(page, '/api/v1/me');
    assert.equal(me.email_verified, false);
    assert.deepEqual(me.memberships, []);

    const mail = await suite.sink.waitForMessage((m) => m.to === email && m.header('Subject') === 'Confirm your email for Partnerdesk')
      .catch(async (e) => {
        const outbox = await (await fetch(suite.server.url + '/healthz/mail')).text();
        throw new Error(`${e.message}\n${outbox}`);
      });
    const link = mail.text.match(/https:\/\/desk\.example\.test\/(#\/verify\/[0-9a-f]{64})/);
    assert.ok(link, 'the mail carries the confirmation link');

    await h.goTo(page, link[1]);
    await h.waitForItem(page, { label: 'Email address confirmed', window: 'Confirm your email' });
    await h.waitForItem(page, { label: 'Your email address is confirmed, and you joined Acme Analytics.', window: 'Confirm your email' });
    await h.screenshot(page, 'email-verification-confirmed.png');
    await h.click(page, 'Open Acme Analytics', { window: 'Confirm your email' });
    await h.waitForHash(page, '#/p/1/overview');
    await h.waitForItem(page, { label: 'Agent workspace', window: 'Page' });
    assert.equal((await h.apiRead(page, '/api/v1/me')).email_verified, true);

    // The link works once: opened again, its page says so.
    await h.goTo(page, '#/verify/' + 'a'.repeat(64));
    await h.waitForItem(page, { label: 'This link did not work', window: 'Confirm your email' });
  });
});
