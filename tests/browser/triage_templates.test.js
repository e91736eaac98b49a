// Triage and response templates as agents use them (issue 17, seed 002 sections 1, 3 and 8):
// Ava finds a new ticket in the Untriaged tab and triages it with the keyboard alone (Tab from
// field to field, Ctrl+Enter saves), the panel showing what the desk knows of the customer; then
// she answers a how-to question with the seed's how-to template from the picker (T, search):
// the placeholders left for her are highlighted and Send reply waits until they are filled in.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const TIMEOUT = { timeout: 150000 };
const suite = h.appSuite();

const api = h.apiRead;

const seek = h.seek; // down, then up

async function press(page, key) {
  await page.keyboard.press(key);
  await h.frames(page, 2);
}

function isActive(page, label) {
  return h.findItem(page, { label, kind: 'input' }).then((it) => it && it.active);
}

// Tab until the field has the keyboard (at most `max` presses), the way a person tabs through.
async function tabTo(page, label, max = 4) {
  for (let i = 0; i < max && !(await isActive(page, label)); ++i) await press(page, 'Tab');
  await h.waitFor(`${label} to have the keyboard`, () => isActive(page, label));
}

async function openTicket(subject, text, category) {
  const jordan = await h.apiSignIn(suite.server.url, 'customer@acme.test');
  const opened = await h.apiCommand(suite.server.url, jordan, 1, 'OpenTicket', { subject, text, category });
  assert.equal(opened.status, 200, JSON.stringify(opened.body));
  return opened.body.events[0].data.ticket_id;
}

test('an agent triages an untriaged ticket with the keyboard: Tab through the checklist, Ctrl+Enter saves', TIMEOUT, async () => {
  const id = await openTicket('Scheduled report arrives empty', 'The Monday report email has an empty table since last week.', 'bug');
  await suite.withApp({ signInAs: 'agent@acme.test', path: '/#/p/1/tickets?view=untriaged', viewport: { width: 1400, height: 1400 } }, async (ava) => {
    await h.waitForItem(ava, { label: 'Untriaged', window: 'Page' });
    await h.click(ava, `Ticket ${id}##row`, { window: 'Page' });
    await h.waitForHash(ava, `#/p/1/tickets/${id}`);
    // The checklist opens under its header; what the desk knows: the previous tickets, first contact, not triaged yet.
    await seek(ava, 'Triage checklist (not triaged yet)');
    await h.click(ava, 'Triage checklist (not triaged yet)', { window: 'Page' });
    await h.waitForItem(ava, { label: 'Previous tickets', window: 'Page' });
    await h.waitForItem(ava, { label: 'not triaged yet', window: 'Page' });
    const panel = await api(ava, `/api/v1/programs/1/tickets/${id}/triage`);
    await h.waitForItem(ava, { label: String(panel.facts.previous_tickets), window: 'Page' });
    await h.screenshot(ava, 'triage-panel-untriaged.png');

    await seek(ava, { label: '##Triage summary', kind: 'input' });
    await h.typeInto(ava, '##Triage summary', 'The weekly report email shows an empty table.', { window: 'Page' });
    await tabTo(ava, '##Triage steps');
    await ava.keyboard.type('Schedule a weekly report; open the Monday email');
    await tabTo(ava, '##Triage errors');
    await ava.keyboard.type('none shown');
    await tabTo(ava, '##Triage environment');
    await ava.keyboard.type('Gmail web, Chrome 131');
    await h.waitFor('the environment typed', async () => (await h.findItem(ava, { label: '##Triage environment', kind: 'input' })).value === 'Gmail web, Chrome 131');
    await ava.keyboard.press('Control+Enter');
    const t = await h.waitFor('the triage on the server', async () => {
      const seen = await api(ava, `/api/v1/programs/1/tickets/${id}`);
      return seen.triage.triaged_at > 0 ? seen : null;
    });
    assert.equal(t.triage.summary, 'The weekly report email shows an empty table.');
    assert.equal(t.triage.steps_to_reproduce, 'Schedule a weekly report; open the Monday email');
    assert.equal(t.triage.error_messages, 'none shown');
    assert.equal(t.triage.environment, 'Gmail web, Chrome 131');
    await h.waitForNoItem(ava, { label: 'not triaged yet', window: 'Page' });
    const queue = await api(ava, '/api/v1/programs/1/tickets?view=untriaged');
    assert.ok(!queue.items.some((it) => it.id === id), 'off the untriaged queue');
  });
});

test('an agent answers a how-to with a template: an unfilled placeholder blocks sending until it is filled', TIMEOUT, async () => {
  const id = await openTicket('How do I schedule a report?', 'We want the sales report emailed every Monday. How do I set that up?', 'how-to');
  await suite.withApp({ signInAs: 'agent@acme.test', path: `/#/p/1/tickets/${id}`, viewport: { width: 1400, height: 1400 } }, async (ava) => {
    await h.waitForItem(ava, { label: 'How do I schedule a report?', window: 'Page' });
    // T opens the picker with its search focused; the search keeps the matching templates.
    await h.frames(ava, 3);
    await press(ava, 't');
    await h.waitFor('the template search has the keyboard', () => isActive(ava, '##Template search'));
    await ava.keyboard.type('how-to');
    await h.waitForNoItem(ava, { label: 'Use: First response: bug report', window: 'Page' });
    await seek(ava, 'Use: First response: how-to question');
    await h.click(ava, 'Use: First response: how-to question', { window: 'Page' });
    const draft = await h.waitFor('the filled template in the reply box', async () => {
      const it = await h.findItem(ava, { label: '##Reply text', kind: 'input' });
      return it && it.value.startsWith('Hi Jordan,') ? it.value : null;
    });
    assert.ok(draft.includes('Best regards,\nAva Martinez'), 'the sign-off filled in');
    // The blanks left for her are listed and Send reply waits.
    await h.waitForItem(ava, { label: 'Fill in or remove these placeholders before sending:', window: 'Page' });
    await h.waitForItem(ava, { label: '[do the thing]', window: 'Page' });
    const send = await seek(ava, 'Send reply');
    assert.ok(send.disabled, 'Send reply is disabled while placeholders are left');
    await h.screenshot(ava, 'template-placeholders-left.png');

    // Written out (each blank filled in with her own words, the tip left out), it goes.
    const filled = 'Hi Jordan,\n\nGreat question! Open the report, choose Schedule, pick Weekly on Monday and save.\n\nBest regards,\nAva Martinez';
    assert.ok(!/\[[^\]\n]+\]/.test(filled));
    await h.replaceText(ava, '##Reply text', filled, { window: 'Page' });
    await h.waitForNoItem(ava, { label: 'Fill in or remove these placeholders before sending:', window: 'Page' });
    await h.click(ava, 'Send reply', { window: 'Page' });
    await h.waitFor('the reply on the server', async () => (await api(ava, `/api/v1/programs/1/tickets/${id}`)).messages
      .some((m) => m.kind === 'reply' && m.author_role === 'agent' && m.text === filled));
  });
});
