// Keyboard shortcuts for people who answer tickets all day: "?" lists them, J and K walk the
// ticket list's order, R and N open the reply box (public or internal) and Ctrl+Enter sends,
// E opens the escalation form, A takes a ticket over, G then T and "/" reach the tickets and
// their search. Nothing happens while a text field has the keyboard.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const suite = h.appSuite();
const TIMEOUT = { timeout: 120000 };

async function tickets(email, view) {
  const cookie = await h.apiSignIn(suite.server.url, email);
  const r = await h.apiJson(suite.server.url, cookie, 'GET', `/api/v1/programs/1/tickets?view=${view}`);
  assert.equal(r.status, 200);
  return { cookie, items: r.body.items };
}

async function press(page, key) {
  await page.keyboard.press(key);
  await h.frames(page, 2);
}

function active(page, label) {
  return h.waitFor(`${label} active`, async () => {
    const it = await h.findItem(page, { label, kind: 'input' });
    return it && it.active ? it : null;
  });
}

test('? lists the shortcuts; J and K walk the list; R types a reply and Ctrl+Enter sends it', TIMEOUT, async () => {
  const { cookie, items } = await tickets('agent@acme.test', 'open');
  assert.ok(items.length >= 2);
  await suite.withApp({ signInAs: 'agent@acme.test', path: '/#/p/1/tickets' }, async (page) => {
    await h.waitForItem(page, { contains: items[0].subject, window: 'Page' });
    await press(page, '?');
    await h.waitForItem(page, { label: 'J / K', window: 'Keyboard shortcuts' });
    await h.waitForItem(page, { contains: 'Send the reply', window: 'Keyboard shortcuts' });
    await press(page, 'Escape');
    await h.waitForNoItem(page, { window: 'Keyboard shortcuts' });

    // The list is newest first, as the server's: J opens the first, J the next, K goes back.
    await press(page, 'j');
    await h.waitForHash(page, `#/p/1/tickets/${items[0].id}`);
    await press(page, 'j');
    await h.waitForHash(page, `#/p/1/tickets/${items[1].id}`);
    await press(page, 'k');
    await h.waitForHash(page, `#/p/1/tickets/${items[0].id}`);

    await press(page, 'r');
    await active(page, '##Reply text');
    const text = 'Thanks for the details, I am on it now.';
    await page.keyboard.type(text);
    await h.waitFor('the reply typed', async () => (await h.findItem(page, { label: '##Reply text', kind: 'input' })).value === text);
    // Letters typed into the box are text, not shortcuts: still on the same ticket.
    assert.equal(await page.evaluate(() => window.location.hash), `#/p/1/tickets/${items[0].id}`);
    await page.keyboard.press('Control+Enter');
    await h.waitFor('the reply on the server', async () => {
      const t = await h.apiJson(suite.server.url, cookie, 'GET', `/api/v1/programs/1/tickets/${items[0].id}`);
      return t.body.messages.some((m) => m.text === text) ? t : null;
    });
  });
});

test('N opens an internal note, E the escalation form; G then T and / reach the ticket search', TIMEOUT, async () => {
  const { items } = await tickets('agent@acme.test', 'open');
  const id = items[items.length - 1].id;
  await suite.withApp({ signInAs: 'agent@acme.test', path: `/#/p/1/tickets/${id}` }, async (page) => {
    // The reply box, brought into view (the ticket's actions and cards above it may fill the window).
    await h.scrollTo(page, { label: '##Reply text', kind: 'input', window: 'Page' });
    await press(page, 'n');
    await active(page, '##Reply text');
    await h.waitForItem(page, { label: 'Internal note', kind: 'text', window: 'Page' });
    await press(page, 'Escape'); // lets go of the box
    await h.waitFor('the box let go', async () => !(await h.findItem(page, { label: '##Reply text', kind: 'input' })).active);
    await press(page, 'e');
    await h.waitForItem(page, { label: 'Escalate to the business', kind: 'text', window: 'Page' });
    await press(page, 'g');
    await press(page, 't');
    await h.waitForHash(page, '#/p/1/tickets');
    await press(page, '/');
    await active(page, '##Search tickets');
  });
});

test('A takes an escalated ticket over for the business', TIMEOUT, async () => {
  const { cookie, items } = await tickets('staff@acme.test', 'escalated');
  assert.ok(items.length > 0, 'the demo has an escalated ticket');
  const id = items[0].id;
  await suite.withApp({ signInAs: 'staff@acme.test', path: `/#/p/1/tickets/${id}` }, async (page) => {
    await h.waitForItem(page, { label: 'Take over###Take over', window: 'Page' });
    await press(page, 'a');
    await h.waitForItem(page, { label: 'You are handling this ticket now.', kind: 'text' });
    const t = await h.apiJson(suite.server.url, cookie, 'GET', `/api/v1/programs/1/tickets/${id}`);
    assert.equal(t.status, 200);
    assert.ok(t.body.taken_over_by > 0, 'the take-over is on the server');
  });
});
