"""The embed: framable by any site (and nothing else is), signs without a session, shown to organizers."""
import pytest

from campaign import create_app
from campaign.core.accounts.models import Role
from campaign.core.petitions.models import PetitionState

from ..conftest import SIGNER


def test_only_the_embed_may_be_framed(client, open_petition):
    embed = client.get("/petitions/stop-the-data-grab/embed")
    assert embed.status_code == 200
    assert "frame-ancestors *" in embed.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in embed.headers
    page = client.get("/petitions/stop-the-data-grab")
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Frame-Options"] == "DENY"


def test_the_embed_shows_the_count_and_signs_into_the_petition(client, open_petition, counts, confirm):
    html = client.get("/petitions/stop-the-data-grab/embed?source=partner-site").text
    assert 'data-live-count>0<' in html and 'value="partner-site"' in html
    response = client.post("/petitions/stop-the-data-grab/embed", data={**SIGNER, "source": "partner-site"})
    assert response.status_code == 302 and response.location.endswith("/petitions/stop-the-data-grab/embed/thanks")
    thanks = client.get(response.location)
    assert "Check your inbox" in thanks.text and "frame-ancestors *" in thanks.headers["Content-Security-Policy"]
    confirm(SIGNER["email"])
    assert counts(open_petition)[0] == {"NY": 1}


def test_the_embed_answers_errors_inside_the_frame(client, open_petition):
    response = client.post("/petitions/stop-the-data-grab/embed", data={"first_name": "Ada"})
    assert response.status_code == 422
    assert "Enter your email address." in response.text
    assert "frame-ancestors *" in response.headers["Content-Security-Policy"]


def test_a_closed_petitions_embed_says_so(client, create_petition):
    create_petition(state=PetitionState.CLOSED)
    assert "This petition is closed" in client.get("/petitions/stop-the-data-grab/embed").text
    assert client.post("/petitions/stop-the-data-grab/embed", data=SIGNER).status_code == 409


def test_the_embed_signs_with_csrf_on_and_no_session_cookie(database_url, app, open_petition, counts):
    """A frame on another site sends no SameSite=Lax cookie: the embed must not need one."""
    strict = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "WTF_CSRF_ENABLED": True})
    fresh = strict.test_client(use_cookies=False)
    assert fresh.post("/petitions/stop-the-data-grab", data=SIGNER).status_code == 400  # the page's form does
    assert fresh.post("/petitions/stop-the-data-grab/embed", data=SIGNER).status_code == 302


@pytest.mark.parametrize("role", [Role.ORGANIZER, Role.VIEWER])
def test_organizers_get_the_snippets_ready_to_copy(client, login, open_petition, role):
    login(role)
    html = client.get(f"/organize/petitions/{open_petition}").text
    assert '<textarea id="embed-script" class="snippet" readonly' in html
    assert ('&lt;script src=&#34;http://campaign.test/static/js/embed.js&#34; '
            'data-campaign-embed=&#34;http://campaign.test/petitions/stop-the-data-grab/embed&#34;') in html
    assert '&lt;iframe src=&#34;http://campaign.test/petitions/stop-the-data-grab/embed&#34;' in html


def test_a_draft_has_no_embed(client, login, create_petition):
    petition_id = create_petition(state=PetitionState.DRAFT)
    login(Role.ORGANIZER)
    assert "embed-script" not in client.get(f"/organize/petitions/{petition_id}").text
    assert client.get("/petitions/stop-the-data-grab/embed").status_code == 404
