// The support metrics page (issue 19, weekly metrics): the business reads the seed's figures for
// a period with the change against the period before, switches the period and the scope, and
// sees the twelve weeks of trend charts the demo's history fills; every figure on the page
// equals the API's (the same shared functions). An agent opens "My metrics" and sees only its
// own. One server and one browser for the file, a fresh browser context per test.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const suite = h.appSuite();
const TIMEOUT = { timeout: 150000 }; // a slow or busy machine takes twice as long as this one idle
const VIEWPORT = { width: 1440, height: 1000 };

const apiAs = (email, path) => h.apiAs(suite.server.url, email, path);

// The Monday (UTC) of the week `weeksAgo` weeks before this one, as YYYY-MM-DD.
function monday(weeksAgo = 0) {
  const now = new Date();
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const back = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - (back + 7 * weeksAgo) * 86400000).toISOString().slice(0, 10);
}

// Opens a combo of the page and clicks one of its entries; a long list is scrolled with the
// wheel over it until the entry shows.
async function pick(page, combo, text, { scroll = false } = {}) {
  await h.click(page, combo, { window: 'Page' });
  if (scroll) {
    const top = await h.itemAtRest(page, 'the list', async () =>
      (await h.items(page)).find((it) => it.window.startsWith('##Combo') && it.visible && it.text) || null);
    await page.mouse.move(top.x + top.w / 2, top.y + top.h / 2);
    await h.waitFor(`combo entry ${text} in view`, async () => {
      if ((await h.findItems(page, { label: text })).some((it) => it.window.startsWith('##Combo'))) return true;
      await page.mouse.wheel(0, 200);
      return false;
    });
  }
  const entry = await h.itemAtRest(page, `combo entry ${text}`, async () =>
    (await h.findItems(page, { label: text })).find((it) => it.window.startsWith('##Combo')) || null);
  await page.mouse.click(entry.x + entry.w / 2, entry.y + entry.h / 2);
  await h.waitFor(`${combo} to show ${text}`, async () => {
    const it = await h.findItem(page, { label: combo, window: 'Page' });
    return it && it.value === text;
  });
}

// The value drawn under a figure's caption ("CSAT (OF 5)" -> "4.25").
async function figure(page, caption) {
  const head = await h.waitForItem(page, { label: caption, window: 'Page' });
  const below = (await h.findItems(page, { kind: 'text', window: 'Page' }))
    .filter((it) => Math.abs(it.x - head.x) < 4 && it.y > head.y + 2 && it.y < head.y + 60)
    .sort((a, b) => a.y - b.y);
  assert.ok(below.length > 0, `a value under ${caption}`);
  return below[0].text;
}

async function waitForFigure(page, caption, expected) {
  await h.waitFor(`${caption} to read ${expected}`, async () => (await figure(page, caption)) === expected);
}

const fixed = (v, digits, unit = '') => (v === null ? '\u2014' : v.toFixed(digits) + unit);

test('the business reads four weeks of metrics and their trends, then one segment; each figure equals the API\'s', TIMEOUT, async () => {
  const range = `from=${monday(3)}&to=${monday(0)}`;
  const program = await apiAs('owner@acme.test', `/api/v1/programs/1/support/metrics?${range}`);
  const enterprise = await apiAs('owner@acme.test', `/api/v1/programs/1/support/metrics?${range}&scope=segment:Enterprise`);
  assert.ok(program.current.volume.total_tickets > 0, 'the demo has tickets in the last four weeks');

  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/metrics', viewport: VIEWPORT }, async (page) => {
    await h.waitForItem(page, { label: 'Support metrics', window: 'Page' });
    await h.waitForItem(page, { contains: `Week of ${monday(0)}`, window: 'Page' });
    await pick(page, '##Metrics period', 'Last 4 weeks');
    await h.waitForItem(page, { contains: `Weeks of ${monday(3)} to ${monday(0)}`, window: 'Page' });

    const c = program.current;
    await waitForFigure(page, 'TICKETS', String(c.volume.total_tickets));
    assert.equal(await figure(page, 'CSAT (OF 5)'), fixed(c.satisfaction.csat_score, 2));
    assert.equal(await figure(page, 'SLA COMPLIANCE'), fixed(c.response_times.sla_compliance_pct, 1, '%'));
    assert.equal(await figure(page, 'P95 FIRST RESPONSE'), fixed(c.response_times.p95_first_response_min, 0, ' min'));
    assert.equal(await figure(page, 'BACKLOG'), String(c.health.backlog_count));
    assert.equal(await figure(page, 'NEGATIVE MENTIONS'), String(c.satisfaction.negative_mentions));

    // Twelve weeks of trends, drawn by the chart module.
    await h.scrollTo(page, { label: 'CSAT per week', window: 'Page' });
    await h.waitForItem(page, { label: 'Tickets per week', window: 'Page' });
    await h.screenshot(page, 'metrics-business.png');

    await h.scrollTo(page, { label: 'Support metrics', window: 'Page' }, { up: true });
    await pick(page, '##Metrics scope', 'Segment: Enterprise', { scroll: true });
    await waitForFigure(page, 'TICKETS', String(enterprise.current.volume.total_tickets));
    assert.equal(await figure(page, 'CSAT (OF 5)'), fixed(enterprise.current.satisfaction.csat_score, 2));
  });
});

test('an agent opens My metrics from the navigation and sees its own figures, with no other scope to pick', TIMEOUT, async () => {
  const snapshot = await apiAs('owner@acme.test', '/api/v1/programs/1/snapshot');
  const ava = snapshot.members.find((m) => m.email === 'agent@acme.test').person_id;
  const own = await apiAs('agent@acme.test', `/api/v1/programs/1/support/metrics?scope=agent:${ava}`);
  await suite.withApp({ signInAs: 'agent@acme.test', path: '/#/p/1/overview', viewport: VIEWPORT }, async (page) => {
    await h.click(page, 'My metrics', { window: 'Navigation' });
    await h.waitForHash(page, '#/p/1/metrics');
    await h.waitForItem(page, { label: 'Support metrics', window: 'Page' });
    await waitForFigure(page, 'TICKETS', String(own.current.volume.total_tickets));
    await h.click(page, '##Metrics scope', { window: 'Page' });
    await h.waitFor('the scope list', async () =>
      (await h.findItems(page, { label: "My customers' tickets" })).some((it) => it.window.startsWith('##Combo')));
    assert.equal((await h.findItems(page, { label: 'Whole program' })).length, 0, 'no program-wide scope for an agent');
    await page.keyboard.press('Escape');
  });
});
