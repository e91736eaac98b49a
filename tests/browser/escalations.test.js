// Escalations where the business handles them, and a ticket's audit trail: an agent escalates
// with the escalation note (docs/requirements.md, Escalation); the business reads a summary in
// the escalation queue and the whole note on selection, on the ticket (a card) and in the agent's
// history of escalations; the thread shows the escalation and the take-over with who and when;
// the customer is told only that its ticket was escalated. Secondary tags are chosen when a ticket is opened and in triage.
// One server and one browser for the file; each test its own tickets, in a context per person.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const suite = h.appSuite();
const TIMEOUT = { timeout: 180000 }; // its longest journey takes a minute on this machine idle
const viewport = { width: 1440, height: 900 };

const api = h.apiRead;

const seek = h.seek; // down, then up

// Clicks "Show note" on the line of the ticket's link: the support overview lists the ticket
// twice (open tickets, and the escalation queue), only the queue's line has the button.
async function showNote(page, row) {
  const item = await h.itemAtRest(page, `Show note on the line of ${row}`, async () => {
    const all = await h.items(page);
    for (const r of all.filter((it) => it.visible && it.text === row && it.window.startsWith('Page'))) {
      const mid = r.y + r.h / 2;
      const b = all.find((it) => it.visible && it.text === 'Show note' && Math.abs(it.y + it.h / 2 - mid) < Math.max(r.h, it.h));
      if (b) return b;
    }
    return null;
  });
  await page.mouse.click(item.x + item.w / 2, item.y + item.h / 2);
}

// A ticket Jordan opens through the API; its id.
async function jordanOpens(subject, text) {
  const cookie = await h.apiSignIn(suite.server.url, 'customer@acme.test');
  const r = await h.apiCommand(suite.server.url, cookie, 1, 'OpenTicket', { subject, text, category: 'billing' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.events[0].data.ticket_id;
}

const note = {
  summary: 'Annual invoice charged at the monthly rate twice',
  attempts: '1. Compared both invoices 2. Checked the plan history',
  impact: '$1,450 MRR Enterprise account, renewal in January',
  recommended: 'Refund the second charge and fix the billing cycle',
};

test('an agent escalates with a note: the business reads it in the queue, on the ticket and in the agent history; the customer is told only that it was escalated', TIMEOUT, async () => {
  const subject = 'Invoice charged twice for the annual plan';
  const id = await jordanOpens(subject, 'Our annual invoice was charged twice this month.');
  const row = `#${id} ${subject}`;

  // Ava escalates from the ticket with the whole note.
  await suite.withApp({ signInAs: 'agent@acme.test', path: `/#/p/1/tickets/${id}`, viewport }, async (ava) => {
    await h.click(ava, 'Escalate', { window: 'Page' });
    await h.typeInto(ava, 'Escalation reason', 'Billing dispute', { window: 'Page' });
    await h.typeInto(ava, 'Escalation summary', note.summary, { window: 'Page' });
    await h.typeInto(ava, 'Escalation attempts', note.attempts, { window: 'Page' });
    await h.typeInto(ava, 'Escalation impact', note.impact, { window: 'Page' });
    await h.typeInto(ava, 'Escalation recommended', note.recommended, { window: 'Page' });
    await h.click(ava, 'Submit escalation', { window: 'Page' });
    await h.waitForItem(ava, { label: 'Escalation note', window: 'Page' });
    // Her own escalation in the thread, with who.
    await seek(ava, `Escalated to the business: ${note.summary}`);
  });

  await suite.withApp({ signInAs: 'staff@acme.test', path: '/#/p/1/support', viewport }, async (staff) => {
    // The queue: a readable summary per row; the whole note on "Show note".
    await h.scrollTo(staff, { label: 'Awaiting escalation', window: 'Page' }, { timeout: 40000 }); // below the red flags
    await seek(staff, { contains: `recommends: ${note.recommended}` });
    await seek(staff, row);
    await h.waitForItem(staff, { contains: `Ava Martinez: ${note.summary}`, window: 'Page' });
    assert.equal(await h.findItem(staff, { label: note.impact, window: 'Page' }), null, 'the whole note only on selection');
    await showNote(staff, row);
    await seek(staff, note.impact);
    await h.waitForItem(staff, { label: note.attempts, window: 'Page' });
    await h.waitForItem(staff, { label: 'frustrated', window: 'Page' });
    await h.screenshot(staff, 'escalations-queue-note.png');

    // The ticket: the note's card, and the escalation in the thread with who and when.
    await seek(staff, 'Open ticket');
    await h.click(staff, 'Open ticket', { window: 'Page' });
    await h.waitForHash(staff, `#/p/1/tickets/${id}`);
    await h.waitForItem(staff, { label: 'Escalation note', window: 'Page' });
    await h.waitForItem(staff, { label: note.recommended, window: 'Page' });
    await seek(staff, `Escalated to the business: ${note.summary}`);
    const ticket = await api(staff, `/api/v1/programs/1/tickets/${id}`);
    const entry = ticket.audit.find((e) => e.kind === 'escalated');
    assert.equal(entry.who, 'Ava Martinez');
    assert.equal(entry.note.business_impact, note.impact);
    // Who and when on the entry's line.
    const when = await h.findItems(staff, { contains: 'system \u00b7', window: 'Page' });
    assert.ok(when.length >= 1, 'the system entry says when');
    await h.waitForItem(staff, { label: 'Ava Martinez', window: 'Page' });

    // Taking over is recorded in the thread too.
    await seek(staff, 'Take over');
    await h.click(staff, 'Take over', { window: 'Page' });
    await h.waitFor('the take-over on the server', async () => (await api(staff, `/api/v1/programs/1/tickets/${id}`)).taken_over_by > 0);
    await seek(staff, 'Took over the ticket from Ava Martinez.');
    await h.screenshot(staff, 'escalations-ticket-audit.png');

    // The agent's history of escalations on the Agents page, the note on selection.
    await h.goTo(staff, '#/p/1/agents');
    await seek(staff, "Ava Martinez's escalations");
    await h.click(staff, "Ava Martinez's escalations", { window: 'Page' });
    await h.waitForItem(staff, { label: "Escalations on Ava Martinez's tickets", window: 'Page' });
    await seek(staff, row);
    await showNote(staff, row);
    await seek(staff, note.impact);
    await h.screenshot(staff, 'escalations-agent-history.png');
    // And on Ava's own page.
    await h.goTo(staff, `#/p/1/agents/${ticket.agent_id}`);
    await seek(staff, 'History of escalations');
    await seek(staff, row);
    await seek(staff, note.impact); // the escalation opened on the Agents page stays open here
    await h.screenshot(staff, 'escalations-agent-page.png');
  });

  // Jordan: only that the ticket was escalated; nothing of the note, the agent's entry or the take-over.
  await suite.withApp({ signInAs: 'customer@acme.test', path: `/#/p/1/tickets/${id}`, viewport }, async (jordan) => {
    await seek(jordan, 'Your ticket was escalated to the Acme Analytics team.');
    for (const hidden of [note.summary, note.impact, note.recommended, 'Took over']) {
      assert.equal(await h.findItem(jordan, { contains: hidden, window: 'Page' }), null, `${hidden} stays internal`);
    }
    assert.equal(await h.findItem(jordan, { label: 'Escalation note', window: 'Page' }), null);
    const mine = await api(jordan, `/api/v1/programs/1/tickets/${id}`);
    assert.deepEqual(mine.audit.map((e) => e.text), ['Your ticket was escalated to the Acme Analytics team.']);
    await h.screenshot(jordan, 'escalations-customer-ticket.png');
  });
});

test('secondary tags: the customer picks one when opening a ticket, the agent changes them in triage (at most two)', TIMEOUT, async () => {
  const subject = 'Exports fail for the security audit';
  let id;
  await suite.withApp({ signInAs: 'customer@acme.test', path: '/#/p/1/tickets/new', viewport }, async (jordan) => {
    await h.typeInto(jordan, 'Subject', subject, { window: 'Page' });
    await h.typeInto(jordan, 'Description', 'The CSV export stops halfway; the auditors need it by Friday.', { window: 'Page' });
    await h.click(jordan, 'Security##tag', { window: 'Page' });
    await h.click(jordan, 'Submit ticket', { window: 'Page' });
    const hash = await h.waitFor('the new ticket', async () => {
      const v = await jordan.evaluate(() => window.location.hash);
      return /^#\/p\/1\/tickets\/\d+$/.test(v) ? v : null;
    });
    id = Number(hash.split('/').pop());
  });

  await suite.withApp({ signInAs: 'agent@acme.test', path: `/#/p/1/tickets/${id}`, viewport }, async (ava) => {
    let ticket = await api(ava, `/api/v1/programs/1/tickets/${id}`);
    assert.deepEqual(ticket.tags, ['security']);
    await h.click(ava, 'Bug##tag', { window: 'Page' });
    // Two chosen: a third cannot be ticked.
    await h.waitFor('a third secondary tag disabled', async () => {
      const third = await h.findItem(ava, { label: 'Billing##tag', window: 'Page' });
      return third && third.disabled;
    });
    await h.click(ava, 'Save triage', { window: 'Page' });
    await h.waitFor('the tags saved', async () => {
      ticket = await api(ava, `/api/v1/programs/1/tickets/${id}`);
      return ticket.tags.length === 2 ? ticket : null;
    });
    assert.deepEqual(ticket.tags, ['security', 'bug']);
    await h.waitForItem(ava, { contains: 'Security \u00b7 Bug', window: 'Page' });
    await h.screenshot(ava, 'escalations-triage-tags.png');
  });
});
