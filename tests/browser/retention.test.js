// Churn risk and retention in the browser (issue 19, seed 002 section 7): a customer who asks
// how to cancel gets a retention case that the business works through its steps to an offer
// within the customer's MRR band, which the customer accepts on its overview; an offer beyond
// the band waits for the owner's approval on the retention page, whose scores equal the API's;
// and a customer asks to cancel from its overview. One server and one browser for the file, a
// fresh browser context per test; each test works on a customer of its own.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const suite = h.appSuite();
const TIMEOUT = { timeout: 120000 };
const VIEWPORT = { width: 1440, height: 1000 };

const apiAs = (email, path) => h.apiAs(suite.server.url, email, path);

async function pick(page, combo, text) {
  await h.click(page, combo, { window: 'Page' });
  const entry = await h.itemAtRest(page, `combo entry ${text}`, async () =>
    (await h.findItems(page, { label: text })).find((it) => it.window.startsWith('##Combo')) || null);
  await page.mouse.click(entry.x + entry.w / 2, entry.y + entry.h / 2);
  await h.waitFor(`${combo} to show ${text}`, async () => {
    const it = await h.findItem(page, { label: combo, window: 'Page' });
    return it && it.value === text;
  });
}

test('a customer who asks how to cancel gets a case, an offer within its band, and is saved', TIMEOUT, async () => {
  // Kenji (199.00 a month, the business queue) asks in a ticket.
  const kenji = await h.apiSignIn(suite.server.url, 'kenji@tidewater.test');
  const opened = await h.apiCommand(suite.server.url, kenji, 1, 'OpenTicket',
    { subject: 'Leaving', text: 'Our season is over. How do I cancel our plan?', category: 'billing' });
  assert.equal(opened.status, 200);
  // Kenji is not shown the case (it holds no request of his); the business is.
  assert.ok(!opened.body.events.some((e) => e.type === 'RetentionCaseOpened'));
  const ticket = opened.body.events.find((e) => e.type === 'TicketOpened').data.ticket_id;
  const cases = await apiAs('owner@acme.test', '/api/v1/programs/1/support/retention');
  const kenjiCase = cases.cases.find((c) => c.ticket_id === ticket);
  assert.ok(kenjiCase, 'the question opens a retention case');
  assert.equal(kenjiCase.trigger, 'cancel_question');
  assert.equal(kenjiCase.outcome, 'open');
  const id = kenjiCase.id;

  await suite.withApp({ signInAs: 'staff@acme.test', path: '/#/p/1/retention', viewport: VIEWPORT }, async (page) => {
    await h.waitForItem(page, { label: 'Customers by churn risk', window: 'Page' });
    await h.scrollTo(page, { contains: `#${id} Kenji Sato`, window: 'Page' });
    await h.click(page, undefined, { contains: `#${id} Kenji Sato`, window: 'Page' });
    await h.waitForItem(page, { contains: `Retention case #${id}: Kenji Sato`, window: 'Page' });
    // 1. Understand: the reason; 2. the seed's response for it appears.
    await h.scrollTo(page, { label: 'Save reason', window: 'Page' });
    await pick(page, '##Leave reason', 'Business change');
    await h.typeInto(page, '##Understanding', 'Surf season is over until April', { window: 'Page' });
    await h.click(page, 'Save reason', { window: 'Page' });
    await h.scrollTo(page, { contains: 'Business change: Offer a pause instead of cancelling', window: 'Page' });
    // The toast that confirms it sits at the bottom, where the next button will be: let it go.
    await h.waitForNoItem(page, { contains: 'Reason recorded' }, { timeout: 30000 });
    // 3. An offer within the band (100-500: up to 2 months free).
    await h.scrollTo(page, { label: 'Make offer', window: 'Page' });
    await h.scrollTo(page, { contains: '2 months free, or 30% off for 6 months', window: 'Page' }, { up: true });
    await h.scrollTo(page, { label: 'Make offer', window: 'Page' });
    await h.click(page, 'Make offer', { window: 'Page' });
    await h.waitFor('the offer recorded', async () =>
      (await apiAs('owner@acme.test', '/api/v1/programs/1/support/retention')).cases.find((c) => c.id === id).offers.length === 1);
    await h.screenshot(page, 'retention-offer-made.png');
    await h.scrollTo(page, { contains: '1 month free \u00b7 Made, waiting for the customer', window: 'Page' }, { up: true, timeout: 40000 });
    await h.screenshot(page, 'retention-case.png');
  });

  await suite.withApp({ signInAs: 'kenji@tidewater.test', path: '/#/p/1/overview', viewport: VIEWPORT }, async (page) => {
    await h.waitForItem(page, { label: 'An offer for you', window: 'Page' });
    await h.waitForItem(page, { contains: 'would like to offer you: 1 month free', window: 'Page' });
    await h.screenshot(page, 'retention-offer.png');
    await h.click(page, 'Accept the offer', { window: 'Page' });
    await h.waitForNoItem(page, { label: 'An offer for you', window: 'Page' });
  });
  const retention = await apiAs('owner@acme.test', '/api/v1/programs/1/support/retention');
  const saved = retention.cases.find((c) => c.id === id);
  assert.equal(saved.outcome, 'saved');
  assert.equal(saved.mrr_retained_minor, 19900);
  assert.equal(saved.offers[0].status, 'accepted');
});

test('the owner reads the churn scores the API computes and approves an offer beyond the customer\'s band', TIMEOUT, async () => {
  const churn = await apiAs('owner@acme.test', '/api/v1/programs/1/support/churn?limit=500');
  const noah = churn.items.find((i) => i.name.startsWith('Noah Schmidt'));
  assert.ok(noah.signals.some((s) => s.kind === 'failed_payment'), 'the declined card counts');
  assert.ok(noah.signals.some((s) => s.kind === 'usage_drop'), 'the usage drop counts');
  const retention = await apiAs('owner@acme.test', '/api/v1/programs/1/support/retention');
  const pending = retention.cases.find((c) => c.customer_name.startsWith('Noah Schmidt') && c.outcome === 'open');
  assert.equal(pending.offers[0].status, 'pending_approval');

  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/retention', viewport: VIEWPORT }, async (page) => {
    await h.waitForItem(page, { label: 'Customers by churn risk', window: 'Page' });
    // The list shows the API's score in Noah's row.
    await h.waitFor('Noah\'s score in the list', async () => !!(await h.findInRow(page, 'Noah Schmidt (PeakFit Studios)', String(noah.score), { window: 'Page' })));
    await h.click(page, 'Noah Schmidt (PeakFit Studios)', { window: 'Page' });
    await h.scrollTo(page, { contains: 'Noah Schmidt (PeakFit Studios): ', window: 'Page' });
    await h.waitForItem(page, { contains: 'A payment failed on', window: 'Page' });
    await h.screenshot(page, 'retention-customer.png');
    await h.scrollTo(page, { contains: `#${pending.id} Noah Schmidt`, window: 'Page' });
    await h.click(page, undefined, { contains: `#${pending.id} Noah Schmidt`, window: 'Page' });
    await h.scrollTo(page, { label: 'Approve', window: 'Page' });
    await h.waitForItem(page, { contains: '3 months free: Three months free for the outages \u00b7 Waiting for approval', window: 'Page' });
    await h.click(page, 'Approve', { window: 'Page' });
    await h.waitForItem(page, { contains: 'Three months free for the outages \u00b7 Made, waiting for the customer', window: 'Page' });
  });
  const after = await apiAs('owner@acme.test', '/api/v1/programs/1/support/retention');
  const approved = after.cases.find((c) => c.id === pending.id).offers[0];
  assert.equal(approved.status, 'made');
  assert.ok(approved.decided_by > 0);

  // At phone size the same page stacks its cards.
  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/retention', viewport: { width: 390, height: 844 } }, async (page) => {
    await h.waitForItem(page, { label: 'Customers by churn risk', window: 'Page' });
    await h.screenshot(page, 'retention-phone.png');
  });
});

test('the business reaches out to a Monitor customer from the at-risk template, and the customer reads it', TIMEOUT, async () => {
  // Jordan's usage fell by more than half this month and a payment failed: 15 + 10, Monitor.
  const owner = await h.apiSignIn(suite.server.url, 'owner@acme.test');
  const jordan = (await apiAs('owner@acme.test', '/api/v1/programs/1/snapshot')).customers.find((c) => c.profile.email === 'customer@acme.test');
  const now = new Date();
  const month = now.toISOString().slice(0, 7);
  const before = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
  for (const [m, units] of [[before, 4000], [month, 900]])
    assert.equal((await h.apiCommand(suite.server.url, owner, 1, 'RecordUsage', { customer_id: jordan.id, month: m, units })).status, 200);
  assert.equal((await h.apiCommand(suite.server.url, owner, 1, 'RecordPaymentFailure',
    { customer_id: jordan.id, payment_id: 'in_outreach_test', amount: { minor: 4900, currency: 'USD' }, reason: 'Card declined' })).status, 200);
  const churn = await apiAs('owner@acme.test', '/api/v1/programs/1/support/churn?limit=500');
  assert.equal(churn.items.find((i) => i.customer_id === jordan.id).level, 'monitor');

  const text = 'Hi Jordan, I noticed your team has been using the reports less and your last payment did not go through. Could we have a short call this week?';
  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/retention', viewport: VIEWPORT }, async (page) => {
    await h.waitForItem(page, { label: 'Customers by churn risk', window: 'Page' });
    await h.scrollTo(page, { label: 'Jordan Lee (Lumen Dental)', window: 'Page' });
    await h.click(page, 'Jordan Lee (Lumen Dental)', { window: 'Page' });
    await h.scrollTo(page, { label: 'Proactive outreach', window: 'Page' }, { timeout: 40000 });
    // The template arrives filled with Jordan's name and signals; its own placeholders wait.
    const draft = await h.scrollTo(page, { label: '##Outreach message', kind: 'input', window: 'Page' }, { timeout: 40000 });
    assert.ok(draft.value.startsWith('Hi Jordan,'), draft.value);
    assert.ok(draft.value.includes('I noticed that your team has been using us less lately and that your last payment did not go through'), draft.value);
    await h.scrollTo(page, { contains: 'Still to fill in: [Feature', window: 'Page' });
    assert.ok((await h.findItem(page, { label: 'Send outreach', window: 'Page' })).disabled, 'not sent while placeholders remain');
    await h.screenshot(page, 'retention-outreach.png');
    await h.replaceText(page, '##Outreach message', text, { window: 'Page' });
    await h.scrollTo(page, { label: 'Send outreach', window: 'Page' });
    await h.waitFor('Send outreach enabled', async () => !(await h.findItem(page, { label: 'Send outreach', window: 'Page' })).disabled);
    await h.click(page, 'Send outreach', { window: 'Page' });
    await h.waitFor('the outreach sent', async () =>
      (await apiAs('owner@acme.test', '/api/v1/programs/1/snapshot')).tickets.some((t) => t.outreach && t.customer_id === jordan.id));
    await h.scrollTo(page, { contains: 'Last outreach: #', window: 'Page' }, { up: true, timeout: 40000 });
  });
  const ticket = (await apiAs('owner@acme.test', '/api/v1/programs/1/snapshot')).tickets.find((t) => t.outreach && t.customer_id === jordan.id);
  assert.equal(ticket.status, 'waiting_on_customer');

  await suite.withApp({ signInAs: 'customer@acme.test', path: `/#/p/1/tickets/${ticket.id}`, viewport: VIEWPORT }, async (page) => {
    await h.waitForItem(page, { contains: 'Could we have a short call this week?', window: 'Page' });
  });
});

test('a customer asks to cancel from its overview and the business sees the request in its score', TIMEOUT, async () => {
  const before = await apiAs('owner@acme.test', '/api/v1/programs/1/support/churn?limit=500');
  const jordanBefore = before.items.find((i) => i.name.startsWith('Jordan Lee'));
  await suite.withApp({ signInAs: 'customer@acme.test', path: '/#/p/1/overview', viewport: VIEWPORT }, async (page) => {
    await h.scrollTo(page, { label: 'Cancel or change your plan', window: 'Page' });
    await h.scrollTo(page, { label: 'Send request', window: 'Page' });
    await h.typeInto(page, '##Plan request note', 'We are merging with another clinic group.', { window: 'Page' });
    await h.click(page, 'Send request', { window: 'Page' });
    await h.waitForItem(page, { contains: 'You asked to cancel on', window: 'Page' });
  });
  const after = await apiAs('owner@acme.test', '/api/v1/programs/1/support/churn?limit=500');
  const jordan = after.items.find((i) => i.name.startsWith('Jordan Lee'));
  const request = jordan.signals.find((s) => s.kind === 'cancellation_request');
  assert.ok(request, 'the request is a signal');
  assert.equal(request.points, 40);
  assert.equal(jordan.score, Math.min(100, jordanBefore.score + 40));
  assert.ok(jordan.open_case > 0);
});
