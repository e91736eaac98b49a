// The business's response library and triage lists (#/p/1/settings/responses, issue 17, seed 002
// sections 1, 2, 3 and 8): the owner opens Settings → Responses and triage and adds a template
// whose text names an unknown placeholder, [Coupon]: it is shown as unknown while typed, and the
// server's refusal is shown under the text; fixed, it is saved, and Ava finds it in her ticket's
// template picker. The owner, from the Routing page, adds a product area (a repeated one is refused under its field) and
// Ava's triage panel offers it; the owner adds a trigger phrase for the new template and Ava sees
// it suggested above the reply box of a ticket whose customer used the phrase. Staff see the page
// read-only (no Save) and are refused by the server; agents and customers are sent to their
// overview. The page on a phone: cards stacked, nothing past the screen's edge.
// One server and one browser for the file, a fresh browser context per test; the tests run in
// order and build on each other's data.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const TIMEOUT = { timeout: 150000 };
const suite = h.appSuite();
const VIEWPORT = { width: 1280, height: 900 };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true };

const NAME = 'Coupon code question';
const BAD_TEXT = 'Hi [Name],\n\nYour code is [Coupon]. Enter it at checkout.';
const GOOD_TEXT = 'Hi [Name],\n\nYour code is [the coupon code]. Enter it at checkout.';
const AREA = 'Coupons';
const PHRASE = 'coupon code';

const seek = h.seek;

async function library(page) {
  return (await h.apiRead(page, '/api/v1/programs/1/snapshot')).responses;
}

// Opens a combo and clicks one of its entries.
async function pick(page, combo, text) {
  await h.click(page, combo, { window: 'Page' });
  const entry = await h.itemAtRest(page, `combo entry ${text}`, async () =>
    (await h.findItems(page, { label: text })).find((it) => it.window.startsWith('##Combo')) || null);
  await page.mouse.click(entry.x + entry.w / 2, entry.y + entry.h / 2);
  await h.waitFor(`${combo} to show ${text}`, async () => {
    const it = await h.findItem(page, { label: combo, window: 'Page' });
    return it && it.value === text;
  });
}

// A ticket Jordan (the demo's customer, Ava's) opens through the API; its id.
async function jordanOpens(subject, text, category) {
  const jordan = await h.apiSignIn(suite.server.url, 'customer@acme.test');
  const opened = await h.apiCommand(suite.server.url, jordan, 1, 'OpenTicket', { subject, text, category });
  assert.equal(opened.status, 200, JSON.stringify(opened.body));
  return opened.body.events[0].data.ticket_id;
}

async function openFromSettings(page) {
  await h.click(page, 'Responses and triage', { window: 'Page', kind: 'item' });
  await h.waitForHash(page, '#/p/1/settings/responses');
  await h.waitForItem(page, { label: 'Response templates', window: 'Page' });
}

// The message is drawn right under the field.
function under(message, field) {
  return message.y > field.y && message.y - (field.y + field.h) < 60;
}

test('the owner adds a template: an unknown placeholder is shown as typed and refused under the text; fixed, Ava finds it in her picker', TIMEOUT, async () => {
  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/settings', viewport: VIEWPORT }, async (page) => {
    await openFromSettings(page);
    // The seed's six templates are there, and every template is listed.
    const before = await library(page);
    const seed = ['bug-report', 'how-to', 'feature-request', 'billing', 'angry-customer', 'at-risk'];
    assert.deepEqual(seed.filter((k) => before.templates.some((t) => t.key === k)), seed);
    for (const t of before.templates) await seek(page, t.name);
    await h.screenshot(page, 'responses-owner.png');

    await seek(page, 'New template');
    await h.click(page, 'New template', { window: 'Page' });
    await h.waitForItem(page, { label: 'New template', window: 'Page', kind: 'text' });
    await h.typeInto(page, '##Template name', NAME, { window: 'Page' });
    await pick(page, '##Template category', 'billing');
    await seek(page, { label: '##Template text', kind: 'input' });
    await h.typeInto(page, '##Template text', BAD_TEXT, { window: 'Page' });
    // Shown as unknown while typed (the same check the server runs).
    await h.waitForItem(page, { label: 'Not a field the desk fills in:', window: 'Page' });
    await h.waitForItem(page, { label: '[Coupon]', window: 'Page', kind: 'text' });
    await h.screenshot(page, 'responses-unknown-placeholder.png');
    // The fields it may use are listed beside it.
    for (const f of ['[Name]', '[Agent name]', '[SLA time]', '[Resolution time]']) await seek(page, { label: f, kind: 'text' });

    // The server refuses it and names the text: the message sits under the text field.
    await seek(page, 'Save template');
    await h.click(page, 'Save template', { window: 'Page' });
    const message = await h.waitForItem(page, { contains: '[Coupon] is not a field the desk fills in.', window: 'Page', kind: 'text' });
    const field = await h.waitForItem(page, { label: '##Template text', kind: 'input' });
    assert.ok(under(message, field), `the message (y ${message.y}) is right under the text (y ${field.y}, h ${field.h})`);
    assert.equal(field.value, BAD_TEXT, 'the text is kept for correcting');
    assert.ok(!(await library(page)).templates.some((t) => t.name === NAME), 'nothing was saved');
    await h.screenshot(page, 'responses-refused.png');

    // Fixed: the agent writes the code in words. Saved, and in the list.
    await h.replaceText(page, '##Template text', GOOD_TEXT, { window: 'Page' });
    await h.waitForNoItem(page, { label: 'Not a field the desk fills in:', window: 'Page' });
    await h.click(page, 'Save template', { window: 'Page' });
    await seek(page, `Template saved: ${NAME}.`);
    const saved = (await library(page)).templates.find((t) => t.name === NAME);
    assert.ok(saved, 'the template is on the server');
    assert.equal(saved.category, 'billing');
    assert.equal(saved.text, GOOD_TEXT);
    await seek(page, NAME);
  });

  // Ava opens a ticket of hers and finds it in the composer's template picker.
  const id = await jordanOpens('Where do I type my code?', 'I have a discount from the newsletter. Where does it go?', 'billing');
  await suite.withApp({ signInAs: 'agent@acme.test', path: `/#/p/1/tickets/${id}`, viewport: { width: 1400, height: 1400 } }, async (ava) => {
    await h.waitForItem(ava, { label: 'Where do I type my code?', window: 'Page' });
    await seek(ava, 'Insert a template (T)');
    await h.click(ava, 'Insert a template (T)', { window: 'Page' });
    await h.typeInto(ava, '##Template search', 'coupon', { window: 'Page' });
    await seek(ava, `Use: ${NAME}`);
    await h.click(ava, `Use: ${NAME}`, { window: 'Page' });
    await h.waitFor('the filled template in the reply box', async () => {
      const it = await h.findItem(ava, { label: '##Reply text', kind: 'input' });
      return it && it.value.startsWith('Hi Jordan,') && it.value.includes('[the coupon code]');
    });
    const found = await h.apiRead(ava, '/api/v1/programs/1/templates?q=coupon');
    assert.deepEqual(found.items.map((t) => t.name), [NAME]);
  });
});

test('the owner adds a product area (a repeated one is refused under its field); Ava\'s triage panel offers it', TIMEOUT, async () => {
  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/routing', viewport: VIEWPORT }, async (page) => {
    // Reached from the Routing page too.
    await h.click(page, 'Responses and triage', { window: 'Page' });
    await h.waitForHash(page, '#/p/1/settings/responses');
    await h.waitForItem(page, { label: 'Product areas', window: 'Page' });
    const before = (await library(page)).product_areas;
    const n = before.length + 1;
    await h.typeInto(page, '##New product area', AREA, { window: 'Page' });
    await h.click(page, 'Add area', { window: 'Page' });
    assert.equal(await h.fieldValue(page, `##Product area ${n}`), AREA);
    // The same name again (in another case) is refused under the second one; nothing is saved.
    await h.typeInto(page, '##New product area', AREA.toLowerCase(), { window: 'Page' });
    await h.click(page, 'Add area', { window: 'Page' });
    await h.waitForItem(page, 'You have unsaved changes.');
    await h.click(page, 'Save product areas', { window: 'Page' });
    const message = await h.waitForItem(page, { label: `"${AREA.toLowerCase()}" is already in the list.`, window: 'Page' });
    const field = await h.waitForItem(page, { label: `##Product area ${n + 1}`, kind: 'input' });
    assert.ok(under(message, field), `the message (y ${message.y}) is right under the repeated area (y ${field.y})`);
    assert.deepEqual((await library(page)).product_areas, before, 'nothing was saved');
    await h.screenshot(page, 'responses-area-refused.png');
    // Removed, the list saves.
    await h.click(page, `Remove##area ${n + 1}`, { window: 'Page' });
    await h.click(page, 'Save product areas', { window: 'Page' });
    await h.waitForItem(page, 'Product areas saved.');
    assert.deepEqual((await library(page)).product_areas, [...before, AREA]);
  });

  const id = await jordanOpens('Discount not applied', 'The discount from my coupon did not show on the invoice.', 'billing');
  await suite.withApp({ signInAs: 'agent@acme.test', path: `/#/p/1/tickets/${id}`, viewport: { width: 1400, height: 1400 } }, async (ava) => {
    await h.waitForItem(ava, { label: 'Discount not applied', window: 'Page' });
    const panel = await h.apiRead(ava, `/api/v1/programs/1/tickets/${id}/triage`);
    assert.ok(panel.product_areas.includes(AREA), 'the triage panel\'s areas hold the new one');
    await seek(ava, 'Triage checklist (not triaged yet)');
    await h.click(ava, 'Triage checklist (not triaged yet)', { window: 'Page' });
    await seek(ava, '##Triage product area');
    await pick(ava, '##Triage product area', AREA);
    await h.screenshot(ava, 'responses-triage-area.png');
  });
});

test('the owner adds a trigger phrase for the new template; Ava sees it suggested when the customer uses the phrase', TIMEOUT, async () => {
  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/settings/responses', viewport: VIEWPORT }, async (page) => {
    await seek(page, 'Canned-response triggers');
    const lib = await library(page);
    const tpl = lib.templates.find((t) => t.name === NAME);
    const n = lib.triggers.length + 1;
    await seek(page, 'Add trigger');
    await h.click(page, 'Add trigger', { window: 'Page' });
    await seek(page, { label: `##Trigger phrase ${n}`, kind: 'input' });
    await h.typeInto(page, `##Trigger phrase ${n}`, PHRASE, { window: 'Page' });
    await pick(page, `##Trigger template ${n}`, NAME);
    await h.typeInto(page, `##Trigger hint ${n}`, 'Check the plan before giving a code.', { window: 'Page' });
    await seek(page, 'Save triggers');
    await h.click(page, 'Save triggers', { window: 'Page' });
    await h.waitForItem(page, 'Triggers saved.');
    const saved = (await library(page)).triggers;
    assert.equal(saved.length, n);
    assert.deepEqual(saved[n - 1], { phrase: PHRASE, template_id: tpl.id, hint: 'Check the plan before giving a code.', starts_retention: false });
  });

  // Triggers surface in the ticket's composer: the phrase, the hint and the template to use.
  const id = await jordanOpens('My coupon code fails', 'Checkout says my coupon code is invalid.', 'billing');
  await suite.withApp({ signInAs: 'agent@acme.test', path: `/#/p/1/tickets/${id}`, viewport: { width: 1400, height: 1400 } }, async (ava) => {
    await h.waitForItem(ava, { label: 'My coupon code fails', window: 'Page' });
    const panel = await h.apiRead(ava, `/api/v1/programs/1/tickets/${id}/triage`);
    assert.deepEqual(panel.triggers.map((t) => t.phrase), [PHRASE]);
    await seek(ava, `The customer asks \u201c${PHRASE}\u201d: Check the plan before giving a code.`);
    await seek(ava, `Use template: ${NAME}`);
    await h.click(ava, `Use template: ${NAME}`, { window: 'Page' });
    await h.waitFor('the suggested template in the reply box', async () => {
      const it = await h.findItem(ava, { label: '##Reply text', kind: 'input' });
      return it && it.value.startsWith('Hi Jordan,') && it.value.includes('[the coupon code]');
    });
    await h.screenshot(ava, 'responses-trigger-suggested.png');
  });
});

test('staff see the page read-only and are refused by the server; agents and customers are sent to their overview', TIMEOUT, async () => {
  await suite.withApp({ signInAs: 'staff@acme.test', path: '/#/p/1/settings', viewport: VIEWPORT }, async (page) => {
    await openFromSettings(page);
    await h.waitForItem(page, 'Only the program\'s owners and admins can change the product areas, templates and triggers.');
    const lib = await library(page);
    const area = await h.waitForItem(page, { label: '##Product area 1', kind: 'input' });
    assert.equal(area.disabled, true, 'the areas are drawn disabled');
    assert.equal(area.value, lib.product_areas[0]);
    for (const label of ['Add area', 'Save product areas', 'New template', 'Remove##area 1'])
      assert.equal(await h.findItem(page, { label, window: 'Page' }), null, `no ${label}`);
    // A template opens to read, without Save.
    const tpl = lib.templates.find((t) => t.name === NAME);
    await seek(page, `View##template ${tpl.id}`);
    await h.click(page, `View##template ${tpl.id}`, { window: 'Page' });
    await h.waitForItem(page, { label: 'Template', window: 'Page', kind: 'text' });
    assert.equal(await h.fieldValue(page, '##Template text'), GOOD_TEXT);
    assert.equal(await h.findItem(page, { label: 'Save template', window: 'Page' }), null, 'no Save template');
    // The end of the page: the triggers, without Add or Save.
    const last = `##Trigger hint ${lib.triggers.length}`;
    await seek(page, { label: last, kind: 'input' });
    await h.scrollToEnd(page, { label: last, kind: 'input' });
    for (const label of ['Add trigger', 'Save triggers', `Remove##trigger ${lib.triggers.length}`])
      assert.equal(await h.findItem(page, { label, window: 'Page' }), null, `no ${label}`);
    await h.screenshot(page, 'responses-staff.png');

    const staff = await h.apiSignIn(suite.server.url, 'staff@acme.test');
    const refused = await h.apiCommand(suite.server.url, staff, 1, 'SetProductAreas', { product_areas: ['Anything'] });
    assert.equal(refused.status, 403);
    assert.deepEqual((await library(page)).product_areas, lib.product_areas);
  });
  for (const who of ['agent@acme.test', 'customer@acme.test']) {
    await suite.withApp({ signInAs: who, path: '/#/p/1/settings/responses', viewport: VIEWPORT }, async (page) => {
      await h.waitForHash(page, '#/p/1/overview');
      assert.equal(await h.findItem(page, { label: 'Response templates', window: 'Page' }), null);
    });
  }
});

test('on a phone the cards stack and nothing runs past the screen\'s edge', TIMEOUT, async () => {
  await suite.withApp({ ...PHONE, signInAs: 'owner@acme.test', path: '/#/p/1/settings/responses' }, async (page) => {
    await h.waitForItem(page, { label: 'Product areas', window: 'Page' });
    const inside = (it) => it.x >= 0 && it.x + it.w <= 390 + 0.5;
    const checkScreen = async (what) => {
      const shown = (await h.findItems(page, { window: 'Page' })).filter((it) => it.y >= 60 && it.y < 844 && it.kind !== 'window');
      const cut = shown.filter((it) => !inside(it));
      assert.deepEqual(cut.map((it) => `${it.kind} ${it.label || it.text} x ${it.x} w ${it.w}`), [], `nothing past the edge (${what})`);
    };
    await checkScreen('top');
    const field = await h.waitForItem(page, { label: '##Product area 1', kind: 'input' });
    assert.ok(field.w > 200, `the area field takes the width (${field.w})`);
    await h.screenshot(page, 'responses-phone.png');
    // The templates as cards, and the editor with the fields under the text.
    const tpl = (await library(page)).templates[0];
    const edit = `Edit##template ${tpl.id}`;
    await h.waitFor(`${edit} in view`, async () => {
      const it = await h.findItem(page, { label: edit, window: 'Page' });
      if (it && it.y >= 70 && it.y + it.h <= 834) return it;
      await h.wheel(page, 300, { x: 195 });
      return null;
    });
    await checkScreen('templates');
    await h.screenshot(page, 'responses-phone-templates.png');
    const it = await h.findItem(page, { label: edit, window: 'Page' });
    await page.touchscreen.tap(it.x + it.w / 2, it.y + it.h / 2);
    const text = await h.waitForItem(page, { label: '##Template text', kind: 'input' });
    assert.ok(inside(text), 'the text field fits the screen');
    await checkScreen('editor');
    await h.screenshot(page, 'responses-phone-editor.png');
    // Under the text, the fields it may name, wrapped on the screen's width; then Save.
    await h.waitFor('Save template in view', async () => {
      const save = await h.findItem(page, { label: 'Save template', window: 'Page' });
      if (save && save.y >= 70 && save.y + save.h <= 834) return save;
      await h.wheel(page, 300, { x: 30 }); // beside the text field, which scrolls its own text
      return null;
    });
    await h.waitForItem(page, { label: '[Resolution time]', window: 'Page' });
    await checkScreen('the fields and Save');
    await h.screenshot(page, 'responses-phone-fields.png');
  });
});
