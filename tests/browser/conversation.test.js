// Calls and chats (docs/api.md "Calls and chats"): the agent logs a phone call on a ticket with
// its notes and the written summary; the thread marks both; the customer reads the summary and
// never the notes. On a phone the agent logs a chat transcript from the same form.
// One server and one browser for the file; its own tickets, a context per person.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const suite = h.appSuite();
const TIMEOUT = { timeout: 150000 };

async function jordanOpens(subject, text) {
  const cookie = await h.apiSignIn(suite.server.url, 'customer@acme.test');
  const r = await h.apiCommand(suite.server.url, cookie, 1, 'OpenTicket', { subject, text, category: 'bug' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.events[0].data.ticket_id;
}

test('the agent logs a phone call; the customer reads the written summary and never the notes', TIMEOUT, async () => {
  const id = await jordanOpens('Export stops at 80 percent', 'Our CSV export stops at 80% every time.');
  const notes = 'Jordan read out job id 7f3a-cafe, 41,000 rows';
  const summary = 'Thanks for the call. We agreed to export by month until Friday.';
  const viewport = { width: 1440, height: 900 };

  await suite.withApp({ signInAs: 'agent@acme.test', path: `/#/p/1/tickets/${id}`, viewport }, async (page) => {
    await h.waitForItem(page, { label: 'Export stops at 80 percent', window: 'Page' });
    await h.click(page, 'Log a call or chat', { window: 'Page' });
    await h.seek(page, { label: 'Call minutes', kind: 'input' });
    await h.replaceText(page, 'Call minutes', '14', { window: 'Page' });
    await h.seek(page, { label: 'Conversation record', kind: 'input' });
    await h.typeInto(page, 'Conversation record', notes, { window: 'Page' });
    await h.seek(page, { label: 'Conversation summary', kind: 'input' });
    await h.typeInto(page, 'Conversation summary', summary, { window: 'Page' });
    await h.seek(page, { label: 'Log call and send summary', kind: 'item' });
    await h.screenshot(page, 'conversation-form.png');
    await h.click(page, 'Log call and send summary', { window: 'Page', kind: 'item' });
    const t = await h.waitFor('the call stored', async () => {
      const t = await h.apiRead(page, `/api/v1/programs/1/tickets/${id}`);
      return t.messages.some((m) => m.summary_of > 0) ? t : null;
    });
    const record = t.messages.find((m) => m.kind === 'internal_note' && m.channel === 'phone');
    assert.ok(record, JSON.stringify(t.messages));
    assert.equal(record.text, notes);
    assert.equal(record.duration_minutes, 14);
    const reply = t.messages.find((m) => m.summary_of === record.id);
    assert.equal(reply.text, summary);
    assert.equal(t.status, 'waiting_on_customer');
    // The thread marks both messages.
    await h.seek(page, 'Phone call \u00b7 14 min');
    await h.seek(page, 'Summary of the phone call');
    await h.screenshot(page, 'conversation-agent-thread.png');
  });

  await suite.withApp({ signInAs: 'customer@acme.test', path: `/#/p/1/tickets/${id}`, viewport: { width: 390, height: 844 } }, async (page) => {
    await h.waitForItem(page, { label: 'Export stops at 80 percent', window: 'Page' });
    await h.seek(page, 'Summary of the phone call');
    await h.seek(page, { contains: 'We agreed to export by month' });
    await h.screenshot(page, 'conversation-customer-phone.png');
    const shown = await h.items(page);
    assert.ok(!shown.some((it) => it.text.includes('7f3a-cafe') || it.label.includes('7f3a-cafe')), 'the notes are not shown to the customer');
    const t = await h.apiRead(page, `/api/v1/programs/1/tickets/${id}`);
    assert.ok(!JSON.stringify(t).includes('7f3a-cafe'));
  });
});

test('on a phone the agent logs a chat transcript; every action button stays on the screen', TIMEOUT, async () => {
  const id = await jordanOpens('Invoice PDF blank', 'The invoice PDF opens as a blank page.');
  const viewport = { width: 390, height: 844 };
  await suite.withApp({ signInAs: 'agent@acme.test', path: `/#/p/1/tickets/${id}`, viewport }, async (page) => {
    await h.waitForItem(page, { label: 'Invoice PDF blank', window: 'Page' });
    for (const label of ['Escalate', 'Resolve', 'Log a call or chat']) {
      const b = await h.waitForItem(page, { label, window: 'Page' });
      assert.ok(b.x >= 0 && b.x + b.w <= viewport.width + 0.5, `${label} is on the screen: ${JSON.stringify(b)}`);
    }
    await h.click(page, 'Log a call or chat', { window: 'Page' });
    await h.seek(page, { label: 'Chat transcript', kind: 'item' });
    await h.click(page, 'Chat transcript', { window: 'Page', kind: 'item' });
    await h.waitForNoItem(page, { label: 'Call minutes', kind: 'input' });
    await h.seek(page, { label: 'Conversation record', kind: 'input' });
    await h.typeInto(page, 'Conversation record', '[10:02] Jordan: the PDF is blank', { window: 'Page' });
    await h.seek(page, { label: 'Conversation summary', kind: 'input' });
    await h.typeInto(page, 'Conversation summary', 'As discussed on chat: download the PDF again after clearing the cache.', { window: 'Page' });
    await h.seek(page, { label: 'Log chat and send summary', kind: 'item' });
    await h.screenshot(page, 'conversation-form-phone.png');
    await h.click(page, 'Log chat and send summary', { window: 'Page', kind: 'item' });
    await h.waitFor('the chat stored', async () => {
      const t = await h.apiRead(page, `/api/v1/programs/1/tickets/${id}`);
      return t.messages.some((m) => m.channel === 'chat' && m.kind === 'internal_note' && m.text.includes('the PDF is blank')) &&
        t.messages.some((m) => m.channel === 'chat' && m.summary_of > 0);
    });
    await h.seek(page, 'Chat transcript');
  });
});
