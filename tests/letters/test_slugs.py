"""A renamed letter keeps its old address: every public page redirects, forms are posted on."""
from campaign.core.accounts.models import Role

from .helpers import ORGANIZATION

FORM = {"title": "Letter to the Acme board", "addressees": "The Board", "body_markdown": "We ask.",
        "signers": "both", "ordering": "by_scope", "is_moderated": "y"}


def test_an_old_slug_keeps_redirecting(client, create_letter, login):
    letter_id = create_letter()
    login(Role.ORGANIZER)
    assert client.post(f"/organize/letters/{letter_id}/edit", data=dict(FORM, slug="new-name")).status_code == 302
    assert client.post(f"/organize/letters/{letter_id}/edit", data=dict(FORM, slug="newer-name")).status_code == 302
    for old in ("dear-acme-board", "new-name"):
        assert client.get(f"/letters/{old}").location == "/letters/newer-name"
        assert client.get(f"/letters/{old}?source=x").location == "/letters/newer-name?source=x"
        assert client.get(f"/letters/{old}.json").location == "/letters/newer-name.json"
        assert client.get(f"/letters/{old}/print").location == "/letters/newer-name/print"
        assert client.get(f"/letters/{old}.pdf").location == "/letters/newer-name.pdf"
    assert client.get("/letters/newer-name").status_code == 200
    moved = client.post("/letters/dear-acme-board/organizations", data=ORGANIZATION)
    assert moved.status_code == 307 and moved.location == "/letters/newer-name/organizations"
    moved = client.post("/letters/dear-acme-board/individuals", data={"person-first_name": "A"})
    assert moved.status_code == 307 and moved.location == "/letters/newer-name/individuals"


def test_a_slug_cannot_take_another_letters_old_or_current_slug(client, create_letter, login):
    first = create_letter(slug="first-one")
    second = create_letter(slug="second-one")
    login(Role.ORGANIZER)
    client.post(f"/organize/letters/{first}/edit", data=dict(FORM, slug="first-renamed"))
    for taken in ("first-renamed", "first-one"):
        response = client.post(f"/organize/letters/{second}/edit", data=dict(FORM, slug=taken))
        assert response.status_code == 422
        assert "Another letter has (or had) this web address." in response.text
    # A letter may take back its own old slug.
    assert client.post(f"/organize/letters/{first}/edit", data=dict(FORM, slug="first-one")).status_code == 302
    assert client.get("/letters/first-renamed").location == "/letters/first-one"
    assert client.get("/letters/first-one").status_code == 200
