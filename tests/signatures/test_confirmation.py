"""Confirmation links: expiry, tampering, erased signatures and closed petitions."""
from datetime import timedelta
from unittest import mock

import pytest
from sqlalchemy import select

from campaign.base import tokens
from campaign.base.extensions import db
from campaign.core.petitions.models import Petition
from campaign.core.signatures.models import Signature, SignatureState


def token_for_first_signature(app):
    with app.test_request_context():
        return tokens.make(db.session.scalar(select(Signature)))


def test_an_expired_link_says_so_and_how_to_get_a_new_one(app, client, open_petition, sign):
    sign()
    token = token_for_first_signature(app)
    app.config["CONFIRMATION_MAX_AGE_DAYS"] = 30
    later = 31 * 86400
    with mock.patch("itsdangerous.timed.time.time", return_value=__import__("time").time() + later):
        response = client.post(f"/confirm/{token}")
    assert response.status_code == 410
    assert "This confirmation link has expired" in response.text
    assert "Sign again with the same email address" in response.text
    with app.app_context():
        assert db.session.scalar(select(Signature.state)) is SignatureState.PENDING


def test_a_tampered_link_is_not_recognised(app, client, open_petition, sign):
    sign()
    token = token_for_first_signature(app)
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), "nonsense", "a.b.c"):
        response = client.post(f"/confirm/{bad}")
        assert response.status_code == 404
        assert "We do not recognise this link" in response.text


def test_a_token_is_bound_to_the_mailbox(app, client, open_petition, sign):
    sign()
    token = token_for_first_signature(app)
    with app.app_context():
        db.session.scalar(select(Signature)).email_key = "someone-else@example.org"
        db.session.commit()
    assert client.post(f"/confirm/{token}").status_code == 404


def test_a_link_for_a_petition_closed_since_does_not_count(app, client, open_petition, sign):
    sign()
    token = token_for_first_signature(app)
    with app.app_context():
        db.session.get(Petition, open_petition).close()
        db.session.commit()
    response = client.post(f"/confirm/{token}")
    assert response.status_code == 409
    assert "closed before your signature was confirmed" in response.text
    assert client.get("/petitions/stop-the-data-grab.json").get_json()["signature_count"] == 0


def test_the_expiry_is_configurable(app, open_petition, sign):
    sign()
    token = token_for_first_signature(app)
    app.config["CONFIRMATION_MAX_AGE_DAYS"] = 1
    try:
        with app.app_context(), mock.patch(
            "itsdangerous.timed.time.time", return_value=__import__("time").time() + timedelta(days=2).total_seconds()
        ):
            with pytest.raises(tokens.ExpiredToken):
                tokens.read(token)
    finally:
        app.config["CONFIRMATION_MAX_AGE_DAYS"] = 30


def test_the_confirm_page_ends_no_sentence_with_a_second_period(app, client, open_petition, sign):
    """The target is typed by the organizer, often ending in "Inc.": it stands on a line of its own."""
    sign()
    page = client.get(f"/confirm/{token_for_first_signature(app)}").text
    assert "Acme Social, Inc.." not in page
    assert "To: Acme Social, Inc.</p>" in page


def test_a_link_opens_only_the_kind_of_record_it_was_made_for(app, client, open_petition, sign):
    """Signatures, sign-ons and partners' downloads read their links one way (tokens.load), each
    kind with its own salt: a signature's link opens no sign-on and no partner's download, even
    where a record of that kind has the same id and mailbox."""
    from campaign.core.organizations.models import Decision, OrganizationSignOn

    sign()
    token = token_for_first_signature(app)
    with app.app_context():
        signature = db.session.scalar(select(Signature))
        db.session.add(OrganizationSignOn(id=signature.id, petition_id=open_petition, name="Privacy Now",
                                          name_key="privacy now", contact_name="Ada", email=signature.email,
                                          email_key=signature.email_key, is_listed=True,
                                          decision=Decision.APPROVED))
        db.session.commit()
    for path in (f"/sign-ons/organization/confirm/{token}", f"/partners/download/{token}"):
        for method in (client.get, client.post):
            response = method(path)
            assert response.status_code == 404 and "does not work" in response.text, path
    assert client.post(f"/confirm/{token}").status_code == 200  # where it belongs
