// The routing rules as the people using them see them (issue 17, seed 002 sections 1 and 8):
// a P0 security ticket is escalated at once and held for the business, so Ava, its agent, reads
// why and may only add internal notes (the server refuses her reply too) until staff take it
// over; a billing ticket from an enterprise customer lands in the account managers' queue while
// Ava keeps it and is told why; the owner writes a rule on the Routing page, tries it against the
// past tickets (the same count as the server's trial) and saves it.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const TIMEOUT = { timeout: 120000 };
const suite = h.appSuite();

const api = h.apiRead;

const seek = h.seek; // down, then up

// Picks an entry of the open combo's list (its popup window), once the list stays in place.
async function pick(page, text) {
  const entry = await h.itemAtRest(page, `combo entry ${text}`, async () =>
    (await h.findItems(page, { label: text })).find((it) => it.window.startsWith('##Combo')) || null);
  await page.mouse.click(entry.x + entry.w / 2, entry.y + entry.h / 2);
  await h.frames(page, 3);
}

test('a P0 security ticket is escalated at once and its agent cannot answer it until the business takes it over', TIMEOUT, async () => {
  const jordan = await h.apiSignIn(suite.server.url, 'customer@acme.test');
  const opened = await h.apiCommand(suite.server.url, jordan, 1, 'OpenTicket', {
    subject: 'Someone reset my password', text: 'I got a reset email I never asked for, then a login from another country.', category: 'security',
  });
  assert.equal(opened.status, 200);
  const id = opened.body.events[0].data.ticket_id;
  assert.equal(opened.body.events[0].data.priority, 'P0', 'the rule made it P0');

  await suite.withApp({ signInAs: 'agent@acme.test', path: `/#/p/1/tickets/${id}`, viewport: { width: 1400, height: 1300 } }, async (ava) => {
    // Why it is where it is, and why she cannot answer.
    await h.waitForItem(ava, { contains: 'Routed to Security because of the rule', window: 'Page' });
    await h.waitForItem(ava, { contains: 'held for the business', window: 'Page' });
    const server = await api(ava, `/api/v1/programs/1/tickets/${id}`);
    assert.equal(server.status, 'escalated');
    assert.equal(server.escalation.source, 'rule');
    assert.equal(server.routing.held_for_business, true);
    // The reply box holds internal notes only: the tick box is on and cannot be unticked.
    await seek(ava, { label: 'Reply text' });
    await h.waitForItem(ava, { label: 'Internal note', kind: 'text', window: 'Page' }); // the reply box's heading
    await h.screenshot(ava, 'routing-security-held.png');
    await h.typeInto(ava, 'Reply text', 'Customer confirms the reset email was not theirs.', { window: 'Page' });
    await seek(ava, 'Add internal note'); // the only way out of her reply box
    await h.click(ava, 'Add internal note', { window: 'Page' });
    await h.waitFor('the note stored as internal', async () => {
      const t = await api(ava, `/api/v1/programs/1/tickets/${id}`);
      return t.messages.some((m) => m.kind === 'internal_note' && m.text.startsWith('Customer confirms'));
    });
    const t = await api(ava, `/api/v1/programs/1/tickets/${id}`);
    assert.ok(!t.messages.some((m) => m.kind === 'reply' && m.author_role === 'agent'), 'no public reply from the agent');
    // The server refuses a public reply from her, saying why.
    const avaCookie = await h.apiSignIn(suite.server.url, 'agent@acme.test');
    const refused = await h.apiCommand(suite.server.url, avaCookie, 1, 'ReplyToTicket', { ticket_id: id, text: 'Let me check' });
    assert.equal(refused.status, 403);
    assert.match(refused.body.error.message, /held for the business/);
  });

  // The business finds it in the security queue, takes it over and answers.
  await suite.withApp({ signInAs: 'staff@acme.test', path: '/#/p/1/tickets?view=all', viewport: { width: 1400, height: 1300 } }, async (staff) => {
    await h.click(staff, '##Team filter', { window: 'Page' });
    await pick(staff, 'Security queue');
    await h.waitForItem(staff, { label: 'Someone reset my password', window: 'Page' });
    await h.click(staff, `Ticket ${id}##row`, { window: 'Page' });
    await h.waitForHash(staff, `#/p/1/tickets/${id}`);
    await seek(staff, 'Take over');
    await h.click(staff, 'Take over', { window: 'Page' });
    await h.waitFor('taken over on the server', async () => (await api(staff, `/api/v1/programs/1/tickets/${id}`)).taken_over_by > 0);
    await seek(staff, { label: 'Reply text' });
    await h.typeInto(staff, 'Reply text', 'We locked your account and reset the password; please set a new one.', { window: 'Page' });
    await seek(staff, 'Send reply');
    await h.click(staff, 'Send reply', { window: 'Page' });
    await h.waitFor('the business answered', async () => (await api(staff, `/api/v1/programs/1/tickets/${id}`)).messages
      .some((m) => m.kind === 'reply' && m.text.startsWith('We locked your account')));
  });
});

test('a billing ticket from an enterprise customer lands with the account managers, and its agent keeps it', TIMEOUT, async () => {
  const staffCookie = await h.apiSignIn(suite.server.url, 'staff@acme.test');
  const snap = (await h.apiJson(suite.server.url, staffCookie, 'GET', '/api/v1/programs/1/snapshot')).body;
  const david = snap.customers.find((c) => c.profile.email === 'david@copperline.test');
  assert.equal(david.profile.segment, 'Enterprise');
  const opened = await h.apiCommand(suite.server.url, staffCookie, 1, 'OpenTicket', {
    customer_id: david.id, subject: 'Invoice in the wrong currency', text: 'David needs the December invoice in EUR for the firm.', category: 'billing',
  });
  assert.equal(opened.status, 200);
  const id = opened.body.events[0].data.ticket_id;

  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/tickets?view=all', viewport: { width: 1400, height: 1300 } }, async (maya) => {
    await h.click(maya, '##Team filter', { window: 'Page' });
    await pick(maya, 'Account managers queue');
    await h.waitForItem(maya, { label: 'Invoice in the wrong currency', window: 'Page' });
    const queue = await api(maya, '/api/v1/programs/1/tickets?team=account-managers&view=all');
    assert.ok(queue.items.some((t) => t.id === id), 'in the server\'s queue too');
    await h.screenshot(maya, 'routing-account-managers-queue.png');
    await h.click(maya, `Ticket ${id}##row`, { window: 'Page' });
    await h.waitForHash(maya, `#/p/1/tickets/${id}`);
    await h.waitForItem(maya, { contains: 'Routed to Account managers because of the rule "Billing from an enterprise customer', window: 'Page' });
  });

  // Ava, David's agent, still has the ticket and reads why it was routed.
  await suite.withApp({ signInAs: 'agent@acme.test', path: `/#/p/1/tickets/${id}`, viewport: { width: 1400, height: 1300 } }, async (ava) => {
    await h.waitForItem(ava, { contains: 'Routed to Account managers', window: 'Page' });
    const t = await api(ava, `/api/v1/programs/1/tickets/${id}`);
    assert.equal(t.routing.team, 'account-managers');
    assert.ok(t.agent_id > 0, 'the agent keeps it');
    const inbox = await api(ava, '/api/v1/programs/1/notifications');
    assert.ok(inbox.items.some((n) => n.ticket_id === id), 'told of the new ticket');
    await h.screenshot(ava, 'routing-agent-told.png');
  });
});

test('the owner writes a rule, tries it against past tickets and saves it', TIMEOUT, async () => {
  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/routing', viewport: { width: 1400, height: 1100 } }, async (maya) => {
    await h.waitForItem(maya, { label: 'Teams', window: 'Page' });
    await seek(maya, 'Security: escalate at once, do not attempt resolution'); // the rules under the teams, below the fold
    await seek(maya, 'Rule name');
    await h.typeInto(maya, 'Rule name', 'Feature requests to product', { window: 'Page' });
    await seek(maya, { label: 'Condition value' });
    await h.typeInto(maya, 'Condition value', 'feature-request', { window: 'Page' });
    await seek(maya, 'Add condition');
    await h.click(maya, 'Add condition', { window: 'Page' });
    await seek(maya, 'Category is feature-request');
    await seek(maya, 'Add action');
    await h.click(maya, 'Add action', { window: 'Page' }); // Route to team, the first team
    await seek(maya, 'routed to On-call');
    await seek(maya, 'Try against past tickets');
    await h.click(maya, 'Try against past tickets', { window: 'Page' });
    const shown = await seek(maya, { contains: 'This rule would have matched' });
    // The same count as the server's trial of the same rule.
    const cookie = await h.apiSignIn(suite.server.url, 'owner@acme.test');
    const trial = await h.apiJson(suite.server.url, cookie, 'POST', '/api/v1/programs/1/routing/trial', {
      rule: { id: 'x', name: 'x', conditions: [{ field: 'category', value: 'feature-request' }], actions: [{ kind: 'flag', value: 'x' }] },
    });
    assert.equal(trial.status, 200);
    assert.ok(trial.body.matched >= 1);
    assert.equal(shown.text, `This rule would have matched ${trial.body.matched} of the last ${trial.body.considered} tickets.`);
    await h.screenshot(maya, 'routing-rule-trial.png');
    await seek(maya, 'Add rule');
    await h.click(maya, 'Add rule', { window: 'Page' });
    await seek(maya, 'Save routing');
    await h.click(maya, 'Save routing', { window: 'Page' });
    await h.waitFor('the rule saved on the server', async () => (await api(maya, '/api/v1/programs/1/routing')).rules
      .some((r) => r.name === 'Feature requests to product' && r.conditions[0].value === 'feature-request'));
  });
});
