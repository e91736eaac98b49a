// The quality loop in the browser (issue 19, satisfaction and red flags): a customer answers
// the NPS question on its overview as a detractor; its agent gets a follow-up due within 24
// hours, the scheduler raises the red flag, and the business reads it with its evidence and
// suggested action on the support overview, and the week's NPS on the metrics page. One server
// and one browser for the file, a fresh browser context per test.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const suite = h.appSuite();
const TIMEOUT = { timeout: 150000 }; // a slow or busy machine takes twice as long as this one idle
const VIEWPORT = { width: 1440, height: 1000 };

const apiAs = (email, path) => h.apiAs(suite.server.url, email, path);

test('a detractor\'s answer gives the agent a follow-up and the business a red flag it reads on the support page', TIMEOUT, async () => {
  const before = Date.now();
  await suite.withApp({ signInAs: 'customer@acme.test', path: '/#/p/1/overview', viewport: VIEWPORT }, async (page) => {
    await h.waitForItem(page, { contains: 'How likely are you to recommend Acme Analytics', window: 'Page' });
    await h.click(page, '3##nps', { window: 'Page' });
    await h.typeInto(page, '##NPS comment', 'The invite problem took six hours.', { window: 'Page' });
    await h.click(page, 'Send', { window: 'Page' });
    await h.waitForNoItem(page, { contains: 'How likely are you to recommend', window: 'Page' });
    await h.screenshot(page, 'nps-answered.png');
  });

  // The answer, and Ava's follow-up due within 24 hours.
  const snapshot = await apiAs('owner@acme.test', '/api/v1/programs/1/snapshot');
  const answer = snapshot.nps_answers.find((a) => a.score === 3 && a.comment === 'The invite problem took six hours.');
  assert.ok(answer, 'the answer is recorded');
  const ava = snapshot.members.find((m) => m.email === 'agent@acme.test').person_id;
  const followUp = snapshot.check_ins.find((c) => c.id === answer.check_in_id);
  assert.equal(followUp.agent_id, ava, 'Jordan\'s agent follows up');
  assert.ok(followUp.due_at >= before + 24 * 3600 * 1000 - 60000 && followUp.due_at <= Date.now() + 24 * 3600 * 1000, 'due within 24 hours');

  // The scheduler raises the red flag; the business reads it.
  const key = `nps_detractor:${answer.check_in_id}`;
  await h.waitFor('the red flag', async () =>
    (await apiAs('owner@acme.test', '/api/v1/programs/1/snapshot')).red_flags.some((f) => f.key === key && f.cleared_at === 0));
  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/support', viewport: VIEWPORT }, async (page) => {
    await h.waitForItem(page, { label: 'Red flags', window: 'Page' });
    await h.waitForItem(page, { contains: 'answered 3 of 10 to the NPS question', window: 'Page' });
    await h.waitForItem(page, { contains: 'Suggested: Follow up within 24 hours', window: 'Page' });
    await h.screenshot(page, 'red-flags.png');
    // The week's NPS on the metrics page equals the API's.
    const metrics = await apiAs('owner@acme.test', '/api/v1/programs/1/support/metrics');
    assert.equal(metrics.current.counts.nps_answers >= 1, true);
    await h.goTo(page, '#/p/1/metrics');
    await h.waitForItem(page, { label: 'Support metrics', window: 'Page' });
    const expected = metrics.current.satisfaction.nps_score.toFixed(0);
    let seen = null;
    await h.waitFor(`the NPS figure ${expected}`, async () => {
      const caption = await h.findItem(page, { label: 'NPS', window: 'Page' });
      if (!caption) return false;
      const value = (await h.findItems(page, { kind: 'text', window: 'Page' }))
        .filter((it) => Math.abs(it.x - caption.x) < 4 && it.y > caption.y + 2 && it.y < caption.y + 60)
        .sort((a, b) => a.y - b.y)[0];
      seen = value ? value.text : null;
      return seen === expected;
    }).catch((e) => { throw new Error(`${e.message}; the page shows ${seen}`); });
  });

  // Ava completes the follow-up: the flag clears and stays in the history.
  const avaCookie = await h.apiSignIn(suite.server.url, 'agent@acme.test');
  const done = await h.apiCommand(suite.server.url, avaCookie, 1, 'CompleteCheckIn', { check_in_id: answer.check_in_id });
  assert.equal(done.status, 200);
  await h.waitFor('the flag cleared', async () =>
    (await apiAs('owner@acme.test', '/api/v1/programs/1/snapshot')).red_flags.some((f) => f.key === key && f.cleared_at > 0));
});

test('the owner moves a red flag\'s threshold on the support settings page', TIMEOUT, async () => {
  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/settings/support', viewport: VIEWPORT }, async (page) => {
    await h.waitForItem(page, { label: 'Support settings', window: 'Page' });
    await h.scrollTo(page, { label: 'Red flags and the NPS survey', window: 'Page' }, { timeout: 40000 });
    await h.scrollTo(page, { label: 'Save thresholds', window: 'Page' }, { timeout: 40000 });
    // A number field: its value is read back from the program once saved.
    await h.click(page, '##reopen_max_percent', { window: 'Page', kind: 'input' });
    await h.waitFor('the field active', async () => (await h.findItem(page, { label: '##reopen_max_percent', kind: 'input' })).active);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('25');
    await h.waitFor('Save thresholds enabled', async () => {
      const save = await h.findItem(page, { label: 'Save thresholds', window: 'Page' });
      return save && !save.disabled;
    });
    await h.click(page, 'Save thresholds', { window: 'Page' });
    await h.waitFor('the threshold saved', async () =>
      (await apiAs('owner@acme.test', '/api/v1/programs/1/snapshot')).quality.reopen_max_percent === 25);
    await h.screenshot(page, 'quality-settings.png');
  });
  // Staff read them but do not change them: the command is refused.
  const staff = await h.apiSignIn(suite.server.url, 'staff@acme.test');
  const quality = (await apiAs('owner@acme.test', '/api/v1/programs/1/snapshot')).quality;
  const refused = await h.apiCommand(suite.server.url, staff, 1, 'ChangeQualitySettings', { settings: { ...quality, repeat_tickets: 5 } });
  assert.equal(refused.status, 403);
});
