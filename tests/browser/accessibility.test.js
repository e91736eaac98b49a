// The accessibility tree the client mirrors from what it draws: landmarks, buttons and
// checkboxes by role and name, activating an element clicks its item, the browser's focus
// follows the keyboard, toasts are announced; and axe-core finds no WCAG 2.1 A or AA
// violation on any page of any role.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const h = require('./lib/harness');

const suite = h.appSuite();
const TIMEOUT = { timeout: 240000 };
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// The tree as a screen reader gets it: [role or tag, name, state] of every element.
function tree(page) {
  return page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('#pd-a11y *')) {
      out.push({
        tag: el.tagName.toLowerCase(),
        role: el.getAttribute('role'),
        name: el.getAttribute('aria-label') || el.textContent,
        checked: el.getAttribute('aria-checked'),
        id: el.getAttribute('data-pd-id'),
        landmark: el.parentElement && el.parentElement.id !== 'pd-a11y' ? el.parentElement.tagName.toLowerCase() : null,
      });
    }
    return out;
  });
}

// Waits until the tree shows an element with this role and name (and returns it).
function waitForNode(page, role, name) {
  return h.waitFor(`the tree's ${role} "${name}"`, async () => (await tree(page)).find((n) => n.role === role && n.name === name));
}

// Clicks an element of the tree as a screen reader's "activate" does.
async function activate(page, role, name) {
  await waitForNode(page, role, name);
  await page.evaluate(([r, n]) => {
    const el = [...document.querySelectorAll(`#pd-a11y [role="${r}"]`)].find((e) => e.getAttribute('aria-label') === n);
    el.click();
  }, [role, name]);
}

// The page at `hash` has drawn and the tree mirrors its main content.
async function pageReady(page, hash) {
  await h.goTo(page, hash);
  await h.waitFor(`${hash} drawn`, async () => {
    const items = await h.items(page);
    const loading = items.some((i) => /Loading/.test(i.text));
    // Texts and links (a list of articles is links under a title) beyond the navigation and the top bar.
    const hasContent = items.filter((i) => ['text', 'item'].includes(i.kind) && i.text && !['Navigation', 'Top bar'].includes(i.window)).length > 2;
    return !loading && hasContent;
  });
  await h.frames(page, 3);
  await h.waitFor(`${hash} in the accessibility tree`, async () => (await tree(page)).length > 3);
}

async function axeViolations(page) {
  // Evaluated through the debugging protocol: the page's Content-Security-Policy allows no inline script.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`);
  });
}

// The newest ticket the person may read that is still open.
async function firstTicket(email) {
  const cookie = await h.apiSignIn(suite.server.url, email);
  const list = await h.apiJson(suite.server.url, cookie, 'GET', '/api/v1/programs/1/tickets?view=open');
  assert.equal(list.status, 200);
  assert.ok(list.body.items.length > 0, `${email} has an open ticket`);
  return list.body.items[0].id;
}

test('the tree has the navigation, the page and the top bar; activating a button in it clicks the button', TIMEOUT, async () => {
  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/overview' }, async (page) => {
    await pageReady(page, '#/p/1/overview');
    const customers = await waitForNode(page, 'button', 'Customers');
    assert.equal(customers.landmark, 'nav');
    const nodes = await tree(page);
    assert.ok(nodes.some((n) => n.tag === 'main'), 'a main landmark');
    assert.ok(nodes.some((n) => n.tag === 'header'), 'a banner');
    assert.ok(nodes.some((n) => n.role === 'button' && n.name === 'Sign out' && n.landmark === 'header'));
    await activate(page, 'button', 'Customers');
    await h.waitForHash(page, '#/p/1/customers');
  });
});

test('a checkbox says whether it is ticked, and a toast is announced in the live region', TIMEOUT, async () => {
  const id = await firstTicket('agent@acme.test');
  await suite.withApp({ signInAs: 'agent@acme.test', path: `/#/p/1/tickets/${id}` }, async (page) => {
    // The triage checklist, folded under its header (under the ticket's header and routing card).
    const header = await h.waitFor('the triage checklist', async () => (await h.items(page)).find((i) => (i.text || '').startsWith('Triage checklist')));
    await h.scrollTo(page, { label: header.label, window: 'Page' });
    if (!(await h.items(page)).some((i) => i.text === 'Save triage')) await h.click(page, header.label, { window: 'Page' });
    await h.scrollTo(page, { label: 'Save triage', window: 'Page' });
    const before = await waitForNode(page, 'checkbox', 'Integration');
    await activate(page, 'checkbox', 'Integration');
    await h.waitFor('Integration ticked in the tree', async () => {
      const n = (await tree(page)).find((x) => x.role === 'checkbox' && x.name === 'Integration');
      return n && n.checked !== before.checked ? n : null;
    });
    await activate(page, 'button', 'Save triage');
    await h.waitFor('the toast announced', () => page.evaluate(() => document.getElementById('pd-a11y-live').textContent === 'Triage saved.'));
    assert.equal(await page.evaluate(() => document.getElementById('pd-a11y-live').getAttribute('aria-live')), 'polite');
  });
});

test('the browser\'s focus follows the keyboard through the dashboard', TIMEOUT, async () => {
  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/people' }, async (page) => {
    await pageReady(page, '#/p/1/people');
    const names = new Set();
    for (let i = 0; i < 4; ++i) {
      await page.keyboard.press('Tab');
      const focused = await h.waitFor('an element of the tree focused', async () => {
        const items = await h.items(page);
        const nav = items.find((it) => it.focused);
        if (!nav) return null;
        const active = await page.evaluate(() => {
          const el = document.activeElement;
          return el && el.closest('#pd-a11y') ? { id: el.getAttribute('data-pd-id'), name: el.getAttribute('aria-label') } : null;
        });
        return active && Number(active.id) === nav.id ? active : null;
      });
      names.add(focused.name);
    }
    assert.ok(names.size >= 2, `focus moved between elements: ${[...names].join(', ')}`);
  });
});

// Every page of every role, as the demo program shows it.
const pages = {
  'owner@acme.test': ['overview', 'customers', 'customers/1', 'customers/new', 'agents', 'people', 'settings', 'settings/support', 'settings/responses',
                      'support', 'tickets', 'tickets?view=all', 'routing', 'knowledge', 'certification', 'commissions'],
  'staff@acme.test': ['overview', 'support', 'tickets', 'certification', 'commissions'],
  'agent@acme.test': ['overview', 'customers', 'tickets', 'knowledge', 'training', 'earnings'],
  'trainee@acme.test': ['overview', 'training'],
  'customer@acme.test': ['overview', 'tickets', 'tickets/new', 'knowledge', 'profile'],
};

test('axe-core finds no WCAG 2.1 A or AA violation on any page of any role', TIMEOUT, async () => {
  const found = [];
  await suite.withApp({ path: '/#/signin' }, async (page) => {
    for (const hash of ['#/signin', '#/signup']) {
      await pageReady(page, hash);
      for (const v of await axeViolations(page)) found.push(`${hash}: ${v}`);
    }
  });
  for (const [email, list] of Object.entries(pages)) {
    const ticket = email === 'owner@acme.test' || email === 'customer@acme.test' || email === 'agent@acme.test'
      ? await firstTicket(email) : null;
    const all = ticket ? [...list, `tickets/${ticket}`] : list;
    await suite.withApp({ signInAs: email, path: '/#/p/1/overview' }, async (page) => {
      for (const p of all) {
        const hash = `#/p/1/${p}`;
        await pageReady(page, hash);
        for (const v of await axeViolations(page)) found.push(`${email} ${hash}: ${v}`);
      }
    });
  }
  // The person's own account page (two-factor sign-in, sessions), outside every program.
  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/account' }, async (page) => {
    await pageReady(page, '#/account');
    for (const v of await axeViolations(page)) found.push(`owner@acme.test #/account: ${v}`);
  });
  assert.deepEqual(found, []);
});
