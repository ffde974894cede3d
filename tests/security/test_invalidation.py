"""Bulk invalidation: describe, preview, remove in batches, undo; counts follow exactly."""
import pytest
from sqlalchemy import select

from campaign.base.extensions import db
from campaign.core.accounts.models import Role
from campaign.features.invalidation.models import Invalidation

from ..conftest import SIGNER


@pytest.fixture
def signed(app, client, open_petition, sign, confirm):
    """A petition with a flood from one network and domain among real signers, some confirmed."""

    def post(email, address, confirmed, **answers):
        client.post("/petitions/stop-the-data-grab", data={**SIGNER, "email": email, **answers},
                    environ_base={"REMOTE_ADDR": address})
        if confirmed:
            confirm(email)

    for n in range(7):
        post(f"bot{n}@flood.example", f"203.0.113.{n + 1}", confirmed=n < 5, postcode="94110",
             first_name="Bot", last_name=f"Number{n}", source="spam")
    post("real1@example.org", "198.51.100.1", confirmed=True)
    post("real2@example.org", "198.51.100.2", confirmed=False)
    post("a@mailinator.com", "203.0.113.50", confirmed=True)  # flagged: a throwaway domain
    return open_petition


def preview(client, petition_id, **criteria):
    return client.get(f"/organize/petitions/{petition_id}/invalidations", query_string=criteria)


def test_the_preview_counts_what_matches_and_changes_nothing(client, login, signed, counts, states):
    login()
    before = states()
    page = preview(client, signed, ip_range="203.0.113.0/25")
    assert page.status_code == 200
    assert "8 signatures match" in page.text
    assert "Confirmed: 5" in page.text and "Pending: 2" in page.text and "Flagged: 1" in page.text
    assert "bot6@flood.example" in page.text
    assert "Invalidate 8 signatures" in page.text
    assert states() == before
    assert "7 signatures match" in preview(client, signed, email_domain="flood.example").text
    assert "7 signatures match" in preview(client, signed, name_pattern="bot number*").text
    assert "5 signatures match" in preview(client, signed, source="spam", state="confirmed").text
    assert "1 signature matches" in preview(client, signed, ip_range="198.51.100.2").text


@pytest.mark.parametrize("criteria, message", [
    ({"ip_range": "not-an-ip"}, "Enter an IP address such as 203.0.113.7"),
    ({"email_domain": "no domain"}, "Enter a domain such as example.org."),
    ({"state": ""}, "Describe what to remove"),
])
def test_bad_or_empty_descriptions_are_refused(client, login, signed, criteria, message):
    login()
    if any(criteria.values()):  # an empty description on the page is just the blank form
        response = preview(client, signed, **criteria)
        assert response.status_code == 422 and message in response.text
    posted = client.post(f"/organize/petitions/{signed}/invalidations", data=criteria)
    assert posted.status_code == 422 and message in posted.text


def test_invalidate_in_batches_and_undo_exactly_those(app, client, login, signed, counts, district_counts, states,
                                                      confirm):
    login()
    app.config["INVALIDATION_BATCH_SIZE"] = 3
    try:
        kept, recount = counts(signed)
        assert kept == recount == {"CA": 5, "NY": 1}
        before = states()
        response = client.post(f"/organize/petitions/{signed}/invalidations",
                               data={"email_domain": "flood.example", "reason": "a bot flood"})
        assert response.status_code == 302
        page = client.get(response.location).text
        assert "7 signatures invalidated." in page and "a bot flood" in page and "Email domain: flood.example" in page
        after = states()
        assert {email for email, state in after.items() if state == "invalidated"} == {
            f"bot{n}@flood.example" for n in range(7)}
        kept, recount = counts(signed)
        assert kept == recount == {"NY": 1}
        kept, recount = district_counts(signed)
        assert kept == recount == {("NY", -1, False): 1}
        assert '"signature_count":1' in client.get("/petitions/stop-the-data-grab.json").text
        # A bot's pending signature confirmed after the removal looks confirmed, and is not counted.
        assert "Thank you" in confirm("bot6@flood.example").text
        assert counts(signed)[0] == {"NY": 1}

        with app.app_context():
            invalidation_id = db.session.scalar(select(Invalidation.id))
        response = client.post(f"/organize/invalidations/{invalidation_id}/undo")
        assert "7 signatures restored." in client.get(response.location).text
        restored = states()
        assert restored == {**before, "bot6@flood.example": "confirmed"}
        kept, recount = counts(signed)
        assert kept == recount == {"CA": 6, "NY": 1}
        kept, recount = district_counts(signed)
        assert kept == recount == {("CA", -1, False): 6, ("NY", -1, False): 1}
        again = client.post(f"/organize/invalidations/{invalidation_id}/undo")
        assert "undone already" in client.get(again.location).text
        assert counts(signed)[0] == {"CA": 6, "NY": 1}
    finally:
        app.config["INVALIDATION_BATCH_SIZE"] = 500


def test_flagged_ones_are_removed_and_restored_as_flagged(client, login, signed, counts, states):
    login()
    client.post(f"/organize/petitions/{signed}/invalidations", data={"state": "flagged"})
    assert states()["a@mailinator.com"] == "invalidated"
    assert counts(signed)[0] == {"CA": 5, "NY": 1}
    with client.application.app_context():
        invalidation_id = db.session.scalar(select(Invalidation.id))
    client.post(f"/organize/invalidations/{invalidation_id}/undo")
    assert states()["a@mailinator.com"] == "flagged"
    kept, recount = counts(signed)
    assert kept == recount == {"CA": 5, "NY": 1}


def test_a_time_window_in_the_site_time_zone(client, login, signed):
    login()
    assert "10 signatures match" in preview(client, signed, signed_from="2000-01-01T00:00").text
    assert "0 signatures match" in preview(client, signed, signed_until="2000-01-01T00:00").text


def test_viewers_cannot_invalidate(client, login, signed):
    login(role=Role.VIEWER)
    assert preview(client, signed, ip_range="203.0.113.0/24").status_code == 403
    assert client.post(f"/organize/petitions/{signed}/invalidations", data={"state": "flagged"}).status_code == 403
