// On a phone (390 × 844, touch, device scale 3): the navigation is a menu behind a button in the
// top bar, lists are stacked cards, the page takes the whole width and nothing of a ticket is
// cut off; a finger's drag scrolls a long page and keeps going after it lifts; at 1440 the side
// navigation is back.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const TIMEOUT = { timeout: 120000 };
const suite = h.appSuite();
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true };

// A ticket Jordan (the demo customer, Ava's) opens through the API; its id.
async function jordanOpens(subject, text) {
  const cookie = await h.apiSignIn(suite.server.url, 'customer@acme.test');
  const r = await h.apiCommand(suite.server.url, cookie, 1, 'OpenTicket', { subject, text });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.events[0].data.ticket_id;
}

// A finger's tap on an item, where it is drawn.
async function tap(page, query) {
  const it = await h.itemAtRest(page, JSON.stringify(query), () => h.findItem(page, query));
  await page.touchscreen.tap(it.x + it.w / 2, it.y + Math.min(it.h / 2, 20));
  return it;
}

// A finger drawn across the screen from (x, y) by dy and lifted while still moving: a move every
// 16 ms by the events' own times, as a phone reports them.
async function drag(page, x, y, dy, steps = 8) {
  const cdp = await page.context().newCDPSession(page);
  const start = Date.now() / 1000; // the events carry their times: a busy page handles them late
  const at = (i) => start + i * 0.016;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }], timestamp: at(0) });
  for (let i = 1; i <= steps; ++i)
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y + (dy * i) / steps }], timestamp: at(i) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [], timestamp: at(steps) + 0.004 });
  await cdp.detach();
}

// Scrolls with the wheel over the phone's screen (not past its right edge) until the item is in view.
async function scrollPhoneTo(page, query) {
  const { width, height } = page.viewportSize();
  return h.waitFor(`${JSON.stringify(query)} in view`, async () => {
    const it = await h.findItem(page, query);
    if (it && it.y >= 70 && it.y + it.h <= height - 10) return it;
    await h.wheel(page, it ? (it.y < 70 ? -200 : Math.min(300, it.y + it.h - height + 40)) : 300, { x: width / 2 });
    return null;
  }, { interval: 0 });
}

// Every item's rectangle inside the page's width: nothing cut off at the right edge.
function inside(it, width) {
  return it.x >= 0 && it.x + it.w <= width + 0.5;
}

test('the menu button opens the navigation as a sheet; a page is reached through it', TIMEOUT, async () => {
  await suite.withApp({ ...PHONE, signInAs: 'agent@acme.test', path: '/#/p/1/overview' }, async (page) => {
    await h.waitForItem(page, { label: 'Menu', window: 'Top bar' });
    assert.equal(await h.findItem(page, { window: 'Navigation' }), null, 'no side navigation on a phone');
    const title = await h.waitForItem(page, { kind: 'window', label: 'Page' }).catch(() => null);
    if (title) assert.ok(title.x < 1 && title.w >= 389, `the page takes the whole width (${JSON.stringify(title)})`);
    await tap(page, { label: 'Menu', window: 'Top bar' });
    const entry = await h.waitForItem(page, { label: 'Earnings', window: 'Menu' });
    assert.ok(entry.h >= 44, `a menu entry is a finger tall (${entry.h} px)`);
    await h.screenshot(page, 'phone-menu-open.png');
    await tap(page, { label: 'Earnings', window: 'Menu' });
    await h.waitForHash(page, '#/p/1/earnings');
    await h.waitForNoItem(page, { label: 'Earnings', window: 'Menu' });
    // Tapping outside the sheet closes it too.
    await tap(page, { label: 'Menu', window: 'Top bar' });
    await h.waitForItem(page, { label: 'Overview', window: 'Menu' });
    await page.touchscreen.tap(370, 600);
    await h.waitForNoItem(page, { label: 'Overview', window: 'Menu' });
    assert.ok(page.url().includes('#/p/1/earnings'), 'the tap outside went nowhere');
  });
});

test('a customer reads their ticket on a phone: the subject and the agent\'s answer are whole', TIMEOUT, async () => {
  const subject = 'The invoice PDF for November shows last month\'s amounts and the wrong billing address';
  const id = await jordanOpens(subject, 'Could you send a corrected invoice? Our accountant needs it this week.');
  const answer = 'Thanks for spotting this. I have regenerated the November invoice with the right amounts and your current billing address; it is attached to your account now.';
  const ava = await h.apiSignIn(suite.server.url, 'agent@acme.test');
  const r = await h.apiCommand(suite.server.url, ava, 1, 'ReplyToTicket', { ticket_id: id, text: answer });
  assert.equal(r.status, 200, JSON.stringify(r.body));

  await suite.withApp({ ...PHONE, signInAs: 'customer@acme.test', path: '/#/p/1/tickets' }, async (page) => {
    // The list is stacked cards: the subject is whole, inside the screen.
    const card = await h.waitForItem(page, { label: subject, window: 'Page' });
    assert.ok(inside(card, 390), `the subject fits the card (${JSON.stringify(card)})`);
    await h.screenshot(page, 'phone-customer-tickets.png');
    await tap(page, { label: subject, window: 'Page' });
    await h.waitForHash(page, `#/p/1/tickets/${id}`);
    const heading = await h.waitForItem(page, { label: subject, window: 'Page' });
    assert.ok(inside(heading, 390), `the ticket's subject is not cut off (${JSON.stringify(heading)})`);
    const reply = await scrollPhoneTo(page, { label: answer, window: 'Page' });
    assert.ok(inside(reply, 390), `the answer is not cut off (${JSON.stringify(reply)})`);
    assert.ok(reply.h > 40, 'the answer wraps over several lines');
    const texts = (await h.findItems(page, { window: 'Page', kind: 'text' })).filter((it) => it.y >= 60 && it.y < 844);
    const cut = texts.filter((it) => !inside(it, 390));
    assert.deepEqual(cut.map((it) => it.text), [], 'no text of the ticket runs past the screen\'s edge');
    await h.screenshot(page, 'phone-customer-ticket.png');
  });
});

test('an agent opens a ticket from the stacked cards and answers it on a phone', TIMEOUT, async () => {
  const subject = 'Export to CSV drops the last column';
  const id = await jordanOpens(subject, 'When I export the revenue report the Notes column is missing.');
  await suite.withApp({ ...PHONE, signInAs: 'agent@acme.test', path: '/#/p/1/tickets' }, async (page) => {
    await scrollPhoneTo(page, { label: subject, window: 'Page' });
    // No table header on cards: the facts are labelled in each card.
    assert.equal(await h.findItem(page, { label: 'Next deadline', window: 'Page', kind: 'item' }), null, 'no header row');
    const row = await h.waitForItem(page, { label: `Ticket ${id}`, window: 'Page' });
    assert.ok(row.h >= 60 && inside(row, 390), `a card per ticket (${JSON.stringify(row)})`);
    await h.screenshot(page, 'phone-agent-tickets.png');
    await tap(page, { label: subject, window: 'Page' });
    await h.waitForHash(page, `#/p/1/tickets/${id}`);
    const text = 'The Notes column is back in the export from today; please try again.';
    await scrollPhoneTo(page, { label: 'Reply text', window: 'Page' });
    await h.typeInto(page, 'Reply text', text, { window: 'Page' });
    await scrollPhoneTo(page, { label: 'Send reply', window: 'Page' });
    const send = await tap(page, { label: 'Send reply', window: 'Page' });
    assert.ok(send.h >= 44, `Send reply is a finger tall (${send.h} px)`);
    await h.waitFor('the reply on the server', async () => {
      const t = JSON.parse((await h.apiGet(page, `/api/v1/programs/1/tickets/${id}`)).body);
      return t.status === 'waiting_on_customer';
    });
    await h.screenshot(page, 'phone-agent-answered.png');
  });
});

test('a finger\'s drag scrolls a long page and it glides on after the finger lifts; a drag taps nothing', TIMEOUT, async () => {
  await suite.withApp({ ...PHONE, signInAs: 'owner@acme.test', path: '/#/p/1/customers' }, async (page) => {
    // A card low on the screen, to follow as the page moves up.
    const rows = async () => (await h.findItems(page, { window: 'Page' })).filter((it) => it.label.endsWith('##row'));
    const low = await h.waitFor('customer cards down the screen', async () =>
      (await rows()).find((it) => it.y > 600 && it.y < 780) || null);
    const before = low.y;
    await drag(page, 200, 700, -300);
    // The page follows the finger (300 px), then glides on after it lifted: further than the finger went.
    await h.waitFor('the page to move with the finger and glide on', async () => {
      const it = (await h.findItems(page, { label: low.label, window: 'Page' }))[0];
      return !it || it.y < before - 320;
    });
    assert.ok(page.url().includes('#/p/1/customers'), 'the drag opened no customer');
    // And drags down bring the top back. How far the first drag glided depends on how late the
    // page handled its events (a busy machine): drag down until the title is in view again.
    await h.waitFor('the title back in view after drags down', async () => {
      if (await h.findItem(page, { label: 'Customers', window: 'Page' })) return true;
      await drag(page, 200, 250, 500);
      return false;
    }, { timeout: 40000, interval: 400 });
    assert.ok(page.url().includes('#/p/1/customers'));
  });
});

test('a customer rates a resolved ticket on a phone: every score button is on the screen and the rating is stored', TIMEOUT, async () => {
  const id = await jordanOpens('The export button does nothing on the reports page', 'Clicking Export on the reports page shows no file.');
  const ava = await h.apiSignIn(suite.server.url, 'agent@acme.test');
  for (const [type, data] of [['ReplyToTicket', { ticket_id: id, text: 'Fixed: the export works again, please try once more.' }],
                              ['ResolveTicket', { ticket_id: id }]]) {
    const r = await h.apiCommand(suite.server.url, ava, 1, type, data);
    assert.equal(r.status, 200, `${type}: ${JSON.stringify(r.body)}`);
  }
  await suite.withApp({ ...PHONE, signInAs: 'customer@acme.test', path: `/#/p/1/tickets/${id}` }, async (page) => {
    const parts = [['Responsiveness', 5], ['Product knowledge', 4], ['Professionalism', 5], ['Overall', 3]];
    for (const [part, score] of parts) {
      for (let n = 1; n <= 5; ++n) {
        const button = await scrollPhoneTo(page, { label: `${n}###${part} ${n}`, window: 'Page' });
        assert.ok(inside(button, 390), `${part}'s button ${n} is on the screen (${JSON.stringify(button)})`);
      }
      await tap(page, { label: `${score}###${part} ${score}`, window: 'Page' });
    }
    await scrollPhoneTo(page, { label: 'Submit rating', window: 'Page' });
    await h.screenshot(page, 'phone-customer-rating.png');
    await tap(page, { label: 'Submit rating', window: 'Page' });
    const jordan = await h.apiSignIn(suite.server.url, 'customer@acme.test');
    await h.waitFor('the rating stored', async () => {
      const r = await h.apiJson(suite.server.url, jordan, 'GET', `/api/v1/programs/1/tickets/${id}`);
      const rating = r.body.customer_rating;
      return rating && rating.responsiveness === 5 && rating.knowledge === 4 && rating.professionalism === 5 && rating.overall === 3;
    });
  });
});

test('the help articles and the knowledge base fit a phone: no field, link or text past the screen\'s edge', TIMEOUT, async () => {
  for (const who of ['customer@acme.test', 'agent@acme.test', 'owner@acme.test']) {
    await suite.withApp({ ...PHONE, signInAs: who, path: '/#/p/1/knowledge' }, async (page) => {
      await h.waitForItem(page, { label: '##Search articles', kind: 'input', window: 'Page' });
      await h.waitForItem(page, { label: 'How do I restore a deleted dashboard?', window: 'Page' }); // among the first articles
      const drawn = (await h.findItems(page, { window: 'Page' })).filter((it) => it.y >= 60 && it.y < 844 && it.w > 0);
      const cut = drawn.filter((it) => !inside(it, 390));
      assert.deepEqual(cut.map((it) => `${it.kind} ${it.label || it.text}`), [], `${who}: nothing runs past the screen's edge`);
      await h.screenshot(page, `phone-knowledge-${who.split('@')[0]}.png`);
    });
  }
});

test('on a desktop the side navigation stays and the lists are tables', TIMEOUT, async () => {
  await suite.withApp({ viewport: { width: 1440, height: 900 }, signInAs: 'staff@acme.test', path: '/#/p/1/tickets?view=all' }, async (page) => {
    await h.waitForItem(page, { label: 'Tickets', window: 'Navigation' });
    assert.equal(await h.findItem(page, { label: 'Menu', window: 'Top bar' }), null, 'no menu button');
    await h.waitForItem(page, { label: 'Next deadline', window: 'Page' });
    await h.waitForItem(page, { label: 'Sign out', window: 'Top bar' });
  });
});
