"""A member of the public signs, confirms from the email, and the count moves."""
from sqlalchemy import select

from campaign.base.extensions import db
from campaign.base.outbox.models import OutboxMessage
from campaign.core.signatures.models import Signature, SignatureState

from ..conftest import Mailbox


def count_of(client, slug="stop-the-data-grab"):
    return client.get(f"/petitions/{slug}.json").get_json()["signature_count"]


def test_sign_confirm_and_the_count_moves(client, open_petition, sign, smtp, deliver_mail):
    assert count_of(client) == 0

    response = sign()
    assert response.status_code == 302
    assert response.location.endswith("/petitions/stop-the-data-grab/thanks")
    assert "Check your inbox" in client.get(response.location).text
    assert count_of(client) == 0  # pending signatures are not counted

    assert deliver_mail() == 1
    [mail] = smtp.to("ada@example.org")
    assert mail["Subject"] == "Please confirm your signature: Stop the data grab"
    assert mail.get_body(preferencelist=("html",)) is not None
    [link] = [url for url in Mailbox.links(mail) if "/confirm/" in url]
    path = link.replace("http://campaign.test", "")

    page = client.get(path)
    assert page.status_code == 200
    assert "Confirm my signature" in page.text
    assert count_of(client) == 0  # a GET alone never confirms: mail scanners follow links

    confirmed = client.post(path)
    assert confirmed.status_code == 200
    assert "your signature is confirmed" in confirmed.text
    assert count_of(client) == 1
    assert 'data-live-count>1<' in client.get("/petitions/stop-the-data-grab").text

    again = client.post(path)
    assert "Already confirmed" in again.text
    assert count_of(client) == 1


def test_confirmation_link_from_the_page_after_get_still_needs_post(client, open_petition, sign, smtp, deliver_mail):
    sign()
    deliver_mail()
    [link] = [url for url in Mailbox.links(smtp.messages[0]) if "/confirm/" in url]
    for _ in range(3):
        client.get(link.replace("http://campaign.test", ""))
    with client.application.app_context():
        assert db.session.scalar(select(Signature.state)) is SignatureState.PENDING


def test_sign_stores_what_was_asked(client, app, open_petition, sign):
    client.get("/petitions/stop-the-data-grab?source=newsletter", headers={"Referer": "https://news.example/x"})
    response = sign(
        email="Ada.Lovelace+petition@Example.ORG",
        has_consented="y",
        is_public="y",
        source="newsletter",
        referrer="https://news.example/x",
        city="New York",
        comment="For my kids.",
    )
    assert response.status_code == 302
    with app.app_context():
        signature = db.session.scalar(select(Signature))
        assert signature.email == "Ada.Lovelace+petition@example.org"
        assert signature.email_key == "ada.lovelace@example.org"
        assert signature.region == "NY"
        assert signature.has_consented is True
        assert signature.consent_wording.wording == "Keep me updated about this campaign."
        assert signature.created_at is not None
        assert signature.source == "newsletter"
        assert signature.referrer == "https://news.example/x"
        assert signature.ip_address == "127.0.0.1"
        assert signature.is_public is True
        assert signature.comment == "For my kids."
        assert signature.state is SignatureState.PENDING
        [message] = db.session.scalars(select(OutboxMessage)).all()
        assert message.kind == "signature.confirm"
        assert message.recipient == signature.email


def test_the_page_passes_source_and_referrer_into_the_form(client, open_petition):
    page = client.get("/petitions/stop-the-data-grab?source=partner-eff", headers={"Referer": "https://eff.example/a"})
    assert 'name="source" type="hidden" value="partner-eff"' in page.text
    assert 'value="https://eff.example/a"' in page.text


def test_no_consent_when_the_box_is_left_unticked(client, app, open_petition, sign):
    sign()
    with app.app_context():
        signature = db.session.scalar(select(Signature))
        assert signature.has_consented is False
        assert signature.consent_wording.wording == "Keep me updated about this campaign."
