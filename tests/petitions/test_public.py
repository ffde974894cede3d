"""What the public sees: the home page, a petition's page and its JSON."""
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from campaign.base.extensions import db
from campaign.base.timeutil import utcnow
from campaign.core.petitions.goals import displayed_goal
from campaign.core.petitions.models import Petition, PetitionState
from campaign.core.signatures import operations


def confirmed_signers(app, petition_id, people):
    """Add confirmed signatures: (first, last, postcode, is_public, city)."""
    with app.app_context():
        petition = db.session.get(Petition, petition_id)
        for n, (first, last, postcode, is_public, city) in enumerate(people):
            signature = operations.sign(petition, email=f"s{petition_id}-{n}@example.org", first_name=first,
                                        last_name=last, postcode=postcode, city=city, is_public=is_public,
                                        ip_address="192.0.2.1")
            operations.confirm(signature)
        db.session.commit()


def test_home_lists_open_petitions_newest_first_with_counts(app, client, create_petition):
    older = create_petition(slug="older-one", title="Older petition")
    newer = create_petition(slug="newer-one", title="Newer petition")
    create_petition(slug="a-draft", title="Draft petition", state=PetitionState.DRAFT)
    create_petition(slug="a-closed", title="Closed petition", state=PetitionState.CLOSED)
    with app.app_context():
        db.session.get(Petition, older).opened_at = utcnow() - timedelta(days=3)
        db.session.commit()
    confirmed_signers(app, newer, [("A", "B", "10027", False, "")] * 3)
    page = client.get("/").text
    assert page.index("Newer petition") < page.index("Older petition")
    assert "Draft petition" not in page and "Closed petition" not in page
    assert 'href="/petitions/newer-one"' in page
    assert "data-live-count>3<" in page and "data-live-count>0<" in page


def test_the_petition_page_shows_text_target_count_goal_and_sign_form(app, client, open_petition):
    confirmed_signers(app, open_petition, [("Ada", "Lovelace", "10027", True, "New York")])
    page = client.get("/petitions/stop-the-data-grab")
    assert page.status_code == 200
    html = page.text
    assert "<h1>Stop the data grab</h1>" in html
    assert "To: Acme Social, Inc." in html
    assert "We ask <strong>Acme</strong> to stop." in html
    assert "data-live-count>1<" in html and 'signature</p>' in html
    assert '<progress max="100" value="1"' in html
    assert '<label for="first_name">First name</label>' in html
    assert 'name="csrf_token"' in html or not app.config["WTF_CSRF_ENABLED"]
    assert "<bdi>Ada L.</bdi>, <bdi>New York</bdi>" in html
    assert 'property="og:title" content="Stop the data grab"' in html
    assert ("https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2Fcampaign.test%2Fpetitions%2Fstop-the-data-grab"
            in html)


def test_only_signers_who_agreed_are_shown_and_only_by_first_name_and_initial(app, client, open_petition):
    confirmed_signers(app, open_petition, [
        ("Ada", "Lovelace", "10027", True, ""),
        ("Grace", "Hopper", "20009", False, "Arlington"),
    ])
    html = client.get("/petitions/stop-the-data-grab").text
    assert "<bdi>Ada L.</bdi>, <bdi>NY</bdi>" in html
    assert "Lovelace" not in html
    assert "Grace" not in html and "Hopper" not in html


def test_pending_signatures_are_neither_counted_nor_shown(app, client, open_petition, sign):
    sign(is_public="y")
    html = client.get("/petitions/stop-the-data-grab").text
    assert "Ada L." not in html and "data-live-count>0<" in html


def test_the_json(app, client, open_petition):
    confirmed_signers(app, open_petition, [
        ("A", "B", "10027", False, ""), ("C", "D", "10001", False, ""), ("E", "F", "94110", False, ""),
        ("G", "H", "", False, ""),
    ])
    response = client.get("/petitions/stop-the-data-grab.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    data = response.get_json()
    assert set(data) == {"slug", "title", "language", "languages", "state", "signature_count", "goal", "by_state",
                         "updated_at", "endorsement_count", "updates", "responses"}
    assert data["updates"] == [] and data["responses"] == []
    assert data["slug"] == "stop-the-data-grab"
    assert data["title"] == "Stop the data grab"
    assert data["state"] == "open"
    assert data["signature_count"] == 4
    assert data["goal"] == 100
    assert data["by_state"] == {"CA": 1, "NY": 2}
    assert data["updated_at"].endswith("Z")
    assert response.headers["Cache-Control"] in ("public, max-age=4", "max-age=4, public")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    etag = response.headers["ETag"]
    again = client.get("/petitions/stop-the-data-grab.json", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""


def test_the_json_of_a_closed_petition_keeps_its_final_count(app, client, open_petition):
    confirmed_signers(app, open_petition, [("A", "B", "10027", False, "")])
    with app.app_context():
        db.session.get(Petition, open_petition).close()
        db.session.commit()
    data = client.get("/petitions/stop-the-data-grab.json").get_json()
    assert (data["state"], data["signature_count"]) == ("closed", 1)
    assert "It collected 1 signature." in client.get("/petitions/stop-the-data-grab").text


def test_unknown_petitions_are_404(client):
    assert client.get("/petitions/nope").status_code == 404
    assert client.get("/petitions/nope.json").status_code == 404


def test_the_goal_steps_up_once_reached(app, client, create_petition):
    petition_id = create_petition(goal=3)
    confirmed_signers(app, petition_id, [("A", "B", "10027", False, "")] * 3)
    assert client.get("/petitions/stop-the-data-grab.json").get_json()["goal"] == 5


@pytest.mark.parametrize("goal, count, shown", [
    (1000, 0, 1000), (1000, 999, 1000), (1000, 1000, 2500), (1000, 2600, 5000), (1000, 9_999, 10_000),
    (1000, 10_000, 25_000), (300, 300, 500), (150_000, 160_000, 250_000), (0, 0, 1),
])
def test_displayed_goal(goal, count, shown):
    assert displayed_goal(goal, count) == shown


def test_the_page_works_without_javascript(client, open_petition):
    html = client.get("/petitions/stop-the-data-grab").text
    assert '<form method="post" action="/petitions/stop-the-data-grab#error-summary" novalidate>' in html
    assert '<button type="submit" class="button">Sign</button>' in html
    assert "<script>" not in html  # only an external, deferred enhancement
    assert 'src="/static/js/live-count.js" defer' in html


def test_the_sign_form_is_accessible(client, open_petition, sign):
    html = sign(first_name="", email="").text
    assert 'role="alert"' in html and 'href="#first_name"' in html and 'href="#email"' in html
    assert '<p class="error-message" id="first_name-error">' in html
    assert 'id="first_name" aria-describedby="first_name-error" aria-invalid="true"' in html or \
        'aria-describedby="first_name-error"' in html
    assert html.count("<label") >= 5
    assert html.startswith("<!doctype html>") and '<html lang="en">' in html
    assert '<title>Error: Stop the data grab' in html


def test_a_bad_submit_lands_on_the_error_summary(client, open_petition, sign):
    """The action's fragment opens the re-rendered page at its summary, screens below the top on a phone."""
    page = BeautifulSoup(client.get("/petitions/stop-the-data-grab").text, "html.parser")
    form = page.select_one("form[method=post]")
    action, fragment = form["action"].split("#")
    assert action == "/petitions/stop-the-data-grab"
    page = BeautifulSoup(sign(first_name="").text, "html.parser")
    assert page.find(id=fragment)["class"] == ["error-summary"]
    assert "Enter your first name." in page.find(id=fragment).text


def test_names_in_lists_keep_their_own_direction(app, client, open_petition):
    """A right-to-left name would otherwise carry the comma and the place after it along with it."""
    confirmed_signers(app, open_petition, [("نور", "حداد", "10027", True, ""), ("Ada", "Lovelace", "", True, "")])
    page = BeautifulSoup(client.get("/petitions/stop-the-data-grab").text, "html.parser")
    assert [[bdi.text for bdi in item.find_all("bdi")] for item in page.select("ul.signers li")] == [
        ["Ada L."], ["نور ح.", "NY"]]
    assert [item.text for item in page.select("ul.signers li")] == ["Ada L.", "نور ح., NY"]


def test_a_closed_petition_without_endorsements_shows_no_endorsements_heading(client, create_petition):
    create_petition(state=PetitionState.CLOSED)
    closed = BeautifulSoup(client.get("/petitions/stop-the-data-grab").text, "html.parser")
    assert closed.find(id="endorsements-title") is None
    create_petition(slug="still-open")
    open_page = BeautifulSoup(client.get("/petitions/still-open").text, "html.parser")
    assert open_page.find(id="endorsements-title").text == "Endorsements"
    assert open_page.find("a", string="Endorse as an organization") is not None
