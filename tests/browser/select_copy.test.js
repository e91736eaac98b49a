// Reading a ticket: a message, a note or the subject can be selected and copied as on any web
// page, although the dashboard is drawn on a canvas: a mouse drag selects, a double click
// selects a word, a triple click the whole text, Ctrl+C copies; a right click (a long press on
// a phone) offers Copy text and Select all. What lands on the system clipboard is what the
// reader selected.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const suite = h.appSuite();
const TIMEOUT = { timeout: 120000 };
const CLIPBOARD = ['clipboard-read', 'clipboard-write'];

// A ticket Jordan (the demo customer) opens through the API; its id.
async function jordanOpens(subject, text) {
  const cookie = await h.apiSignIn(suite.server.url, 'customer@acme.test');
  const r = await h.apiCommand(suite.server.url, cookie, 1, 'OpenTicket', { subject, text });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.events[0].data.ticket_id;
}

async function emptyClipboard(page) {
  await page.evaluate(() => navigator.clipboard.writeText(''));
}

// Scrolls the page with the wheel (over its middle) until the item is wholly in view; the item.
async function inView(page, query) {
  const { width, height } = page.viewportSize();
  await h.waitFor(`${query.label} on the page`, async () => (await h.items(page)).some((i) => i.label === query.label));
  return h.itemAtRest(page, JSON.stringify(query), async () => {
    const it = await h.findItem(page, query);
    if (it && it.y >= 60 && it.y + it.h <= height - 10) return it;
    await h.wheel(page, it && it.y < 60 ? -250 : 250, { x: width / 2, y: height / 2 });
    return null;
  });
}

function clipboardHolds(page, what, test) {
  return h.waitFor(`the clipboard to hold ${what}`, async () => {
    const text = await page.evaluate(() => navigator.clipboard.readText());
    return test(text) ? text : null;
  });
}

// Ctrl+C until the clipboard holds what `test` accepts: the client takes one mouse button change
// a frame (a double click is four, a triple click six), so a copy right after the clicks may come
// before the selection. Fails if it never does.
function copyUntil(page, what, test) {
  return h.waitFor(`Ctrl+C to copy ${what}`, async () => {
    await emptyClipboard(page);
    await page.keyboard.press('Control+C');
    await h.frames(page, 2);
    const text = await page.evaluate(() => navigator.clipboard.readText());
    return test(text) ? { text } : null;
  }, { interval: 100 });
}

test('a drag, a double click and a triple click select a message\'s text; Ctrl+C copies it', TIMEOUT, async () => {
  const message = 'Invoice INV-20931 was charged twice on 3 November. Please refund the second charge of 149.00 to the same card.';
  const id = await jordanOpens('Charged twice for the November invoice', message);
  await suite.withApp({ signInAs: 'agent@acme.test', path: `/#/p/1/tickets/${id}`, permissions: CLIPBOARD,
                        viewport: { width: 1280, height: 900 } }, async (page) => {
    const it = await inView(page, { label: message, window: 'Page' });
    const y = it.y + 8; // the first line of the message

    // A drag from the start of the message to the end of its first line.
    await emptyClipboard(page);
    await page.mouse.move(it.x + 1, y);
    await page.mouse.down();
    await page.mouse.move(it.x + it.w / 2, y, { steps: 4 });
    await page.mouse.move(it.x + it.w - 1, y, { steps: 4 });
    await page.mouse.up();
    const dragged = (await copyUntil(page, 'the first line', (t) => t.length >= 10)).text;
    assert.ok(message.startsWith(dragged), `the selection is the message's beginning: "${dragged}"`);
    await h.screenshot(page, 'select-copy-drag.png');

    // A double click on the first word selects that word.
    await emptyClipboard(page);
    await page.mouse.dblclick(it.x + 12, y);
    await copyUntil(page, 'the first word', (t) => t === 'Invoice');

    // A triple click selects the whole message.
    await emptyClipboard(page);
    await page.mouse.click(it.x + 12, y, { clickCount: 3 });
    await copyUntil(page, 'the whole message', (t) => t === message);

    // A click elsewhere lets go: Ctrl+C no longer copies anything.
    await page.mouse.click(it.x + it.w / 2, it.y - 60);
    await copyUntil(page, 'nothing once the selection is let go', (t) => t === '');
  });
});

test('a right click on the subject offers Copy text, which copies it whole', TIMEOUT, async () => {
  const subject = 'Webhook retries stop after the third attempt';
  const id = await jordanOpens(subject, 'Our endpoint was down for ten minutes and the events never arrived.');
  await suite.withApp({ signInAs: 'agent@acme.test', path: `/#/p/1/tickets/${id}`, permissions: CLIPBOARD,
                        viewport: { width: 1280, height: 900 } }, async (page) => {
    const it = await inView(page, { label: subject, window: 'Page' });
    await emptyClipboard(page);
    await page.mouse.click(it.x + 20, it.y + it.h / 2, { button: 'right' });
    await h.click(page, 'Copy text');
    assert.equal(await clipboardHolds(page, 'the subject', (t) => t.length > 0), subject);
  });
});
