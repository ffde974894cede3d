"""DKIM: mail received from the outbox verifies against the public key; bad settings stop the app."""
import dkim as dkimpy
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from campaign import create_app
from campaign.base.mail import dkim
from campaign.base.outbox import transports
from campaign.base.outbox.emails import Rendered
from campaign.base.outbox.models import OutboxMessage

from .conftest import DOMAIN, SELECTOR, dns_answering, write_key


def tags(header):
    """The tags of a DKIM-Signature header as {name: value}, folding whitespace removed."""
    pairs = (part.split("=", 1) for part in "".join(str(header).split()).split(";") if part)
    return {name: value for name, value in pairs}


def verifies(raw, key):
    return dkimpy.verify(raw, dnsfunc=dns_answering(f"{SELECTOR}._domainkey.{DOMAIN}", dkim.public_record(key)))


def test_a_confirmation_mail_is_signed_and_verifies(open_petition, sign, smtp, deliver_mail, dkim_signing):
    sign()
    deliver_mail()
    [raw], [message] = smtp.received, smtp.messages
    assert verifies(raw, dkim_signing)
    signature = tags(message["DKIM-Signature"])
    assert signature["d"] == "campaign.test" and signature["s"] == "mail2026"
    assert signature["c"] == "relaxed/relaxed" and signature["a"] == "rsa-sha256"
    signed = signature["h"].lower().split(":")
    for name in ("from", "to", "subject", "date", "message-id", "reply-to", "list-unsubscribe",
                 "list-unsubscribe-post", "mime-version", "content-type", "auto-submitted"):
        assert name in signed, name
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"  # present, so truly covered


def test_a_message_changed_on_the_way_no_longer_verifies(open_petition, sign, smtp, deliver_mail, dkim_signing):
    sign()
    deliver_mail()
    [raw] = smtp.received
    assert verifies(raw, dkim_signing)
    assert not verifies(raw.replace(b"Subject: ", b"Subject: Re: ", 1), dkim_signing)
    assert not verifies(raw.replace(b"List-Unsubscribe-Post: ", b"X-Was: ", 1), dkim_signing)
    assert not verifies(raw.replace(b"\r\n\r\n", b"\r\n\r\nAdded.\r\n", 1), dkim_signing)
    other = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    other_der = other.public_key().public_bytes(serialization.Encoding.DER,
                                                serialization.PublicFormat.SubjectPublicKeyInfo)
    assert not verifies(raw, dkim.Key(DOMAIN, SELECTOR, b"", other_der))


def test_a_message_with_an_attachment_and_accents_verifies(app, smtp, dkim_signing):
    rendered = Rendered(subject="Résultats : 1 204 signatures", text="Voilà les résultats.\n",
                        html="<p>Voilà les résultats.</p>", sender="Équipe <no-reply@campaign.test>",
                        reply_to="Zoë Martin <zoe@example.org>",
                        attachments=[("signers.csv", "text/csv", "first_name\r\nZoë\r\n".encode())])
    row = OutboxMessage(id=7, recipient="office@house.example")
    with app.app_context():
        with transports.connect() as send:
            send(transports.envelope_sender(row, rendered), [row.recipient], transports.build_message(row, rendered))
    [raw] = smtp.received
    assert verifies(raw, dkim_signing)


def test_without_dkim_settings_mail_is_not_signed(open_petition, sign, smtp, deliver_mail):
    sign()
    deliver_mail()
    assert smtp.messages[0]["DKIM-Signature"] is None


@pytest.fixture
def start(database_url, dkim_key_file):
    """create_app with the DKIM settings given (the others: the tests' key as d=campaign.test)."""

    def create(**settings):
        config = {"SQLALCHEMY_DATABASE_URI": database_url, "DKIM_DOMAIN": DOMAIN, "DKIM_SELECTOR": SELECTOR,
                  "DKIM_PRIVATE_KEY_FILE": str(dkim_key_file)}
        return create_app({**config, **settings})

    return create


def test_the_app_starts_with_all_three_settings(start):
    assert start().extensions["dkim"].domain == DOMAIN


@pytest.mark.parametrize("missing", dkim.SETTINGS)
def test_a_partial_set_of_settings_refuses_to_start(start, missing):
    with pytest.raises(RuntimeError, match=f"^{missing} is not set: DKIM needs"):
        start(**{missing: None})


def test_a_missing_key_file_refuses_to_start(start, tmp_path):
    with pytest.raises(RuntimeError, match=r"DKIM_PRIVATE_KEY_FILE .*nowhere\.pem cannot be read"):
        start(DKIM_PRIVATE_KEY_FILE=str(tmp_path / "nowhere.pem"))


def test_a_file_that_is_not_a_key_refuses_to_start(start, tmp_path):
    path = tmp_path / "dkim.pem"
    path.write_text("v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n")
    with pytest.raises(RuntimeError, match="DKIM_PRIVATE_KEY_FILE .* is not an unencrypted PEM private key"):
        start(DKIM_PRIVATE_KEY_FILE=str(path))


def test_a_key_that_is_not_rsa_refuses_to_start(start, tmp_path):
    path = write_key(tmp_path / "dkim.pem", ec.generate_private_key(ec.SECP256R1()),
                     serialization.PrivateFormat.PKCS8)
    with pytest.raises(RuntimeError, match="DKIM_PRIVATE_KEY_FILE .* must hold an RSA key of at least 1024 bits"):
        start(DKIM_PRIVATE_KEY_FILE=str(path))
