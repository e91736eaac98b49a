// Real text entry: a text field being edited is mirrored by a DOM input that has the browser's
// focus (a phone's keyboard, IME composition, paste), and sign-in and sign-up are real HTML
// forms a password manager can fill and submit. One server and one browser for the file; a
// fresh context per test.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const suite = h.appSuite();
const TIMEOUT = { timeout: 120000 };
// A photo as a phone's camera roll would hand it over (a 1x1 PNG).
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

// A phone (390 × 844 CSS pixels, touch, device scale 3), signed in as email when given.
async function openPhone(email, urlPath) {
  const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3,
                                                   isMobile: true, hasTouch: true });
  if (email) {
    const r = await context.request.post(suite.server.url + '/api/v1/session', {
      headers: { 'X-Requested-With': 'partnerdesk' }, data: { email, password: h.DEMO_PASSWORD } });
    assert.equal(r.status(), 200, `sign-in of ${email}`);
  }
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  await page.goto(suite.server.url + urlPath);
  await h.waitForApp(page);
  return { context, page };
}

async function closeChecked(context, page) {
  try {
    assert.deepEqual(page.problems.filter((p) => p.startsWith('pageerror')), [], 'no uncaught errors in the page');
  } finally {
    await context.close();
  }
}

// What has the browser's focus: tag, type, autocomplete.
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el ? { tag: el.tagName, type: el.type || '', autocomplete: el.getAttribute('autocomplete') || '' } : null;
  });
}

// Taps a text field as a finger would and waits until ImGui edits it and a DOM input or textarea
// has the browser's focus.
async function tapField(page, label, opts = {}) {
  const q = { label, kind: 'input', ...opts };
  const item = await h.itemAtRest(page, `field ${label}`, () => h.findItem(page, q));
  await page.touchscreen.tap(item.x + item.w / 2, item.y + item.h / 2);
  await h.waitFor(`${label} to be active`, async () => {
    const it = await h.findItem(page, q);
    return it && it.active;
  });
  return h.waitFor(`a DOM input focused for ${label}`, async () => {
    const f = await focused(page);
    return f && (f.tag === 'INPUT' || f.tag === 'TEXTAREA') ? f : null;
  });
}

async function waitForValue(page, label, expected, opts = {}) {
  return h.waitFor(`${label} to hold ${JSON.stringify(expected)}`, async () => {
    const it = await h.findItem(page, { label, kind: 'input', ...opts });
    return it && it.value === expected ? it : null;
  });
}

// Scrolls the page (the wheel over the middle of the phone's screen) until the item is in view.
async function scrollIntoView(page, query) {
  const { width, height } = page.viewportSize();
  return h.waitFor(`${JSON.stringify(query)} in view`, async () => {
    const it = await h.findItem(page, query);
    if (it && it.y >= 0 && it.y + it.h <= height) return it;
    await h.wheel(page, it && it.y < 0 ? -300 : 300, { x: width / 2, y: height / 2 });
    return null;
  });
}

async function submitTicket(page) {
  await scrollIntoView(page, { label: 'Submit ticket', window: 'Page' });
  await h.click(page, 'Submit ticket', { window: 'Page' });
  const hash = await h.waitFor('the new ticket\'s page', async () => {
    const v = await page.evaluate(() => window.location.hash);
    return /^#\/p\/1\/tickets\/\d+$/.test(v) ? v : null;
  });
  const r = await h.apiGet(page, `/api/v1/programs/1/tickets/${hash.split('/').pop()}`);
  assert.equal(r.status, 200);
  return JSON.parse(r.body);
}

function occurrences(haystack, needle) {
  return haystack.split(needle).length - 1;
}

test('a customer on a phone types a ticket through the page\'s own input, attaches a photo and reads the agent\'s answer', TIMEOUT, async () => {
  const { context, page } = await openPhone('customer@acme.test', '/#/p/1/tickets/new');
  try {
    await h.waitForItem(page, { label: 'Subject', kind: 'input', window: 'Page' });
    const subjectFocus = await tapField(page, 'Subject', { window: 'Page' });
    assert.equal(subjectFocus.tag, 'INPUT');
    assert.notEqual(subjectFocus.type, 'password');
    const subject = 'Phone keyboard: report totals';
    await page.keyboard.type(subject);
    await waitForValue(page, 'Subject', subject, { window: 'Page' });
    // Typed once: the canvas's own keyboard path did not add the keys a second time.
    assert.equal(await page.evaluate(() => document.activeElement.value), subject);

    const messageFocus = await tapField(page, 'Description', { window: 'Page' });
    assert.equal(messageFocus.tag, 'TEXTAREA', 'a multiline field is mirrored by a textarea');
    const message = 'The totals on my phone differ from the desktop.\nCould you check?';
    // What a phone keyboard or dictation does: the element's value changes (fill sends input).
    await page.locator(':focus').fill(message);
    await waitForValue(page, 'Description', message, { window: 'Page' });
    // A photo from the phone: the picker opens from a tap on "Attach a file".
    const attachButton = await scrollIntoView(page, { label: 'Attach a file', window: 'Page' });
    const chooser = page.waitForEvent('filechooser');
    await page.touchscreen.tap(attachButton.x + attachButton.w / 2, attachButton.y + attachButton.h / 2);
    await (await chooser).setFiles({ name: 'totals-on-phone.png', mimeType: 'image/png', buffer: PHOTO });
    await h.waitForItem(page, { contains: 'Attached: totals-on-phone.png', window: 'Page' });
    await h.screenshot(page, 'text-entry-phone-ticket.png');

    const read = await submitTicket(page);
    assert.equal(read.subject, subject);
    assert.equal(occurrences(JSON.stringify(read.messages), JSON.stringify(message).slice(1, -1)), 1);
    assert.deepEqual(read.messages[0].attachments.map((a) => [a.name, a.content_type]), [['totals-on-phone.png', 'image/png']]);

    // Ava answers; the customer reads the answer on the phone, whole.
    const answer = 'Thanks for the screenshot: the phone showed totals from before this month\'s invoices were posted. Both match again now.';
    const ava = await h.apiSignIn(suite.server.url, 'agent@acme.test');
    const r = await h.apiCommand(suite.server.url, ava, 1, 'ReplyToTicket', { ticket_id: read.id, text: answer });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const shown = await h.waitFor('the answer on the phone', async () => {
      const it = await h.findItem(page, { label: answer, window: 'Page' });
      if (it && it.y >= 0 && it.y + it.h <= 844) return it;
      await h.wheel(page, 300, { x: 195, y: 422 });
      return null;
    });
    assert.ok(shown.x >= 0 && shown.x + shown.w <= 390.5, `the answer fits the screen (${JSON.stringify(shown)})`);
    // Nothing is edited any more: the page's input let go of the focus.
    await h.waitFor('no DOM input focused', async () => {
      const f = await focused(page);
      return !f || (f.tag !== 'INPUT' && f.tag !== 'TEXTAREA');
    });
  } finally {
    await closeChecked(context, page);
  }
});

test('IME composition inserts the composed text once; a paste lands in the field', TIMEOUT, async () => {
  const { context, page } = await openPhone('customer@acme.test', '/#/p/1/tickets/new');
  try {
    await tapField(page, 'Subject', { window: 'Page' });
    // A paste event with text (as the browser sends for Ctrl+V or the phone's Paste).
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', 'Pasted subject line');
      document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await waitForValue(page, 'Subject', 'Pasted subject line', { window: 'Page' });

    await tapField(page, 'Description', { window: 'Page' });
    await page.keyboard.type('Order ');
    await waitForValue(page, 'Description', 'Order ', { window: 'Page' });
    // A Japanese IME: composition start, two updates shown while composing, the final text.
    await page.evaluate(() => {
      const el = document.activeElement;
      el.dispatchEvent(new CompositionEvent('compositionstart', { data: '', bubbles: true }));
      el.dispatchEvent(new CompositionEvent('compositionupdate', { data: 'にほん', bubbles: true }));
    });
    await waitForValue(page, 'Description', 'Order にほん', { window: 'Page' });
    await page.evaluate(() => {
      const el = document.activeElement;
      el.dispatchEvent(new CompositionEvent('compositionupdate', { data: '日本語', bubbles: true }));
      el.dispatchEvent(new CompositionEvent('compositionend', { data: '日本語', bubbles: true }));
    });
    await waitForValue(page, 'Description', 'Order 日本語', { window: 'Page' });
    await page.keyboard.type(' please');
    await waitForValue(page, 'Description', 'Order 日本語 please', { window: 'Page' });

    const read = await submitTicket(page);
    assert.equal(read.subject, 'Pasted subject line');
    const thread = JSON.stringify(read.messages);
    assert.equal(occurrences(thread, '日本語'), 1, 'the composed text exactly once');
    assert.equal(occurrences(thread, 'にほん'), 0, 'nothing left of the text shown while composing');
    assert.ok(thread.includes('Order 日本語 please'));
  } finally {
    await closeChecked(context, page);
  }
});

test('a password manager sees the sign-in form, fills it and submits it: the person is signed in', TIMEOUT, async () => {
  await suite.withApp({}, async (page) => {
    await h.waitForItem(page, { label: 'Sign in', window: 'Sign in' });
    const form = await h.waitFor('the sign-in form in the page', () => page.evaluate(() => {
      const user = document.querySelector('form input[autocomplete="username"]');
      const pass = document.querySelector('form input[autocomplete="current-password"]');
      if (!user || !pass || user.form !== pass.form) return null;
      const submit = user.form.querySelector('button[type="submit"], input[type="submit"]');
      return { userType: user.type, passType: pass.type, submit: !!submit, inputmode: user.getAttribute('inputmode') };
    }));
    assert.deepEqual(form, { userType: 'text', passType: 'password', submit: true, inputmode: 'email' });

    // As a manager fills: each value set and announced with an input event, then the form submitted.
    await page.evaluate(([email, password]) => {
      const user = document.querySelector('form input[autocomplete="username"]');
      const pass = document.querySelector('form input[autocomplete="current-password"]');
      for (const [el, v] of [[user, email], [pass, password]]) {
        el.value = v;
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      }
      user.form.requestSubmit();
    }, ['owner@acme.test', h.DEMO_PASSWORD]);
    await h.waitForItem(page, { label: 'Business dashboard', window: 'Page' });
    assert.equal((await h.apiGet(page, '/api/v1/me')).status, 200);
    // The form left the page with the sign-in card (a manager takes that as a sign-in that worked).
    await h.waitFor('the sign-in form gone', () => page.evaluate(() => !document.querySelector('form input[autocomplete="current-password"]')));
  });
});

test('typing into the sign-in card fills the page\'s form; sign-up is a form with a new password', TIMEOUT, async () => {
  await suite.withApp({}, async (page) => {
    await h.typeInto(page, 'Email', 'agent@acme.test');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('autocomplete')), 'username');
    await h.typeInto(page, 'Password', 'wrong-password-1');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('autocomplete')), 'current-password');
    assert.deepEqual(await page.evaluate(() => [document.querySelector('form input[autocomplete="username"]').value,
                                                document.querySelector('form input[autocomplete="current-password"]').value]),
                     ['agent@acme.test', 'wrong-password-1']);
    // Escape still reaches the dashboard: the field is left and the page's input lets go.
    await page.keyboard.press('Escape');
    await h.waitFor('no DOM input focused', () => page.evaluate(() => !['INPUT', 'TEXTAREA'].includes(document.activeElement.tagName)));

    await h.click(page, 'Create an account', { window: 'Sign in' });
    await h.waitForItem(page, { label: 'Create account', window: 'Sign up' });
    const signup = await h.waitFor('the sign-up form in the page', () => page.evaluate(() => {
      const pass = document.querySelector('form input[autocomplete="new-password"]');
      if (!pass) return null;
      return { user: !!pass.form.querySelector('input[autocomplete="username"]'), name: !!pass.form.querySelector('input[autocomplete="name"]'),
               submit: !!pass.form.querySelector('button[type="submit"]'), signin: !!document.querySelector('input[autocomplete="current-password"]') };
    }));
    assert.deepEqual(signup, { user: true, name: true, submit: true, signin: false });
    await h.typeInto(page, 'New password', 'a-new-password-1');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('autocomplete')), 'new-password');
  });
});

test('joining with an invitation is a form with the invited email as the username and a new password', TIMEOUT, async () => {
  const staff = await h.apiSignIn(suite.server.url, 'staff@acme.test');
  const invited = await h.apiCommand(suite.server.url, staff, 1, 'InviteMember', { email: 'new.keyboard@acme.test', role: 'agent' });
  assert.equal(invited.status, 200);
  await suite.withApp({ path: invited.body.invitation_link }, async (page) => {
    await h.waitForItem(page, { label: 'Create account and join', window: 'Invitation' });
    const join = await h.waitFor('the joining form in the page', () => page.evaluate(() => {
      const pass = document.querySelector('form input[autocomplete="new-password"]');
      if (!pass) return null;
      const user = pass.form.querySelector('input[autocomplete="username"]');
      return { username: user && user.value, name: !!pass.form.querySelector('input[autocomplete="name"]'),
               submit: !!pass.form.querySelector('button[type="submit"]') };
    }));
    assert.deepEqual(join, { username: 'new.keyboard@acme.test', name: true, submit: true });
    // A password manager fills the name and the generated password and submits: the account is made.
    await page.evaluate(() => {
      const form = document.querySelector('form input[autocomplete="new-password"]').form;
      for (const [sel, v] of [['input[autocomplete="name"]', 'Kei Tanaka'], ['input[autocomplete="new-password"]', 'generated-Pass-123']]) {
        const el = form.querySelector(sel);
        el.value = v;
        el.dispatchEvent(new Event('input', { bubbles: true }));
      }
      form.requestSubmit();
    });
    // The account is made and signed in; joining waits for the link mailed to the address.
    await h.waitForItem(page, { contains: 'We sent a link to new.keyboard@acme.test.', window: 'Invitation' });
    const me = JSON.parse((await h.apiGet(page, '/api/v1/me')).body);
    assert.equal(me.person.email, 'new.keyboard@acme.test');
  });
});
