// The certification desk offers each agent exactly the decisions the server accepts (one rule,
// shared/domain/certification/certification_actions.hpp): the demo's Marco, whose timed-out attempt the
// scheduler submitted, is graded; while the business reviews his pass the desk offers Approve,
// Decline and Revoke (it used to leave Revoke out, which the server accepts); the business revokes
// from the desk with a reason, and his row then offers the two exceptions instead. Ava's row
// carries the Certified Support Partner badge with her certification date and expiry. One server and
// one browser; the steps run in order.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const TIMEOUT = { timeout: 180000 };
const suite = h.appSuite();

async function snapshot(cookie) {
  const r = await h.apiJson(suite.server.url, cookie, 'GET', '/api/v1/programs/1/snapshot');
  assert.equal(r.status, 200);
  return r.body;
}

// The buttons of the agents table, counted, and those of one agent's row: the row runs from the
// agent's name down to the next agent's name.
const decisions = ['Approve', 'Approve on manual review', 'Decline', 'Grant an extra attempt', 'Waive the retry wait', 'Revoke'];
async function offered(page, names, name) {
  const all = (await h.items(page)).filter((it) => it.visible && it.window.startsWith('Page'));
  const top = all.find((it) => it.text === name && it.kind !== 'window');
  assert.ok(top, `${name}'s row is drawn`);
  const below = all.filter((it) => names.includes(it.text) && it.y > top.y + 5).map((it) => it.y);
  const bottom = below.length ? Math.min(...below) : Infinity;
  return decisions.filter((label) => all.some((it) => it.kind === 'item' && it.text === label && it.y >= top.y - 5 && it.y < bottom));
}

// Every text drawn in one agent's row of the agents table.
async function rowTexts(page, names, name) {
  const all = (await h.items(page)).filter((it) => it.visible && it.window.startsWith('Page'));
  const top = all.find((it) => it.text === name && it.kind !== 'window');
  assert.ok(top, `${name}'s row is drawn`);
  const below = all.filter((it) => names.includes(it.text) && it.y > top.y + 5).map((it) => it.y);
  const bottom = below.length ? Math.min(...below) : Infinity;
  return all.filter((it) => it.y >= top.y - 5 && it.y < bottom).map((it) => it.text);
}

test('the desk offers Marco exactly what the server accepts while it reviews his pass, and after the business revokes', TIMEOUT, async () => {
  const owner = await h.apiSignIn(suite.server.url, 'owner@acme.test');
  let snap = await snapshot(owner);
  const marco = snap.members.find((m) => m.email === 'marco@acme.test').person_id;
  const record = async () => (await snapshot(owner)).certification.agents.find((a) => a.person_id === marco);
  // The scheduler submits his timed-out attempt on its first pass.
  const attempt = await h.waitFor('Marco\'s attempt to be submitted', async () => {
    const a = (await record()).attempts.at(-1);
    return a && a.submitted_at !== 0 ? a : null;
  });
  if (!attempt.graded) {
    const grades = attempt.paper.filter((q) => q.kind !== 'multiple_choice').map((q) => ({ question_id: q.id, score: q.points, comment: 'Good' }));
    const graded = await h.apiCommand(suite.server.url, owner, 1, 'GradeAttempt', { person_id: marco, attempt: attempt.number, grades });
    assert.equal(graded.status, 200);
  }
  assert.equal((await record()).status, 'awaiting_manual_review');

  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/certification', viewport: { width: 1280, height: 2400 } }, async (page) => {
    snap = await snapshot(owner);
    const names = snap.members.filter((m) => m.role === 'agent').map((m) => m.name);
    const marcoName = snap.members.find((m) => m.person_id === marco).name;
    await h.waitForItem(page, { label: marcoName, window: 'Page' });
    assert.deepEqual(await offered(page, names, marcoName), ['Approve', 'Decline', 'Revoke']);
    await h.screenshot(page, 'certification-desk-review.png');
    // The Certified Support Partner badge with the certification date and expiry in Ava's row
    // (the same dates as her record), none in Marco's.
    const ava = snap.members.find((m) => m.email === 'agent@acme.test');
    const avaRec = snap.certification.agents.find((a) => a.person_id === ava.person_id);
    assert.equal(avaRec.status, 'certified');
    assert.ok(avaRec.expires_at > 0, 'the demo certification expires');
    const avaRow = await h.waitFor('the badge in Ava\'s row', async () => {
      const texts = await rowTexts(page, names, ava.name);
      return texts.includes('Certified Support Partner') ? texts : null;
    });
    const dates = avaRow.find((t) => /^Certified .+ \u00b7 expires .+/.test(t));
    assert.ok(dates, `the certification date and expiry beside the badge (${avaRow.join(' | ')})`);
    assert.ok(dates.includes(String(new Date(avaRec.expires_at).getUTCFullYear())), 'the expiry year is the record\'s');
    assert.ok(!(await rowTexts(page, names, marcoName)).includes('Certified Support Partner'), 'no badge for Marco');

    // Revoke from the desk, with the reason in the row's note.
    const all = (await h.items(page)).filter((it) => it.visible && it.window.startsWith('Page'));
    const top = all.find((it) => it.text === marcoName && it.kind !== 'window');
    const note = all.filter((it) => it.kind === 'input' && it.label.endsWith('##Note') && it.y >= top.y - 5).sort((a, b) => a.y - b.y)[0];
    assert.ok(note, 'the row has a note field');
    await page.mouse.click(note.x + note.w / 2, note.y + note.h / 2);
    await h.waitFor('the note field to be active', async () => ((await h.items(page)).find((it) => it.id === note.id) || {}).active);
    await page.keyboard.type('Shared a customer\'s data in a forum post.');
    const revoke = all.filter((it) => it.kind === 'item' && it.text === 'Revoke' && it.y > top.y - 5).sort((a, b) => a.y - b.y)[0];
    await h.waitFor('the reason to be typed', async () => {
      const field = (await h.items(page)).find((it) => it.id === note.id);
      return field && field.value === 'Shared a customer\'s data in a forum post.';
    });
    await page.mouse.click(revoke.x + revoke.w / 2, revoke.y + revoke.h / 2);
    await h.waitFor('Marco to be revoked', async () => (await record()).status === 'revoked');
    assert.equal((await record()).revoked_reason, 'Shared a customer\'s data in a forum post.');

    // Revoked: the exceptions, nothing else.
    await h.waitFor('the row to offer the exceptions', async () =>
      (await offered(page, names, marcoName)).join() === ['Grant an extra attempt', 'Waive the retry wait'].join());
    await h.screenshot(page, 'certification-desk-revoked.png');
  });
});
