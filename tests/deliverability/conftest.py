"""A DKIM key of the tests' own, and the app signing with it for a test."""
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from campaign.deliverability import dkim

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
