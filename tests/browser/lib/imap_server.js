// A real IMAP server for browser tests: Dovecot (Debian dovecot-imapd) started by
// tests/mail/dovecot.py with a throw-away configuration on a free loopback port and one account
// (support / support-password). deliver(raw) puts a message into its Maildir as a local
// delivery agent does (written to tmp/, renamed into new/).
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const script = path.resolve(__dirname, '..', '..', 'mail', 'dovecot.py');
const python = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

// Resolves to { port, url, flags, deliver(raw), unseen(), stop() } once Dovecot answers.
async function startImapServer({ timeoutMs = 20000 } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-imap-'));
  fs.chmodSync(dir, 0o755); // run as root, Dovecot serves the mailbox as nobody
  const child = spawn(python, [script, '--port', '0', '--dir', path.join(dir, 'dovecot')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const { port, maildir } = await new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => { child.kill('SIGTERM'); reject(new Error(`Dovecot did not start\n${stderr}`)); }, timeoutMs);
    child.stdout.on('data', (d) => {
      stdout += d;
      const m = stdout.match(/imap server ready on port (\d+) maildir (\S+)/);
      if (m) { clearTimeout(timer); resolve({ port: Number(m[1]), maildir: m[2] }); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`Dovecot exited (${code})\n${stderr}`)); });
  });
  child.removeAllListeners('exit');

  let delivered = 0;
  function deliver(raw) {
    const name = `${Math.floor(Date.now() / 1000)}.pd${process.pid}_${++delivered}.test`;
    const tmp = path.join(maildir, 'tmp', name);
    fs.writeFileSync(tmp, raw, { mode: 0o644 });
    fs.renameSync(tmp, path.join(maildir, 'new', name));
  }

  // Messages no client has marked \Seen yet.
  function unseen() {
    const fresh = fs.readdirSync(path.join(maildir, 'new')).length;
    const cur = fs.readdirSync(path.join(maildir, 'cur')).filter((f) => !/:2,[A-Z]*S/.test(f)).length;
    return fresh + cur;
  }

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const url = `imap://127.0.0.1:${port}/INBOX`;
  const flags = ['--imap-url', url, '--imap-user', 'support', '--imap-password', 'support-password', '--imap-plain', '--imap-poll-seconds', '1'];
  return { port, url, flags, deliver, unseen, stop };
}

module.exports = { startImapServer };
