// Positive and negative mentions (issue 19, seed 002 section 6): the business edits the word
// lists per language on the support settings page; a customer's message holding a new word
// counts at once, and the metrics page lists it behind the count with the word it matched. The
// counts, the listed messages and the API agree (one shared rule). Staff read the lists only.
// One server and one browser for the file, a fresh browser context per test.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const suite = h.appSuite();
const TIMEOUT = { timeout: 120000 };
const VIEWPORT = { width: 1440, height: 1000 };

const apiAs = (email, path) => h.apiAs(suite.server.url, email, path);

test('a word the owner adds counts a customer\'s message at once, listed behind the count with the word it matched', TIMEOUT, async () => {
  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/settings/support', viewport: VIEWPORT }, async (page) => {
    await h.waitForItem(page, { label: 'Support settings', window: 'Page' });
    await h.scrollTo(page, { label: 'Positive and negative mentions', window: 'Page' }, { timeout: 40000 });
    await h.scrollTo(page, { label: '##Positive words 0', kind: 'input', window: 'Page' }, { timeout: 40000 });
    await h.click(page, '##Positive words 0', { window: 'Page', kind: 'input' });
    await h.waitFor('the field active', async () => (await h.findItem(page, { label: '##Positive words 0', kind: 'input' })).active);
    await page.keyboard.press('Control+End');
    await page.keyboard.type(', kudos');
    await h.waitFor('the word typed', async () => (await h.findItem(page, { label: '##Positive words 0', kind: 'input' })).value.endsWith(', kudos'));
    await h.scrollTo(page, { label: 'Save words', window: 'Page' }, { timeout: 40000 });
    await h.click(page, 'Save words', { window: 'Page' });
    await h.waitFor('the list saved', async () =>
      (await apiAs('owner@acme.test', '/api/v1/programs/1/snapshot')).mention_lists[0].positive.includes('kudos'));
    await h.screenshot(page, 'mention-words.png');
  });

  const jordan = await h.apiSignIn(suite.server.url, 'customer@acme.test');
  const opened = await h.apiCommand(suite.server.url, jordan, 1, 'OpenTicket',
    { subject: 'Monthly export', text: 'Kudos to your team for the new export layout.', category: 'how-to' });
  assert.equal(opened.status, 200);
  const ticket = opened.body.events.find((e) => e.type === 'TicketOpened').data.ticket_id;

  const hits = await apiAs('owner@acme.test', '/api/v1/programs/1/support/mentions?kind=positive&limit=500');
  const mine = hits.mentions.find((m) => m.ticket_id === ticket);
  assert.ok(mine, 'the message is among the positive mentions');
  assert.equal(mine.word, 'kudos');

  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/metrics', viewport: VIEWPORT }, async (page) => {
    await h.waitForItem(page, { label: 'Support metrics', window: 'Page' });
    await h.scrollTo(page, { contains: 'Positive (', window: 'Page' }, { timeout: 40000 });
    const button = await h.findItem(page, { contains: 'Positive (', window: 'Page' });
    assert.equal(button.label.replace(/###.*/, ''), `Positive (${hits.total})`, 'the count is the API\'s');
    await h.click(page, undefined, { contains: 'Positive (', window: 'Page' });
    await h.scrollTo(page, { contains: 'Kudos to your team for the new export layout.', window: 'Page' }, { timeout: 40000 });
    await h.waitForItem(page, { contains: 'matched "kudos"', window: 'Page' });
    await h.screenshot(page, 'metrics-mentions.png');
    // The listed message opens its ticket.
    await h.click(page, undefined, { contains: `#${ticket} Monthly export`, window: 'Page' });
    await h.waitFor('the ticket open', async () => (await page.evaluate(() => location.hash)) === `#/p/1/tickets/${ticket}`);
  });
});

test('staff read the word lists but cannot change them', TIMEOUT, async () => {
  await suite.withApp({ signInAs: 'staff@acme.test', path: '/#/p/1/settings/support', viewport: VIEWPORT }, async (page) => {
    await h.waitForItem(page, { label: 'Support settings', window: 'Page' });
    await h.scrollTo(page, { label: 'Positive and negative mentions', window: 'Page' }, { timeout: 40000 });
    const field = await h.scrollTo(page, { label: '##Negative words 0', kind: 'input', window: 'Page' }, { timeout: 40000 });
    assert.ok(field.disabled, 'the field is read-only for staff');
    assert.ok(!(await h.findItem(page, { label: 'Save words', window: 'Page' })), 'no save button');
  });
  const staff = await h.apiSignIn(suite.server.url, 'staff@acme.test');
  const lists = (await apiAs('owner@acme.test', '/api/v1/programs/1/snapshot')).mention_lists;
  const refused = await h.apiCommand(suite.server.url, staff, 1, 'ChangeMentionWords', { lists });
  assert.equal(refused.status, 403);
});
