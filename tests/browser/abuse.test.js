// Abuse and threats (docs/requirements.md, Abuse and threats): the agent documents the
// customer's abusive messages, sends the one warning, and pauses the conversation when the abuse
// goes on; the customer cannot reply while it is paused and is told until when; a manager finds
// it in the escalation queue and resumes it. After repeated abuse the business restricts a
// customer's tickets, sees it on its desk, and lifts it; the customer is told on the new-ticket page.
// One server and one browser for the file; each test its own customer and tickets.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const suite = h.appSuite();
const TIMEOUT = { timeout: 150000 };
const viewport = { width: 1440, height: 900 };
const seek = h.seek;

async function as(email) {
  const cookie = await h.apiSignIn(suite.server.url, email);
  return {
    command: (type, data) => h.apiCommand(suite.server.url, cookie, 1, type, data),
    get: (path) => h.apiJson(suite.server.url, cookie, 'GET', path),
  };
}

test('the agent documents, warns once and pauses; the customer cannot reply until a manager resumes', TIMEOUT, async () => {
  const jordan = await as('customer@acme.test');
  const subject = 'Your useless dashboard';
  const opened = await jordan.command('OpenTicket', { subject, text: 'This dashboard is garbage and so is your team. Idiots.' });
  assert.equal(opened.status, 200, JSON.stringify(opened.body));
  const id = opened.body.events[0].data.ticket_id;
  const ticket = async (who) => (await who.get(`/api/v1/programs/1/tickets/${id}`)).body;

  await suite.withApp({ signInAs: 'agent@acme.test', path: `/#/p/1/tickets/${id}`, viewport }, async (ava) => {
    // Document: mark the message abusive; the card offers the warning with the seed's words.
    await seek(ava, 'Mark abusive');
    await h.click(ava, 'Mark abusive', { window: 'Page' });
    await seek(ava, 'Marked abusive');
    await seek(ava, 'Abusive communication');
    await h.waitFor('the warning offered with the seed\'s words',
                    async () => (await h.findItem(ava, { label: 'Abuse reply', kind: 'input', window: 'Page' }))?.value ===
                                'I want to help, but I need respectful communication.');
    assert.equal(await h.findItem(ava, { label: 'Pause the conversation', window: 'Page' }), null, 'no pause before the warning');
    await h.click(ava, 'Send the warning', { window: 'Page' });
    await seek(ava, 'I want to help, but I need respectful communication.'); // in the thread, to the customer
    await seek(ava, { contains: 'Warned the customer once' });               // and in the audit trail

    // The abuse continues; marked again, the card offers the pause.
    const again = await jordan.command('ReplyToTicket', { ticket_id: id, text: 'Whatever, clown.' });
    assert.equal(again.status, 200, JSON.stringify(again.body));
    await seek(ava, 'Whatever, clown.');
    await seek(ava, 'Mark abusive');
    await h.click(ava, 'Mark abusive', { window: 'Page' });
    await seek(ava, 'Pause the conversation');
    await h.click(ava, 'Pause the conversation', { window: 'Page' });
    await seek(ava, { contains: 'the customer cannot reply. A manager follows up by' });
    await h.screenshot(ava, 'abuse-agent-paused.png');
  });
  const paused = await ticket(jordan);
  assert.ok(paused.conduct.paused_at > 0);
  assert.deepEqual(paused.conduct.abusive, [], 'the customer is not shown the marks');

  // The customer: told until when, with no reply box; the server refuses a reply alike.
  await suite.withApp({ signInAs: 'customer@acme.test', path: `/#/p/1/tickets/${id}`, viewport }, async (page) => {
    await seek(page, { contains: 'A manager paused this conversation on' });
    assert.equal(await h.findItem(page, { label: 'Send reply', window: 'Page' }), null);
    await seek(page, "I'm going to pause this conversation and have a manager follow up.");
    await h.screenshot(page, 'abuse-customer-paused.png');
  });
  const refused = await jordan.command('ReplyToTicket', { ticket_id: id, text: 'Hello?' });
  assert.equal(refused.status, 409);
  assert.equal(refused.body.error.field, 'data.ticket_id');
  assert.match(refused.body.error.message, /will follow up by \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);

  // The manager: the ticket waits in the escalation queue; resumed from the ticket.
  await suite.withApp({ signInAs: 'staff@acme.test', path: '/#/p/1/support', viewport }, async (staff) => {
    await h.scrollTo(staff, { label: 'Awaiting escalation', window: 'Page' }, { timeout: 40000 });
    await seek(staff, `#${id} ${subject}`);
    await h.goTo(staff, `#/p/1/tickets/${id}`);
    await seek(staff, 'Resume the conversation');
    await h.click(staff, 'Resume the conversation', { window: 'Page' });
    await h.waitFor('the conversation resumed on the server', async () => !(await ticket(jordan)).conduct?.paused_at); // absent once nothing of it is the customer's to see
    await seek(staff, { contains: 'Resumed the conversation.' });
  });
  await suite.withApp({ signInAs: 'customer@acme.test', path: `/#/p/1/tickets/${id}`, viewport }, async (page) => {
    await seek(page, 'Send reply');
    assert.equal(await h.findItem(page, { contains: 'A manager paused this conversation', window: 'Page' }), null);
  });
});

test('after repeated abuse the business restricts a customer\'s tickets, lists it on the desk, and lifts it', TIMEOUT, async () => {
  const kenji = await as('kenji@tidewater.test');
  const staff = await as('staff@acme.test');
  const opened = await kenji.command('OpenTicket', { subject: 'Board sync broken', text: 'You morons broke the sync again.' });
  assert.equal(opened.status, 200, JSON.stringify(opened.body));
  const id = opened.body.events[0].data.ticket_id;
  const customer = opened.body.events[0].data.customer_id;
  await kenji.command('ReplyToTicket', { ticket_id: id, text: 'Still broken, you idiots.' });
  const t = (await staff.get(`/api/v1/programs/1/tickets/${id}`)).body;
  for (const m of t.messages.filter((m) => m.author_role === 'customer')) {
    const r = await staff.command('HandleAbuse', { ticket_id: id, step: 'mark_abusive', message_id: m.id });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }

  const reason = 'Insults on every ticket this week';
  await suite.withApp({ signInAs: 'owner@acme.test', path: `/#/p/1/customers/${customer}`, viewport }, async (maya) => {
    await seek(maya, 'Abuse and restrictions');
    await seek(maya, '2 messages of this customer marked abusive.');
    await h.typeInto(maya, 'Restriction reason', reason, { window: 'Page' });
    await h.click(maya, 'Restrict tickets', { window: 'Page' });
    await seek(maya, 'Tickets restricted');
    await seek(maya, { contains: reason });
    await h.screenshot(maya, 'abuse-customer-restricted.png');
    // Listed on the business's desk.
    await h.goTo(maya, '#/p/1/support');
    await seek(maya, 'Restricted customers');
    await seek(maya, 'Kenji Sato (Tidewater Surf)');
    await h.screenshot(maya, 'abuse-desk-restricted.png');
  });

  // The customer is told on the new-ticket page; the server refuses alike.
  await suite.withApp({ signInAs: 'kenji@tidewater.test', path: '/#/p/1/tickets/new', viewport }, async (page) => {
    await seek(page, { contains: 'Your tickets are restricted until' });
    await h.waitForItem(page, { contains: reason, window: 'Page' });
    await h.typeInto(page, 'Subject', 'Another one', { window: 'Page' });
    const submit = await seek(page, 'Submit ticket'); // scrolled into view: the form is taller than the window
    assert.equal(submit.disabled, true, 'no submitting while restricted');
  });
  const refused = await kenji.command('OpenTicket', { subject: 'Another one', text: 'Hello' });
  assert.equal(refused.status, 403);
  assert.equal(refused.body.error.field, 'data');

  // Lifted early: Kenji writes again.
  await suite.withApp({ signInAs: 'owner@acme.test', path: `/#/p/1/customers/${customer}`, viewport }, async (maya) => {
    await seek(maya, 'Lift the restriction');
    await h.click(maya, 'Lift the restriction', { window: 'Page' });
    await seek(maya, { contains: ', lifted ' });
  });
  const again = await kenji.command('OpenTicket', { subject: 'Thanks', text: 'Sorry about last week.' });
  assert.equal(again.status, 200, JSON.stringify(again.body));
});
