"""Fixtures of the sending domain and returned mail: a DKIM key of the tests' own, and a mail
server that bounces (refuses some recipients at RCPT TO, and accepts others only to send back a
delivery status notification to the return path it saw in MAIL FROM)."""
from email.message import Message
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from campaign.base.mail import dkim
from tests.conftest import Mailbox, serve_smtp

DOMAIN, SELECTOR = "campaign.test", "mail2026"


def write_key(path, key, private_format=serialization.PrivateFormat.TraditionalOpenSSL):
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, private_format, serialization.NoEncryption()))
    return path


@pytest.fixture(scope="session")
def dkim_key_file(tmp_path_factory):
    """A 2048-bit RSA key in PKCS#1 PEM, as `openssl genrsa` writes it."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return write_key(tmp_path_factory.mktemp("dkim") / "dkim.pem", key)


@pytest.fixture
def dkim_signing(app, dkim_key_file, monkeypatch):
    """The app signs every message with the tests' key as d=campaign.test, s=mail2026."""
    monkeypatch.setitem(app.config, "DKIM_DOMAIN", DOMAIN)
    monkeypatch.setitem(app.config, "DKIM_SELECTOR", SELECTOR)
    monkeypatch.setitem(app.config, "DKIM_PRIVATE_KEY_FILE", str(dkim_key_file))
    monkeypatch.setitem(app.extensions, "dkim", dkim.load_key(app.config))
    return app.extensions["dkim"]


def dns_answering(name, text):
    """A DNS lookup for dkimpy that knows one TXT record: `text` at `name`."""

    def lookup(asked, timeout=5):
        return text.encode("ascii") if asked.decode("ascii").rstrip(".") == name else None

    return lookup


BOUNCE_ADDRESS = "bounces@campaign.test"


class BouncingMailbox(Mailbox):
    """Mailbox with `bounce` (address -> DSN Status) and `forwards` (address -> the address its
    server reports as failed, as forwarding makes it); `returned` holds the DSNs it wrote."""

    def __init__(self):
        super().__init__()
        self.bounce, self.forwards, self.returned = {}, {}, []

    async def handle_DATA(self, server, session, envelope):
        reply = await super().handle_DATA(server, session, envelope)
        for recipient in envelope.rcpt_tos:
            if recipient in self.bounce:
                self.returned.append(dsn(envelope.mail_from, self.forwards.get(recipient, recipient),
                                         self.bounce[recipient], envelope.content))
        return reply


def dsn(to, recipient, status, original):
    """An RFC 3464 delivery status notification, as bytes, as Postfix writes one."""
    report = MIMEMultipart("report", report_type="delivery-status")
    report["From"] = "Mail Delivery System <MAILER-DAEMON@mx.example.net>"
    report["To"] = to
    report["Subject"] = "Undelivered Mail Returned to Sender" if status[0] == "5" else "Delayed Mail"
    report.attach(MIMEText(f"This is the mail system at host mx.example.net.\n\n<{recipient}>: {status}\n"))
    per_message, per_recipient = Message(), Message()
    per_message["Reporting-MTA"] = "dns; mx.example.net"
    per_recipient["Final-Recipient"] = f"rfc822; {recipient}"
    per_recipient["Action"] = "failed" if status[0] == "5" else "delayed"
    per_recipient["Status"] = status
    per_recipient["Diagnostic-Code"] = f"smtp; {'550' if status[0] == '5' else '452'} {status} mailbox trouble"
    status_part = MIMEBase("message", "delivery-status")
    status_part.set_payload([per_message, per_recipient])
    del status_part["MIME-Version"]
    report.attach(status_part)
    headers = original.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0].decode("utf-8", "replace")
    report.attach(MIMEText(headers, "rfc822-headers"))
    return report.as_bytes()


def arf(to, original):
    """An RFC 5965 abuse report (a "this is spam" press), as bytes, holding the original message."""
    report = MIMEMultipart("report", report_type="feedback-report")
    report["From"] = "Feedback Loop <fbl@mail.example.com>"
    report["To"] = to
    report["Subject"] = "Abuse report"
    report.attach(MIMEText("This is an email abuse report for an email message received.\n"))
    feedback = MIMEBase("message", "feedback-report")
    feedback.set_payload("Feedback-Type: abuse\nUser-Agent: ExampleFBL/1.0\nVersion: 1\n")
    del feedback["MIME-Version"]
    report.attach(feedback)
    original_part = MIMEBase("message", "rfc822")
    original_part.set_payload([original])
    del original_part["MIME-Version"]
    report.attach(original_part)
    return report.as_bytes()


@pytest.fixture
def bouncing_smtp(app, monkeypatch):
    """The app's SMTP server, bouncing as told; MAIL_BOUNCE_ADDRESS is set (VERP)."""
    monkeypatch.setitem(app.config, "MAIL_BOUNCE_ADDRESS", BOUNCE_ADDRESS)
    yield from serve_smtp(app, BouncingMailbox())
