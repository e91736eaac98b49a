// The ticket list as the business uses it: newest first, sorted by clicking a column header
// (ascending, then descending), filtered by priority and by the handling agent, with the
// search; every row shown is checked against the server's copy of the tickets.
// The window is tall enough for every ticket of the demo to be a drawn row.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const TIMEOUT = { timeout: 120000 };
const suite = h.appSuite();

// The ticket ids of the rows drawn, top to bottom.
async function rowIds(page) {
  const rows = (await h.findItems(page, { window: 'Page' })).filter((it) => /^Ticket \d+$/.test(it.text));
  rows.sort((a, b) => a.y - b.y);
  return rows.map((it) => Number(it.text.split(' ')[1]));
}

const settle = (page) => h.frames(page, 3);

// Waits until the rows drawn pass `ok` (the list follows a click on a header or a filter within
// a frame or two); on time-out says which rows were drawn.
async function waitForRows(page, what, ok) {
  let last = null;
  try {
    return await h.waitFor(what, async () => {
      last = await rowIds(page);
      return ok(last) ? last : null;
    });
  } catch (e) {
    throw new Error(`${e.message}; rows drawn: ${JSON.stringify(last)}`);
  }
}
const sameSet = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

// Picks an entry of the open combo's list (its popup window, not a table cell with the same
// text), once the list is drawn where it stays (a popup settles its place over its first frames).
async function pick(page, text) {
  const entry = await h.itemAtRest(page, `combo entry ${text}`, async () =>
    (await h.findItems(page, { label: text })).find((it) => it.window.startsWith('##Combo')) || null);
  await page.mouse.click(entry.x + entry.w / 2, entry.y + entry.h / 2);
  await settle(page);
}

const rank = { P0: 0, P1: 1, P2: 2, P3: 3 };

test('the business sorts the tickets by a column and filters them by priority and agent', TIMEOUT, async () => {
  // Tall enough for every ticket of the demo (its twelve weeks of history included) to be a drawn row.
  await suite.withApp({ signInAs: 'staff@acme.test', path: '/#/p/1/tickets?view=all', viewport: { width: 1400, height: 4800 } }, async (page) => {
    const snap = JSON.parse((await h.apiGet(page, '/api/v1/programs/1/snapshot')).body);
    const tickets = new Map(snap.tickets.map((t) => [t.id, t]));
    await h.waitFor('the rows', async () => (await rowIds(page)).length === tickets.size);

    // Newest first.
    const initial = await rowIds(page);
    assert.deepEqual(initial, [...initial].sort((a, b) => b - a));

    // Priority, most urgent first; then the other way round.
    await h.click(page, 'Priority', { window: 'Page', hoverFirst: true });
    await h.waitFor('ascending', async () => (await h.findItem(page, { label: 'Priority', window: 'Page' })).value === 'ascending');
    const byPriority = (ids, sign) => ids.length === tickets.size &&
      ids.every((id, i) => i === 0 || sign * (rank[tickets.get(id).priority] - rank[tickets.get(ids[i - 1]).priority]) >= 0);
    let ids = await waitForRows(page, 'every ticket, most urgent first', (ids) => byPriority(ids, 1));
    assert.equal(ids.length, tickets.size);
    await h.screenshot(page, 'tickets-sorted-by-priority.png');
    await h.click(page, 'Priority', { window: 'Page', hoverFirst: true });
    await h.waitFor('descending', async () => (await h.findItem(page, { label: 'Priority', window: 'Page' })).value === 'descending');
    ids = await waitForRows(page, 'every ticket, least urgent first', (ids) => byPriority(ids, -1));

    // Only P3 tickets.
    await h.click(page, '##Priority filter', { window: 'Page' });
    await pick(page, 'P3 Low');
    const p3 = [...tickets.values()].filter((t) => t.priority === 'P3').map((t) => t.id);
    await waitForRows(page, 'the P3 tickets only', (ids) => sameSet(ids, p3));

    // Any priority again; only Priya's tickets.
    await h.click(page, '##Priority filter', { window: 'Page' });
    await pick(page, 'Any priority');
    await waitForRows(page, 'every ticket again', (ids) => ids.length === tickets.size);
    const priya = snap.members.find((m) => m.email === 'priya@acme.test').person_id;
    await h.click(page, '##Agent filter', { window: 'Page' });
    await pick(page, 'Priya Nair');
    const hers = [...tickets.values()].filter((t) => t.agent_id === priya).map((t) => t.id);
    assert.ok(hers.length > 0);
    await waitForRows(page, 'Priya\'s tickets only', (ids) => sameSet(ids, hers));

    // With the search on top: nothing matches, and the page says so.
    await h.typeInto(page, 'Search tickets', 'no such subject anywhere');
    await h.waitForItem(page, { label: 'No ticket matches the search and filters.', window: 'Page' });
    await h.screenshot(page, 'tickets-filtered-empty.png');
  });
});
