// Commissions, as the people using them: a customer referred by Ava and supported by her pays;
// Ava sees the referral accrual at once and the support commission the month will bring; the
// business suspends her support access; the customer pays again through the billing system's
// API key, made on the commissions desk; the month closes: her support line counts only the
// days before the suspension, the referral commission carries on; the business approves and
// pays out, and Ava sees it paid; separation of duties on money: staff add an adjustment above
// the threshold, which waits for the owner (its author finds no tick box and the reason, and the
// server refuses him too), the owner approves it and the demo's own, and changes the threshold
// that staff only read; the business revokes the key and the billing system is refused. One
// server whose clock moves (libfaketime) and one browser; the steps run in order.
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

  // Ava keeps her earnings page open while staff record Zoe's first payment (the owner approves
  // its commission later: nobody approves a line they wrote).
  const ava = await person('ava', 'agent@acme.test', '/p/1/earnings');
  await h.waitForItem(ava, { label: 'Earnings', window: 'Page' });

  const desk = await person('staff', 'staff@acme.test', '/p/1/commissions');
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

// A tab of the desk, whether or not it is the one shown (the item table marks the selected tab
// as not visible).
async function showTab(page, name) {
  await h.click(page, name, { window: 'Page', hoverFirst: true, visible: false });
  await h.frames(page, 3);
}

// Clicks a choice of the open combo's list (a window of its own, over the page, which may show
// the same text elsewhere).
async function clickInList(page, text) {
  const choice = await h.waitFor(`${text} in the open list`, async () =>
    (await h.items(page)).find((it) => it.visible && it.text === text && !it.window.startsWith('Page')));
  await page.mouse.move(choice.x + choice.w / 2, choice.y + choice.h / 2);
  await h.frames(page, 2);
  await page.mouse.click(choice.x + choice.w / 2, choice.y + choice.h / 2);
  await h.frames(page, 3);
}

// scrollTo for a phone-sized page: the wheel turns over the page's content, not past the
// viewport's right edge.
async function scrollPhoneTo(page, query) {
  const { width, height } = page.viewportSize();
  return h.waitFor(`${JSON.stringify(query)} in view`, async () => {
    const it = await h.findItem(page, query);
    if (it && it.y >= 70 && it.y + it.h <= height - 10) return it;
    await h.wheel(page, it ? Math.min(300, it.y + it.h - height + 40) : 300, { x: width - 60 });
    return null;
  }, { interval: 0 });
}

// The text items drawn in the same table row as the item showing rowText, below its top and
// above the next row (cells stack a pill and lines of text).
async function textsInRow(page, rowText) {
  const all = await h.items(page);
  const row = all.find((it) => it.visible && it.text === rowText && it.window.startsWith('Page'));
  if (!row) return null;
  return all.filter((it) => it.visible && it.window.startsWith('Page') && it.y + it.h > row.y - 4 && it.y < row.y + row.h + 60)
    .map((it) => it.text);
}

test('an adjustment above the threshold waits for an owner other than its author; staff cannot approve their own', TIMEOUT, async () => {
  const snap0 = await snapshot(owner);
  const danielId = snap0.members.find((m) => m.name === 'Daniel Brooks').person_id;
  const mayaId = snap0.members.find((m) => m.name === 'Maya Chen').person_id;
  // The demo's adjustment by Daniel still waits: a month passed, and the scheduler approves
  // only what waits for its holding period.
  const demoLine = snap0.commissions.lines.find((l) => l.kind === 'adjustment' && l.state === 'pending' && l.by === danielId);
  assert.ok(demoLine, 'the demo holds an adjustment awaiting a second approval');

  // Daniel adds $800.00 for Ava on the Owed tab: told before sending that it will wait.
  const staffPage = await person('staff', 'staff@acme.test', '/p/1/commissions');
  await showTab(staffPage, 'Owed');
  await h.scrollTo(staffPage, { label: 'ADJUST AN AGENT\'S LEDGER', window: 'Page' });
  await h.click(staffPage, undefined, { label: '##Adjust agent', window: 'Page' });
  await clickInList(staffPage, 'Ava Martinez');
  await h.typeInto(staffPage, 'Adjust amount', '800.00', { window: 'Page' });
  await h.typeInto(staffPage, 'Adjust reason', 'Conference travel (test)', { window: 'Page' });
  await h.waitForItem(staffPage, { label: 'Above $500.00: this adjustment will wait for an owner or admin other than you to approve it.', window: 'Page' });
  await h.screenshot(staffPage, 'commissions-adjustment-above-threshold.png');
  await h.click(staffPage, 'Add adjustment', { window: 'Page' });
  const line = await h.waitFor('the adjustment on the ledger', async () =>
    (await snapshot(owner)).commissions.lines.find((l) => l.kind === 'adjustment' && l.note === 'Conference travel (test)'));
  assert.equal(line.state, 'pending', 'written pending, not approved by its author');
  assert.equal(line.by, danielId);
  assert.equal(line.amount.minor, 80000);

  // On Approvals, Daniel's own line has no tick box, and says why; the server agrees.
  await showTab(staffPage, 'Approvals');
  const detail = 'Adjustment: Conference travel (test)';
  await h.scrollTo(staffPage, { label: detail, window: 'Page' });
  const row = await h.waitFor('the reason in its row', async () => {
    const texts = await textsInRow(staffPage, detail);
    return texts && texts.includes('You added it: another owner or admin approves it.') ? texts : null;
  });
  assert.ok(row.includes('Awaiting second approval'), 'marked as awaiting a second approval');
  assert.equal(await h.findItem(staffPage, { label: `##approve ${line.id}` }), null, 'no tick box for its author');
  await h.screenshot(staffPage, 'commissions-approvals-own-adjustment.png');
  const own = await h.apiCommand(suite.server.url, staff, 1, 'ApproveCommissionLines', { line_ids: [line.id] });
  assert.equal(own.status, 403);
  assert.equal(own.body.error.field, 'data.line_ids[0]');

  // Maya approves his adjustment and the demo's, each with its tick box.
  const desk = await person('owner', 'owner@acme.test', '/p/1/commissions');
  await showTab(desk, 'Approvals');
  await h.waitForItem(desk, { contains: 'adjustments await a second approval', window: 'Page' });
  for (const id of [line.id, demoLine.id]) {
    await h.scrollTo(desk, { label: `##approve ${id}`, window: 'Page' });
    await h.click(desk, undefined, { label: `##approve ${id}`, window: 'Page' });
  }
  await h.screenshot(desk, 'commissions-approvals-second-approval.png');
  await h.scrollTo(desk, { contains: 'Approve selected (2)', window: 'Page' }, { up: true });
  await h.click(desk, undefined, { contains: 'Approve selected (2)', window: 'Page' });
  await h.waitFor('both adjustments approved by Maya', async () => {
    const lines = (await snapshot(owner)).commissions.lines.filter((l) => l.id === line.id || l.id === demoLine.id);
    return lines.length === 2 && lines.every((l) => l.state === 'approved' && l.approved_by === mayaId);
  });

  // A small adjustment is approved at once by its author, as before.
  const small = await h.apiCommand(suite.server.url, staff, 1, 'AdjustCommission',
                                   { agent_id: avaId, side: 'referral', amount: { minor: 2000, currency: 'USD' }, reason: 'Webinar thank-you (test)' });
  assert.equal(small.status, 200);
  assert.equal(small.body.events[0].data.line.state, 'approved');
});

test('owners change the adjustment threshold on the Plan tab; staff only read it', TIMEOUT, async () => {
  const staffPage = await person('staff', 'staff@acme.test', '/p/1/commissions');
  await showTab(staffPage, 'Plan');
  await h.scrollTo(staffPage, { label: 'SECOND APPROVAL OF ADJUSTMENTS', window: 'Page' });
  await h.waitForItem(staffPage, { label: 'Owners and admins change the threshold.', window: 'Page' });
  assert.equal(await h.findItem(staffPage, { label: 'Save threshold' }), null, 'staff have no Save');

  const desk = await person('owner', 'owner@acme.test', '/p/1/commissions');
  await showTab(desk, 'Plan');
  await h.scrollTo(desk, { label: 'Save threshold', window: 'Page' });
  assert.equal(await h.fieldValue(desk, 'Adjustment threshold', { window: 'Page' }), '500.00');
  await h.replaceText(desk, 'Adjustment threshold', '100.00', { window: 'Page' });
  await h.click(desk, 'Save threshold', { window: 'Page' });
  await h.waitFor('the threshold saved', async () => {
    const t = (await snapshot(owner)).commissions.adjustment_thresholds.find((x) => x.currency === 'USD');
    return t && t.minor === 10000;
  });
  await h.waitForItem(desk, { contains: 'above $100.00', window: 'Page' });
  await h.screenshot(desk, 'commissions-threshold.png');
  // $150.00 now waits for a second person.
  const r = await h.apiCommand(suite.server.url, staff, 1, 'AdjustCommission',
                               { agent_id: avaId, side: 'support', amount: { minor: 15000, currency: 'USD' }, reason: 'Extra onboarding call (test)' });
  assert.equal(r.status, 200);
  assert.equal(r.body.events[0].data.line.state, 'pending');

  // The same desk on a phone: the tabs are a list; each pending line is a block of its own, the
  // one awaiting a second approval with a tick box for the owner.
  const phone = await h.openApp(suite.browser, suite.server.url, { signInAs: 'owner@acme.test', path: '/#/p/1/commissions',
                                                                   viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  people.phone = phone;
  await h.click(phone.page, undefined, { label: '##Desk tab', window: 'Page' });
  await clickInList(phone.page, 'Approvals');
  await h.screenshot(phone.page, 'commissions-approvals-phone-top.png');
  const pending = (await snapshot(owner)).commissions.lines.find((l) => l.note === 'Extra onboarding call (test)');
  await scrollPhoneTo(phone.page, { contains: 'Extra onboarding call (test)', window: 'Page' });
  await scrollPhoneTo(phone.page, { label: 'Awaiting second approval', window: 'Page' });
  assert.ok(await h.findItem(phone.page, { label: `##approve ${pending.id}` }), 'the owner may tick it');
  await h.screenshot(phone.page, 'commissions-approvals-phone.png');
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
