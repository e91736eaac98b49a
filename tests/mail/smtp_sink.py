#!/usr/bin/env python3
"""A throw-away SMTP server for the tests (aiosmtpd, Debian python3-aiosmtpd).

    python3 tests/mail/smtp_sink.py --port N --dir D

Listens on 127.0.0.1:N (0: a free port), accepts every message and writes each, as received
(with the envelope in X-Sink-* headers in front), to D/<n>.eml: written as D/.<n>.tmp, then
renamed, so a reader never sees half a message. Prints "smtp sink ready on port P" when it
accepts connections, and runs until SIGTERM or SIGINT.
"""
import argparse
import itertools
import os
import signal
import sys

try:
    from aiosmtpd.controller import Controller
except ImportError:  # a python3 other than Debian's first on PATH: use the Debian package's folder
    sys.path.append("/usr/lib/python3/dist-packages")
    from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        n = next(self.count)
        tmp = os.path.join(self.folder, ".%06d.tmp" % n)
        final = os.path.join(self.folder, "%06d.eml" % n)
        head = "X-Sink-Mail-From: %s\r\nX-Sink-Rcpt-To: %s\r\n" % (envelope.mail_from, ", ".join(envelope.rcpt_tos))
        with open(tmp, "wb") as f:
            f.write(head.encode())
            f.write(envelope.original_content or envelope.content)
            f.flush()
            os.fsync(f.fileno())
        os.rename(tmp, final)
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    port = args.port
    if port == 0:  # aiosmtpd's Controller needs a number: take a free one from the kernel
        import socket
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
    controller = Controller(Sink(args.dir), hostname="127.0.0.1", port=port)
    controller.start()  # returns once the server accepts connections
    print("smtp sink ready on port %d" % controller.port, flush=True)
    def on_term(*_):
        raise KeyboardInterrupt()

    signal.signal(signal.SIGTERM, on_term)
    try:
        signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
