"""The mail server of cases 7 and 8 (bench/mail.py): accepts every message at once and counts it.

Runs as a process of its own, so its CPU is not the bench's:
`python mail_sink.py PORT OUT [--keep N] [--confirm BASE --clients N]`. It records when each
message was accepted and to whom. With `--keep`, it keeps the first N messages whole (ceiling M
sends them again). With `--confirm`, a second process reads the confirmation link in each
message's text, and a pool of clients there opens it on BASE and presses the button as a signer
would: GET the page, POST its form with the page's CSRF token, each client keeping its own
cookies and each signer coming from an address of its own through the trusted proxy. (In the
server's own process, the clients' threads held the GIL so long that the server's answers, and so
the outbox workers, waited on them.) Prints `ready` once it listens; on SIGTERM it writes what it
recorded to OUT as JSON and exits.
"""
import argparse
import base64
import email
import email.policy
import http.client
import json
import multiprocessing
import queue
import random
import re
import signal
import threading
import time
import urllib.parse

from aiosmtpd.controller import Controller

CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/confirm/[^\s<>\"]+)")
CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def confirm_path(content):
    """The path of the confirmation link in a message's text part, or None."""
    message = email.message_from_bytes(content, policy=email.policy.default)
    body = message.get_body(("plain",))
    match = CONFIRM_LINK.search(body.get_content()) if body is not None else None
    return match.group(1) if match else None


class Sink:
    """aiosmtpd's handler: every message is accepted as soon as its data is in."""

    def __init__(self, keep, contents):
        self.accepted, self.kept, self.keep, self.contents = [], [], keep, contents

    async def handle_DATA(self, server, session, envelope):
        now = time.time()
        self.accepted.extend((now, recipient) for recipient in envelope.rcpt_tos)
        if len(self.kept) < self.keep:
            self.kept.append([envelope.mail_from, envelope.rcpt_tos, base64.b64encode(envelope.content).decode()])
        if self.contents is not None:
            self.contents.put(envelope.content)
        return "250 OK"


class Signer:
    """One mail client: opens confirmation links and presses the button, over one HTTP connection."""

    def __init__(self, base):
        parts = urllib.parse.urlsplit(base)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        self.cookies = {}

    def request(self, method, path, address, body=None):
        headers = {"X-Forwarded-For": address}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, value = header.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value
        return response.status, text

    def confirm(self, path):
        """GET the page and POST its form; returns the POST's status (0 if it could not be sent)."""
        address = f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
        try:
            status, page = self.request("GET", path, address)
            token = CSRF_FIELD.search(page)
            if status != 200 or not token:
                return status
            status, _ = self.request("POST", path, address, urllib.parse.urlencode({"csrf_token": token.group(1)}))
            return status
        except (OSError, http.client.HTTPException):
            self.connection.close()
            return 0


def confirm_links(base, links, results):
    signer = Signer(base)
    while (path := links.get()) is not None:
        results.append((time.time(), signer.confirm(path)))


def confirmer(base, clients, contents, results):
    """The second process: the link of each message given, opened by the first free client.
    At the None that ends the run, puts (time and status of each confirmation, links left)."""
    links, confirmed = queue.Queue(), []
    threads = [threading.Thread(target=confirm_links, args=(base, links, confirmed)) for _ in range(clients)]
    for thread in threads:
        thread.start()
    while (content := contents.get()) is not None:
        path = confirm_path(content)
        if path:
            links.put(path)
    left = 0
    while not links.empty():  # links no client took: the run is over
        links.get_nowait()
        left += 1
    for _ in threads:
        links.put(None)
    for thread in threads:
        thread.join(timeout=30)
    results.put((list(confirmed), left))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("port", type=int)
    parser.add_argument("out")
    parser.add_argument("--keep", type=int, default=0)
    parser.add_argument("--confirm", help="the site's base URL: confirm through the link in each message")
    parser.add_argument("--clients", type=int, default=32)
    args = parser.parse_args()

    contents = results = None
    if args.confirm:
        context = multiprocessing.get_context("fork")
        contents, results = context.Queue(), context.Queue()
        context.Process(target=confirmer, args=(args.confirm, args.clients, contents, results), daemon=True).start()
    sink = Sink(args.keep, contents)
    controller = Controller(sink, hostname="127.0.0.1", port=args.port)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print("ready", flush=True)
    while not stop.wait(0.2):
        pass
    controller.stop()
    confirmed, left = [], 0
    if contents is not None:
        contents.put(None)
        confirmed, left = results.get(timeout=120)
    with open(args.out, "w") as file:
        json.dump({"accepted": sink.accepted, "kept": sink.kept, "confirmed": list(confirmed),
                   "links_left": left}, file)


if __name__ == "__main__":
    main()
