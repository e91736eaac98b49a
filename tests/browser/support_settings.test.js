// The support settings page (#/p/1/settings/support): an owner changes the Standard tier's
// first-response window and saves it (stored on the server, shown again after a reload); a
// window of 0 h 0 min is refused with the server's message under the field and nothing is
// saved, and so is a restricted topic without a name (under the topic's name field); staff see
// the settings read-only. One server and one browser for the file, a fresh
// browser context per test; the tests run in order and build on each other's data.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const suite = h.appSuite();
const TIMEOUT = { timeout: 150000 }; // a slow or busy machine takes twice as long as this one idle
const VIEWPORT = { width: 1280, height: 900 };
const HOURS = 'First response hours (standard)';
const MINUTES = 'First response minutes (standard)';

const scrollTo = h.scrollTo;

async function standardTier(page) {
  const r = await h.apiGet(page, '/api/v1/programs/1/snapshot');
  assert.equal(r.status, 200, 'GET the snapshot');
  const tier = JSON.parse(r.body).support.tiers.find((t) => t.key === 'standard');
  assert.ok(tier, 'the Standard tier is in the snapshot');
  return tier;
}

async function openFromSettings(page) {
  await h.click(page, 'Support settings', { window: 'Page', kind: 'item' });
  await h.waitForHash(page, '#/p/1/settings/support');
  await h.waitForItem(page, { label: 'SLA tiers', window: 'Page' });
}

test('an owner changes the Standard first-response window; it is saved and shown again after a reload', TIMEOUT, async () => {
  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/settings', viewport: VIEWPORT }, async (page) => {
    await openFromSettings(page);
    assert.equal(await h.fieldValue(page, HOURS), '12');
    assert.equal(await h.fieldValue(page, MINUTES), '0');
    assert.equal((await standardTier(page)).first_response_minutes, 12 * 60);
    await h.screenshot(page, 'support-settings-owner.png');

    await h.replaceText(page, HOURS, '8');
    await h.replaceText(page, MINUTES, '30');
    await scrollTo(page, 'Save support settings');
    await h.waitForItem(page, 'You have unsaved changes.');
    await h.click(page, 'Save support settings');
    await h.waitForItem(page, 'Changes saved.');
    await h.screenshot(page, 'support-settings-saved.png');

    // Stored on the server, with the other windows as they were.
    const tier = await standardTier(page);
    assert.equal(tier.first_response_minutes, 8 * 60 + 30);
    assert.equal(tier.resolution_minutes, 48 * 60);

    // A reload shows the stored value.
    await h.reload(page);
    await h.waitForItem(page, { label: 'SLA tiers', window: 'Page' });
    assert.equal(await h.fieldValue(page, HOURS), '8');
    assert.equal(await h.fieldValue(page, MINUTES), '30');
  });
});

test('a window of 0 h 0 min shows the server\'s message under the field and saves nothing', TIMEOUT, async () => {
  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/settings/support', viewport: VIEWPORT }, async (page) => {
    await h.waitForItem(page, { label: 'SLA tiers', window: 'Page' });
    const before = await standardTier(page);

    await h.replaceText(page, HOURS, '0');
    await h.replaceText(page, MINUTES, '0');
    await scrollTo(page, 'Save support settings');
    await h.click(page, 'Save support settings');
    await h.waitForItem(page, 'Not saved: An SLA window must be longer than zero.');
    assert.equal(await h.findItem(page, 'Changes saved.'), null);
    await h.screenshot(page, 'support-settings-refused.png');

    // The message sits under the Standard tier's first-response window.
    const message = await scrollTo(page, 'An SLA window must be longer than zero.', { up: true });
    const field = await h.waitForItem(page, { label: HOURS, kind: 'input' });
    assert.ok(message.y > field.y && message.y - (field.y + field.h) < 60,
              `the message (y ${message.y}) is right under the field (y ${field.y})`);
    assert.equal(await h.fieldValue(page, HOURS), '0', 'the typed value is kept for correcting');
    await h.screenshot(page, 'support-settings-field-error.png');

    assert.deepEqual(await standardTier(page), before, 'nothing was saved');
  });
});

test('a restricted topic the server refuses stays open with the server\'s message under the field; nothing is saved', TIMEOUT, async () => {
  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/settings/support', viewport: VIEWPORT }, async (page) => {
    await h.waitForItem(page, { label: 'SLA tiers', window: 'Page' });
    const topics = async () => {
      const r = await h.apiGet(page, '/api/v1/programs/1/snapshot');
      assert.equal(r.status, 200, 'GET the snapshot');
      return JSON.parse(r.body).support.restricted_topics;
    };
    const before = await topics();

    // Open the first topic and clear its name (the server's rule: a topic needs a name).
    await scrollTo(page, { label: 'Edit##topic', window: 'Page' });
    await h.click(page, 'Edit##topic', { window: 'Page' });
    await h.waitForItem(page, { label: '##Topic name', kind: 'input' });
    await h.replaceText(page, '##Topic name', '');
    await scrollTo(page, 'Save support settings');
    await h.click(page, 'Save support settings');
    await h.waitForItem(page, 'Not saved: Enter a name for the topic.');

    // The server names data.settings.restricted_topics[0].name: the message sits under that
    // topic's name field, and the topic stays open for correcting.
    const message = await scrollTo(page, 'Enter a name for the topic.', { up: true });
    const field = await h.waitForItem(page, { label: '##Topic name', kind: 'input' });
    assert.ok(message.y > field.y && message.y - (field.y + field.h) < 60,
              `the message (y ${message.y}) is right under the topic's name (y ${field.y})`);
    assert.equal(field.value, '', 'the typed value is kept for correcting');
    await h.screenshot(page, 'support-settings-topic-error.png');

    assert.deepEqual(await topics(), before, 'nothing was saved');
  });
});

test('staff see the support settings read-only', TIMEOUT, async () => {
  await suite.withApp({ signInAs: 'staff@acme.test', path: '/#/p/1/settings', viewport: VIEWPORT }, async (page) => {
    await openFromSettings(page);
    await h.waitForItem(page, 'Only the program\'s owners and admins can change these settings.');
    const before = await standardTier(page);

    // The fields show the settings but do not take input.
    assert.equal(await h.fieldValue(page, HOURS), String(Math.floor(before.first_response_minutes / 60)));
    const shown = await h.findItem(page, { label: HOURS, kind: 'input' });
    assert.equal(shown.disabled, true, 'the field is drawn disabled');
    await h.click(page, HOURS, { kind: 'input', allowDisabled: true });
    await page.keyboard.type('5');
    await h.frames(page, 6); // the click and the key have been taken (ImGui spreads queued input over frames)
    const field = await h.findItem(page, { label: HOURS, kind: 'input' });
    assert.equal(field.active, false, 'the field cannot be focused');
    assert.equal(field.value, String(Math.floor(before.first_response_minutes / 60)));
    await h.screenshot(page, 'support-settings-staff.png');

    // No Save or Discard at the end of the page (the last restricted topic is drawn there).
    await scrollTo(page, { label: 'Account deletion', window: 'Page' });
    // The page ends with the red flags' thresholds, the mention words and the competitors, read-only for staff too.
    await h.scrollToEnd(page, { label: '##Competitors', window: 'Page' });
    assert.equal(await h.findItem(page, 'Save thresholds'), null, 'no Save thresholds button');
    assert.equal(await h.findItem(page, 'Save words'), null, 'no Save words button');
    assert.equal(await h.findItem(page, 'Save competitors'), null, 'no Save competitors button');
    assert.equal(await h.findItem(page, 'Save support settings'), null, 'no Save button');
    assert.equal(await h.findItem(page, 'Discard changes'), null, 'no Discard button');
    assert.equal(await h.findItem(page, { label: 'Edit', window: 'Page' }), null, 'topics cannot be opened for editing');
    await h.screenshot(page, 'support-settings-staff-end.png');

    // The server refuses staff too.
    const cookie = await h.apiSignIn(suite.server.url, 'staff@acme.test');
    const snapshot = await h.apiJson(suite.server.url, cookie, 'GET', '/api/v1/programs/1/snapshot');
    const settings = snapshot.body.support;
    settings.tiers.find((t) => t.key === 'standard').first_response_minutes = 60;
    const r = await h.apiCommand(suite.server.url, cookie, 1, 'ChangeSupportSettings', { settings });
    assert.equal(r.status, 403);
    assert.deepEqual(await standardTier(page), before, 'nothing changed');
  });
});
