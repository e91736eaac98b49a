// Referral commission is independent of membership and support status (docs/requirements.md,
// Referral attribution): the owner removes Priya through People, the customer she referred stays
// editable and its next payment still earns her referral commission. Termination for fraud is the
// one case where the business may stop future referral commission: Theo is terminated, then, as a
// separate step with its own confirmation and reason, his referral commission is stopped; the
// reason is on his statement and his earlier lines stay. The Certified Support Partner badge
// (docs/requirements.md, Badge) with its dates in the agents list, the ticket header and Ava's own
// overview.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const pages = {};
const suite = h.appSuite({
  onAfter: () => {
    for (const p of Object.values(pages)) {
      const crashes = p.problems.filter((x) => x.startsWith('pageerror'));
      assert.deepEqual(crashes, [], 'no uncaught errors in the page');
    }
  },
});
const TIMEOUT = { timeout: 150000 }; // a slow or busy machine takes twice as long as this one idle

async function person(email, path) {
  if (!pages[email]) {
    const { page } = await h.openApp(suite.browser, suite.server.url, { signInAs: email, path: '/#' + path, viewport: { width: 1440, height: 900 } });
    pages[email] = page;
  } else {
    await h.goTo(pages[email], '#' + path);
  }
  return pages[email];
}

async function api(email) {
  return h.apiSignIn(suite.server.url, email);
}
async function snapshot(cookie) {
  const r = await h.apiJson(suite.server.url, cookie, 'GET', '/api/v1/programs/1/snapshot');
  assert.equal(r.status, 200);
  return r.body;
}
function referralLines(snap, agentId) {
  return snap.commissions.lines.filter((l) => l.agent_id === agentId && l.side === 'referral');
}

test('removing an agent through People: the customer she referred stays editable and its payments keep earning her', TIMEOUT, async () => {
  const owner = await api('owner@acme.test');
  let snap = await snapshot(owner);
  const priya = snap.members.find((m) => m.email === 'priya@acme.test');
  const marcus = snap.customers.find((c) => c.profile.email === 'marcus@ironoak.test');
  assert.equal(marcus.profile.referring_agent, priya.person_id);
  const before = referralLines(snap, priya.person_id).length;

  const page = await person('owner@acme.test', '/p/1/people');
  await h.clickInRow(page, 'Priya Nair', 'Remove', { window: 'Page' });
  await h.waitForItem(page, { contains: 'keeps earning referral commission', window: 'Confirm' });
  await h.screenshot(page, 'referrals-remove-agent-confirm.png');
  await h.click(page, 'Remove', { window: 'Confirm' });
  await h.waitFor('Priya removed', async () => !(await snapshot(owner)).members.some((m) => m.person_id === priya.person_id));

  // Her customer is still hers as referrer, and can be edited and saved.
  await h.goTo(page, `#/p/1/customers/${marcus.id}`);
  await h.waitFor('the referrer shown by name', async () => {
    const combo = await h.findItem(page, { label: '##Referred by', window: 'Page' });
    return combo && combo.value === 'Priya Nair (left the program)';
  });
  await h.replaceText(page, 'Segment', 'Growth Plus');
  await h.click(page, 'Save changes', { window: 'Page' });
  await h.waitForItem(page, { label: 'Changes saved.', window: 'Page' });
  snap = await snapshot(owner);
  const saved = snap.customers.find((c) => c.id === marcus.id);
  assert.equal(saved.profile.segment, 'Growth Plus');
  assert.equal(saved.profile.referring_agent, priya.person_id);

  // The next payment of a customer she referred (Li Wei: Marcus has cancelled, so his earn no
  // recurring commission) earns her referral commission: exactly one new line.
  const li = snap.customers.find((c) => c.profile.email === 'li@harborline.test');
  assert.equal(li.profile.referring_agent, priya.person_id);
  const paid = await h.apiCommand(suite.server.url, owner, 1, 'RecordPayment',
    { external_id: 'ref-test-li-1', customer_id: li.id, kind: 'payment', amount: { minor: 98000, currency: 'USD' } });
  assert.equal(paid.status, 200);
  const after = referralLines(await snapshot(owner), priya.person_id);
  assert.equal(after.length, before + 1);
  assert.equal(after.at(-1).customer_id, li.id);
  assert.equal(after.at(-1).amount.minor, 9800); // 10% recurring
  assert.ok(after.at(-1).amount.minor > 0);
  await h.screenshot(page, 'referrals-removed-agent-customer.png');
});

test('termination for fraud: a separate, confirmed stop with a reason, shown on the agent\'s statement, never retroactive', TIMEOUT, async () => {
  const owner = await api('owner@acme.test');
  let snap = await snapshot(owner);
  const theo = snap.members.find((m) => m.email === 'trainee@acme.test');
  const kenji = snap.customers.find((c) => c.profile.email === 'kenji@tidewater.test');
  // A referral line before anything happens.
  assert.equal((await h.apiCommand(suite.server.url, owner, 1, 'RecordPayment',
    { external_id: 'ref-test-kenji-1', customer_id: kenji.id, kind: 'payment', amount: { minor: 19900, currency: 'USD' } })).status, 200);
  const before = referralLines(await snapshot(owner), theo.person_id);
  assert.ok(before.length >= 1);

  const page = await person('owner@acme.test', '/p/1/agents');
  await h.clickInRow(page, 'Theo Okafor', 'Terminate', { window: 'Page' });
  await h.waitForItem(page, { contains: 'Referral commission on the customers Theo referred continues', window: 'Confirm' });
  await h.typeInto(page, 'Reason', 'Invented customers to collect first-payment commission', { window: 'Confirm' });
  await h.click(page, 'Terminate partnership', { window: 'Confirm' });
  await h.waitFor('Theo terminated', async () => (await snapshot(owner)).agents.find((a) => a.person_id === theo.person_id).status === 'terminated');

  // Termination alone stops nothing: the stop is its own step.
  await h.clickInRow(page, 'Theo Okafor', 'Stop referral commission\u2026', { window: 'Page' });
  await h.typeInto(page, 'Stop reason', 'Invented customers', { window: 'Page' });
  const button = await h.findItem(page, { label: 'Stop referral commission', window: 'Page' });
  assert.ok(button, 'the stop button is drawn');
  await h.click(page, 'Theo was terminated for fraud', { window: 'Page' }); // the confirmation
  await h.screenshot(page, 'referrals-stop-confirm.png');
  await h.click(page, 'Stop referral commission', { window: 'Page' });
  await h.waitForItem(page, { contains: 'referral commission stopped', window: 'Page' });
  snap = await snapshot(owner);
  const rec = snap.commissions.referrers.find((r) => r.person_id === theo.person_id);
  assert.equal(rec.referral_stop_reason, 'Invented customers');
  assert.ok(rec.referral_stopped_at > 0);
  // Never retroactive: the lines before are unchanged; a payment now earns nothing.
  assert.deepEqual(referralLines(snap, theo.person_id).map((l) => [l.id, l.amount.minor]), before.map((l) => [l.id, l.amount.minor]));
  assert.equal((await h.apiCommand(suite.server.url, owner, 1, 'RecordPayment',
    { external_id: 'ref-test-kenji-2', customer_id: kenji.id, kind: 'payment', amount: { minor: 19900, currency: 'USD' } })).status, 200);
  assert.equal(referralLines(await snapshot(owner), theo.person_id).length, before.length);

  // Theo reads it on his statement.
  const theoPage = await person('trainee@acme.test', '/p/1/earnings');
  const shown = await h.scrollTo(theoPage, { contains: 'after the partnership was terminated for fraud: Invented customers', window: 'Page' });
  await h.screenshot(theoPage, 'referrals-statement-stopped.png');
  // The statement's CSV carries the same notice, word for word, in its `notice` row.
  const month = new Date().toISOString().slice(0, 7);
  const csv = await h.apiGet(theoPage, `/api/v1/programs/1/commissions/statements/${month}.csv?agent=${theo.person_id}&currency=USD`);
  assert.equal(csv.status, 200);
  const noticeRow = csv.body.split('\n').find((line) => line.startsWith(`${month},notice,${theo.person_id},`));
  assert.ok(noticeRow, 'the statement CSV has a notice row');
  assert.ok(noticeRow.includes(shown.text), `the CSV's notice is the one on screen (${shown.text})`);
});

test('the Certified Support Partner badge with its dates: agents list, ticket header, the agent\'s own overview', TIMEOUT, async () => {
  const owner = await api('owner@acme.test');
  const snap = await snapshot(owner);
  const ava = snap.members.find((m) => m.email === 'agent@acme.test');
  const rec = snap.certification.agents.find((a) => a.person_id === ava.person_id);
  assert.equal(rec.status, 'certified');
  const page = await person('owner@acme.test', '/p/1/agents');
  await h.waitForItem(page, { label: 'Certified Support Partner', window: 'Page' });
  const badge = await h.findInRow(page, 'Ava Martinez', 'Certified Support Partner', { window: 'Page' });
  assert.ok(badge, 'the badge is in Ava\'s row');
  // Its dates beneath it: certified \u2013 expires.
  assert.ok(await h.findInRow(page, 'Ava Martinez', 'Certified Support Partner', { window: 'Page' }));
  await h.waitForItem(page, { contains: ' \u2013 ', window: 'Page' });
  // Marco has not finished: no badge in his row.
  assert.equal(await h.findInRow(page, 'Marco Rossi', 'Certified Support Partner', { window: 'Page' }), null);
  await h.screenshot(page, 'badge-agents-list.png');

  const ticket = Object.values(snap.tickets).find((t) => t.agent_id === ava.person_id);
  assert.ok(ticket, 'Ava handles a ticket');
  await h.goTo(page, `#/p/1/tickets/${ticket.id}`);
  await h.waitForItem(page, { label: 'Certified Support Partner', window: 'Page' });
  await h.screenshot(page, 'badge-ticket-header.png');

  const own = await person('agent@acme.test', '/p/1/overview');
  await h.waitForItem(own, { label: 'Certified Support Partner', window: 'Page' });
  await h.waitForItem(own, { contains: 'expires ', window: 'Page' });
});
