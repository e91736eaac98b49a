// The weekly support report in the browser (issue 19, seed 002 section 9): the business opens
// Reports and reads last week's report as the server wrote it (the same lines as the API), its
// action items, adds one with owner and deadline, and reads the quarter's talking points with
// its support cost; the printable page has the same report; an agent has no Reports page. One
// server and one browser for the file, a fresh browser context per test.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const suite = h.appSuite();
const TIMEOUT = { timeout: 150000 }; // a slow or busy machine takes twice as long as this one idle
const VIEWPORT = { width: 1440, height: 1000 };

const apiAs = (email, path) => h.apiAs(suite.server.url, email, path);

test('the business reads last week\'s report, adds an action item and reads the quarter\'s talking points', TIMEOUT, async () => {
  const list = await apiAs('owner@acme.test', '/api/v1/programs/1/support/reports');
  const week = list.items[0].week_of;
  const report = await apiAs('owner@acme.test', `/api/v1/programs/1/support/reports/${week}`);
  const volume = report.sections.find((s) => s.title === 'Volume').lines[0];
  const concern = report.sections.find((s) => s.title === 'Headlines').lines[1];
  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/reports', viewport: VIEWPORT }, async (page) => {
    await h.waitForItem(page, { label: 'Support reports', window: 'Page' });
    await h.waitForItem(page, { contains: 'Support Report \u2014 Week of', window: 'Page' });
    // The page shows the lines the server wrote.
    await h.waitForItem(page, { label: volume, window: 'Page' });
    await h.waitForItem(page, { label: concern, window: 'Page' });
    await h.waitForItem(page, { label: 'Quarterly business review', window: 'Page' });
    await h.waitForItem(page, { contains: 'Support cost 18000.00 USD over', window: 'Page' });
    await h.screenshot(page, 'reports.png');
    await h.scrollTo(page, { contains: 'Add a second person to the business queue', window: 'Page' });
    await h.scrollTo(page, { label: 'Add action item', window: 'Page' });
    await h.typeInto(page, '##Report action', 'Review the export bug backlog with engineering', { window: 'Page' });
    await h.typeInto(page, '##Report action owner', 'Maya Chen', { window: 'Page' });
    await h.typeInto(page, '##Report action due', '2027-01-08', { window: 'Page' });
    await h.click(page, 'Add action item', { window: 'Page' });
    await h.waitForItem(page, { contains: '3. Review the export bug backlog with engineering', window: 'Page' });
  });
  const after = await apiAs('owner@acme.test', `/api/v1/programs/1/support/reports/${week}`);
  const added = after.actions.find((a) => a.action === 'Review the export bug backlog with engineering');
  assert.equal(added.owner, 'Maya Chen');
  assert.equal(added.due_on, '2027-01-08');
  // The printable page holds the same report and the new item.
  const cookie = await h.apiSignIn(suite.server.url, 'owner@acme.test');
  const printable = await h.request(`${suite.server.url}/api/v1/programs/1/support/reports/${week}.html`, { headers: { cookie } });
  assert.equal(printable.status, 200);
  const html = await printable.text();
  assert.ok(html.includes('Review the export bug backlog with engineering'));
  assert.ok(html.includes(volume.replace(/&/g, '&amp;')));

  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/reports', viewport: { width: 390, height: 844 } }, async (page) => {
    await h.waitForItem(page, { contains: 'Support Report \u2014 Week of', window: 'Page' });
    await h.screenshot(page, 'reports-phone.png');
  });
});

test('an agent has no Reports page', TIMEOUT, async () => {
  await suite.withApp({ signInAs: 'agent@acme.test', path: '/#/p/1/reports', viewport: VIEWPORT }, async (page) => {
    await h.waitForItem(page, { label: 'My customers', window: 'Navigation' });
    assert.equal(await h.findItem(page, { label: 'Reports', window: 'Navigation' }), null);
    assert.equal(await h.findItem(page, { contains: 'Support Report \u2014 Week of', window: 'Page' }), null);
  });
});
