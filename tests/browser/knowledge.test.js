// The knowledge base in the browser (issue 17): a customer typing a question sees a matching
// article, reads it and does not submit (the deflection recorded on the server and shown to the
// business); the business writes an article from the hygiene page's repeated question and
// publishes it; an agent finds an article from the reply composer and sends its link; a customer
// whose question an article answers automatically says "This solved my problem" and the ticket is
// resolved. One server (the demo) and one browser for the file, a fresh browser context per test.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const suite = h.appSuite();
const TIMEOUT = { timeout: 120000 };
const VIEWPORT = { width: 1440, height: 900 };

async function api(email, method, path, body) {
  const cookie = await h.apiSignIn(suite.server.url, email);
  const r = await h.apiJson(suite.server.url, cookie, method, path, body);
  assert.equal(r.status, 200, `${method} ${path}: ${JSON.stringify(r.body)}`);
  return r.body;
}

test('a customer typing a question sees an article, reads it and does not submit; the business sees the deflection', TIMEOUT, async () => {
  const before = await api('owner@acme.test', 'GET', '/api/v1/programs/1/knowledge/stats');
  const ticketsBefore = (await api('customer@acme.test', 'GET', '/api/v1/programs/1/tickets?view=all&limit=200')).items.length;
  await suite.withApp({ signInAs: 'customer@acme.test', path: '/#/p/1/tickets/new', viewport: VIEWPORT }, async (page) => {
    await h.typeInto(page, 'Subject', 'How do I reset my password');
    // The matching article is suggested before submitting; opening it shows its quick answer.
    await h.waitForItem(page, { label: 'These articles may answer your question', window: 'Page' });
    await h.click(page, undefined, { window: 'Page', contains: 'How do I reset my password?' });
    await h.waitForItem(page, { contains: 'Forgot password', window: 'Page' });
    await h.screenshot(page, 'knowledge-suggestion.png');
    await h.scrollTo(page, { label: 'This answered my question', window: 'Page' });
    await h.click(page, 'This answered my question', { window: 'Page' });
    // Back on the ticket list, the form left without a ticket.
    await h.waitFor('the ticket list', async () => (await page.evaluate(() => location.hash)).replace(/\?.*$/, '') === '#/p/1/tickets');
    await h.screenshot(page, 'knowledge-deflected.png');
  });
  // Recorded on the server: one more customer deflected, and no ticket was opened.
  const after = await h.waitFor('the deflection on the server', async () => {
    const s = await api('owner@acme.test', 'GET', '/api/v1/programs/1/knowledge/stats');
    return s.deflection.read_and_left === before.deflection.read_and_left + 1 ? s : null;
  });
  const ticketsAfter = (await api('customer@acme.test', 'GET', '/api/v1/programs/1/tickets?view=all&limit=200')).items.length;
  assert.equal(ticketsAfter, ticketsBefore, 'no ticket was submitted');
  // The business reads the rate on the hygiene page, as the server computes it.
  const shown = `${Math.round(after.deflection.rate_permille / 10)}%`;
  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/knowledge', viewport: VIEWPORT }, async (page) => {
    await h.click(page, 'Hygiene', { window: 'Page' });
    const line = await h.waitForItem(page, { contains: `Self-serve deflection ${shown} (${after.deflection.read_and_left} of`, window: 'Page' });
    assert.ok(line);
  });
});

test('the business writes an article from the hygiene page\'s repeated question and publishes it', TIMEOUT, async () => {
  const hygiene = await api('owner@acme.test', 'GET', '/api/v1/programs/1/knowledge/hygiene');
  const cluster = hygiene.unanswered.find((c) => c.subject.toLowerCase().includes('scheduled report'));
  assert.ok(cluster, 'the demo\'s repeated question is on the hygiene list');
  assert.ok(cluster.tickets.length >= 3);
  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/knowledge', viewport: VIEWPORT }, async (page) => {
    await h.click(page, 'Hygiene', { window: 'Page' });
    await h.waitForItem(page, { contains: cluster.subject, window: 'Page' });
    // The server's weekly review (the scheduler) is on the page as the API gives it.
    const weeks = await h.waitFor('the weekly review on the server', async () => {
      const w = (await api('owner@acme.test', 'GET', '/api/v1/programs/1/knowledge/hygiene')).weeks;
      return w.length > 0 ? w : null;
    });
    const c = weeks[weeks.length - 1].counts;
    const total = c.unanswered + c.not_reviewed + c.missed_searches + c.duplicates + c.untagged;
    await h.waitForItem(page, { contains: `: ${total} findings then`, window: 'Page' });
    await h.screenshot(page, 'knowledge-hygiene.png');
    await h.click(page, 'Write an article from these tickets', { window: 'Page' });
    // The editor opens pre-filled from the tickets: their question, and the answer given by hand.
    await h.waitForItem(page, { label: 'New article', window: 'Page' });
    const question = await h.fieldValue(page, 'Question', { window: 'Page' });
    assert.equal(question.toLowerCase(), `${cluster.subject.toLowerCase()}?`);
    const quick = await h.fieldValue(page, 'Quick answer', { window: 'Page' });
    assert.ok(quick.includes('Last 7 days'), 'the quick answer starts from the reply the tickets got');
    await h.replaceText(page, 'Question', 'Why is my scheduled report email empty?', { window: 'Page' });
    await h.scrollTo(page, { label: 'Product area', kind: 'input', window: 'Page' });
    await h.typeInto(page, 'Product area', 'Reports', { window: 'Page' });
    await h.scrollTo(page, { label: 'Save draft', window: 'Page' });
    await h.click(page, 'Save draft', { window: 'Page' });
    const saved = await h.waitFor('the draft on the server', async () => {
      const list = await api('owner@acme.test', 'GET', '/api/v1/programs/1/knowledge/articles?status=draft');
      return list.items.find((a) => a.question === 'Why is my scheduled report email empty?');
    });
    const article = await api('owner@acme.test', 'GET', `/api/v1/programs/1/knowledge/articles/${saved.id}`);
    assert.deepEqual([...article.from_tickets].sort(), [...cluster.tickets].sort(), 'the article is linked to the tickets');
    await h.scrollTo(page, { label: 'Publish', window: 'Page' }, { up: true });
    await h.click(page, 'Publish', { window: 'Page' });
    await h.waitFor('the article published', async () =>
      (await api('owner@acme.test', 'GET', `/api/v1/programs/1/knowledge/articles/${saved.id}`)).status === 'published');
    // The question is answered now: off the hygiene list, on the page and in the API.
    await h.scrollTo(page, { label: 'Hygiene', window: 'Page' }, { up: true });
    await h.click(page, 'Hygiene', { window: 'Page' });
    await h.waitForNoItem(page, { contains: cluster.subject, window: 'Page' });
    const again = await api('owner@acme.test', 'GET', '/api/v1/programs/1/knowledge/hygiene');
    assert.ok(!again.unanswered.some((c) => c.subject === cluster.subject));
    // And customers find it.
    const found = await api('customer@acme.test', 'GET', '/api/v1/programs/1/knowledge/search?q=scheduled%20report%20empty');
    assert.ok(found.items.some((a) => a.id === saved.id));
  });
});

test('an agent finds an article from the reply composer and sends its link', TIMEOUT, async () => {
  const open = await api('agent@acme.test', 'GET', '/api/v1/programs/1/tickets?view=open&limit=50');
  assert.ok(open.items.length > 0, 'Ava has an open ticket in the demo');
  // A ticket Ava may answer publicly (routing rules hold security tickets for the business).
  let id = 0;
  for (const t of open.items) {
    const whole = await api('agent@acme.test', 'GET', `/api/v1/programs/1/tickets/${t.id}`);
    if (t.category !== 'security' && !(whole.routing && whole.routing.held_for_business) && whole.taken_over_by === 0) {
      id = t.id;
      break;
    }
  }
  assert.ok(id, 'an open ticket Ava may answer');
  await suite.withApp({ signInAs: 'agent@acme.test', path: `/#/p/1/tickets/${id}`, viewport: VIEWPORT }, async (page) => {
    await h.scrollTo(page, { label: 'Search articles', kind: 'input', window: 'Page' });
    await h.typeInto(page, 'Search articles', 'export csv', { window: 'Page' });
    await h.waitForItem(page, { label: 'How do I export a report to CSV?', window: 'Page' });
    await h.scrollTo(page, { label: 'Insert link', window: 'Page' });
    await h.click(page, 'Insert link', { window: 'Page' });
    const reply = await h.waitFor('the link in the reply box', async () => {
      const v = await h.fieldValue(page, 'Reply text', { window: 'Page' });
      return v.includes('Help article #3: How do I export a report to CSV?') ? v : null;
    });
    assert.ok(reply);
    await h.screenshot(page, 'knowledge-composer.png');
    await h.scrollTo(page, { label: 'Send reply', window: 'Page' });
    await h.click(page, 'Send reply', { window: 'Page' });
    await h.waitFor('the reply with the link on the server', async () => {
      const t = await api('agent@acme.test', 'GET', `/api/v1/programs/1/tickets/${id}`);
      return t.messages.some((m) => m.text.includes('Help article #3: How do I export a report to CSV?'));
    });
  });
});

test('a customer whose question an article answers automatically says it solved the problem, and the ticket is resolved', TIMEOUT, async () => {
  const before = await api('owner@acme.test', 'GET', '/api/v1/programs/1/knowledge/stats');
  // The subject is a published public article's question word for word: answered automatically.
  const opened = await api('customer@acme.test', 'POST', '/api/v1/programs/1/commands',
    { command_id: `kb-auto-${Date.now()}`, type: 'OpenTicket', data: { subject: 'How do I connect Slack?', text: 'I want alerts in our channel.' } });
  const id = opened.events[0].data.ticket_id;
  const ticket = await api('customer@acme.test', 'GET', `/api/v1/programs/1/tickets/${id}`);
  assert.ok(ticket.messages.some((m) => m.automatic === 'article'), 'the ticket has an automatic answer');
  assert.equal(ticket.status, 'new', 'it stays open for a human');
  await suite.withApp({ signInAs: 'customer@acme.test', path: `/#/p/1/tickets/${id}`, viewport: VIEWPORT }, async (page) => {
    await h.waitForItem(page, { contains: 'Did the automatic answer solve your problem?', window: 'Page' });
    await h.seek(page, { contains: 'Settings > Integrations > Slack', window: 'Page' });
    await h.scrollTo(page, { label: 'This solved my problem', window: 'Page' }, { up: true });
    await h.screenshot(page, 'knowledge-automatic-answer.png');
    await h.click(page, 'This solved my problem', { window: 'Page' });
    await h.waitFor('the ticket resolved on the server', async () =>
      (await api('customer@acme.test', 'GET', `/api/v1/programs/1/tickets/${id}`)).status === 'resolved');
    await h.waitForNoItem(page, { label: 'This solved my problem', window: 'Page' });
    await h.waitFor('the confirmation in the thread', async () =>
      (await h.items(page)).some((i) => (i.text || '').includes('The customer confirmed that the automatic answer solved the problem.')));
  });
  const after = await api('owner@acme.test', 'GET', '/api/v1/programs/1/knowledge/stats');
  assert.equal(after.automation.solved_automatically, before.automation.solved_automatically + 1);
});
