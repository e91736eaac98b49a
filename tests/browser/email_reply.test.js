// Replies by email: a customer answers the ticket mail from their mail program. The server
// hands the agent's reply to a real SMTP server (tests/mail/smtp_sink.py) with the ticket's
// Reply-To; the test writes the customer's answer to that address into a real IMAP mailbox
// (Dovecot, tests/mail/dovecot.py), and the answer appears in the ticket's thread in the
// customer's browser without the quoted history. An answer from another address is held: the
// business sees it on the support settings page and discards it.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');
const { startSmtpSink } = require('./lib/smtp_sink');
const { startImapServer } = require('./lib/imap_server');

const TIMEOUT = { timeout: 120000 };
const VIEWPORT = { width: 1360, height: 1100 };

let sink = null;
let imap = null;
const serverOptions = { args: [] };
const suite = h.appSuite({
  server: serverOptions,
  beforeServer: async () => {
    sink = await startSmtpSink();
    imap = await startImapServer();
    serverOptions.args.push('--smtp-url', sink.url, '--smtp-plain', '--mail-from', 'desk@partnerdesk.test',
                            '--public-url', 'https://desk.example.test', '--reply-address', 'support@desk.example.test', ...imap.flags);
  },
  onAfter: async () => {
    if (sink) await sink.stop();
    if (imap) await imap.stop();
  },
});

// A ticket of Jordan's (the demo customer) with a reply of Ava's (the agent); the Reply-To of
// the mail that reply sent Jordan.
async function ticketWithReply(subject) {
  const jordan = await h.apiSignIn(suite.server.url, 'customer@acme.test');
  const ava = await h.apiSignIn(suite.server.url, 'agent@acme.test');
  const opened = await h.apiCommand(suite.server.url, jordan, 1, 'OpenTicket', { subject, text: 'The export stops at 80 percent.', category: 'how-to' });
  assert.equal(opened.status, 200);
  const id = opened.body.events[0].data.ticket_id;
  const replied = await h.apiCommand(suite.server.url, ava, 1, 'ReplyToTicket', { ticket_id: id, text: 'Please try the new export button.' });
  assert.equal(replied.status, 200);
  const mail = await sink.waitForMessage((m) => m.to === 'customer@acme.test' && m.header('Reply-To').includes(`+t1-${id}.`));
  const address = mail.header('Reply-To').replace(/^.*</, '').replace(/>.*$/, '');
  return { id, address };
}

// An Apple Mail shaped answer: plain text, the attribution line and the quote below.
function appleMailReply({ from, to, messageId, words }) {
  return [`From: Jordan Lee <${from}>`, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable',
          'Mime-Version: 1.0 (Mac OS X Mail 16.0)', 'Subject: Re: Your ticket', `Message-Id: <${messageId}>`, `To: ${to}`, '',
          words, '', `> On 6 Dec 2026, at 18:55, Partnerdesk <${to}> wrote:`, '>', '> Please try the new export button.', ''].join('\r\n');
}

test('a customer answers the ticket mail by email and the answer appears in the ticket in the browser', TIMEOUT, async () => {
  const { id, address } = await ticketWithReply('Export stops at 80 percent (by email)');
  assert.match(address, new RegExp(`^support\\+t1-${id}\\.[0-9a-f]{16}@desk\\.example\\.test$`));
  const words = 'Thanks, the new button works. Can I schedule the export weekly?';
  await suite.withApp({ signInAs: 'customer@acme.test', path: `/#/p/1/tickets/${id}`, viewport: VIEWPORT }, async (page) => {
    await h.waitForItem(page, { contains: 'Please try the new export button.', window: 'Page' });
    imap.deliver(appleMailReply({ from: 'customer@acme.test', to: address, messageId: `reply-${id}@mac.test`, words }));
    await h.seek(page, { contains: words });
    await h.waitForItem(page, { contains: words, window: 'Page' });
    await h.screenshot(page, 'email-reply-in-thread.png');
    const ticket = await h.apiRead(page, `/api/v1/programs/1/tickets/${id}`);
    const last = ticket.messages[ticket.messages.length - 1];
    assert.equal(last.text, words, 'the quoted history is cut off');
    assert.equal(last.author_role, 'customer');
  });
});

test('an answer from another address is held; the business sees it on the support settings page and discards it', TIMEOUT, async () => {
  const { id, address } = await ticketWithReply('Invoices missing (by email)');
  const words = 'I am not the customer but please send me the invoices.';
  imap.deliver(appleMailReply({ from: 'someone@elsewhere.test', to: address, messageId: `held-${id}@elsewhere.test`, words }));
  const owner = await h.apiSignIn(suite.server.url, 'owner@acme.test');
  const held = await h.waitFor('the held mail', async () => (await apiList(owner)).find((m) => m.ticket_id === id), { timeout: 30000 });
  assert.match(held.reason, /someone@elsewhere\.test/);
  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/settings/support', viewport: VIEWPORT }, async (page) => {
    await h.waitForItem(page, { label: 'SLA tiers', window: 'Page' });
    // The held mail is at the end of a tall page: scroll down with room for a busy machine.
    await h.scrollTo(page, { label: `Discard##held-${held.id}`, window: 'Page' }, { timeout: 40000 });
    await h.waitForItem(page, { contains: words, window: 'Page' });
    await h.waitForItem(page, { contains: 'someone@elsewhere.test', window: 'Page' });
    await h.screenshot(page, 'email-reply-held.png');
    await h.click(page, `Discard##held-${held.id}`, { window: 'Page' });
    await h.waitForNoItem(page, { contains: words, window: 'Page' });
    assert.equal((await h.apiRead(page, '/api/v1/programs/1/held-mail')).held_mail.some((m) => m.id === held.id), false);
  });
  // Nothing was added to the ticket.
  const ticket = await (await h.request(`${suite.server.url}/api/v1/programs/1/tickets/${id}`, { headers: { cookie: owner } })).json();
  assert.equal(ticket.messages.some((m) => m.text.includes(words)), false);
});

async function apiList(cookie) {
  const r = await h.request(`${suite.server.url}/api/v1/programs/1/held-mail`, { headers: { cookie } });
  assert.equal(r.status, 200);
  return (await r.json()).held_mail;
}
