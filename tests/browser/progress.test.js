// A ticket's progress (docs/api.md "Estimates, updates and third parties"): the agent sets an
// estimated resolution and a third party the ticket waits on from the Progress card; the business
// accepts the wait (the resolution time held); the customer, on a phone, reads the estimate and
// whom the ticket waits on.
// One server and one browser for the file; its own ticket, a context per person.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const suite = h.appSuite();
const TIMEOUT = { timeout: 150000 };
const desktop = { width: 1440, height: 900 };

test('the agent gives an estimate and a third party\'s wait; the business accepts it; the customer reads both on a phone', TIMEOUT, async () => {
  const cookie = await h.apiSignIn(suite.server.url, 'customer@acme.test');
  const opened = await h.apiCommand(suite.server.url, cookie, 1, 'OpenTicket',
    { subject: 'Payout pending for a week', text: 'Our payout has been pending since last Monday.', category: 'billing' });
  assert.equal(opened.status, 200, JSON.stringify(opened.body));
  const id = opened.body.events[0].data.ticket_id;

  await suite.withApp({ signInAs: 'agent@acme.test', path: `/#/p/1/tickets/${id}`, viewport: desktop }, async (page) => {
    await h.waitForItem(page, { label: 'Payout pending for a week', window: 'Page' });
    await h.seek(page, { label: 'Set estimate', kind: 'item' });
    await h.click(page, 'Set estimate', { window: 'Page' });
    await h.seek(page, { label: 'Estimate note', kind: 'input' });
    await h.typeInto(page, 'Estimate note', 'The bank confirms within two days', { window: 'Page' });
    await h.seek(page, { label: 'Save estimate', kind: 'item' });
    await h.click(page, 'Save estimate', { window: 'Page', kind: 'item' });
    await h.waitFor('the estimate stored', async () => {
      const t = await h.apiRead(page, `/api/v1/programs/1/tickets/${id}`);
      return t.progress && t.progress.estimate > Date.now() && t.progress.estimate_note === 'The bank confirms within two days';
    });
    await h.seek(page, { contains: 'Next update to the customer due' });

    await h.seek(page, { label: 'Wait on a third party', kind: 'item' });
    await h.click(page, 'Wait on a third party', { window: 'Page' });
    await h.seek(page, { label: 'Third party', kind: 'input' });
    await h.typeInto(page, 'Third party', 'First Bank', { window: 'Page' });
    await h.seek(page, { label: 'Third party reference', kind: 'input' });
    await h.typeInto(page, 'Third party reference', 'Case 9', { window: 'Page' });
    await h.seek(page, { label: 'Save wait', kind: 'item' });
    await h.screenshot(page, 'progress-agent-form.png');
    await h.click(page, 'Save wait', { window: 'Page', kind: 'item' });
    await h.waitFor('the wait stored', async () => {
      const t = await h.apiRead(page, `/api/v1/programs/1/tickets/${id}`);
      return t.progress && t.progress.third_party === 'First Bank' && t.progress.third_party_reference === 'Case 9';
    });
    await h.seek(page, 'Not accepted: resolution time runs');
    // The agent does not accept its own wait: the business does.
    assert.equal(await h.findItem(page, { label: 'Accept the wait', window: 'Page' }), null);
  });

  await suite.withApp({ signInAs: 'staff@acme.test', path: `/#/p/1/tickets/${id}`, viewport: desktop }, async (page) => {
    await h.waitForItem(page, { label: 'Payout pending for a week', window: 'Page' });
    await h.seek(page, { label: 'Accept the wait', kind: 'item' });
    await h.click(page, 'Accept the wait', { window: 'Page' });
    await h.waitFor('the wait accepted', async () => {
      const t = await h.apiRead(page, `/api/v1/programs/1/tickets/${id}`);
      return t.progress.wait_accepted && t.sla.held && t.sla.resolution_due === 0;
    });
    await h.seek(page, 'Accepted: resolution time held');
    await h.screenshot(page, 'progress-business.png');
  });

  await suite.withApp({ signInAs: 'customer@acme.test', path: `/#/p/1/tickets/${id}`, viewport: { width: 390, height: 844 } }, async (page) => {
    await h.waitForItem(page, { label: 'Payout pending for a week', window: 'Page' });
    await h.seek(page, { contains: 'Estimated resolution:' });
    await h.seek(page, { contains: 'Waiting on First Bank (reference Case 9)' });
    await h.screenshot(page, 'progress-customer-phone.png');
    // The customer reads, it does not set.
    assert.equal(await h.findItem(page, { label: 'Set estimate', window: 'Page' }), null);
    assert.equal(await h.findItem(page, { contains: 'Next update to the customer', window: 'Page' }), null);
  });
});
