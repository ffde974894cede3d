"""DKIM: the signature every sent message carries when DKIM_DOMAIN, DKIM_SELECTOR and
DKIM_PRIVATE_KEY_FILE are set, and the public key record that receivers check it against.

The key is read once, when the app starts; a partial set of the settings or a key that cannot be
used stops the app there, naming the setting, rather than sending unsigned mail. dkimpy signs;
the cryptography package reads the key and derives its public part.
"""
import base64
from dataclasses import dataclass, field

import dkim
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from flask import current_app

SETTINGS = ("DKIM_DOMAIN", "DKIM_SELECTOR", "DKIM_PRIVATE_KEY_FILE")
# What a receiver shows or acts on; List-Unsubscribe and List-Unsubscribe-Post must be covered
# for Gmail's one-click unsubscribe. Named headers a message lacks are signed as absent, so
# nobody can add them on the way.
SIGNED_HEADERS = ("From", "To", "Subject", "Date", "Message-ID", "Reply-To", "List-Unsubscribe",
                  "List-Unsubscribe-Post", "MIME-Version", "Content-Type", "Auto-Submitted")
# Receivers (and dkimpy's verify) ignore shorter keys.
MIN_KEY_BITS = 1024


@dataclass(frozen=True)
class Key:
    """A domain's DKIM private key, as dkimpy takes it, and the selector it is published under."""

    domain: str
    selector: str
    private_pem: bytes = field(repr=False)  # never in a log line or a traceback's locals
    public_der: bytes


def init_app(app):
    """Read the DKIM key named by the settings, or refuse to start with what is wrong."""
    app.extensions["dkim"] = load_key(app.config)


def load_key(config):
    """The Key the settings name; None when none of them is set; RuntimeError when unusable."""
    values = {name: (config.get(name) or "").strip() for name in SETTINGS}
    if not any(values.values()):
        return None
    missing = [name for name, value in values.items() if not value]
    if missing:
        verb = "is" if len(missing) == 1 else "are"
        raise RuntimeError(
            f"{' and '.join(missing)} {verb} not set: DKIM needs DKIM_DOMAIN, DKIM_SELECTOR and "
            "DKIM_PRIVATE_KEY_FILE together. Set them all, or none to send without DKIM."
        )
    path = values["DKIM_PRIVATE_KEY_FILE"]
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as error:
        raise RuntimeError(f"DKIM_PRIVATE_KEY_FILE {path} cannot be read: {error.strerror}.") from error
    try:
        private_key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as error:
        raise RuntimeError(
            f"DKIM_PRIVATE_KEY_FILE {path} is not an unencrypted PEM private key "
            "(make one with: openssl genrsa -out dkim.pem 2048)."
        ) from error
    if not isinstance(private_key, rsa.RSAPrivateKey) or private_key.key_size < MIN_KEY_BITS:
        raise RuntimeError(f"DKIM_PRIVATE_KEY_FILE {path} must hold an RSA key of at least {MIN_KEY_BITS} "
                           "bits (2048 is usual: openssl genrsa -out dkim.pem 2048).")
    return Key(
        domain=values["DKIM_DOMAIN"].lower().rstrip("."),
        selector=values["DKIM_SELECTOR"],
        # Written anew in the one form dkimpy reads, whatever form (PKCS#1, CRLF lines) the file had.
        private_pem=private_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                              serialization.NoEncryption()),
        public_der=private_key.public_key().public_bytes(serialization.Encoding.DER,
                                                         serialization.PublicFormat.SubjectPublicKeyInfo),
    )


def sign(message_bytes):
    """The message with a DKIM-Signature header in front, or unchanged when DKIM is not set up."""
    key = current_app.extensions.get("dkim")
    if key is None:
        return message_bytes
    signature = dkim.sign(
        message_bytes, key.selector.encode(), key.domain.encode(), key.private_pem,
        canonicalize=(b"relaxed", b"relaxed"),
        include_headers=[name.encode() for name in SIGNED_HEADERS],
    )
    return signature + message_bytes


def public_record(key):
    """The TXT record's text to publish at <selector>._domainkey.<domain>."""
    return f"v=DKIM1; k=rsa; p={base64.b64encode(key.public_der).decode('ascii')}"


def record_name(key):
    """Where the public key record goes in DNS."""
    return f"{key.selector}._domainkey.{key.domain}"
