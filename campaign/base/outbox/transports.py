"""Where rendered mail goes: an SMTP server through Flask-Mail, or files for development.

Two steps that other modules may wrap: `build_message` makes the bytes of the message, and a
`send` from `connect()` hands those bytes to the server with the envelope (`envelope_sender`,
the recipients).
"""
import re
import smtplib
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.utils import parseaddr
from pathlib import Path

from flask import current_app
from flask_mail import sanitize_address, sanitize_addresses

from campaign.base.extensions import mail
from campaign.base.mail import dkim
from campaign.base.mail.returnpath import return_path
from campaign.base.urls import base_url_host

from . import mime


class TemporaryFailure(Exception):
    """The mail was not accepted this time; try again later. `code` is the server's reply code, if any."""

    def __init__(self, text, code=None):
        super().__init__(text)
        self.code = code


class PermanentFailure(Exception):
    """The mail will never be accepted as it is (for example, the recipient does not exist)."""

    def __init__(self, text, recipient_refused=False):
        super().__init__(text)
        # The server refused the mailbox itself (RCPT TO), not this message: a hard bounce.
        self.recipient_refused = recipient_refused


class ConnectionLost(TemporaryFailure):
    """The connection to the mail server is gone; the rest of the batch waits for another turn."""


def build_message(outbox_row, rendered):
    """The bytes of the message for an outbox row (anything with `id` and `recipient`) and its rendered content."""
    config = current_app.config
    try:
        data = mime.message_bytes(
            # A stable id: the same outbox row always makes the same Message-ID.
            message_id=f"<outbox-{outbox_row.id}@{base_url_host(config) or 'localhost'}>",
            sender=rendered.sender or current_app.extensions["mail"].default_sender,
            recipient=outbox_row.recipient,
            subject=rendered.subject,
            text=rendered.text,
            html=rendered.html,
            # Every mail the outbox sends is sent by a program (RFC 3834): vacation responders and
            # other robots do not answer it.
            headers=[*rendered.headers.items(), ("Auto-Submitted", "auto-generated")],
            reply_to=rendered.reply_to or config["MAIL_REPLY_TO"],
            attachments=rendered.attachments,
        )
    except mime.BadHeader as error:
        raise PermanentFailure(str(error)) from error
    # Signed over exactly the bytes that are sent, when DKIM is set up.
    return dkim.sign(data)


def envelope_sender(outbox_row, rendered):
    """The address the server returns undeliverable mail to (MAIL FROM): a return path of the
    message's own under MAIL_BOUNCE_ADDRESS (VERP), otherwise the From address."""
    return return_path(outbox_row.id) or parseaddr(rendered.sender or current_app.config["MAIL_DEFAULT_SENDER"])[1]


@contextmanager
def connect():
    """Yield `send(envelope_from, recipients, data)`, which sends one message's bytes, over one
    connection for many messages."""
    if current_app.config.get("MAIL_SERVER"):
        with _smtp_connection() as connection:
            yield lambda envelope_from, recipients, data: _send_smtp(connection, envelope_from, recipients, data)
    else:
        yield _write_file


@contextmanager
def _smtp_connection():
    try:
        connection = mail.connect()
        connection.__enter__()
    except (OSError, smtplib.SMTPException) as error:
        raise ConnectionLost(f"cannot connect to the mail server: {error}") from error
    try:
        yield connection
    finally:
        try:
            connection.__exit__(None, None, None)
        except (OSError, smtplib.SMTPException):
            pass  # the server hung up first; every message was already accounted for


def _send_smtp(connection, envelope_from, recipients, data):
    try:
        # As Flask-Mail's own send does: an internationalised domain in punycode, a non-ASCII
        # local part encoded, so smtplib never meets a character it cannot send.
        connection.host.sendmail(sanitize_address(envelope_from), sanitize_addresses(recipients), data)
    except smtplib.SMTPRecipientsRefused as error:
        code, reply = next(iter(error.recipients.values()))
        _raise_for_code(code, reply, recipient=True)
    except smtplib.SMTPAuthenticationError as error:
        # Our credentials, not this message: keep it for when the settings are mended.
        raise ConnectionLost(f"the mail server refused our login: {error.smtp_code}") from error
    except smtplib.SMTPResponseException as error:
        _raise_for_code(error.smtp_code, error.smtp_error)
    except (smtplib.SMTPServerDisconnected, OSError) as error:
        raise ConnectionLost(f"connection lost: {error}") from error


def _raise_for_code(code, reply, recipient=False):
    if isinstance(reply, bytes):
        reply = reply.decode("utf-8", "replace")
    text = f"{code} {reply}"
    if 500 <= code < 600:
        # 550, 551 and 553 refuse the mailbox; 5.7.x refuses us (policy, reputation), not it.
        mailbox_gone = recipient and code in (550, 551, 553) and not reply.lstrip().startswith("5.7.")
        raise PermanentFailure(text, recipient_refused=mailbox_gone)
    raise TemporaryFailure(text, code)


def _write_file(envelope_from, recipients, data):
    """Development: write the message to MAIL_FILE_DIR and print where, with its links."""
    message = message_from_bytes(data, policy=policy.default)
    directory = Path(current_app.config["MAIL_FILE_DIR"])
    directory.mkdir(parents=True, exist_ok=True)
    message_id = message["Message-ID"].strip("<>").split("@", 1)[0]
    path = directory / f"{message_id}.eml"
    path.write_bytes(data)
    text = message.get_body(preferencelist=("plain",)).get_content()
    links = "\n".join(f"    {url}" for url in re.findall(r"https?://\S+", text))
    print(f"[mail] to {recipients[0]}: {message['Subject']}\n  saved as {path}\n{links}", flush=True)
