#!/usr/bin/env python3
"""A throw-away IMAP server for the tests: Dovecot (Debian dovecot-imapd) with its own configuration.

    python3 tests/mail/dovecot.py --port N --dir D [--user U --password P]

Writes a configuration under D (no TLS, plaintext login allowed, a passwd-file with the one
account U/P, default support/support-password), creates the account's Maildir at D/Maildir
(tmp/, new/, cur/) and runs `dovecot -F -c D/dovecot.conf` listening on 127.0.0.1:N (0: a free
port). Prints "imap server ready on port P maildir M" once it accepts connections, and runs
until SIGTERM or SIGINT, then stops Dovecot.

Mail is delivered by writing a file into M/tmp and renaming it into M/new (what a local
delivery agent does). Run as root, Dovecot serves the mailbox as the user nobody (it refuses
mail access as uid 0), so the Maildir belongs to nobody and delivered files must be readable.
"""
import argparse
import grp
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--user", default="support")
    parser.add_argument("--password", default="support-password")
    args = parser.parse_args()
    binary = shutil.which("dovecot") or "/usr/sbin/dovecot"
    if not os.path.exists(binary):
        print("dovecot not found (install Debian dovecot-imapd)", file=sys.stderr)
        return 1
    d = os.path.abspath(args.dir)
    port = args.port or free_port()
    me = pwd.getpwuid(os.getuid())
    if os.getuid() == 0:
        mail_user = pwd.getpwnam("nobody")
        login_user = "dovenull"
        internal_user = "dovecot"
        internal_group = "dovecot"
    else:  # everything as this user: its sockets in its group
        mail_user = me
        login_user = internal_user = me.pw_name
        internal_group = grp.getgrgid(me.pw_gid).gr_name
    for sub in ("run", "state", "home", "Maildir/tmp", "Maildir/new", "Maildir/cur"):
        os.makedirs(os.path.join(d, sub), exist_ok=True)
    maildir = os.path.join(d, "Maildir")
    for root, dirs, _ in os.walk(os.path.join(d, "Maildir")):
        os.chown(root, mail_user.pw_uid, mail_user.pw_gid)
    os.chown(os.path.join(d, "home"), mail_user.pw_uid, mail_user.pw_gid)
    os.chmod(maildir, 0o777)
    for sub in ("tmp", "new", "cur"):
        os.chmod(os.path.join(maildir, sub), 0o777)  # the tests deliver into it as themselves
    with open(os.path.join(d, "passwd"), "w") as f:
        f.write("%s:{PLAIN}%s::::::\n" % (args.user, args.password))
    conf = os.path.join(d, "dovecot.conf")
    with open(conf, "w") as f:
        f.write(f"""
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
info_log_path = {d}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = {login_user}
default_internal_user = {internal_user}
default_internal_group = {internal_group}
first_valid_uid = 1
mail_location = maildir:{maildir}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/passwd
}}
userdb {{
  driver = static
  args = uid={mail_user.pw_uid} gid={mail_user.pw_gid} home={d}/home
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0666
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
""")
    os.chmod(d, 0o755)
    proc = subprocess.Popen([binary, "-F", "-c", conf])

    def on_term(*_):
        raise KeyboardInterrupt()

    signal.signal(signal.SIGTERM, on_term)
    try:
        deadline = time.monotonic() + 20
        while True:
            if proc.poll() is not None:
                print("dovecot exited with %d; see %s/dovecot.log" % (proc.returncode, d), file=sys.stderr)
                return 1
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                    if s.recv(64).startswith(b"* OK"):
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                print("dovecot did not answer on port %d" % port, file=sys.stderr)
                return 1
            time.sleep(0.05)
        print("imap server ready on port %d maildir %s" % (port, maildir), flush=True)
        signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
