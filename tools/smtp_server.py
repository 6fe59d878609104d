#!/usr/bin/env python3
"""A real SMTP server on localhost for styr's tests (aiosmtpd; Debian: python3-aiosmtpd).

Usage: smtp_server.py DIR [--refuse ADDR]... [--drop ADDR]...

Listens on 127.0.0.1 on a free port and prints the port as the first line of stdout. Every
message accepted is saved as DIR/NNN.eml (the bytes as received) and DIR/NNN.rcpt (the envelope
recipients, one a line). A recipient given with --refuse is refused at RCPT TO with 550; a
message to a recipient given with --drop has its connection cut at DATA, with no reply. The
server stops when its stdin closes.
"""

import argparse
import os
import socket
import sys

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, folder, refuse, drop):
        self.folder = folder
        self.refuse = {a.lower() for a in refuse}
        self.drop = {a.lower() for a in drop}
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if any(a.lower() in self.drop for a in envelope.rcpt_tos):
            server.transport.abort()
            return "421 4.4.2 connection dropped"
        self.count += 1
        base = os.path.join(self.folder, "%03d" % self.count)
        with open(base + ".rcpt.tmp", "w", encoding="utf-8") as f:
            f.write("\n".join(envelope.rcpt_tos) + "\n")
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.replace(base + ".eml.tmp", base + ".eml")
        os.replace(base + ".rcpt.tmp", base + ".rcpt")
        return "250 2.0.0 Ok: queued as %03d" % self.count


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dir")
    p.add_argument("--refuse", action="append", default=[])
    p.add_argument("--drop", action="append", default=[])
    a = p.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    c = Controller(Handler(a.dir, a.refuse, a.drop), hostname="127.0.0.1", port=port)
    c.start()
    print(port, flush=True)
    try:
        sys.stdin.read()
    finally:
        c.stop()


if __name__ == "__main__":
    main()
