"""Reading returned mail: delivery status notifications (RFC 3464) and complaints (ARF, RFC 5965).

Which message bounced comes first from its VERP return path (the address the bounce was sent
to: Delivered-To, X-Original-To or To); which addresses failed from flufl.bounce, which knows
the DSN format and the odd formats of older servers. A failure is hard when its DSN Status is
5.x.x (or flufl.bounce calls it permanent) and soft when 4.x.x. A feedback report
(`multipart/report; report-type=feedback-report`) is a complaint.
"""
import email
import re
from email.utils import getaddresses
from typing import NamedTuple

from flufl.bounce import all_failures

from campaign.base.mail import returnpath
from campaign.base.mail.models import ReturnKind

RECIPIENT_HEADERS = ("Delivered-To", "X-Original-To", "To")
STATUS = re.compile(r"\b([245])\.\d{1,3}\.\d{1,3}\b")


class Returned(NamedTuple):
    """One bounce or complaint: about `address`, or about outbox message `outbox_message_id`."""

    kind: ReturnKind
    address: str | None
    source: str
    status: str = ""
    outbox_message_id: int | None = None


def parse(data):
    """An email.message.Message from raw bytes (what an MTA pipes in, or a Maildir file holds)."""
    return email.message_from_bytes(data)


def read(message):
    """What `message` reports: a list of Returned (empty for mail that is neither)."""
    outbox_id = _verp_id(message, RECIPIENT_HEADERS)
    if message.get_content_type() == "multipart/report" and \
            (message.get_param("report-type") or "").lower() == "feedback-report":
        return _complaint(message, outbox_id)
    statuses = _dsn_statuses(message)
    temporary, permanent = all_failures(message)
    failed = {_text(address).lower(): "permanent" for address in permanent}
    failed.update((_text(address).lower(), "temporary") for address in temporary
                  if _text(address).lower() not in failed)
    for address, status in statuses.items():
        if status[0] in "45":
            failed.setdefault(address, status)
    kinds = {address: _kind(statuses.get(address), verdict) for address, verdict in failed.items()}
    if outbox_id is not None and kinds:
        # The return path names the message: its recipient is the one that failed.
        kind = ReturnKind.HARD if ReturnKind.HARD in kinds.values() else ReturnKind.SOFT
        status = next((statuses[a] for a in kinds if a in statuses), "")
        address = next(iter(kinds)) if len(kinds) == 1 else None
        return [Returned(kind, address, "dsn", status, outbox_id)]
    return [Returned(kind, address, "dsn", statuses.get(address, "")) for address, kind in kinds.items()]


def _kind(status, verdict):
    if status and status[0] == "5":
        return ReturnKind.HARD
    if status and status[0] == "4":
        return ReturnKind.SOFT
    return ReturnKind.HARD if verdict == "permanent" else ReturnKind.SOFT


def _text(address):
    return address.decode("utf-8", "replace") if isinstance(address, bytes) else str(address)


def _verp_id(message, headers):
    for header in headers:
        for _, address in getaddresses([str(value) for value in message.get_all(header, [])]):
            found = returnpath.message_id(address)
            if found is not None:
                return found
    return None


def _dsn_statuses(message):
    """{failed recipient (lower case): DSN Status} from each message/delivery-status part."""
    statuses = {}
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        for block in _blocks(part):
            recipient = block.get("Final-Recipient") or block.get("Original-Recipient") or ""
            address = str(recipient).rpartition(";")[2].strip().strip("<>").lower()
            found = STATUS.search(str(block.get("Status", "")))
            if address and found:
                statuses[address] = found.group(0)
    return statuses


def _blocks(part):
    payload = part.get_payload()
    if isinstance(payload, list):
        return payload
    return [email.message_from_string(block) for block in str(payload).split("\n\n") if block.strip()]


def _complaint(message, outbox_id):
    report, original = None, None
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "message/feedback-report":
            report = next(iter(_blocks(part)), None)
        elif kind == "message/rfc822" and original is None:
            payload = part.get_payload()
            original = payload[0] if isinstance(payload, list) and payload else None
        elif kind == "text/rfc822-headers" and original is None:
            original = email.message_from_string(part.get_payload(decode=True).decode("utf-8", "replace"))
    if outbox_id is None and original is not None:
        outbox_id = _verp_id(original, ("Return-Path",))
    if outbox_id is None and report is not None:
        outbox_id = _verp_id(report, ("Original-Mail-From",))
    address = None
    if report is not None and report.get("Original-Rcpt-To"):
        address = getaddresses([str(report["Original-Rcpt-To"])])[0][1] or None
    if address is None and original is not None and original.get("To"):
        address = getaddresses([str(original["To"])])[0][1] or None
    if address is None and outbox_id is None:
        return []
    return [Returned(ReturnKind.COMPLAINT, address, "arf", "", outbox_id)]
