// An agent's performance history in the browser (issue 14, item 7): the business opens an
// agent's page from the agents list and reads its score with the weights in words and numbers,
// the score over the last 30 days and the history (an overdue flag, ratings); the agent opens
// its own from its workspace and cannot open another agent's. One server and one browser for
// the file, a fresh browser context per test.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const suite = h.appSuite();
const TIMEOUT = { timeout: 150000 }; // a slow or busy machine takes twice as long as this one idle
const VIEWPORT = { width: 1440, height: 900 };

async function ownerApi(path) {
  const cookie = await h.apiSignIn(suite.server.url, 'owner@acme.test');
  const r = await h.apiJson(suite.server.url, cookie, 'GET', path);
  assert.equal(r.status, 200, `GET ${path}`);
  return r.body;
}

async function personId(email) {
  const snapshot = await ownerApi('/api/v1/programs/1/snapshot');
  const m = snapshot.members.find((x) => x.email === email);
  assert.ok(m, `${email} is a member`);
  return m.person_id;
}

test('the business opens an agent\'s page and reads its history, its score over time and the weights', TIMEOUT, async () => {
  const ava = await personId('agent@acme.test');
  const record = await ownerApi(`/api/v1/programs/1/agents/${ava}/support`);
  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/agents', viewport: VIEWPORT }, async (page) => {
    await h.click(page, 'Ava Martinez##agent page', { window: 'Page' });
    await h.waitForHash(page, `#/p/1/agents/${ava}`);
    await h.waitForItem(page, { label: 'Performance history', window: 'Page' });
    // The score and the sentence that explains it, with the same numbers as the server's.
    await h.waitForItem(page, { label: record.performance_history.explanation, window: 'Page' });
    await h.waitForItem(page, { label: 'Score over the last 30 days', window: 'Page' });
    await h.waitForItem(page, { contains: 'one point a day', window: 'Page' });
    await h.screenshot(page, 'performance-business.png');

    // The weights in words and numbers.
    await h.scrollTo(page, 'How the score is weighed');
    for (const [name, weight] of [['SLA compliance', '40%'], ['Response time', '20%'], ['Customer ratings', '25%'], ['Business ratings', '15%']]) {
      await h.waitForItem(page, { label: name, window: 'Page' });
      const rows = await h.findItems(page, { label: name, window: 'Page' }); // the summary's caption too
      const all = await h.findItems(page, { label: weight, window: 'Page' });
      assert.ok(rows.some((row) => all.some((w) => Math.abs(w.y - row.y) < 4)), `${name} shows its weight ${weight} on its row`);
    }
    await h.waitForItem(page, { contains: 'within the SLA window, over the last 90 days', window: 'Page' });
    await h.waitForItem(page, { contains: 'falling evenly to 0 at 24 h or more', window: 'Page' });
    const figures = record.performance_history.components.find((c) => c.key === 'customer').detail;
    await h.waitForItem(page, { label: figures, window: 'Page' });

    // The history: the overdue flag of the invite ticket and Jordan's ratings, newest first.
    await h.scrollTo(page, 'History');
    const ratings = record.history.filter((e) => e.kind === 'customer_rating').sort((a, b) => b.at - a.at);
    assert.equal(ratings.length, 2, 'Jordan rated two of Ava\'s tickets in the demo');
    assert.ok(ratings.some((e) => e.detail.endsWith('rated "Exporting reports to CSV" 5/5')));
    for (const e of ratings) {
      const detail = await h.scrollTo(page, e.detail);
      const kinds = await h.findItems(page, { label: 'Customer rating', window: 'Page' });
      assert.ok(kinds.some((k) => Math.abs(k.y - detail.y) < 4), `"${e.detail}" is a Customer rating line`);
    }
    await h.scrollTo(page, 'Overdue: first response');
    await h.screenshot(page, 'performance-business-history.png');
  });
});

test('an agent opens its own performance history from its workspace, and not another agent\'s', TIMEOUT, async () => {
  const ava = await personId('agent@acme.test');
  const priya = await personId('priya@acme.test');
  await suite.withApp({ signInAs: 'agent@acme.test', path: '/#/p/1/tickets', viewport: VIEWPORT }, async (page) => {
    await h.click(page, 'Performance history', { window: 'Page', kind: 'item' });
    await h.waitForHash(page, `#/p/1/agents/${ava}`);
    await h.waitForItem(page, { label: 'Ava Martinez (you)', window: 'Page' });
    await h.waitForItem(page, { label: 'Score over the last 30 days', window: 'Page' });
    await h.scrollTo(page, 'How the score is weighed');
    await h.waitForItem(page, { label: '40%', window: 'Page' });
    await h.screenshot(page, 'performance-agent-own.png');

    await h.goTo(page, `#/p/1/agents/${priya}`);
    await h.waitForItem(page, { label: 'Agent not found', window: 'Page' });
    assert.equal(await h.findItem(page, { label: 'How the score is weighed', window: 'Page' }), null);
    // The server agrees: another agent's support record is not found for her.
    const r = await h.apiGet(page, `/api/v1/programs/1/agents/${priya}/support`);
    assert.equal(r.status, 404);
  });
});
