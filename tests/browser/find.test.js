// The in-page find: Ctrl+F opens the app's find bar (the browser's own find cannot read the
// canvas), the page's text containing the query is counted and highlighted, Enter and
// Shift+Enter move between matches, a match below the fold is scrolled into view, Escape closes.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const suite = h.appSuite();
const TIMEOUT = { timeout: 120000 };
const FIND = 'Find on page';

// The page's own items showing `needle` (the find bar left out), as the bar counts them.
async function pageMatches(page, needle) {
  const n = needle.toLowerCase();
  return (await h.items(page)).filter((i) => i.window !== FIND && i.kind !== 'window' &&
    (i.text.toLowerCase().includes(n) || (typeof i.value === 'string' && i.value.toLowerCase().includes(n))));
}

function result(page, text) {
  return h.waitForItem(page, { label: text, kind: 'text', window: FIND });
}

test('Ctrl+F opens the find bar; matches are counted and stepped through; Escape closes it', TIMEOUT, async () => {
  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/tickets?view=all', viewport: { width: 1280, height: 800 } }, async (page) => {
    await h.waitForItem(page, { contains: 'overdue', window: 'Page' });
    await page.keyboard.press('Control+F');
    await h.waitFor('the find field focused', async () => {
      const f = await h.findItem(page, { label: '##Find on this page', kind: 'input', window: FIND });
      return f && f.active;
    });
    await page.keyboard.type('overdue');
    const expected = (await pageMatches(page, 'overdue')).length;
    assert.ok(expected >= 2, `the page shows "overdue" more than once (${expected})`);
    await result(page, `1 of ${expected}`);
    await page.keyboard.press('Enter');
    await result(page, `2 of ${expected}`);
    await page.keyboard.press('Shift+Enter');
    await result(page, `1 of ${expected}`);
    await page.keyboard.press('Shift+Enter');
    await result(page, `${expected} of ${expected}`); // from the first to the last
    await h.screenshot(page, 'find-overdue.png');
    await page.keyboard.press('Escape');
    await h.waitForNoItem(page, { window: FIND });
  });
});

test('a match below the fold is brought into view; a query with no match says so', TIMEOUT, async () => {
  const viewport = { width: 1280, height: 800 };
  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/support', viewport }, async (page) => {
    await h.waitForItem(page, { label: 'Red flags', window: 'Page' }); // the page is drawn
    await h.frames(page, 3);
    // A text drawn below the window's bottom, inside a card (a window within the page, which
    // holds the text inside its own rectangle: the page around it must scroll), that appears
    // nowhere else on the page.
    const items = await h.items(page);
    const below = items.find((i) => i.kind === 'text' && i.y > viewport.height + 50 && i.text.length >= 12 &&
      i.window.startsWith('Page/') &&
      items.filter((j) => j.text.toLowerCase().includes(i.text.toLowerCase())).length === 1);
    assert.ok(below, 'a unique text below the fold');
    await page.keyboard.press('Control+F');
    await h.waitFor('the find field focused', async () => {
      const f = await h.findItem(page, { label: '##Find on this page', kind: 'input', window: FIND });
      return f && f.active;
    });
    await page.keyboard.type(below.text);
    await result(page, '1 of 1');
    await h.waitFor(`"${below.text}" scrolled into view`, async () => {
      const it = (await h.items(page)).find((i) => i.kind === 'text' && i.text === below.text && i.window !== FIND);
      return it && it.y >= 0 && it.y + it.h <= viewport.height ? it : null;
    });

    await page.keyboard.press('Control+A');
    await page.keyboard.type('zzqx no such words');
    await result(page, 'No matches');
  });
});
