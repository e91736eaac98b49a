// A person changes their own email address on the account page: the new address and the current
// password, the page showing the change waiting for confirmation, the link read from the mail a
// real SMTP server received (tests/mail/smtp_sink.py), its page saying the address changed, and
// a sign-in with the new address (the old one no longer signs in).
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');
const { mailSuite } = require('./lib/smtp_sink');

const TIMEOUT = { timeout: 120000 };

const suite = mailSuite(h);

test('a person changes their email on the account page, confirms it from the mail and signs in with it', TIMEOUT, async () => {
  const tag = Date.now().toString(36);
  const oldEmail = `noor.${tag}@old.test`;
  const newEmail = `noor.${tag}@new.test`;
  const password = 'noor changes her address';
  const made = await h.apiJson(suite.server.url, '', 'POST', '/api/v1/accounts', { email: oldEmail, name: 'Noor Change', password });
  assert.equal(made.status, 202);

  await suite.withApp({ signInAs: oldEmail, password, path: '/#/account' }, async (page) => {
    // The card is the page's last, below the mail choices: scrolled into view as it grows.
    await h.seek(page, { label: 'Change email' });
    await h.click(page, 'Change email', { window: 'Page' });
    await h.seek(page, { label: 'New email address', kind: 'input' });
    await h.typeInto(page, 'New email address', newEmail, { window: 'Page' });
    await h.seek(page, { label: 'Current password', kind: 'input' });
    await h.typeInto(page, 'Current password', password, { window: 'Page' });
    await h.seek(page, { label: 'Send link' });
    await h.click(page, 'Send link', { window: 'Page' });

    // Waiting for the link: the account keeps its address meanwhile.
    await h.seek(page, { label: `Waiting for confirmation at ${newEmail}: open the link we sent there.` });
    await h.waitForItem(page, { label: 'Cancel###Cancel email change', window: 'Page' });
    await h.screenshot(page, 'email-change-pending.png');
    const me = await h.apiRead(page, '/api/v1/me');
    assert.equal(me.person.email, oldEmail);
    assert.equal(me.pending_email, newEmail);

    const mail = await suite.sink.waitForMessage((m) => m.to === newEmail && m.header('Subject') === 'Confirm your new email for Partnerdesk');
    const link = mail.text.match(/https:\/\/desk\.example\.test\/(#\/verify\/[0-9a-f]{64})/);
    assert.ok(link, 'the mail carries the confirmation link');

    await h.goTo(page, link[1]);
    await h.waitForItem(page, { label: 'Email address confirmed', window: 'Confirm your email' });
    await h.waitForItem(page, { contains: `Your email address is now ${newEmail}.`, window: 'Confirm your email' });
    await h.screenshot(page, 'email-change-confirmed.png');
    const after = await h.apiRead(page, '/api/v1/me');
    assert.equal(after.person.email, newEmail);
    assert.equal(after.pending_email, '');
  });

  // Another browser: the new address signs in, the old one no longer does.
  await suite.withApp({}, async (page) => {
    await h.signIn(page, newEmail, password);
    await h.waitFor('the new address to be signed in', async () => {
      const r = await h.apiGet(page, '/api/v1/me');
      return r.status === 200 && JSON.parse(r.body).person.email === newEmail;
    });
  });
  const old = await h.apiJson(suite.server.url, '', 'POST', '/api/v1/session', { email: oldEmail, password });
  assert.equal(old.status, 401);
});
