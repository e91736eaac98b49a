// Commissions, as the people using them: a customer referred by Ava and supported by her pays;
// Ava sees the referral accrual at once and the support commission the month will bring; the
// business suspends her support access; the customer pays again through the billing system's
// API key, made on the commissions desk; the month closes: her support line counts only the
// days before the suspension, the referral commission carries on; the business approves and
// pays out, and Ava sees it paid; the business revokes the key and the billing system is
// refused. One server whose clock moves (libfaketime) and one browser;
// the steps run in order.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const TIMEOUT = { timeout: 240000 };
const DAY = 86400000;
const people = {}; // name -> { context, page }
const suite = h.appSuite({
  // Sign-ins outlast the month the clock moves through.
  server: { shiftableClock: true, args: ['--session-ttl-hours', '2400'] },
  onAfter: () => {
    for (const p of Object.values(people)) {
      const crashes = p.page.problems.filter((x) => x.startsWith('pageerror'));
      assert.deepEqual(crashes, [], 'no uncaught errors in the page');
    }
  },
});

// The journey runs in the month after this one: on its 2nd Zoe is assigned and pays, on its 7th
// Ava is suspended, and on the 1st of the month after, the month closes.
const realNow = Date.now();
const start = new Date(realNow);
const month = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1); // the journey's month
const nextMonth = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 2, 1);
const daysInMonth = Math.round((nextMonth - month) / DAY);
const monthLabel = new Date(month).toISOString().slice(0, 7);
let clockAt = realNow; // where the server's clock was last moved to
function moveClockTo(at) {
  suite.server.shiftClock(`+${Math.round((at - realNow) / 1000)}`);
  clockAt = at;
}

let owner, staff, zoeId, avaId, apiKey;

async function person(name, email, hash) {
  if (!people[name]) {
    people[name] = await h.openApp(suite.browser, suite.server.url, { signInAs: email, path: '/#' + hash, viewport: { width: 1360, height: 1300 } });
  } else {
    await h.goTo(people[name].page, '#' + hash);
  }
  return people[name].page;
}

async function snapshot(cookie) {
  const r = await h.apiJson(suite.server.url, cookie, 'GET', '/api/v1/programs/1/snapshot');
  assert.equal(r.status, 200);
  return r.body;
}
const zoeLines = (snap) => snap.commissions.lines.filter((l) => l.customer_id === zoeId && l.kind !== 'payout');

async function tab(page, name) {
  await h.click(page, name, { window: 'Page', hoverFirst: true });
  await h.frames(page, 3);
}

// libfaketime reads the offset at every clock call: the server's clock has moved at once. What
// the new time made due, the scheduler runs on its next pass: every month before the new time's
// closed (commissions.next_close is the first month not closed, counted as year * 12 + month).
async function waitForClock() {
  const d = new Date(clockAt);
  const month = d.getUTCFullYear() * 12 + d.getUTCMonth();
  const cookie = owner || await h.apiSignIn(suite.server.url, 'owner@acme.test');
  await h.waitFor(`the months before ${d.toISOString().slice(0, 7)} closed`, async () => (await snapshot(cookie)).commissions.next_close >= month);
}

test('a referred customer pays; the agent sees the referral accrual and the support commission to come', TIMEOUT, async () => {
  moveClockTo(month + DAY + 10 * 3600000); // the 2nd, 10:00
  await waitForClock();
  owner = await h.apiSignIn(suite.server.url, 'owner@acme.test');
  staff = await h.apiSignIn(suite.server.url, 'staff@acme.test');
  const snap = await snapshot(staff);
  avaId = snap.members.find((m) => m.name === 'Ava Martinez').person_id;
  const added = await h.apiCommand(suite.server.url, staff, 1, 'AddCustomer', {
    profile: { name: 'Zoe Park (Redwood Vets)', email: 'zoe@redwoodvets.test', segment: 'Growth', subscription: 'active',
               started_on: new Date(month + DAY).toISOString().slice(0, 10), mrr: { minor: 50000, currency: 'USD' }, referring_agent: avaId } });
  assert.equal(added.status, 200, JSON.stringify(added.body));
  zoeId = added.body.events[0].data.customer_id;
  assert.equal((await h.apiCommand(suite.server.url, staff, 1, 'AssignCustomer', { customer_id: zoeId, agent_id: avaId })).status, 200);

  // Ava keeps her earnings page open while the business records Zoe's first payment.
  const ava = await person('ava', 'agent@acme.test', '/p/1/earnings');
  await h.waitForItem(ava, { label: 'Earnings', window: 'Page' });

  const desk = await person('owner', 'owner@acme.test', '/p/1/commissions');
  await tab(desk, 'Payments');
  await h.click(desk, undefined, { label: '##Payment customer', window: 'Page' });
  await h.click(desk, 'Zoe Park (Redwood Vets)', { hoverFirst: true });
  await h.waitForNoItem(desk, 'Zoe Park (Redwood Vets)'); // the list closed on the choice
  await h.typeInto(desk, 'Payment amount', '500.00', { window: 'Page' });
  await h.typeInto(desk, 'Payment id', 'inv-zoe-1', { window: 'Page' });
  await h.screenshot(desk, 'commissions-record-payment.png');
  await h.click(desk, 'Record payment', { window: 'Page' });
  // Her first payment: the one-off 20% and the recurring 10% of $500.
  await h.waitForItem(desk, { label: '$150.00 to Ava Martinez', window: 'Page' });

  await h.scrollTo(ava, { contains: 'Payment inv-zoe-1 of $500.00', window: 'Page' });
  const row = await h.findInRow(ava, 'Zoe Park (Redwood Vets)', '$150.00', { window: 'Page' });
  assert.ok(row, 'the referral accrual is on her ledger, live');
  await h.screenshot(ava, 'commissions-agent-referral-accrued.png');
  await h.scrollTo(ava, { label: 'PER CUSTOMER', window: 'Page' }, { up: true });
  await h.waitForItem(ava, { label: 'Earning support', window: 'Page' });
  await h.screenshot(ava, 'commissions-agent-earnings.png');

  const lines = zoeLines(await snapshot(owner));
  assert.deepEqual(lines.map((l) => [l.side, l.kind, l.amount.minor, l.state]), [['referral', 'accrual', 15000, 'pending']]);
});

test('the business makes a billing API key; the billing system sends a payment with it, once', TIMEOUT, async () => {
  const desk = await person('owner', 'owner@acme.test', '/p/1/commissions');
  await tab(desk, 'Billing API');
  await h.typeInto(desk, 'Key label', 'Stripe sync (test)', { window: 'Page' });
  await h.click(desk, 'Create key', { window: 'Page' });
  const shown = await h.waitForItem(desk, { label: 'New API key', kind: 'input', window: 'Page' });
  apiKey = shown.value;
  assert.match(apiKey, /^pdk_[0-9a-f]{64}$/);
  await h.screenshot(desk, 'commissions-api-key.png');
  await h.click(desk, 'Done', { window: 'Page' });
  await h.waitForNoItem(desk, { label: 'New API key', kind: 'input', window: 'Page' });
  await h.waitForItem(desk, { label: 'In use', window: 'Page' });
  const keys = await h.apiJson(suite.server.url, owner, 'GET', '/api/v1/programs/1/billing/api-keys');
  assert.equal(keys.status, 200);
  assert.ok(keys.body.items.some((k) => k.label === 'Stripe sync (test)' && apiKey.startsWith(k.key_prefix)));
  assert.ok(!JSON.stringify(keys.body).includes(apiKey), 'the key is never shown again');
});

test('the business suspends Ava; the billing system\'s next payment still earns her referral commission', TIMEOUT, async () => {
  moveClockTo(month + 6 * DAY + 10 * 3600000); // the 7th, 10:00
  await waitForClock();
  const staffPage = await person('staff', 'staff@acme.test', '/p/1/agents');
  await h.clickInRow(staffPage, 'Ava Martinez', 'Suspend', { window: 'Page' });
  await h.typeInto(staffPage, 'Reason', 'Customer data shared in a public channel; review first.', { window: 'Confirm' });
  await h.click(staffPage, 'Suspend agent', { window: 'Confirm' });
  await h.waitFor('Ava suspended in the list', async () => !!(await h.findInRow(staffPage, 'Ava Martinez', 'Suspended', { window: 'Page' })));

  const pay = (body) => h.request(`${suite.server.url}/api/v1/programs/1/billing/payments`, {
    method: 'POST', headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const payment = { payment_id: 'inv-zoe-2', customer_email: 'zoe@redwoodvets.test', amount: { minor: 50000, currency: 'USD' } };
  const first = await pay(payment);
  assert.equal(first.status, 201, await first.clone().text());
  const again = await pay(payment);
  assert.equal(again.status, 200);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');

  // The recurring 10% reaches her ledger live, suspension or not.
  const ava = await person('ava', 'agent@acme.test', '/p/1/earnings');
  await h.scrollTo(ava, { contains: 'Payment inv-zoe-2 of $500.00', window: 'Page' });
  await h.screenshot(ava, 'commissions-agent-suspended-referral-continues.png');
  const lines = zoeLines(await snapshot(owner));
  assert.deepEqual(lines.map((l) => [l.side, l.amount.minor]), [['referral', 15000], ['referral', 5000]]);
});

test('the month closes: support counts the days before the suspension; the business approves and pays out', TIMEOUT, async () => {
  moveClockTo(nextMonth + 3 * 3600000); // the 1st of the next month, 03:00
  await waitForClock();
  // Assigned on the 2nd, suspended on the 7th: the 2nd to the 6th count, five days.
  const expected = Math.floor((4000 * 5) / daysInMonth + 0.5); // 8% of $500 a month ($40), prorated
  const support = await h.waitFor('the month to close', async () => {
    const l = zoeLines(await snapshot(owner)).find((x) => x.side === 'support');
    return l || null;
  }, { timeout: 15000 });
  assert.equal(support.month, monthLabel);
  assert.equal(support.days, 5);
  assert.equal(support.amount.minor, expected);
  const referral = zoeLines(await snapshot(owner)).filter((l) => l.side === 'referral');
  assert.deepEqual(referral.map((l) => l.amount.minor), [15000, 5000], 'no referral line changed');

  const dollars = (minor) => '$' + (minor / 100).toFixed(2);
  const ava = await person('ava', 'agent@acme.test', '/p/1/earnings');
  await h.scrollTo(ava, { contains: '5 days', window: 'Page' });
  assert.ok(await h.findInRow(ava, 'Zoe Park (Redwood Vets)', dollars(expected), { window: 'Page' }), 'her support line, 5 days');
  await h.screenshot(ava, 'commissions-agent-month-closed.png');

  // The business approves Zoe's lines (the holding period has not passed) and pays them out.
  const desk = await person('owner', 'owner@acme.test', '/p/1/commissions');
  await tab(desk, 'Approvals');
  for (const l of zoeLines(await snapshot(owner)).filter((x) => x.state === 'pending')) {
    await h.scrollTo(desk, { label: `##approve ${l.id}`, window: 'Page' });
    await h.click(desk, undefined, { label: `##approve ${l.id}`, window: 'Page' });
  }
  await h.screenshot(desk, 'commissions-approvals.png');
  await h.click(desk, undefined, { contains: 'Approve selected (', window: 'Page' });
  await h.waitFor('Zoe\'s lines approved', async () => zoeLines(await snapshot(owner)).every((l) => l.state === 'approved'));

  await tab(desk, 'Payouts');
  await h.scrollTo(desk, { label: 'Payout reference', kind: 'input', window: 'Page' });
  await h.typeInto(desk, 'Payout reference', `ACH-${monthLabel}-TEST`, { window: 'Page' });
  await h.screenshot(desk, 'commissions-payout.png');
  await h.scrollTo(desk, { label: 'Mark paid', window: 'Page' });
  await h.click(desk, 'Mark paid', { window: 'Page' });
  await h.waitFor('Zoe\'s lines paid', async () => zoeLines(await snapshot(owner)).every((l) => l.state === 'paid'));
  await h.scrollTo(desk, { label: `ACH-${monthLabel}-TEST`, window: 'Page' });
  await h.screenshot(desk, 'commissions-payout-history.png');

  await h.goTo(ava, '#/p/1/earnings');
  await h.scrollTo(ava, { label: 'YOUR LEDGER', window: 'Page' });
  await h.scrollTo(ava, { contains: 'Payment inv-zoe-1 of $500.00', window: 'Page' });
  // The state pill on the row of her first referral line.
  await h.waitFor('her line shown paid', async () => {
    const all = await h.items(ava);
    const detail = all.find((it) => it.visible && it.text.startsWith('Payment inv-zoe-1 of $500.00') && it.window.startsWith('Page'));
    if (!detail) return false;
    const mid = detail.y + detail.h / 2;
    return all.some((it) => it.visible && it.text === 'Paid' && Math.abs(it.y + it.h / 2 - mid) < detail.h);
  });
  await h.screenshot(ava, 'commissions-agent-paid.png');
});

test('the business revokes the key in the browser; the billing system is refused from then on', TIMEOUT, async () => {
  const desk = await person('owner', 'owner@acme.test', '/p/1/commissions');
  await tab(desk, 'Billing API');
  await h.clickInRow(desk, 'Stripe sync (test)', 'Revoke', { window: 'Page' });
  await h.clickInRow(desk, 'Stripe sync (test)', 'Yes, revoke', { window: 'Page' });
  await h.waitFor('the key shown revoked', async () => {
    const pill = await h.findInRow(desk, 'Stripe sync (test)', undefined, { contains: 'Revoked', window: 'Page' });
    return !!pill;
  });
  await h.screenshot(desk, 'commissions-api-key-revoked.png');
  const refused = await h.request(`${suite.server.url}/api/v1/programs/1/billing/payments`, {
    method: 'POST', headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ payment_id: 'inv-zoe-3', customer_email: 'zoe@redwoodvets.test', amount: { minor: 50000, currency: 'USD' } }) });
  assert.equal(refused.status, 401);
  assert.equal((await refused.json()).error.field, 'Authorization');
  assert.equal(zoeLines(await snapshot(owner)).filter((l) => l.side === 'referral').length, 2, 'nothing recorded');
});
