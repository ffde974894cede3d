"""Organizers create, edit, preview, open and close petitions, and read their signatures."""
from sqlalchemy import select

from campaign.base.extensions import db
from campaign.core.accounts.models import Role
from campaign.core.petitions.models import FieldMode, Petition, PetitionState
from campaign.core.signatures import operations
from campaign.core.signatures.models import Signature

from ..conftest import detached
from ..html_safety import active_content

FORM = {
    "title": "Protect our privacy",
    "slug": "",
    "target_text": "The Board of Acme Social",
    "summary": "Short summary.",
    "body_markdown": "Dear board,\n\n**Stop** selling data.",
    "goal": "500",
    "opens_at": "",
    "closes_at": "",
    "postcode_field": "required",
    "city_field": "optional",
    "country_field": "off",
    "phone_field": "off",
    "comment_field": "optional",
    "consent_question": "Email me about this campaign.",
}


def petition_by_slug(app, slug):
    [petition] = detached(app, select(Petition).where(Petition.slug == slug))
    return petition


def test_create_preview_open_and_sign(app, client, login, sign):
    login()
    response = client.post("/organize/petitions/new", data=FORM)
    assert response.status_code == 302
    petition = petition_by_slug(app, "protect-our-privacy")  # made from the title
    assert petition.state is PetitionState.DRAFT
    assert petition.postcode_field is FieldMode.REQUIRED
    assert "<strong>Stop</strong>" in petition.body_html

    assert client.get("/petitions/protect-our-privacy").status_code == 404  # a draft is not public
    preview = client.get(f"/organize/petitions/{petition.id}/preview")
    assert preview.status_code == 200
    assert "Preview: this is how the page looks to the public" in preview.text
    assert "<strong>Stop</strong> selling data." in preview.text

    assert client.post(f"/organize/petitions/{petition.id}/open").status_code == 302
    page = client.get("/petitions/protect-our-privacy")
    assert page.status_code == 200
    assert "Email me about this campaign." in page.text
    assert sign("protect-our-privacy", postcode="94110").status_code == 302

    client.post(f"/organize/petitions/{petition.id}/close", data={"confirm": "y"})
    assert petition_by_slug(app, "protect-our-privacy").state is PetitionState.CLOSED
    assert sign("protect-our-privacy", email="late@example.org").status_code == 409


def test_markdown_is_sanitised(app, client, login):
    login()
    evil = dict(FORM, body_markdown=(
        "<script>alert(1)</script>\n\n[click](javascript:alert(2))\n\n"
        '<img src=x onerror="alert(3)">\n\n<a href="#" onclick="alert(4)">x</a>'
    ))
    client.post("/organize/petitions/new", data=evil)
    petition = petition_by_slug(app, "protect-our-privacy")
    assert active_content(petition.body_html) == []
    assert "&lt;script&gt;" in petition.body_html  # shown as text, harmlessly
    assert active_content(client.get(f"/organize/petitions/{petition.id}/preview").text.split('<div class="prose">')[1]
                          .split("</div>")[0]) == []


def test_a_form_with_errors_keeps_what_was_typed(app, client, login):
    login()
    response = client.post("/organize/petitions/new", data=dict(FORM, title="", goal="0", slug="Bad Slug!"))
    assert response.status_code == 422
    assert "Enter a title." in response.text
    assert "Enter a goal of at least 1." in response.text or "Number must be at least 1." in response.text
    assert "Use lower-case letters, digits and single hyphens only." in response.text
    assert "Dear board," in response.text
    with app.app_context():
        assert db.session.scalar(select(Petition)) is None


def test_an_old_slug_keeps_redirecting(app, client, login, open_petition):
    login()
    client.post(f"/organize/petitions/{open_petition}/edit", data=dict(FORM, slug="new-name"))
    old = client.get("/petitions/stop-the-data-grab?source=tw")
    assert old.status_code == 301
    assert old.location == "/petitions/new-name?source=tw"
    assert client.get("/petitions/stop-the-data-grab.json").location == "/petitions/new-name.json"
    assert client.get("/petitions/new-name").status_code == 200
    # Signing at the old address still works (the form is posted again to the new one).
    moved = client.post("/petitions/stop-the-data-grab", data={"first_name": "A"})
    assert moved.status_code == 307 and moved.location == "/petitions/new-name"


def test_every_public_page_of_a_petition_redirects_from_an_old_slug(app, client, login, open_petition):
    """One redirect for every page (slugs.moved_to): 301 for a GET with its query kept, 307 for a
    POST, for visitors served the shared copy and for a signed-in organizer alike."""
    login()
    client.post(f"/organize/petitions/{open_petition}/edit", data=dict(FORM, slug="new-name"))
    for page in ("", ".json", "/thanks", "/embed", "/embed/thanks", "/endorse"):
        moved = client.get(f"/petitions/stop-the-data-grab{page}?source=x")
        assert moved.status_code == 301 and moved.location == f"/petitions/new-name{page}?source=x"
    for form in ("/embed", "/endorse"):
        moved = client.post(f"/petitions/stop-the-data-grab{form}", data={"first_name": "A"})
        assert moved.status_code == 307 and moved.location == f"/petitions/new-name{form}"
    # A query that names the slug itself cannot take the redirect elsewhere.
    assert client.get("/petitions/stop-the-data-grab?slug=other").location == "/petitions/new-name"
    anonymous = app.test_client()
    assert anonymous.get("/petitions/stop-the-data-grab?source=x").location == "/petitions/new-name?source=x"


def test_a_slug_cannot_take_another_petitions_old_or_current_slug(app, client, login, create_petition):
    first = create_petition(slug="first-one")
    second = create_petition(slug="second-one")
    login()
    client.post(f"/organize/petitions/{first}/edit", data=dict(FORM, slug="first-renamed"))
    for taken in ("first-renamed", "first-one"):  # the first petition's current and old slugs
        response = client.post(f"/organize/petitions/{second}/edit", data=dict(FORM, slug=taken))
        assert response.status_code == 422
        assert "Another petition has (or had) this web address." in response.text
    # A petition may take back its own old slug.
    assert client.post(f"/organize/petitions/{first}/edit", data=dict(FORM, slug="first-one")).status_code == 302
    assert client.get("/petitions/first-renamed").location == "/petitions/first-one"


def test_dates_are_entered_in_the_site_time_zone(app, client, login, open_petition):
    login()
    client.post(f"/organize/petitions/{open_petition}/edit",
                data=dict(FORM, opens_at="2026-01-05T09:00", closes_at="2026-01-04T09:00"))
    response = client.post(f"/organize/petitions/{open_petition}/edit",
                           data=dict(FORM, opens_at="2026-01-05T09:00", closes_at="2099-01-05T17:30"))
    assert response.status_code == 302
    with app.app_context():
        petition = db.session.get(Petition, open_petition)
        assert petition.opens_at.isoformat() == "2026-01-05T14:00:00+00:00"  # 9 a.m. in New York
    form = client.get(f"/organize/petitions/{open_petition}/edit")
    assert 'value="2026-01-05T09:00"' in form.text


def test_a_scheduled_petition_shows_when_it_opens(app, client, login, open_petition, sign):
    login()
    client.post(f"/organize/petitions/{open_petition}/edit", data=dict(FORM, opens_at="2099-01-05T09:00"))
    page = client.get("/petitions/stop-the-data-grab")
    assert "This petition opens for signatures on January 5, 2099" in page.text
    assert sign().status_code == 409


def test_the_closing_date_closes_the_petition(app, client, login, open_petition, sign):
    login()
    client.post(f"/organize/petitions/{open_petition}/edit", data=dict(FORM, closes_at="2020-01-01T00:00"))
    assert client.get("/petitions/stop-the-data-grab.json").get_json()["state"] == "closed"
    assert sign().status_code == 409


def test_transitions_in_the_wrong_state_are_refused_clearly(app, client, login, create_petition):
    petition_id = create_petition(state=PetitionState.DRAFT)
    login()
    response = client.post(f"/organize/petitions/{petition_id}/close", data={"confirm": "y"}, follow_redirects=True)
    assert "Only an open petition can be closed." in response.text


def add_signatures(app, petition_id, people):
    with app.app_context():
        petition = db.session.get(Petition, petition_id)
        for first, last, email, postcode, confirmed in people:
            signature = operations.sign(petition, email=email, first_name=first, last_name=last,
                                        postcode=postcode, ip_address="192.0.2.1")
            if confirmed:
                operations.confirm(signature)
        db.session.commit()


def test_the_signature_list_searches_filters_and_counts(app, client, login, open_petition):
    add_signatures(app, open_petition, [
        ("Ada", "Lovelace", "ada@example.org", "10027", True),
        ("Grace", "Hopper", "grace@navy.example", "20009", False),
        ("Alan", "Turing", "alan@example.org", "94110", True),
    ])
    login()
    page = client.get(f"/organize/petitions/{open_petition}/signatures")
    assert "All (3)" in page.text and "Pending (1)" in page.text and "Confirmed (2)" in page.text
    assert all(name in page.text for name in ("Lovelace", "Hopper", "Turing"))

    def names(**query):
        text = client.get(f"/organize/petitions/{open_petition}/signatures", query_string=query).text
        return {name for name in ("Lovelace", "Hopper", "Turing") if name in text}

    assert names(q="grace hop") == {"Hopper"}
    assert names(q="NAVY.example") == {"Hopper"}
    assert names(q="941") == {"Turing"}
    assert names(state="pending") == {"Hopper"}
    assert names(state="confirmed", q="a") == {"Lovelace", "Turing"}
    assert names(q="100%") == set()  # wildcards are literal


def test_the_signature_list_pages(app, client, login, open_petition):
    add_signatures(app, open_petition, [(f"P{n}", "Q", f"p{n}@example.org", "10027", False) for n in range(55)])
    login()
    first = client.get(f"/organize/petitions/{open_petition}/signatures")
    assert "Page 1 of 2" in first.text and "Next" in first.text
    second = client.get(f"/organize/petitions/{open_petition}/signatures?page=2")
    assert "Page 2 of 2" in second.text and second.text.count("@example.org</td>") == 5


def test_viewers_see_counts_not_signers(app, client, login, open_petition):
    add_signatures(app, open_petition, [("Ada", "Lovelace", "ada@example.org", "10027", True)])
    login(Role.VIEWER)
    overview = client.get(f"/organize/petitions/{open_petition}")
    assert "Confirmed signatures" in overview.text and "ada@example.org" not in overview.text
    assert client.get(f"/organize/petitions/{open_petition}/signatures").status_code == 403
    with app.app_context():
        assert db.session.scalar(select(Signature.email)) == "ada@example.org"
