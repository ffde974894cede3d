"""VERP: each message's own return path, `bounces+<id>-<mac>@example.org`, so a bounce names
its outbox message without guessing from its text.

The token is the outbox id in decimal and a truncated HMAC-SHA256 of it (standard-library
`hmac`, with a key derived from SECRET_KEY), in lower-case base32: some servers lower-case local
parts, and the whole local part stays well under the 64 characters SMTP allows.
"""
import base64
import hashlib
import hmac

from flask import current_app

MAC_BYTES = 10  # 80 bits: 16 base32 characters


def _mac(message_id):
    key = hmac.new(current_app.config["SECRET_KEY"].encode("utf-8"), b"campaign.return-path", hashlib.sha256).digest()
    digest = hmac.new(key, str(message_id).encode("ascii"), hashlib.sha256).digest()[:MAC_BYTES]
    return base64.b32encode(digest).decode("ascii").lower()


def _bounce_address():
    address = current_app.config.get("MAIL_BOUNCE_ADDRESS") or ""
    local, at, domain = address.strip().rpartition("@")
    return (local, domain) if at and local and domain else None


def return_path(message_id):
    """The envelope sender (MAIL FROM) of outbox message `message_id`, or None without
    MAIL_BOUNCE_ADDRESS (the envelope sender is then the From address, as Flask-Mail does)."""
    bounce = _bounce_address()
    if bounce is None:
        return None
    local, domain = bounce
    return f"{local}+{message_id}-{_mac(message_id)}@{domain}"


def message_id(address):
    """The outbox message id a return path names, or None when it is not one of ours (or forged)."""
    bounce = _bounce_address()
    if bounce is None or not address:
        return None
    local, _, domain = address.strip().strip("<>").rpartition("@")
    base, plus, token = local.partition("+")
    if not plus or base.lower() != bounce[0].lower() or domain.lower() != bounce[1].lower():
        return None
    number, _, mac = token.lower().partition("-")
    if not (number.isascii() and number.isdigit()) or len(number) > 19:  # int() takes "²" as a digit
        return None
    if not hmac.compare_digest(mac.encode("ascii", "replace"), _mac(int(number)).encode("ascii")):
        return None
    return int(number)
