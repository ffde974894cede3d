"""A mail server that bounces: refuses some recipients at RCPT TO, and accepts others only to
send back a delivery status notification to the return path it saw in MAIL FROM."""
from email.message import Message
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import pytest

from tests.conftest import Mailbox, serve_smtp

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
