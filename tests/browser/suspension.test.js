// Who may work support now (issue 14, item 1), as the people using it: the business suspends
// Ava; her customer Jordan's new ticket lands in the business queue, where staff answer it;
// Ava opens it and may only read it; the business reinstates her with "customers come back"
// and the ticket is hers again, with the reply box back. While suspended, her overview and
// support page say why and where her customers' tickets are, and her check-ins are left to
// the business (no Done, Move or Schedule for her; the server refuses her). Item 4: a suspension that requires
// remediation is refused reinstatement until the remediation is recorded on the agents page.
// One server and one browser for the file; one context per person; the tests run in order.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const people = {}; // name -> page
const suite = h.appSuite({
  onAfter: () => {
    for (const page of Object.values(people)) {
      const crashes = page.problems.filter((x) => x.startsWith('pageerror'));
      assert.deepEqual(crashes, [], 'no uncaught errors in the page');
    }
  },
});

async function person(name, email, path) {
  if (!people[name]) {
    const { page } = await h.openApp(suite.browser, suite.server.url, { signInAs: email, path: '/#' + path, viewport: { width: 1440, height: 1100 } });
    people[name] = page;
  } else {
    await h.goTo(people[name], '#' + path);
  }
  return people[name];
}

async function api(page, path) {
  const r = await h.apiGet(page, path);
  assert.equal(r.status, 200, `GET ${path}`);
  return JSON.parse(r.body);
}

const TIMEOUT = { timeout: 120000 };

test('a suspended agent\'s customer: the ticket is answered from the business queue, the agent reads it only, and comes back on reinstatement', TIMEOUT, async () => {
  const staff = await person('staff', 'staff@acme.test', '/p/1/agents');
  const snapshot = await api(staff, '/api/v1/programs/1/snapshot');
  const avaId = snapshot.members.find((m) => m.name === 'Ava Martinez').person_id;
  const avasCustomers = snapshot.customers.filter((c) => c.assigned_agent === avaId).length;
  assert.ok(avasCustomers > 0);

  // The business suspends Ava (customers stay assigned: no "Reassign all customers now").
  await h.clickInRow(staff, 'Ava Martinez', 'Suspend', { window: 'Page' });
  await h.waitForItem(staff, { contains: 'their new and open tickets go to your queue', window: 'Confirm' });
  await h.typeInto(staff, 'Reason', 'Away for two weeks', { window: 'Confirm' });
  await h.click(staff, 'Suspend agent', { window: 'Confirm' });
  await h.waitFor('Ava suspended in the list', async () => !!(await h.findInRow(staff, 'Ava Martinez', 'Suspended', { window: 'Page' })));
  // The agents page says where her customers are, and offers no choice while she is suspended.
  await h.waitForItem(staff, { contains: 'may not work support now (suspended)', window: 'Page' });
  await h.waitForItem(staff, { contains: `${avasCustomers} customers of Ava's are handled in your queue`, window: 'Page' });
  await h.screenshot(staff, 'suspension-agents-page.png');
  const after = await api(staff, '/api/v1/programs/1/snapshot');
  assert.equal(after.customers.filter((c) => c.assigned_agent === avaId).length, avasCustomers, 'the assignments stay');
  assert.ok(after.customers.filter((c) => c.assigned_agent === avaId).every((c) => c.support_held));
  // The business was told at once (the owner, who did not suspend her, has it in the bell).
  const maya = await person('maya', 'owner@acme.test', '/p/1/tickets');
  const inbox = await api(maya, '/api/v1/programs/1/notifications');
  assert.ok(inbox.items.some((n) => n.kind === 'support_held' && n.text.startsWith('Ava Martinez may not work support now (suspended)')));

  // Jordan, Ava's customer, opens a ticket: it is in the business queue.
  const jordanCookie = await h.apiSignIn(suite.server.url, 'customer@acme.test');
  const opened = await h.apiCommand(suite.server.url, jordanCookie, 1, 'OpenTicket', { subject: 'Dashboard tiles are blank', text: 'Since this morning every tile on my dashboard is empty.' });
  assert.equal(opened.status, 200);
  const id = opened.body.events[0].data.ticket_id;
  assert.equal(opened.body.events[0].data.agent_id, 0);

  await h.goTo(staff, '#/p/1/tickets');
  await h.waitFor('the ticket in the business queue', async () => !!(await h.findInRow(staff, 'Dashboard tiles are blank', 'Business queue', { window: 'Page' })));
  await h.screenshot(staff, 'suspension-business-queue.png');
  await h.click(staff, `Ticket ${id}##row`, { window: 'Page' });
  await h.waitForHash(staff, `#/p/1/tickets/${id}`);
  // The thread is under the composer (with its article search, templates and guidance): scroll to it, then back up.
  await h.scrollTo(staff, { label: 'Since this morning every tile on my dashboard is empty.', window: 'Page' });
  const answer = 'We restarted the dashboard service: please reload the page.';
  await h.scrollTo(staff, { label: 'Reply text', kind: 'input', window: 'Page' }, { up: true });
  await h.typeInto(staff, 'Reply text', answer, { window: 'Page' });
  await h.scrollTo(staff, { label: 'Send reply', window: 'Page' });
  await h.click(staff, 'Send reply', { window: 'Page' });
  await h.waitFor('the reply stored', async () => (await api(staff, `/api/v1/programs/1/tickets/${id}`)).messages.length === 3); // with the automatic acknowledgement

  // Ava opens it: she reads the thread and the answer, with no reply box and the reason why.
  const ava = await person('ava', 'agent@acme.test', `/p/1/tickets/${id}`);
  await h.waitForItem(ava, { label: answer, window: 'Page' });
  await h.waitForItem(ava, { contains: 'You may not work support now (suspended)', window: 'Page' });
  await h.frames(ava, 4);
  assert.equal(await h.findItem(ava, { label: 'Reply text', window: 'Page' }), null, 'no reply box for a suspended agent');
  assert.equal(await h.findItem(ava, { label: 'Send reply', window: 'Page' }), null);
  await h.screenshot(ava, 'suspension-agent-read-only.png');
  // The server refuses her answer too.
  const avaCookie = await h.apiSignIn(suite.server.url, 'agent@acme.test');
  const refused = await h.apiCommand(suite.server.url, avaCookie, 1, 'ReplyToTicket', { ticket_id: id, text: 'On it' });
  assert.equal(refused.status, 403);

  // Her own overview and support page say why, and that the business queue handles her
  // customers' tickets, shown to her read-only.
  const notice = "You may not work support now (suspended). Your customers' tickets are handled by the business queue meanwhile and shown to you read-only.";
  await h.goTo(ava, '#/p/1/overview');
  await h.waitForItem(ava, { contains: notice, window: 'Page' });
  await h.screenshot(ava, 'suspension-agent-overview.png');
  await h.goTo(ava, '#/p/1/tickets');
  await h.waitForItem(ava, { contains: notice, window: 'Page' });
  // Her check-ins are left to the business: her follow-ups show the due one without Done or
  // Move, and no Schedule; the server refuses her too, naming why.
  await h.waitForItem(ava, { label: 'Quarterly review: how is reporting going?', window: 'Page' });
  await h.waitForItem(ava, { label: 'The business handles your check-ins meanwhile.', window: 'Page' });
  await h.frames(ava, 4);
  const checkInButtons = async (page) => (await h.findItems(page, { window: 'Page' }))
    .filter((it) => /^(Done|Move)##check-in /.test(it.label) || it.label.startsWith('Schedule a check-in##'));
  assert.deepEqual(await checkInButtons(ava), [], 'no check-in buttons for a suspended agent');
  await h.screenshot(ava, 'suspension-agent-workspace.png');
  const dueCheckIn = (await api(ava, '/api/v1/programs/1/snapshot')).check_ins
    .find((c) => c.note === 'Quarterly review: how is reporting going?' && !c.done);
  assert.ok(dueCheckIn);
  const done = await h.apiCommand(suite.server.url, avaCookie, 1, 'CompleteCheckIn', { check_in_id: dueCheckIn.id });
  assert.equal(done.status, 403);
  assert.match(done.body.error.message, /^You may not work support now \(suspended\)/);
  await h.goTo(ava, `#/p/1/customers/${dueCheckIn.customer_id}`);
  await h.scrollTo(ava, { label: 'Quarterly review: how is reporting going?', window: 'Page' });
  await h.frames(ava, 4);
  assert.deepEqual(await checkInButtons(ava), [], 'no check-in buttons on the customer page either');
  // The business still can, from the same customer's page.
  await h.goTo(staff, `#/p/1/customers/${dueCheckIn.customer_id}`);
  await h.scrollTo(staff, `Done##check-in customer ${dueCheckIn.id}`);
  await h.scrollTo(staff, 'Schedule a check-in##customer');
  await h.goTo(ava, `#/p/1/tickets/${id}`);
  await h.waitForItem(ava, { label: answer, window: 'Page' });

  // Reinstated with "customers come back": the ticket is Ava's again, and she can answer.
  await h.goTo(staff, '#/p/1/agents');
  await h.clickInRow(staff, 'Ava Martinez', 'Reinstate', { window: 'Page' });
  await h.waitForItem(staff, { label: 'Customers come back to Ava', window: 'Confirm' });
  await h.waitForItem(staff, { label: 'Customers stay with internal support', window: 'Confirm' });
  await h.click(staff, 'Customers come back to Ava', { window: 'Confirm' });
  await h.screenshot(staff, 'suspension-reinstate.png');
  await h.click(staff, 'Reinstate agent', { window: 'Confirm' });
  await h.waitFor('Ava active in the list', async () => !!(await h.findInRow(staff, 'Ava Martinez', 'Active', { window: 'Page' })));
  const back = await api(staff, `/api/v1/programs/1/tickets/${id}`);
  assert.equal(back.agent_id, avaId);
  await h.waitForItem(ava, { label: 'Reply text', window: 'Page' }, { timeout: 5000 });
  assert.equal(await h.findItem(ava, { contains: 'You may not work support now', window: 'Page' }), null);
});

test('a suspension that requires remediation: reinstating is refused until the remediation is recorded on the agents page', TIMEOUT, async () => {
  const staff = await person('staff', 'staff@acme.test', '/p/1/agents');
  await h.clickInRow(staff, 'Priya Nair', 'Suspend', { window: 'Page' });
  await h.typeInto(staff, 'Reason', 'Quality dropped: retraining first', { window: 'Confirm' });
  await h.click(staff, 'Remediation required', { window: 'Confirm' });
  await h.click(staff, 'Suspend agent', { window: 'Confirm' });
  await h.waitFor('Priya flagged', async () => !!(await h.findInRow(staff, 'Priya Nair', 'Remediation', { window: 'Page' })));

  // Reinstating now is refused, with the reason in the dialog.
  await h.clickInRow(staff, 'Priya Nair', 'Reinstate', { window: 'Page' });
  await h.waitForItem(staff, { contains: 'Remediation required: record what was done', window: 'Confirm' });
  await h.click(staff, 'Reinstate agent', { window: 'Confirm' });
  await h.waitForItem(staff, { contains: 'requires remediation before reinstatement', window: 'Confirm' });
  await h.click(staff, 'Cancel', { window: 'Confirm' });

  // Recorded on the agents page (what; by whom and when are kept), then reinstated.
  await h.click(staff, 'Record Priya\'s remediation', { window: 'Page' });
  await h.typeInto(staff, 'Remediation done', 'Retook the restricted-topics module and passed its quiz', { window: 'Page' });
  await h.click(staff, 'Record as done', { window: 'Page' });
  await h.waitFor('Priya\'s remediation recorded', async () => !!(await h.findInRow(staff, 'Priya Nair', 'Remediated', { window: 'Page' })));
  await h.waitForItem(staff, { contains: 'Recorded by Daniel Brooks on', window: 'Page' });
  await h.screenshot(staff, 'suspension-remediation-recorded.png');
  await h.clickInRow(staff, 'Priya Nair', 'Reinstate', { window: 'Page' });
  await h.waitForItem(staff, { contains: 'Remediation recorded by Daniel Brooks', window: 'Confirm' });
  await h.click(staff, 'Reinstate agent', { window: 'Confirm' });
  await h.waitFor('Priya active', async () => !!(await h.findInRow(staff, 'Priya Nair', 'Active', { window: 'Page' })));
  const snapshot = await api(staff, '/api/v1/programs/1/snapshot');
  const priyaId = snapshot.members.find((m) => m.name === 'Priya Nair').person_id;
  const record = await api(staff, `/api/v1/programs/1/agents/${priyaId}/support`);
  assert.equal(record.remediation_required, false);
  assert.equal(record.remediation.what, 'Retook the restricted-topics module and passed its quiz');
  assert.equal(record.may_work_support, true);
  assert.deepEqual(record.held_customers, [], 'her customers came back (the default choice)');
});
