// The support certification as the people using it: a new agent requests support access,
// works through the training modules, fails the assessment, waits out the retry period (the
// server's clock moves on four days), passes; the business grades the written answers and
// approves; the agent is Certified and the business assigns it a customer. One server (under
// libfaketime, so days can pass) and one browser; the steps run in order.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');
const { startSmtpSink, relayArgs, joinThroughMail } = require('./lib/smtp_sink');

const TIMEOUT = { timeout: 240000 };
const DAY = 86400000;
const people = {}; // name -> { context, page }
let sink = null; // Nia joins through the mailed confirmation link
const serverOptions = { shiftableClock: true, args: [] };
const suite = h.appSuite({
  server: serverOptions,
  beforeServer: async () => {
    sink = await startSmtpSink();
    serverOptions.args.push(...relayArgs(sink));
  },
  onAfter: async () => {
    if (sink) await sink.stop();
    for (const p of Object.values(people)) {
      const crashes = p.page.problems.filter((x) => x.startsWith('pageerror'));
      assert.deepEqual(crashes, [], 'no uncaught errors in the page');
    }
  },
});

let owner, staff, niaCookie, niaId;

async function person(name, options, hash) {
  if (!people[name]) people[name] = await h.openApp(suite.browser, suite.server.url, { viewport: { width: 1280, height: 2400 }, ...options });
  if (hash) await h.goTo(people[name].page, hash);
  return people[name].page;
}

async function snapshot(cookie) {
  const r = await h.apiJson(suite.server.url, cookie, 'GET', '/api/v1/programs/1/snapshot');
  assert.equal(r.status, 200);
  return r.body;
}
const recordOf = (snap, id) => snap.certification.agents.find((a) => a.person_id === id);

async function statusIs(page, label) {
  await h.scrollTo(page, { label, window: 'Page' }, { up: true, timeout: 30000 });
}

// A few frames drawn after a layout change, so the item table holds the new positions.
const settle = (page) => h.frames(page, 3);

// Opens (or closes) a module's section by its title (a collapsing header).
async function openModule(page, title) {
  await settle(page);
  await h.click(page, undefined, { contains: title, window: 'Page' });
  await settle(page);
}

test('a new agent requests support access and works through the training modules', TIMEOUT, async () => {
  owner = await h.apiSignIn(suite.server.url, 'owner@acme.test');
  staff = await h.apiSignIn(suite.server.url, 'staff@acme.test');
  // Every question of the bank on the paper, so the written answers are always there to grade.
  const rules = (await snapshot(owner)).certification.rules;
  assert.equal((await h.apiCommand(suite.server.url, owner, 1, 'ChangeCertificationSettings', { access: 'request', rules: { ...rules, draw_count: 8 } })).status, 200);
  const invited = await h.apiCommand(suite.server.url, staff, 1, 'InviteMember', { email: 'nia@acme.test', role: 'agent' });
  assert.equal(invited.status, 200);
  const token = invited.body.invitation_link.split('/').pop();
  await joinThroughMail(suite.server.url, sink, { token, email: 'nia@acme.test', name: 'Nia Park', password: 'nia-password-1' });
  niaCookie = await h.apiSignIn(suite.server.url, 'nia@acme.test', 'nia-password-1');
  niaId = (await h.apiJson(suite.server.url, niaCookie, 'GET', '/api/v1/me')).body.person.id;

  // Not certified: the business cannot give her customers yet.
  const kenji = (await snapshot(staff)).customers.find((c) => c.profile.email === 'kenji@tidewater.test');
  const refused = await h.apiCommand(suite.server.url, staff, 1, 'AssignCustomer', { customer_id: kenji.id, agent_id: niaId });
  assert.equal(refused.status, 400);
  assert.match(refused.body.error.message, /certified/);

  const page = await person('nia', { signInAs: 'nia@acme.test', password: 'nia-password-1' });
  await h.click(page, 'Certification', { window: 'Navigation' });
  await h.waitForHash(page, '#/p/1/training');
  await statusIs(page, 'Not Started');
  await h.screenshot(page, 'certification-agent-not-started.png');
  await h.click(page, 'Request Support Access', { window: 'Page' });
  await h.waitForItem(page, { label: '0 of 3 required modules complete', window: 'Page' });

  // The text lesson: a wrong answer does not open the next section; the right one does.
  await openModule(page, 'Support boundaries and escalation');
  await h.click(page, 'A refund approval', { window: 'Page' });
  await h.click(page, 'Check answers', { window: 'Page' });
  await h.waitForItem(page, { contains: '0 of 1 right' });
  await statusIs(page, 'In Progress');
  await h.click(page, 'How to export a report', { window: 'Page' });
  await h.click(page, 'Check answers', { window: 'Page' });
  await h.waitForItem(page, { contains: 'All answers right' });
  await h.click(page, 'Escalate to the business', { window: 'Page' });
  await h.click(page, 'The business', { window: 'Page' });
  await h.click(page, 'Check answers', { window: 'Page' });
  await h.click(page, 'Mark section as read', { window: 'Page' });
  await h.waitForItem(page, { contains: 'Support boundaries and escalation  \u00b7  Text lesson  \u00b7  Complete', window: 'Page' });
  await openModule(page, 'Support boundaries and escalation'); // close it again

  // The demo script: two practice sessions.
  await openModule(page, 'Onboarding call walkthrough');
  await h.click(page, 'Log a practice session', { window: 'Page' });
  await h.waitForItem(page, { label: 'Practice sessions: 1 of 2', window: 'Page' });
  await h.click(page, 'Log a practice session', { window: 'Page' });
  await h.waitForItem(page, { contains: 'Onboarding call walkthrough  \u00b7  Demo script  \u00b7  Complete', window: 'Page' });
  await openModule(page, 'Onboarding call walkthrough');

  // The FAQ module: every question worked through.
  await openModule(page, 'Top customer questions');
  for (const q of ['How do I export a report to CSV?', 'Why is my dashboard slow?', 'Can I add custom fields?']) {
    await openModule(page, q);
    await h.click(page, 'Worked through', { window: 'Page' });
    await h.waitForItem(page, { contains: `${q}  \u2713`, window: 'Page' });
  }
  await h.waitForItem(page, { label: '3 of 3 required modules complete', window: 'Page' });
  await openModule(page, 'Top customer questions');
  await h.screenshot(page, 'certification-agent-training-complete.png');
  const rec = recordOf(await snapshot(niaCookie), niaId);
  assert.equal(rec.status, 'in_progress');
  assert.ok(rec.access_requested_at > 0);
});

// Answers the paper shown in the page: right ones from the bank, or wrong ones. Returns the
// answers given, by question id: { choices } or { text }.
async function answerPaper(page, attempt, bank, right) {
  const given = new Map();
  for (const q of attempt.paper) {
    const b = bank.find((x) => x.id === q.id);
    if (q.kind === 'multiple_choice') {
      const picks = right ? b.correct : [b.correct.includes(0) ? (b.correct.includes(1) ? 2 : 1) : 0];
      for (const i of picks) {
        await h.scrollTo(page, { label: q.options[i], window: 'Page' });
        await h.click(page, q.options[i], { window: 'Page' });
      }
      given.set(q.id, { choices: picks });
    } else {
      const text = right ? 'I understand how frustrating this is. I have passed it to billing with the details; they reply within a day and I will follow up.'
                         : 'Not sure, I would give the credit.';
      await h.scrollTo(page, { label: `Answer-${q.id}`, window: 'Page', kind: 'input' });
      await h.typeInto(page, `Answer-${q.id}`, text, { window: 'Page' });
      given.set(q.id, { text });
    }
  }
  return given;
}

// Whether the attempt's answers saved on the server are exactly the ones given.
function savedAre(attempt, given) {
  if (!attempt || attempt.answers.length !== given.size) return false;
  return attempt.answers.every((a) => {
    const g = given.get(a.question_id);
    if (!g) return false;
    if (g.text !== undefined) return a.text === g.text;
    return JSON.stringify([...(a.choices || [])].sort()) === JSON.stringify([...g.choices].sort());
  });
}

test('the agent fails the assessment and must wait out the retry period', TIMEOUT, async () => {
  const page = people.nia.page;
  await h.click(page, 'Take Assessment', { window: 'Page' });
  await h.waitForItem(page, { contains: 'Time left', window: 'Page' });
  const attempt = recordOf(await snapshot(niaCookie), niaId).attempts.at(-1);
  assert.equal(attempt.paper.length, 8);
  for (const q of attempt.paper) assert.equal(q.correct, undefined, 'the paper carries no answers');
  const bank = (await snapshot(owner)).certification.bank;
  const given = await answerPaper(page, attempt, bank, false);
  await h.screenshot(page, 'certification-agent-attempt.png');
  // A reload resumes the same attempt with the answers kept: the page saves them a moment after
  // the last change, and the reload comes once the server holds every one of them.
  await h.waitFor('the answers saved on the server', async () => savedAre(recordOf(await snapshot(niaCookie), niaId).attempts.at(-1), given));
  await h.reload(page);
  await h.waitForItem(page, { contains: 'Time left', window: 'Page' });
  const resumed = recordOf(await snapshot(niaCookie), niaId).attempts.at(-1);
  assert.deepEqual(resumed.paper, attempt.paper);
  assert.equal(resumed.answers.length, attempt.paper.length);
  const written = attempt.paper.find((q) => q.kind !== 'multiple_choice');
  await h.scrollTo(page, { label: `Answer-${written.id}`, window: 'Page', kind: 'input' });
  assert.equal(await h.fieldValue(page, `Answer-${written.id}`, { window: 'Page' }), given.get(written.id).text, 'the written answer is back in its field');
  await h.scrollTo(page, { label: 'Submit assessment', window: 'Page' });
  await h.click(page, 'Submit assessment', { window: 'Page' });
  await statusIs(page, 'Submitted');

  // The business scores the written answers 0: Failed, with a retry date three days on.
  const grades = attempt.paper.filter((q) => q.kind !== 'multiple_choice').map((q) => ({ question_id: q.id, score: 0, comment: 'Promises a credit' }));
  assert.equal((await h.apiCommand(suite.server.url, staff, 1, 'GradeAttempt', { person_id: niaId, attempt: attempt.number, grades })).status, 200);
  await statusIs(page, 'Failed');
  await h.waitForItem(page, { contains: 'You can retry from', window: 'Page' });
  await h.waitForItem(page, { contains: 'The retry period after your last attempt has not passed yet: you may try again from', window: 'Page' });
  const button = await h.findItem(page, { label: 'Take Assessment', window: 'Page' });
  assert.ok(button, 'the button is there, disabled');
  const early = await h.apiCommand(suite.server.url, niaCookie, 1, 'StartAssessment', {});
  assert.equal(early.status, 409);
  await h.screenshot(page, 'certification-agent-failed.png');
  const rec = recordOf(await snapshot(niaCookie), niaId);
  assert.equal(rec.status, 'failed');
  assert.ok(rec.retry_after > Date.now() + 2 * DAY);
});

test('four days later the agent passes; the business grades the written answers and approves', TIMEOUT, async () => {
  suite.server.shiftClock('+4d');
  const page = people.nia.page;
  await page.clock.setFixedTime(Date.now() + 4 * DAY); // the agent's browser lives in the same days
  await h.waitForNoItem(page, { contains: 'The retry period after your last attempt has not passed yet: you may try again from', window: 'Page' });
  await h.click(page, 'Take Assessment', { window: 'Page' });
  await h.waitForItem(page, { contains: 'Time left', window: 'Page' });
  const attempt = recordOf(await snapshot(niaCookie), niaId).attempts.at(-1);
  assert.equal(attempt.number, 2);
  const bank = (await snapshot(owner)).certification.bank;
  await answerPaper(page, attempt, bank, true);
  await h.scrollTo(page, { label: 'Submit assessment', window: 'Page' });
  await h.click(page, 'Submit assessment', { window: 'Page' });
  await statusIs(page, 'Submitted');

  // Staff grade the written answers in the grading queue.
  const desk = await person('daniel', { signInAs: 'staff@acme.test' }, '#/p/1/certification');
  await h.waitForItem(desk, { label: 'Nia Park \u00b7 attempt 2', window: 'Page' });
  for (const q of attempt.paper.filter((x) => x.kind !== 'multiple_choice')) {
    await h.scrollTo(desk, { label: `Points##score-${niaId}-${q.id}`, window: 'Page', kind: 'input' });
    await h.replaceText(desk, `Points##score-${niaId}-${q.id}`, String(q.points), { window: 'Page' });
  }
  await h.screenshot(desk, 'certification-business-grading.png');
  await h.scrollTo(desk, { label: `Save grades##${niaId}`, window: 'Page' });
  await h.click(desk, `Save grades##${niaId}`, { window: 'Page' });
  await statusIs(page, 'Awaiting Manual Review');

  // The final approval, from the agents' table.
  await h.scrollTo(desk, { label: 'Approve', window: 'Page' }, { up: true });
  assert.equal((await h.findItems(desk, { label: 'Approve', window: 'Page' })).length, 1, 'one agent awaits approval');
  await h.click(desk, 'Approve', { window: 'Page' });
  await statusIs(page, 'Certified');
  await h.waitForItem(page, { contains: 'Valid until', window: 'Page' });
  await h.screenshot(page, 'certification-agent-certified.png');
  const rec = recordOf(await snapshot(niaCookie), niaId);
  assert.equal(rec.status, 'certified');
  assert.deepEqual(rec.history.map((e) => e.status).slice(-4), ['submitted', 'passed', 'awaiting_manual_review', 'certified']);
  assert.equal(rec.history.at(-1).by, (await snapshot(staff)).members.find((m) => m.email === 'staff@acme.test').person_id);
});

test('the business can now assign the certified agent a customer', TIMEOUT, async () => {
  const kenji = (await snapshot(staff)).customers.find((c) => c.profile.email === 'kenji@tidewater.test');
  const desk = await person('daniel', {}, `#/p/1/customers/${kenji.id}`);
  await settle(desk);
  await h.click(desk, '##Assigned to', { window: 'Page' }); // the combo, not its caption
  await h.click(desk, 'Nia Park');
  await h.waitForItem(desk, { contains: 'Nia Park', window: 'Page' });
  await h.waitFor('the assignment', async () => {
    const c = (await snapshot(staff)).customers.find((x) => x.id === kenji.id);
    return c.assigned_agent === niaId;
  });
  // She sees her new customer at once.
  await h.goTo(people.nia.page, '#/p/1/customers');
  await h.waitForItem(people.nia.page, { contains: 'Kenji Sato', window: 'Page' });
  await h.screenshot(people.nia.page, 'certification-agent-first-customer.png');
});
