"""Referral codes and share channels: what a shared link carries, and what a signature keeps of it.

A signature's `share_code` is random, made when it is signed: it says nothing about its signer
(not the id, not the address), so a link that carries it is no personal data. A link shared by
a signer carries that code (`ref`) and the channel it was shared on (`channel`).
"""
import re
import secrets

# The channels a share link names, in the order the pages offer them.
CHANNELS = ("copy", "email", "whatsapp", "x", "facebook", "bluesky")
CODE_LENGTH = 10
_CODE = re.compile(rf"^[A-Za-z0-9_-]{{{CODE_LENGTH}}}$")


def new_code():
    """A fresh referral code: 10 URL-safe characters (60 random bits)."""
    return secrets.token_urlsafe(8)[:CODE_LENGTH]


def clean_code(value):
    """`value` if it has the shape of a referral code, else '' (what a link carries is anyone's to change)."""
    return value if isinstance(value, str) and _CODE.match(value) else ""


def clean_channel(value):
    """`value` if it names a channel, else ''."""
    return value if value in CHANNELS else ""
