"""Where rendered mail goes: an SMTP server through Flask-Mail, or files for development."""
import re
import smtplib
from contextlib import contextmanager
from pathlib import Path

from flask import current_app
from flask_mail import Message, sanitize_address, sanitize_addresses

from ..extensions import mail
from ..deliverability import dkim
from ..deliverability.returnpath import return_path
from ..urls import base_url_host


class TemporaryFailure(Exception):
    """The mail was not accepted this time; try again later."""


class PermanentFailure(Exception):
    """The mail will never be accepted as it is (for example, the recipient does not exist)."""

    def __init__(self, text, recipient_refused=False):
        super().__init__(text)
        # The server refused the mailbox itself (RCPT TO), not this message: a hard bounce.
        self.recipient_refused = recipient_refused


class ConnectionLost(TemporaryFailure):
    """The connection to the mail server is gone; the rest of the batch waits for another turn."""


def build_message(outbox_row, rendered):
    """A Flask-Mail Message for an outbox row and its rendered content."""
    domain = base_url_host(current_app.config)
    message = Message(
        subject=rendered.subject,
        recipients=[outbox_row.recipient],
        body=rendered.text,
        html=rendered.html,
        # Every mail the outbox sends is sent by a program (RFC 3834): vacation responders and
        # other robots do not answer it.
        extra_headers={**rendered.headers, "Auto-Submitted": "auto-generated"},
        sender=rendered.sender,
        reply_to=rendered.reply_to or current_app.config["MAIL_REPLY_TO"],
    )
    # The envelope sender (MAIL FROM): a return path of its own under MAIL_BOUNCE_ADDRESS (VERP).
    message.return_path = return_path(outbox_row.id)
    # A stable id: the same outbox row always makes the same Message-ID.
    message.msgId = f"<outbox-{outbox_row.id}@{domain or 'localhost'}>"
    for filename, content_type, data in rendered.attachments:
        message.attach(filename, content_type, data)
    return message


@contextmanager
def connect():
    """Yield a function that sends one Message, over one connection for a whole batch."""
    if current_app.config.get("MAIL_SERVER"):
        with _smtp_connection() as connection:
            yield lambda message: _send_smtp(connection, message)
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


def _send_smtp(connection, message):
    try:
        _hand_over(connection, message)
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


def _hand_over(connection, message):
    """Give the message to the server as bytes, DKIM-signed when DKIM is set up.

    Not Flask-Mail's connection.send: it makes the bytes itself, and a signature must be made over
    exactly the bytes that are sent (each rendering has its own MIME boundaries and Date)."""
    if message.has_bad_headers():
        raise PermanentFailure("a header of the message holds a line break")
    envelope_from = message.return_path or sanitize_address(message.sender)  # VERP, when set up
    connection.host.sendmail(envelope_from, list(sanitize_addresses(message.send_to)), dkim.sign(message.as_bytes()))


def _raise_for_code(code, reply, recipient=False):
    if isinstance(reply, bytes):
        reply = reply.decode("utf-8", "replace")
    text = f"{code} {reply}"
    if 500 <= code < 600:
        # 550, 551 and 553 refuse the mailbox; 5.7.x refuses us (policy, reputation), not it.
        mailbox_gone = recipient and code in (550, 551, 553) and not reply.lstrip().startswith("5.7.")
        raise PermanentFailure(text, recipient_refused=mailbox_gone)
    raise TemporaryFailure(text)


def _write_file(message):
    """Development: write the message to MAIL_FILE_DIR and print where, with its links."""
    directory = Path(current_app.config["MAIL_FILE_DIR"])
    directory.mkdir(parents=True, exist_ok=True)
    message_id = message.msgId.strip("<>").split("@", 1)[0]
    path = directory / f"{message_id}.eml"
    path.write_text(message.as_string(), encoding="utf-8")
    links = "\n".join(f"    {url}" for url in re.findall(r"https?://\S+", message.body or ""))
    print(f"[mail] to {message.recipients[0]}: {message.subject}\n  saved as {path}\n{links}", flush=True)
