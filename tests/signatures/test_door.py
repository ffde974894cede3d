"""Rules at the door: the honeypot, the minimum fill time and the blocklists flag a signature,
which is kept but never counted, while its sender sees and receives what anyone does."""
import re
import time

import pytest
from sqlalchemy import select

from campaign.base.extensions import db
from campaign.core.abuse.door import started_stamp
from campaign.core.signatures.models import Signature

from ..conftest import SIGNER


@pytest.fixture
def min_fill(app):
    app.config["SIGN_MIN_FILL_SECONDS"] = 3
    yield
    app.config["SIGN_MIN_FILL_SECONDS"] = 0


def stored(app, email="ada@example.org"):
    with app.app_context():
        signature = db.session.scalar(select(Signature).where(Signature.email == email))
        db.session.remove()
    return signature


def stamp(app):
    with app.test_request_context():
        return started_stamp()


def without_codes(page):
    """The page with each signer's own referral code (in their share links) blanked."""
    return re.sub(r"ref(=|%3D)[A-Za-z0-9_-]{10}", r"ref\1", page)


def test_the_form_has_a_hidden_field_for_bots_and_a_signed_start_time(client, open_petition):
    page = client.get("/petitions/stop-the-data-grab").text
    hidden = re.search(r'<div class="visually-hidden">(.*?)</div>', page, re.S).group(1)
    assert "Leave this empty" in hidden
    assert 'name="contact_note"' in hidden and 'tabindex="-1"' in hidden and 'autocomplete="off"' in hidden
    assert re.search(r'name="started" type="hidden" value="[^"]+\.[^"]+"', page)


def test_a_filled_honeypot_is_flagged_uncounted_and_looks_the_same(app, client, open_petition, sign, smtp,
                                                                    deliver_mail, confirm, counts):
    honest = sign(email="human@example.org")
    bot = sign(contact_note="http://spam.example")
    assert bot.status_code == honest.status_code == 302 and bot.location == honest.location
    assert stored(app).state.value == "flagged" and stored(app).flag_reasons == "honeypot"
    deliver_mail()
    assert [m["Subject"] for m in smtp.to("ada@example.org")] == [m["Subject"] for m in smtp.to("human@example.org")]
    human, flagged = confirm("human@example.org"), confirm("ada@example.org")
    assert flagged.status_code == human.status_code == 200 and without_codes(flagged.text) == without_codes(human.text)
    # "already confirmed"
    assert without_codes(confirm("ada@example.org").text) == without_codes(confirm("human@example.org").text)
    assert stored(app).state.value == "flagged" and stored(app).is_confirmed
    assert counts(open_petition) == ({"NY": 1}, {"NY": 1})  # the human only
    assert '"signature_count":1' in client.get("/petitions/stop-the-data-grab.json").text


def test_too_fast_or_without_a_start_time_is_flagged(app, client, open_petition, sign, min_fill):
    sign(email="fast@example.org", started=stamp(app))
    sign(email="none@example.org")
    sign(email="forged@example.org", started="1234.forged")
    assert stored(app, "fast@example.org").flag_reasons == "too_fast"
    assert stored(app, "none@example.org").flag_reasons == "no_timestamp"
    assert stored(app, "forged@example.org").flag_reasons == "no_timestamp"


def test_a_person_who_takes_their_time_is_not_flagged(app, client, open_petition, sign, min_fill, monkeypatch):
    started = stamp(app)
    later = time.time() + 5
    monkeypatch.setattr("campaign.core.abuse.door.time.time", lambda: later)
    assert sign(started=started).status_code == 302
    assert stored(app).state.value == "pending" and stored(app).flag_reasons == ""


def test_a_form_sent_back_with_errors_keeps_its_start_time(client, open_petition, sign, app, min_fill):
    started = stamp(app)
    page = sign(first_name="", started=started).text
    assert f'value="{started}"' in page


def test_disposable_and_blocked_domains_and_addresses_are_flagged(app, client, login, open_petition, sign):
    login()
    client.post("/organize/blocklists", data={"kind": "email_domain", "value": "@Spam.Example", "note": "a flood"})
    client.post("/organize/blocklists", data={"kind": "ip_network", "value": "198.51.100.0/24"})
    client.post("/organize/blocklists", data={"kind": "ip_network", "value": "2001:db8::1"})
    sign(email="a@mailinator.com")
    sign(email="b@spam.example")
    sign(email="c@mx.spam.example")
    client.post("/petitions/stop-the-data-grab", data={**SIGNER, "email": "d@example.org"},
                environ_base={"REMOTE_ADDR": "198.51.100.200"})
    client.post("/petitions/stop-the-data-grab", data={**SIGNER, "email": "e@example.org"},
                environ_base={"REMOTE_ADDR": "2001:db8::1"})
    client.post("/petitions/stop-the-data-grab", data={**SIGNER, "email": "f@example.org"},
                environ_base={"REMOTE_ADDR": "198.51.101.1"})
    reasons = {email: stored(app, email).flag_reasons for email in
               ("a@mailinator.com", "b@spam.example", "c@mx.spam.example", "d@example.org", "e@example.org",
                "f@example.org")}
    assert reasons == {"a@mailinator.com": "disposable_domain", "b@spam.example": "blocked_domain",
                       "c@mx.spam.example": "blocked_domain", "d@example.org": "blocked_address",
                       "e@example.org": "blocked_address", "f@example.org": ""}


def test_disposable_domains_can_be_let_through(app, open_petition, sign):
    app.config["BLOCK_DISPOSABLE_DOMAINS"] = False
    try:
        sign(email="a@mailinator.com")
    finally:
        app.config["BLOCK_DISPOSABLE_DOMAINS"] = True
    assert stored(app, "a@mailinator.com").state.value == "pending"


def test_releasing_flagged_signatures_counts_the_confirmed_ones(app, client, login, open_petition, sign, confirm,
                                                                counts):
    sign(email="a@mailinator.com", postcode="94110")
    sign(email="b@mailinator.com")
    confirm("a@mailinator.com")
    login()
    page = client.get(f"/organize/petitions/{open_petition}/flagged").text
    assert "throwaway email domain" in page and "a@mailinator.com" in page
    ids = [str(stored(app, email).id) for email in ("a@mailinator.com", "b@mailinator.com")]
    response = client.post(f"/organize/petitions/{open_petition}/flagged/release", data={"signature_id": ids})
    assert response.status_code == 302
    assert "2 flagged signatures let in." in client.get(response.location).text
    assert stored(app, "a@mailinator.com").state.value == "confirmed"
    assert stored(app, "b@mailinator.com").state.value == "pending"
    kept, recount = counts(open_petition)
    assert kept == recount == {"CA": 1}
    confirm("b@mailinator.com")
    assert counts(open_petition)[0] == {"CA": 1, "NY": 1}
