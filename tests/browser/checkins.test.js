// Follow-up check-ins in the browser (issue 14, item 8): the agent sees the demo's check-in
// that has come due in red in its follow-ups card, schedules one from the card, moves it and
// marks it done; the business schedules one from a customer's page and the agent sees it.
// Every step checked against the server. One server and one browser for the file, a fresh
// browser context per test; the tests run in order.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const suite = h.appSuite();
const TIMEOUT = { timeout: 120000 };
const VIEWPORT = { width: 1440, height: 900 };
const DAY = 86400000;

async function checkIns(page) {
  const r = await h.apiGet(page, '/api/v1/programs/1/snapshot');
  assert.equal(r.status, 200);
  return JSON.parse(r.body).check_ins;
}

// Picks an entry of the open combo's list (its popup window, not another item with the same text).
async function pickFromCombo(page, text) {
  const entry = await h.itemAtRest(page, `combo entry ${text}`, async () =>
    (await h.findItems(page, { label: text })).find((it) => it.window.startsWith('##Combo')) || null);
  await page.mouse.click(entry.x + entry.w / 2, entry.y + entry.h / 2);
}

function isoDay(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

test('the agent schedules, moves and completes a check-in from the follow-ups card', TIMEOUT, async () => {
  await suite.withApp({ signInAs: 'agent@acme.test', path: '/#/p/1/tickets', viewport: VIEWPORT }, async (page) => {
    // The demo's quarterly review with Jordan came due three hours ago: first, in red.
    await h.waitForItem(page, { label: 'FOLLOW-UPS', window: 'Page' });
    const before = await checkIns(page);
    const due = before.find((c) => c.note === 'Quarterly review: how is reporting going?');
    assert.ok(due && !due.done && due.due_at < Date.now(), 'the demo has a check-in that has come due');
    await h.waitForItem(page, { label: 'Quarterly review: how is reporting going?', window: 'Page' });
    await h.waitForItem(page, { contains: 'hours ago)', window: 'Page' });
    await h.screenshot(page, 'checkins-follow-ups-due.png');

    // Schedule one with Jordan, in three days at 10:30 UTC.
    const jordanName = JSON.parse((await h.apiGet(page, '/api/v1/programs/1/snapshot')).body).customers
      .find((c) => c.profile.email === 'customer@acme.test').profile.name;
    const when = Date.now() + 3 * DAY;
    await h.click(page, 'Schedule a check-in##follow-ups', { window: 'Page' });
    await h.waitForItem(page, { label: 'Schedule a check-in', window: 'Page', kind: 'text' });
    await h.click(page, 'Check-in customer', { window: 'Page' });
    await pickFromCombo(page, jordanName);
    await h.waitFor(`${jordanName} chosen`, async () => {
      const combo = await h.findItem(page, { label: 'Check-in customer', window: 'Page' });
      return combo && combo.value === jordanName;
    });
    await h.replaceText(page, 'Check-in date', isoDay(when));
    await h.replaceText(page, 'Check-in time', '10:30');
    await h.typeInto(page, 'Check-in note', 'Show the new CSV schedule');
    await h.screenshot(page, 'checkins-schedule-form.png');
    await h.click(page, 'Schedule check-in###Save check-in', { window: 'Page' });
    await h.waitForItem(page, 'Check-in scheduled.');
    const added = await h.waitFor('the new check-in on the server', async () =>
      (await checkIns(page)).find((c) => c.note === 'Show the new CSV schedule'));
    const jordan = before.find((c) => c.id === due.id).customer_id;
    assert.equal(added.customer_id, jordan);
    assert.equal(added.due_at, Date.parse(isoDay(when) + 'T10:30:00Z'));
    assert.equal(added.done, false);

    // Move it two days later.
    await h.click(page, `Move##check-in follow-ups ${added.id}`, { window: 'Page' });
    await h.waitForItem(page, { label: 'Move the check-in', window: 'Page' });
    assert.equal(await h.fieldValue(page, 'Check-in date'), isoDay(when));
    await h.replaceText(page, 'Check-in date', isoDay(when + 2 * DAY));
    await h.click(page, 'Move check-in###Save check-in', { window: 'Page' });
    await h.waitForItem(page, 'Check-in moved.');
    const moved = await h.waitFor('the check-in moved on the server', async () => {
      const c = (await checkIns(page)).find((x) => x.id === added.id);
      return c && c.due_at === Date.parse(isoDay(when + 2 * DAY) + 'T10:30:00Z') ? c : null;
    });
    assert.equal(moved.note, 'Show the new CSV schedule');

    // A date in the past is refused before sending, with the shared rule's words.
    await h.click(page, `Move##check-in follow-ups ${added.id}`, { window: 'Page' });
    await h.replaceText(page, 'Check-in date', isoDay(Date.now() - 5 * DAY));
    await h.waitForItem(page, { label: 'A check-in is scheduled for today or later.', window: 'Page' });
    const save = await h.waitForItem(page, { label: 'Move check-in###Save check-in', window: 'Page' });
    assert.ok(save.disabled, 'Move is disabled for a date in the past');
    await h.click(page, 'Cancel##check-in', { window: 'Page' });

    // Done: it leaves the follow-ups.
    await h.click(page, `Done##check-in follow-ups ${due.id}`, { window: 'Page' });
    await h.waitForItem(page, 'Check-in marked done.');
    await h.waitFor('the due check-in done on the server', async () => (await checkIns(page)).find((c) => c.id === due.id && c.done));
    await h.waitForNoItem(page, { label: 'Quarterly review: how is reporting going?', window: 'Page' });
    await h.screenshot(page, 'checkins-follow-ups-after.png');
  });
});

test('the business schedules a check-in from a customer\'s page; the agent sees it there and moves it', TIMEOUT, async () => {
  let scheduled;
  await suite.withApp({ signInAs: 'staff@acme.test', path: '/#/p/1/customers', viewport: VIEWPORT }, async (page) => {
    const snapshot = JSON.parse((await h.apiGet(page, '/api/v1/programs/1/snapshot')).body);
    const jordan = snapshot.customers.find((c) => c.profile.email === 'customer@acme.test');
    await h.goTo(page, `#/p/1/customers/${jordan.id}`);
    await h.scrollTo(page, 'Schedule a check-in##customer');
    await h.click(page, 'Schedule a check-in##customer', { window: 'Page' });
    await h.waitForItem(page, { label: `With ${jordan.profile.name}`, window: 'Page' });
    await h.scrollTo(page, 'Check-in note');
    await h.replaceText(page, 'Check-in date', isoDay(Date.now() + 6 * DAY));
    await h.typeInto(page, 'Check-in note', 'Renewal: offer the annual plan');
    await h.scrollTo(page, 'Schedule check-in###Save check-in');
    await h.click(page, 'Schedule check-in###Save check-in', { window: 'Page' });
    await h.waitForItem(page, 'Check-in scheduled.');
    scheduled = await h.waitFor('the check-in on the server', async () =>
      (await checkIns(page)).find((c) => c.note === 'Renewal: offer the annual plan'));
    assert.equal(scheduled.agent_id, jordan.assigned_agent, 'it goes to the customer\'s agent');
    await h.waitForItem(page, { label: 'Renewal: offer the annual plan', window: 'Page' });
    await h.screenshot(page, 'checkins-customer-business.png');
  });
  await suite.withApp({ signInAs: 'agent@acme.test', path: `/#/p/1/customers/${scheduled.customer_id}`, viewport: VIEWPORT }, async (page) => {
    await h.scrollTo(page, 'Renewal: offer the annual plan');
    await h.click(page, `Move##check-in customer ${scheduled.id}`, { window: 'Page' });
    await h.scrollTo(page, 'Check-in note');
    await h.replaceText(page, 'Check-in time', '15:00');
    await h.scrollTo(page, 'Move check-in###Save check-in');
    await h.click(page, 'Move check-in###Save check-in', { window: 'Page' });
    await h.waitForItem(page, 'Check-in moved.');
    await h.waitFor('the new time on the server', async () => {
      const c = (await checkIns(page)).find((x) => x.id === scheduled.id);
      return c && new Date(c.due_at).toISOString().slice(11, 16) === '15:00';
    });
    await h.waitForItem(page, { contains: '15:00 UTC', window: 'Page' });
  });
});
