// Erasure of a customer's data (docs/requirements.md, Customer data rights): the customer asks on
// its profile, confirms from the link a real SMTP server received (signed out), the owner
// approves on the Support page's queue and reads the report; the customer's page then shows an
// erased customer, and its account no longer signs in. Its own server: Jordan is erased.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');
const { mailSuite } = require('./lib/smtp_sink');

const TIMEOUT = { timeout: 180000 };

const suite = mailSuite(h);

test('a customer asks to erase its data, confirms from the mail, the owner approves: the customer is erased everywhere', TIMEOUT, async () => {
  await suite.withApp({ signInAs: 'customer@acme.test', path: '/#/p/1/profile' }, async (page) => {
    await h.seek(page, { label: 'Ask to erase my data\u2026' });
    await h.click(page, 'Ask to erase my data\u2026', { window: 'Page' });
    await h.seek(page, { label: 'Erasure note', kind: 'input' });
    await h.typeInto(page, 'Erasure note', 'Moving to another provider', { window: 'Page' });
    await h.click(page, 'Send the erasure request', { window: 'Page' });
    await h.seek(page, { contains: 'We mailed you a link to confirm' });
    await h.waitForItem(page, { label: 'Waiting for the customer to confirm by mail', window: 'Page' });
    await h.screenshot(page, 'erasure-asked.png');
  });

  const mail = await suite.sink.waitForMessage((m) => m.to === 'customer@acme.test' && m.header('Subject') === 'Confirm that you want your data erased');
  const link = mail.text.match(/https:\/\/desk\.example\.test\/(#\/erasure\/[0-9]+-[0-9]+\.[0-9a-f]{16})/);
  assert.ok(link, 'the mail carries the confirmation link');

  // Opened signed out, as from a mail program.
  await suite.withApp({ path: '/' }, async (page) => {
    await h.goTo(page, link[1]);
    await h.waitForItem(page, { label: 'Erase your data?', window: 'Confirm erasure' });
    await h.click(page, 'Confirm my request###Confirm', { window: 'Confirm erasure' });
    await h.waitForItem(page, { label: 'Your request is confirmed', window: 'Confirm erasure' });
    await h.screenshot(page, 'erasure-confirmed.png');
  });

  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/support' }, async (page) => {
    // The queue lists the request with who asked and that the customer confirmed it.
    await h.seek(page, { label: 'Data erasure requests' });
    await h.seek(page, { contains: 'Jordan Lee (Lumen Dental), asked by the customer' });
    await h.seek(page, { label: 'Confirmed by the customer: to decide' });
    await h.screenshot(page, 'erasure-queue.png');
    // Decided on the customer's page, where the request is Jordan's alone.
    await h.goTo(page, '#/p/1/customers/1');
    await h.seek(page, { label: 'Approve and erase' });
    await h.click(page, 'Approve and erase', { window: 'Page' });
    await h.waitForItem(page, { contains: 'Erased customer #1', window: 'Page' });
    await h.seek(page, { contains: 'Erased on ' });
    await h.seek(page, { contains: 'The subjects and text of ' });
    await h.screenshot(page, 'erasure-report.png');
    const snapshot = await h.apiRead(page, '/api/v1/programs/1/snapshot');
    const jordan = snapshot.customers.find((c) => c.id === 1);
    assert.equal(jordan.profile.name, 'Erased customer #1');
    assert.ok(jordan.erased_at > 0);
    assert.ok(!JSON.stringify(snapshot).includes('customer@acme.test'), 'the address is nowhere in the program');
    assert.ok(!JSON.stringify(snapshot).includes('Moving to another provider'), 'nor the request\'s own words');
  });

  const signIn = await h.apiJson(suite.server.url, '', 'POST', '/api/v1/session', { email: 'customer@acme.test', password: 'demo-password' });
  assert.equal(signIn.status, 401, 'the erased account no longer signs in');
});
