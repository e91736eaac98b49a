// Customer data rights (docs/requirements.md, Customer data rights): a customer downloads a copy
// of its data from its profile, and the ZIP the browser saves holds what the manifest says (read
// with Python's zipfile, as the customer's own tools would), its tickets' public messages and
// not the team's internal notes; the owner exports a customer's data from the customer's page,
// and staff is not offered it. (The step-up before an export is in two_factor.test.js.)
// One server and one browser for the file; each test its own ticket.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const h = require('./lib/harness');

const suite = h.appSuite();
const TIMEOUT = { timeout: 150000 };
const seek = h.seek;

async function as(email) {
  const cookie = await h.apiSignIn(suite.server.url, email);
  return { command: (type, data) => h.apiCommand(suite.server.url, cookie, 1, type, data) };
}

// Clicks the button and returns the saved file's path and suggested name.
async function downloadBy(page, label) {
  const saved = page.waitForEvent('download', { timeout: 30000 });
  await h.click(page, label, { window: 'Page' });
  const download = await saved;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pd-export-')), download.suggestedFilename());
  await download.saveAs(file);
  return { file, name: download.suggestedFilename() };
}

// The archive as zipfile reads it: the manifest checked against every entry, and customer.json.
function readArchive(file) {
  const program = `
import hashlib, json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
m = json.loads(z.read("manifest.json"))
bad = [e["path"] for e in m["entries"] if hashlib.sha256(z.read(e["path"])).hexdigest() != e["sha256"]]
unlisted = sorted(set(z.namelist()) - set(e["path"] for e in m["entries"]) - {"manifest.json"})
files = {n: z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.startswith("files/")}
print(json.dumps({"manifest": m, "bad": bad, "unlisted": unlisted, "files": files, "customer": json.loads(z.read("customer.json"))}))
`;
  return JSON.parse(execFileSync('python3', ['-c', program, file]).toString());
}

test('a customer downloads its own data from its profile: the ZIP holds its tickets, not the team\'s notes', TIMEOUT, async () => {
  const jordan = await as('customer@acme.test');
  const ava = await as('agent@acme.test');
  const subject = 'Where did my March invoices go?';
  const opened = await jordan.command('OpenTicket', { subject, text: 'The March invoices vanished from the billing page.' });
  assert.equal(opened.status, 200, JSON.stringify(opened.body));
  const id = opened.body.events[0].data.ticket_id;
  assert.equal((await ava.command('ReplyToTicket', { ticket_id: id, text: 'They moved to Billing > History, all there.' })).status, 200);
  assert.equal((await ava.command('ReplyToTicket', { ticket_id: id, text: 'Note: billing migration bug, see the runbook.', internal: true })).status, 200);

  await suite.withApp({ signInAs: 'customer@acme.test', path: '/#/p/1/profile' }, async (page) => {
    await h.scrollTo(page, { label: 'Your data', window: 'Page' });
    const { file, name } = await downloadBy(page, 'Download my data');
    assert.match(name, /^partnerdesk-customer-1-\d{4}-\d{2}-\d{2}\.zip$/);
    await seek(page, { contains: `Saved ${name}:` });
    await h.screenshot(page, 'data-export-customer.png');

    const zip = readArchive(file);
    assert.deepEqual(zip.bad, [], 'every entry matches its SHA-256');
    assert.deepEqual(zip.unlisted, [], 'every entry is in the manifest');
    assert.equal(zip.manifest.format, 'partnerdesk-customer-export/1');
    assert.equal(zip.customer.profile.email, 'customer@acme.test');
    const ticket = zip.customer.tickets.find((t) => t.id === id);
    assert.ok(ticket, 'the new ticket is in the export');
    const texts = ticket.messages.map((m) => m.text);
    assert.ok(texts.includes('They moved to Billing > History, all there.'));
    assert.ok(!JSON.stringify(zip.customer).includes('billing migration bug'), 'no internal note');
    assert.equal(zip.manifest.counts.tickets, zip.customer.tickets.length);
    // The file Jordan attached to a ticket (the demo's load times), byte for byte under files/.
    const csv = Object.keys(zip.files).find((n) => n.endsWith('-dashboard-load-times.csv'));
    assert.ok(csv, `the attachment is in the archive: ${Object.keys(zip.files)}`);
    assert.match(zip.files[csv], /^chart,range,seconds\nRevenue by month,30 days,19\.8\n/);
  });
});

test('the owner exports a customer\'s data from the customer\'s page; staff is not offered it', TIMEOUT, async () => {
  await suite.withApp({ signInAs: 'owner@acme.test', path: '/#/p/1/customers/1' }, async (page) => {
    await h.scrollTo(page, { label: 'Customer data', window: 'Page' });
    const { file } = await downloadBy(page, 'Export data (ZIP)');
    await seek(page, { contains: 'Saved partnerdesk-customer-1-' });
    await h.screenshot(page, 'data-export-owner.png');
    const zip = readArchive(file);
    assert.equal(zip.customer.customer_id, 1);
    assert.ok(zip.customer.tickets.length >= 1);
  });
  await suite.withApp({ signInAs: 'staff@acme.test', path: '/#/p/1/customers/1' }, async (page) => {
    await seek(page, 'Support');
    assert.equal(await h.findItem(page, { label: 'Export data (ZIP)', window: 'Page' }), null);
  });
});
