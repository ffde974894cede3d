"""Partner opt-in: the organizer offers endorsing partners on the sign form; signers tick "Let
<partner> contact me"; the partner's contact gets an expiring link to only those signers, and
every download is logged."""
import csv
import io

import pytest
from sqlalchemy import select

from campaign.base.addresses import mailbox_key
from campaign.base.extensions import db
from campaign.base.timeutil import utcnow
from campaign.core.accounts.models import Role
from campaign.core.consent.models import ConsentWording
from campaign.core.organizations.models import Decision, OrganizationSignOn
from campaign.features.exports.models import ExportLog
from campaign.features.partners.models import SignaturePartnerConsent

from ..conftest import Mailbox

CONTACT = "rosa@privacynow.example"


@pytest.fixture
def make_partner(app, open_petition):
    """An approved, confirmed endorsement of the open petition; returns its id."""

    def make(name="Privacy Now", email=CONTACT):
        with app.app_context():
            partner = OrganizationSignOn(petition_id=open_petition, name=name, name_key=name.lower(),
                                         contact_name="Rosa Park", email=email, email_key=mailbox_key(email),
                                         is_listed=True, decision=Decision.APPROVED, confirmed_at=utcnow())
            db.session.add(partner)
            db.session.commit()
            return partner.id

    return make


def offer(client, petition_id, partner_id, on=True):
    return client.post(f"/organize/petitions/{petition_id}/partners/{partner_id}/offer",
                       data={"offer": "1" if on else "0"})


def box(partner_id):
    return {f"partner-{partner_id}": "y"}


def download_link(client, smtp, deliver_mail, petition_id, partner_id):
    """Ask for the link as an organizer would and read it from the partner's mail."""
    assert client.post(f"/organize/petitions/{petition_id}/partners/{partner_id}/send-link").status_code == 302
    deliver_mail()
    links = [url for mail in smtp.to(CONTACT) for url in Mailbox.links(mail) if "/partners/download/" in url]
    return links[-1].replace("http://campaign.test", "")


def rows(response):
    return list(csv.DictReader(io.StringIO(response.data.decode("utf-8"))))


def test_only_signers_who_opted_in_to_that_partner_are_downloaded(
        app, client, open_petition, make_partner, login, sign, confirm, smtp, deliver_mail, runner):
    partner = make_partner()
    other = make_partner(name="Other Group", email="x@other.example")
    login(Role.ORGANIZER)
    assert offer(client, open_petition, partner).status_code == 302
    assert offer(client, open_petition, other).status_code == 302

    page = client.get("/petitions/stop-the-data-grab").text
    assert "Let Privacy Now contact me about this campaign" in page
    assert f'name="partner-{partner}" value="y">' in page  # unticked

    sign(email="yes@example.org", **box(partner))
    sign(email="no@example.org")
    sign(email="other@example.org", **box(other))
    sign(email="pending@example.org", **box(partner))
    sign(email="gone@example.org", **box(partner))
    sign(email="erased@example.org", **box(partner))
    for email in ("yes@example.org", "no@example.org", "other@example.org", "gone@example.org", "erased@example.org"):
        confirm(email)
    # One signer unsubscribes from the link in their mail, another asks to be forgotten.
    deliver_mail()
    unsubscribe = [url for mail in smtp.to("gone@example.org") for url in Mailbox.links(mail) if "/unsubscribe/" in url]
    assert client.post(unsubscribe[0].replace("http://campaign.test", "")).status_code == 200
    assert runner.invoke(args=["privacy", "forget", "erased@example.org"]).exit_code == 0

    with app.app_context():
        answers = db.session.execute(
            select(SignaturePartnerConsent.organization_sign_on_id, SignaturePartnerConsent.has_consented)
        ).all()
        stored = set(db.session.scalars(select(ConsentWording.wording)))
    # Every offered partner's answer is kept, ticked or not, with the words asked.
    assert len(answers) == 6 * 2  # six signers, two partners; an erased signer's answers hold no personal data
    assert "Let Privacy Now contact me about this campaign" in stored

    path = download_link(client, smtp, deliver_mail, open_petition, partner)
    client.post("/organize/logout")
    assert "Download the CSV" in client.get(path).text  # a scanner's GET downloads nothing
    response = client.post(path)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    # Named, cached and sniffed as every CSV download (exports.downloads).
    assert response.headers["Content-Disposition"].startswith('attachment; filename="stop-the-data-grab-partner-20')
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert [row["email"] for row in rows(response)] == ["yes@example.org"]
    assert list(rows(response)[0]) == ["first_name", "last_name", "email", "zip_code", "city", "state", "country",
                                       "source", "created_date"]

    with app.app_context():
        entries = db.session.scalars(select(ExportLog)).all()
        assert [(e.channel, e.partner_id, e.organizer_id, e.row_count, e.preset) for e in entries] == [
            ("partner", partner, None, 1, "partner")]
    login(Role.OWNER)
    log = client.get("/organize/exports").text
    assert "Privacy Now (partner)" in log and "yes@example.org" not in log


def test_an_expired_or_tampered_link_is_refused_clearly(
        app, client, open_petition, make_partner, login, smtp, deliver_mail, monkeypatch):
    partner = make_partner()
    login(Role.ORGANIZER)
    offer(client, open_petition, partner)
    path = download_link(client, smtp, deliver_mail, open_petition, partner)

    tampered = client.get(path[:-3] + ("AAA" if not path.endswith("AAA") else "BBB"))
    assert tampered.status_code == 404 and "does not work" in tampered.text
    assert client.post(path[:-3] + "xyz").status_code == 404
    monkeypatch.setitem(app.config, "PARTNER_LINK_DAYS", -1)
    expired = client.post(path)
    assert expired.status_code == 410 and "has expired" in expired.text
    with app.app_context():
        assert db.session.scalar(select(ExportLog.id)) is None


def test_a_partner_withdrawn_or_forgotten_loses_its_link(app, client, open_petition, make_partner, login, smtp,
                                                         deliver_mail, runner):
    partner = make_partner()
    login(Role.ORGANIZER)
    offer(client, open_petition, partner)
    path = download_link(client, smtp, deliver_mail, open_petition, partner)
    client.post(f"/organize/sign-ons/organization/{partner}/withdraw")
    assert client.get(path).status_code == 404


def test_only_editors_offer_partners_and_send_links(app, client, open_petition, make_partner, login, smtp,
                                                    deliver_mail):
    partner = make_partner()
    login(Role.VIEWER)
    assert offer(client, open_petition, partner).status_code == 403
    assert client.post(f"/organize/petitions/{open_petition}/partners/{partner}/send-link").status_code == 403
    assert "contact me" not in client.get("/petitions/stop-the-data-grab").text
    deliver_mail()
    assert smtp.to(CONTACT) == []


def test_only_an_approved_endorsement_of_that_petition_can_be_offered(app, client, create_petition, open_petition,
                                                                      make_partner, login):
    partner = make_partner()
    other_petition = create_petition(slug="another")
    with app.app_context():
        waiting = OrganizationSignOn(petition_id=open_petition, name="Waiting", name_key="waiting", contact_name="W",
                                     email="w@example.org", email_key="w@example.org")
        db.session.add(waiting)
        db.session.commit()
        waiting_id = waiting.id
    login(Role.ORGANIZER)
    offer(client, other_petition, partner)
    assert "approved endorsement" in client.get(f"/organize/petitions/{other_petition}/endorsements").text
    offer(client, open_petition, waiting_id)
    assert "approved endorsement" in client.get(f"/organize/petitions/{open_petition}/endorsements").text
    assert "contact me" not in client.get("/petitions/stop-the-data-grab").text
    assert "contact me" not in client.get("/petitions/another").text


def test_ticked_boxes_survive_a_refused_form(app, client, open_petition, make_partner, login, sign):
    partner = make_partner()
    login(Role.ORGANIZER)
    offer(client, open_petition, partner)
    client.post("/organize/logout")
    refused = sign(email="not-an-address", **box(partner))
    assert refused.status_code == 422
    assert f'name="partner-{partner}" value="y" checked>' in refused.text
