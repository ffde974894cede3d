"""The bytes of a message, built with the standard email package as Flask-Mail's Message builds
them (the same parts, headers and encodings), at a fraction of the cost.

Flask-Mail hands its message to the generator with the SMTP policy, which parses every header
of every part again to fold it (about 40% of a message's CPU), and leaves each multipart's
boundary to the generator, which compiles a regular expression for each new boundary to check
that no line of the body holds it (another 13%). Here every header value is encoded before it is
set (RFC 2047 names and subjects, punycode domains: Flask-Mail's sanitize_address), so the
message is generated with the compat32 policy, which writes header values as they are (and
writes a short ASCII header without even building the Header object that would return it
unchanged, and one long word, such as a List-Unsubscribe link, whole on its line); and each
boundary is 128 random bits, checked against the bodies with a plain substring test.
tests/outbox/test_mime.py checks that the bytes are those compat32 writes.
"""
import secrets
from email.encoders import encode_base64
from email.header import Header
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import Compat32
from email.utils import formatdate

from flask_mail import sanitize_address


class SmtpCompat32(Compat32):
    """compat32 with CRLF line ends, as SMTP wants; header values are written as set."""

    def fold_binary(self, name, value):
        if isinstance(value, str) and value.isascii() and value.isprintable():
            length = len(name) + len(value) + 2
            # A short line: what compat32's Header would write, without the Header. One long word
            # (a List-Unsubscribe link): whole on its line, as RFC 5322 allows up to 998
            # characters, where compat32 would break the line before it and the value would be
            # read with a space in front.
            if length <= self.max_line_length or (" " not in value and length <= MAX_LINE):
                return f"{name}: {value}{self.linesep}".encode("ascii")
        return super().fold_binary(name, value)


SMTP_COMPAT = SmtpCompat32(linesep="\r\n")
MAX_LINE = 998  # RFC 5322's limit of a line, CRLF apart
CHARSET = "utf-8"  # Flask-Mail registers utf-8 with no body encoding: bodies go as 7bit or 8bit


class BadHeader(ValueError):
    """A header of the message would hold a line break (a header injection)."""


def message_bytes(**parts):
    """The bytes of the message `message(**parts)` builds, ready for SMTP."""
    return message(**parts).as_bytes(policy=SMTP_COMPAT)


def message(*, message_id, sender, recipient, subject, text, html, headers=(), reply_to=None, attachments=()):
    """A multipart/mixed message: multipart/alternative (the text, the HTML), then each attachment
    (filename, content type, bytes). `headers` are (name, value) pairs set after the usual ones."""
    for value in (sender, recipient, reply_to or "", subject):
        if "\n" in value or "\r" in value:
            raise BadHeader("a header of the message holds a line break")
    alternative = MIMEMultipart("alternative", boundary=_boundary(text, html),
                                _subparts=[MIMEText(text, "plain", CHARSET), MIMEText(html, "html", CHARSET)])
    mixed = MIMEMultipart(boundary=_boundary(text, html), _subparts=[alternative])
    # A subject that is not ASCII is encoded knowing where its line starts, so that it is not
    # folded before its first word (sanitize_subject would encode it as if from column 0).
    mixed["Subject"] = subject if subject.isascii() else Header(subject, CHARSET, header_name="Subject")
    mixed["From"] = sanitize_address(sender, CHARSET)
    mixed["To"] = sanitize_address(recipient, CHARSET)
    mixed["Date"] = formatdate(localtime=True)
    mixed["Message-ID"] = message_id
    if reply_to:
        mixed["Reply-To"] = sanitize_address(reply_to, CHARSET)
    for name, value in headers:
        mixed[name] = value
    for filename, content_type, data in attachments:
        mixed.attach(_attachment(filename, content_type, data))
    return mixed


def _attachment(filename, content_type, data):
    maintype, subtype = content_type.split("/", 1)
    part = MIMEBase(maintype, subtype)
    part.set_payload(data)
    encode_base64(part)
    if filename.isascii():
        part.add_header("Content-Disposition", "attachment", filename=filename)
    else:
        part.add_header("Content-Disposition", "attachment", filename=("UTF8", "", filename))
    return part


def _boundary(*bodies):
    """A multipart boundary found in none of `bodies` (attachments are base64, which cannot hold
    it: it has "=" and "_")."""
    while True:
        boundary = "=_" + secrets.token_hex(16)
        if not any(boundary in body for body in bodies):
            return boundary
