// A real SMTP server for browser tests: tests/mail/smtp_sink.py (aiosmtpd, Debian
// python3-aiosmtpd) on a free loopback port, writing each message it receives to a folder.
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const script = path.resolve(__dirname, '..', '..', 'mail', 'smtp_sink.py');
// Debian's python3, where python3-aiosmtpd is installed (another python3 may come first on PATH).
const python = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

// Resolves to { port, url, dir, messages(), waitForMessage(pred), stop() } once the sink printed
// its ready line.
async function startSmtpSink({ timeoutMs = 20000 } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-smtp-sink-'));
  const child = spawn(python, [script, '--port', '0', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const port = await new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`SMTP sink did not start\n${stderr}`)); }, timeoutMs);
    child.stdout.on('data', (d) => {
      stdout += d;
      const m = stdout.match(/smtp sink ready on port (\d+)/);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`SMTP sink exited (${code})\n${stderr}`)); });
  });
  child.removeAllListeners('exit');

  // Every message so far, oldest first: { raw, to, header(name), text } (text: quoted-printable undone).
  function messages() {
    return fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).sort().map((f) => {
      const raw = fs.readFileSync(path.join(dir, f), 'latin1');
      const header = (name) => {
        const m = raw.match(new RegExp(`^${name}: (.*)$`, 'mi'));
        return m ? m[1].replace(/\r$/, '') : '';
      };
      const text = Buffer.from(raw.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))),
                               'latin1').toString('utf8');
      return { raw, to: header('X-Sink-Rcpt-To'), header, text };
    });
  }

  async function waitForMessage(pred, { timeout = 20000 } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      const found = messages().find(pred);
      if (found) return found;
      if (Date.now() > end) throw new Error(`timed out waiting for a mail in ${dir} (received: ${messages().map((m) => m.to).join(", ") || "none"})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }

  return { port, url: `smtp://127.0.0.1:${port}`, dir, messages, waitForMessage, stop };
}

// The flags that send a server's mail to the sink (links in mail lead to https://desk.example.test).
function relayArgs(sink) {
  return ['--smtp-url', sink.url, '--smtp-plain', '--mail-from', 'desk@partnerdesk.test', '--public-url', 'https://desk.example.test'];
}

// Joins with an invitation as an invited person does, through the API: the invitation creates
// the account (403 email_unverified: the confirmation link was mailed), and the link read from
// the sink confirms the address and accepts. Resolves to the confirmation's answer.
async function joinThroughMail(baseUrl, sink, { token, email, name, password }) {
  const headers = { 'X-Requested-With': 'partnerdesk', 'Content-Type': 'application/json' };
  const created = await fetch(baseUrl + '/api/v1/invitations/accept', {
    method: 'POST', headers, body: JSON.stringify({ token, name, password }) });
  const refusal = await created.json();
  if (created.status !== 403 || refusal.error.code !== 'email_unverified')
    throw new Error(`joining as ${email}: ${created.status} ${JSON.stringify(refusal)}`);
  const mail = await sink.waitForMessage((m) => m.to === email && m.header('Subject') === 'Confirm your email for Partnerdesk');
  const link = mail.text.match(/#\/verify\/([0-9a-f]{64})/);
  const verified = await fetch(baseUrl + '/api/v1/account/email-verification', {
    method: 'POST', headers, body: JSON.stringify({ token: link[1] }) });
  const answer = await verified.json();
  if (verified.status !== 200 || !answer.joined) throw new Error(`confirming ${email}: ${verified.status} ${JSON.stringify(answer)}`);
  return answer;
}

// A suite (the harness's appSuite) whose server sends its mail to a sink of its own, started
// before the server and stopped after it: `suite.sink` once the suite's `before` has run.
// extraArgs: more flags for the server.
function mailSuite(h, extraArgs = []) {
  const serverOptions = { args: [] };
  const mail = { sink: null }; // the hook may run before appSuite returns
  const suite = h.appSuite({
    server: serverOptions,
    beforeServer: async () => {
      mail.sink = await startSmtpSink();
      serverOptions.args.push(...relayArgs(mail.sink), ...extraArgs);
    },
    onAfter: () => mail.sink && mail.sink.stop(),
  });
  Object.defineProperty(suite, 'sink', { get: () => mail.sink });
  return suite;
}

module.exports = { startSmtpSink, relayArgs, joinThroughMail, mailSuite };
