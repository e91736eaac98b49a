// Ticket attachments as people use them: a customer attaches a PDF to a new ticket through the
// browser's file picker (a file over the program's limit is refused with the reason), the
// agent opens it from the thread, and answers with an image the customer sees.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const TIMEOUT = { timeout: 180000 };
const suite = h.appSuite();

// A one-page PDF and a 1x1 PNG, small and real enough for the server's type sniffing.
const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

// Clicks "Attach a file" and answers the file picker with `file`.
async function attach(page, file) {
  const chooser = page.waitForEvent('filechooser');
  await h.click(page, 'Attach a file', { window: 'Page' });
  await (await chooser).setFiles(file);
}

let ticketPath;

test('a customer attaches a PDF to a new ticket; a file over the limit is refused with the reason', TIMEOUT, async () => {
  await suite.withApp({ signInAs: 'customer@acme.test', path: '/#/p/1/tickets/new', viewport: { width: 1280, height: 1200 } }, async (page) => {
    await h.typeInto(page, 'Subject', 'Invoice shows the wrong company name');
    await h.typeInto(page, 'Description', 'The attached invoice says Lumen Dentistry instead of Lumen Dental.');
    // Over the program's 10 MB limit: refused before anything is sent.
    await attach(page, { name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([pdf, Buffer.alloc(11 * 1024 * 1024)]) });
    await h.waitForItem(page, { contains: 'Files may be at most 10 MB in this program.', window: 'Page' });
    await attach(page, { name: 'invoice-1042.pdf', mimeType: 'application/pdf', buffer: pdf });
    await h.waitForItem(page, { contains: 'Attached: invoice-1042.pdf', window: 'Page' });
    await h.screenshot(page, 'attachments-new-ticket.png');
    await h.click(page, 'Submit ticket', { window: 'Page' });
    ticketPath = await h.waitFor('the new ticket\'s page', async () => {
      const hash = await page.evaluate(() => window.location.hash.slice(1));
      return /^\/p\/1\/tickets\/\d+$/.test(hash) ? hash : null;
    });
    assert.match(ticketPath, /^\/p\/1\/tickets\/\d+$/);
    await h.waitForItem(page, { contains: 'Attachment: invoice-1042.pdf', window: 'Page' });
  });
  const cookie = await h.apiSignIn(suite.server.url, 'customer@acme.test');
  const ticket = (await h.apiJson(suite.server.url, cookie, 'GET', `/api/v1/programs/1/tickets/${ticketPath.split('/').pop()}`)).body;
  assert.equal(ticket.messages[0].attachments.length, 1, 'only the file within the limit was attached');
  assert.equal(ticket.messages[0].attachments[0].content_type, 'application/pdf');
});

test('the agent opens the attachment from the thread and answers with an image the customer sees', TIMEOUT, async () => {
  // A tall window: the reply box with its tools and the thread under it are all in view.
  await suite.withApp({ signInAs: 'agent@acme.test', path: '/#' + ticketPath, viewport: { width: 1280, height: 2000 } }, async (page, context) => {
    const link = await h.itemAtRest(page, 'the attachment link', () => h.findItem(page, { contains: 'Attachment: invoice-1042.pdf', window: 'Page' }));
    const opened = context.waitForEvent('page');
    await page.mouse.click(link.x + link.w / 2, link.y + link.h / 2);
    const tab = await opened;
    await tab.waitForLoadState('domcontentloaded').catch(() => {});
    assert.match(tab.url(), /\/api\/v1\/programs\/1\/files\/[0-9a-f]{64}$/);
    const file = await h.apiGet(page, new URL(tab.url()).pathname);
    assert.equal(file.status, 200, 'the agent of the customer may read the file');
    await tab.close();

    await h.typeInto(page, 'Reply text', 'Thanks Jordan! Here is where the company name is set.');
    await attach(page, { name: 'settings.png', mimeType: 'image/png', buffer: png });
    await h.waitForItem(page, { contains: 'Attached: settings.png', window: 'Page' });
    await h.click(page, 'Send reply', { window: 'Page' });
    await h.waitForItem(page, { contains: 'Attachment: settings.png', window: 'Page' });
    await h.screenshot(page, 'attachments-agent-reply.png');
  });
  await suite.withApp({ signInAs: 'customer@acme.test', path: '/#' + ticketPath, viewport: { width: 1280, height: 2000 } }, async (page) => {
    await h.waitForItem(page, { contains: 'Attachment: settings.png', window: 'Page' });
  });
  // Someone who may not see the ticket may not fetch its files.
  const priya = await h.apiSignIn(suite.server.url, 'priya@acme.test');
  const cookie = await h.apiSignIn(suite.server.url, 'customer@acme.test');
  const ticket = (await h.apiJson(suite.server.url, cookie, 'GET', `/api/v1/programs/1/tickets/${ticketPath.split('/').pop()}`)).body;
  const sha = ticket.messages[0].attachments[0].sha256;
  const denied = await h.apiJson(suite.server.url, priya, 'GET', `/api/v1/programs/1/files/${sha}`);
  assert.equal(denied.status, 404);
});
