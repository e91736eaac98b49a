// Merging tickets (docs/api.md "Merging tickets"): the agent opens one of a customer's two
// tickets about the same problem, chooses the other under "Merge tickets" and merges it in; the
// thread then shows the other ticket's message marked with its number. The customer opening the
// merged ticket reads where the conversation continues and follows the link there.
// One server and one browser for the file; its own tickets, a context per person.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const suite = h.appSuite();
const TIMEOUT = { timeout: 150000 };
const viewport = { width: 1440, height: 900 };

async function jordanOpens(subject, text) {
  const cookie = await h.apiSignIn(suite.server.url, 'customer@acme.test');
  const r = await h.apiCommand(suite.server.url, cookie, 1, 'OpenTicket', { subject, text, category: 'billing' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.events[0].data.ticket_id;
}

test('the agent merges a customer\'s second ticket into the first; the customer follows the pointer to one conversation', TIMEOUT, async () => {
  const first = await jordanOpens('Invoice shows our old address', 'The November invoice still shows Elm Street as our address.');
  const second = await jordanOpens('Billing address wrong again', 'The December invoice has the old Elm Street address too.');

  await suite.withApp({ signInAs: 'agent@acme.test', path: `/#/p/1/tickets/${first}`, viewport }, async (page) => {
    await h.waitForItem(page, { label: 'Invoice shows our old address', window: 'Page' });
    await h.click(page, 'Merge tickets', { window: 'Page' });
    const choice = { contains: `##merge ${second}`, window: 'Page' };
    await h.seek(page, choice);
    await h.click(page, undefined, choice);
    await h.seek(page, { label: 'Merge into this ticket', kind: 'item' });
    await h.screenshot(page, 'merge-choose.png');
    await h.click(page, 'Merge into this ticket', { window: 'Page', kind: 'item' });
    await h.waitFor('the merge stored', async () => {
      const t = await h.apiRead(page, `/api/v1/programs/1/tickets/${second}`);
      return t.merged_into === first;
    });
    // The thread shows the second ticket's message, marked with where it came from.
    await h.seek(page, 'The December invoice has the old Elm Street address too.');
    await h.seek(page, `From #${second}`);
    await h.screenshot(page, 'merge-agent-thread.png');
    const kept = await h.apiRead(page, `/api/v1/programs/1/tickets/${first}`);
    assert.deepEqual(kept.merged, [second]);
    assert.ok(kept.messages.some((m) => m.merged_from === second && m.text.includes('December invoice')));
  });

  await suite.withApp({ signInAs: 'customer@acme.test', path: `/#/p/1/tickets/${second}`, viewport }, async (page) => {
    await h.waitForItem(page, { contains: `was merged into #${first}`, window: 'Page' });
    await h.screenshot(page, 'merge-customer-pointer.png');
    await h.click(page, `Open #${first}`, { window: 'Page' });
    await h.waitForHash(page, `#/p/1/tickets/${first}`);
    await h.waitForItem(page, { label: 'Invoice shows our old address', window: 'Page' });
    await h.seek(page, 'The December invoice has the old Elm Street address too.');
  });
});
