// The mail a person gets: on a phone, an agent turns the overdue and escalation alerts into a
// daily digest on the account page; a customer's ticket update reaches a real SMTP server
// (tests/mail/smtp_sink.py) with a "Stop these" link, which stops that kind of mail from a
// browser that is not signed in.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');
const { mailSuite } = require('./lib/smtp_sink');

const TIMEOUT = { timeout: 120000 };

const suite = mailSuite(h, ['--reply-address', 'support@acme.test']);

function modeOf(prefs, key) {
  return prefs.categories.find((c) => c.key === key).mode;
}

test('an agent on a phone turns the overdue and escalation alerts into a daily digest on the account page', TIMEOUT, async () => {
  await suite.withApp({ signInAs: 'marco@acme.test', path: '/#/account', viewport: { width: 390, height: 844 }, hasTouch: true,
                        isMobile: true, deviceScaleFactor: 2 }, async (page) => {
    const digest = 'Daily digest###alerts daily_digest';
    // The choices come with the server's answer (the kinds' names first: a button out of view
    // has no label in the item table); then the card is scrolled into view.
    await h.waitFor('the Email card\'s kinds of mail', async () => (await h.items(page)).some((it) => it.label === 'Overdue and escalation alerts'));
    await h.scrollTo(page, { label: digest, window: 'Page' }, { timeout: 40000 });
    await h.screenshot(page, 'mail-preferences-phone.png');
    const item = (await h.items(page)).find((it) => it.label === digest);
    assert.ok(item.x >= 0 && item.x + item.w <= 390, `the choice fits the phone: ${item.x}+${item.w}`);
    assert.equal(modeOf(await h.apiRead(page, '/api/v1/account/mail-preferences'), 'alerts'), 'each');
    await h.click(page, digest, { window: 'Page' });
    await h.waitFor('the choice to be saved', async () =>
      modeOf(await h.apiRead(page, '/api/v1/account/mail-preferences'), 'alerts') === 'daily_digest');
    // The other kinds are untouched.
    const prefs = await h.apiRead(page, '/api/v1/account/mail-preferences');
    assert.equal(modeOf(prefs, 'my_tickets'), 'each');
    assert.equal(modeOf(prefs, 'assignments'), 'each');
  });
});

test('a customer stops their ticket updates from the link in the mail, without signing in', TIMEOUT, async () => {
  const ava = await h.apiSignIn(suite.server.url, 'agent@acme.test');
  const jordan = await h.apiSignIn(suite.server.url, 'customer@acme.test');
  const list = await h.apiJson(suite.server.url, jordan, 'GET', '/api/v1/programs/1/tickets?view=all&q=custom%20field');
  const id = list.body.items[0].id;
  const marker = `REPLY-${Date.now().toString(36)}`;
  const sent = await h.apiCommand(suite.server.url, ava, 1, 'ReplyToTicket', { ticket_id: id, text: `Custom fields live under Settings. ${marker}` });
  assert.equal(sent.status, 200);
  const mail = await suite.sink.waitForMessage((m) => m.to === 'customer@acme.test' && m.text.includes(marker));
  assert.match(mail.header('Reply-To'), new RegExp(`^<support\\+t1-${id}\\.[0-9a-f]{16}@acme\\.test>$`));
  const link = mail.text.match(/https:\/\/desk\.example\.test\/(#\/unsubscribe\/[0-9]+-my_tickets\.[0-9a-f]{16})/);
  assert.ok(link, 'the mail carries a Stop these link');

  await suite.withApp({}, async (page) => {
    await h.waitForHash(page, '#/signin');
    await h.goTo(page, link[1]);
    await h.waitForItem(page, { contains: 'My tickets', kind: 'text', window: 'Unsubscribe' });
    await h.screenshot(page, 'mail-unsubscribe.png');
    await h.click(page, 'Unsubscribe', { window: 'Unsubscribe' });
    await h.waitForItem(page, { label: 'You are unsubscribed', kind: 'text', window: 'Unsubscribe' });
  });
  const prefs = await h.apiJson(suite.server.url, jordan, 'GET', '/api/v1/account/mail-preferences');
  assert.equal(modeOf(prefs.body, 'my_tickets'), 'off');
});

test('the owner sees on the settings page how the program\'s mail is delivered; staff do not', TIMEOUT, async () => {
  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/settings', viewport: { width: 1440, height: 900 } }, async (page) => {
    await h.scrollTo(page, { label: 'Email delivery', kind: 'text', window: 'Page' }, { timeout: 40000 });
    // The card counts what the relay took for the program (the demo's own alerts are sent while it loads).
    const shown = await h.waitFor('the delivery summary', async () => {
      const status = await h.apiRead(page, '/api/v1/programs/1/mail-status');
      const sentence = status.queued === 0 ? `${status.sent} ${status.sent === 1 ? 'message' : 'messages'} about this program sent; none waiting.` : null;
      if (sentence && (await h.findItem(page, { label: sentence, window: 'Page' }))) return sentence;
      // More went out since the card asked: ask again, as the owner would.
      if (await h.findItem(page, { label: 'Check again', window: 'Page' })) await h.click(page, 'Check again', { window: 'Page' });
      return null;
    }, { timeout: 30000, interval: 500 });
    assert.match(shown, /^[0-9]+ messages? about this program sent/);
    await h.screenshot(page, 'mail-delivery-settings.png');
  });
  await suite.withApp({ signInAs: 'staff@acme.test', path: '/#/p/1/settings' }, async (page) => {
    await h.waitForItem(page, { label: 'Program settings', window: 'Page' });
    assert.equal((await h.apiGet(page, '/api/v1/programs/1/mail-status')).status, 403);
    assert.equal(await h.findItem(page, { label: 'Email delivery', kind: 'text' }), null);
  });
});
