"""`flask privacy forget EMAIL` and `flask privacy retention`: personal data goes, counts stay."""
import logging
from datetime import timedelta

from sqlalchemy import select

from campaign.base.extensions import db
from campaign.base.outbox.models import OutboxMessage, OutboxStatus
from campaign.base.timeutil import utcnow
from campaign.core.accounts.models import Role
from campaign.core.petitions.models import Petition, PetitionState
from campaign.core.signatures.models import Signature, SignatureState

from ..conftest import detached


def public_counts(client, slug):
    data = client.get(f"/petitions/{slug}.json").json
    return data["signature_count"], data["by_state"]


def signatures(app):
    return detached(app, select(Signature).order_by(Signature.id))


def test_forget_erases_a_person_everywhere_and_counts_stay(app, client, runner, login, create_petition,
                                                           create_signature, sign, smtp, deliver_mail, caplog):
    first = create_petition()
    create_petition(slug="second")
    create_signature(first, email="Ada.Lovelace@gmail.com", comment="My story", phone="+1 555 0100")
    create_signature(first, email="grace@example.org", first_name="Grace", last_name="Hopper", postcode="94105",
                     region="CA")
    sign("second", email="adalovelace+x@gmail.com")  # the same mailbox, pending, confirmation queued
    with app.app_context():
        db.session.add(OutboxMessage(kind="signature.confirm", recipient="Ada.Lovelace@gmail.com",
                                     status=OutboxStatus.SENT, params={}))
        db.session.commit()
    before = public_counts(client, "stop-the-data-grab"), public_counts(client, "second")

    caplog.set_level(logging.DEBUG)
    result = runner.invoke(args=["privacy", "forget", "ADALOVELACE@gmail.com"])
    assert result.exit_code == 0 and "Erased 2 signatures across 2 actions." in result.output
    assert "ada" not in caplog.text.lower() and "lovelace" not in caplog.text.lower()

    assert (public_counts(client, "stop-the-data-grab"), public_counts(client, "second")) == before
    ada, grace, pending = signatures(app)
    assert ((ada.first_name, ada.last_name, ada.email, ada.phone, ada.comment, ada.ip_address)
            == ("", "", "", "", "", None))
    assert ada.email_key == f"erased:{ada.id}" and ada.erased_at is not None
    assert (ada.state, ada.region, ada.postcode) == (SignatureState.CONFIRMED, "NY", "100")
    assert pending.email == "" and pending.state is SignatureState.PENDING
    assert grace.first_name == "Grace" and grace.email == "grace@example.org"
    with app.app_context():
        recipients = [(m.recipient, m.status) for m in db.session.scalars(select(OutboxMessage))]
    assert recipients == [("", OutboxStatus.SENT)]  # the queued confirmation is gone
    deliver_mail()
    assert smtp.messages == []

    login(Role.ORGANIZER)
    listing = client.get(f"/organize/petitions/{first}/signatures").text
    assert "Lovelace" not in listing and "Grace" in listing
    export = client.get(f"/organize/petitions/{first}/export.csv?status=all").get_data(as_text=True)
    assert "gmail" not in export and "grace@example.org" in export
    assert "Erased 0 signatures" in runner.invoke(args=["privacy", "forget", "adalovelace@gmail.com"]).output
    assert sign(email="ada.lovelace@gmail.com").status_code == 302  # they may sign again


def test_forget_wants_an_address(runner):
    assert runner.invoke(args=["privacy", "forget", "nobody"]).exit_code != 0


def _close(app, petition_id, days_ago, keep=False):
    with app.app_context():
        petition = db.session.get(Petition, petition_id)
        petition.closed_at = utcnow() - timedelta(days=days_ago)
        petition.keep_personal_data = keep
        db.session.commit()


def test_retention_erases_long_closed_actions_unless_kept(app, client, runner, create_petition, create_signature,
                                                         caplog):
    old = create_petition(slug="old", state=PetitionState.CLOSED)
    kept = create_petition(slug="kept", state=PetitionState.CLOSED)
    recent = create_petition(slug="recent", state=PetitionState.CLOSED)
    running = create_petition(slug="running")
    for petition_id in (old, kept, recent, running):
        create_signature(petition_id, email="ada@example.org")
        create_signature(petition_id, email="grace@example.org", region="CA", state=SignatureState.PENDING)
    _close(app, old, 181)
    _close(app, kept, 400, keep=True)
    _close(app, recent, 179)
    with app.app_context():  # an old signature on a running petition keeps its data but loses its IP
        db.session.execute(db.update(Signature).where(Signature.petition_id == running)
                           .values(created_at=utcnow() - timedelta(days=31)))
        db.session.commit()
    before = [public_counts(client, slug) for slug in ("old", "kept", "recent", "running")]

    caplog.set_level(logging.INFO)
    result = runner.invoke(args=["privacy", "retention"])
    assert result.exit_code == 0, result.output
    assert "Erased 2 signatures of 1 closed actions; dropped 2 IP addresses" in result.output
    assert "ada" not in caplog.text and "grace" not in caplog.text
    assert [public_counts(client, slug) for slug in ("old", "kept", "recent", "running")] == before

    rows = {(s.petition_id, s.state): s for s in signatures(app)}
    assert all(rows[(old, state)].email == "" for state in (SignatureState.PENDING, SignatureState.CONFIRMED))
    assert rows[(old, SignatureState.PENDING)].region == "CA"
    assert all(rows[(pid, SignatureState.CONFIRMED)].email == "ada@example.org" for pid in (kept, recent, running))
    assert rows[(running, SignatureState.CONFIRMED)].ip_address is None
    assert rows[(recent, SignatureState.CONFIRMED)].ip_address == "192.0.2.1"
    again = runner.invoke(args=["privacy", "retention"])
    assert "Erased 0 signatures of 0 closed actions; dropped 0 IP addresses" in again.output


def test_the_keep_flag_is_on_the_petition_form(app, client, login, open_petition):
    login(Role.ORGANIZER)
    page = client.get(f"/organize/petitions/{open_petition}/edit")
    assert "Keep signers&#39; personal data after closing" in page.text or "Keep signers' personal data" in page.text
