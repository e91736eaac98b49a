// Retention periods (docs/requirements.md, Customer data rights): the customer reads on its old
// closed ticket that the file it sent was removed under the demo's periods (text kept two years,
// attachments 90 days); the owner reads the periods on the Support settings page, shortens the
// text's to 30 days, is warned what saving erases at once, saves, and the old tickets' text is
// erased: the customer's ticket then says so. Its own server: the demo's old tickets lose their text.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const suite = h.appSuite();
const TIMEOUT = { timeout: 150000 };

const snapshotOf = (email) => h.apiAs(suite.server.url, email, '/api/v1/programs/1/snapshot');

test('a closed ticket loses its file, then its text, under the periods the owner sets; the customer is told', TIMEOUT, async () => {
  const ticket = (await snapshotOf('olga@ferncrest.test')).tickets.find((x) => x.subject === 'Contacts import rejects our file');
  assert.ok(ticket, 'the demo has Olga\'s old import ticket');
  assert.ok(ticket.attachments_expired_at > 0, 'the demo\'s 90 days removed its file');
  assert.equal(ticket.messages[0].attachments[0].sha256, '');

  await suite.withApp({ signInAs: 'olga@ferncrest.test', path: `/#/p/1/tickets/${ticket.id}` }, async (page) => {
    await h.seek(page, { contains: 'This ticket\'s attachments were removed on ' });
    await h.seek(page, { contains: 'Attachment: clinic-contacts.csv (' });
    await h.seek(page, { contains: ', removed' });
    // A closed ticket takes no reply: the page says so instead of offering a reply box.
    await h.seek(page, { contains: 'This ticket is closed. To continue, open a new ticket.' });
    assert.equal(await h.findItem(page, { label: 'Send reply', window: 'Page' }), null);
    await h.screenshot(page, 'retention-ticket-files.png');
  });

  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/settings/support' }, async (page) => {
    // The last card of a long page.
    await h.scrollTo(page, { label: 'Save periods', window: 'Page' }, { timeout: 60000 });
    await h.seek(page, { contains: 'Set by Maya Chen on ' });
    const field = await h.seek(page, { label: 'Retention closed ticket days', kind: 'input' });
    assert.equal(field.value, '730');
    await h.replaceText(page, 'Retention closed ticket days', '30');
    // The scheduler's own rule on the typed period: the demo's tickets closed over a month ago.
    await h.seek(page, { contains: 'Saving erases the text of ' });
    await h.screenshot(page, 'retention-settings.png');
    await h.click(page, 'Save periods', { window: 'Page' });
    await h.waitForItem(page, { label: 'Retention periods saved.' });
    // The scheduler's pass after the change: the card counts what it erased.
    await h.waitForItem(page, { contains: 'closed tickets\' text was erased so far', window: 'Page' }, { timeout: 30000 });
  });

  const after = await snapshotOf('olga@ferncrest.test');
  const erased = after.tickets.find((x) => x.id === ticket.id);
  assert.ok(erased.text_expired_at > 0);
  assert.equal(erased.subject, '(erased)');
  assert.ok(!JSON.stringify(after).includes('country code'), 'the team\'s answer went with the text');

  await suite.withApp({ signInAs: 'olga@ferncrest.test', path: `/#/p/1/tickets/${ticket.id}` }, async (page) => {
    await h.seek(page, { contains: 'This ticket\'s text was erased on ' });
    await h.screenshot(page, 'retention-ticket-erased.png');
  });
});
