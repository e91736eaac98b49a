// A forgotten password: the sign-in card's "Forgot your password?", the mail the server hands a
// real SMTP server (tests/mail/smtp_sink.py), its link opened, a new password set (a short one
// refused first, by the same rule as the server's), and the sign-in with it.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');
const { mailSuite } = require('./lib/smtp_sink');

const TIMEOUT = { timeout: 120000 };

const suite = mailSuite(h);

test('someone who forgot their password resets it from the mailed link and signs in with the new one', TIMEOUT, async () => {
  const email = `rosa.${Date.now().toString(36)}@reset.test`;
  const r = await h.request(suite.server.url + '/api/v1/accounts', {
    method: 'POST', headers: { 'X-Requested-With': 'partnerdesk', 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, name: 'Rosa Reset', password: 'the first passphrase' }) });
  assert.equal(r.status, 202);

  await suite.withApp({}, async (page) => {
    await h.waitForHash(page, '#/signin');
    await h.typeInto(page, 'Email', email);
    await h.click(page, 'Forgot your password?', { window: 'Sign in' });
    await h.waitForHash(page, '#/forgot');
    // The email typed on the sign-in card is already there.
    assert.equal(await h.fieldValue(page, 'Reset email', { window: 'Forgot your password' }), email);
    await h.screenshot(page, 'password-forgot.png');
    await h.click(page, 'Send reset link', { window: 'Forgot your password' });
    await h.waitForItem(page, { label: 'Reset link sent', window: 'Forgot your password' });
    await h.waitForItem(page, { contains: `If an account uses ${email}`, window: 'Forgot your password' });

    // The sign-up's confirmation link came first; the reset mail is the one asked for here.
    const mail = await suite.sink.waitForMessage((m) => m.to === email && m.header('Subject') === 'Reset your Partnerdesk password').catch(async (e) => {
      const outbox = await (await fetch(suite.server.url + '/healthz/mail')).text();
      throw new Error(`${e.message}\n${outbox}\n${suite.server.log().split('\n').filter((l) => /mail|reset|account/.test(l)).join('\n')}`);
    });
    assert.equal(mail.header('Subject'), 'Reset your Partnerdesk password');
    const link = mail.text.match(/https:\/\/desk\.example\.test\/(#\/reset\/[0-9a-f]{64})/);
    assert.ok(link, 'the mail carries the reset link');

    await h.goTo(page, link[1]);
    await h.waitForItem(page, { label: 'Set new password', window: 'Choose a new password' });
    // A short password is refused before anything is sent, with the server's own sentence.
    await h.typeInto(page, 'Choose a new password', 'too short');
    await h.click(page, 'Set new password', { window: 'Choose a new password' });
    await h.waitForItem(page, { label: 'Choose a password of at least 12 characters.', kind: 'text', window: 'Choose a new password' });
    await h.typeInto(page, 'Choose a new password', ' but long enough now');
    await h.waitForNoItem(page, { label: 'Choose a password of at least 12 characters.', kind: 'text', window: 'Choose a new password' });
    await h.screenshot(page, 'password-reset.png');
    await h.click(page, 'Set new password', { window: 'Choose a new password' });

    await h.waitForHash(page, '#/signin');
    await h.waitForItem(page, { label: 'Your password was changed. Sign in with your new password.', window: 'Sign in' });
    await h.replaceText(page, 'Email', email);
    await h.typeInto(page, 'Password', 'too short but long enough now');
    await h.click(page, 'Sign in', { window: 'Sign in' });
    await h.waitForHash(page, '#/programs/new'); // a new account without a program yet
    assert.equal((await h.apiGet(page, '/api/v1/me')).status, 200);
  });

  // The link worked once; the old password no longer signs in.
  await assert.rejects(h.apiSignIn(suite.server.url, email, 'the first passphrase'));
  const again = await h.request(suite.server.url + '/api/v1/account/password-reset/complete', {
    method: 'POST', headers: { 'X-Requested-With': 'partnerdesk', 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: suite.sink.messages().find((m) => m.to === email && m.header('Subject') === 'Reset your Partnerdesk password').text.match(/#\/reset\/([0-9a-f]{64})/)[1],
                           password: 'a third passphrase here' }) });
  assert.equal(again.status, 400);
  assert.equal((await again.json()).error.field, 'token');
});
