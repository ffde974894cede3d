"""Logs carry no personal data: no email address, name, IP address or token, on any path."""
import logging

from sqlalchemy import select

from campaign.base import tokens
from campaign.base.extensions import db
from campaign.core.signatures.models import Signature

from ..conftest import PASSWORD, SIGNER

# Loggers the app does not write: the test's own SMTP server, and SQLAlchemy's statement log
# (only on when a deployer turns it on; it shows query parameters, so never in production).
NOT_OURS = ("mail.log", "sqlalchemy")


def test_a_whole_journey_logs_no_personal_data(app, client, caplog, open_petition, sign, smtp, deliver_mail,
                                                create_organizer):
    caplog.set_level(logging.DEBUG)
    address = "203.0.113.77"
    environ = {"REMOTE_ADDR": address}
    client.post("/petitions/stop-the-data-grab", data=SIGNER, environ_base=environ)
    client.post("/petitions/stop-the-data-grab", data=SIGNER, environ_base=environ)  # a repeat
    client.post("/petitions/stop-the-data-grab", data={**SIGNER, "email": "bad"}, environ_base=environ)
    smtp.refuse["refused@example.org"] = (550, "no such user")
    client.post("/petitions/stop-the-data-grab", data={**SIGNER, "email": "refused@example.org"},
                environ_base=environ)
    deliver_mail()
    with app.test_request_context():
        token = tokens.make(db.session.scalar(select(Signature).where(Signature.email == SIGNER["email"])))
        db.session.remove()
    client.get(f"/confirm/{token}", environ_base=environ)
    client.post(f"/confirm/{token}", environ_base=environ)
    client.get(f"/confirm/{token}x", environ_base=environ)
    create_organizer(email="organizer@example.org")
    client.post("/organize/login", data={"email": "organizer@example.org", "password": "wrong password!"},
                environ_base=environ)
    client.post("/organize/login", data={"email": "organizer@example.org", "password": PASSWORD},
                environ_base=environ)
    client.post("/organize/blocklists", data={"kind": "ip_network", "value": address}, environ_base=environ)

    lines = [record.getMessage() for record in caplog.records if not record.name.startswith(NOT_OURS)]
    text = "\n".join(lines)
    assert lines, "the journey should log something (the outbox, the blocklist edit)"
    for secret in (SIGNER["email"], "refused@example.org", "organizer@example.org", SIGNER["last_name"],
                   address, token, PASSWORD, "@"):
        assert secret not in text, f"{secret!r} appears in the logs:\n{text}"
