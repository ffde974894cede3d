"""The shared copies of public pages: built once a second, yet each visitor's own where it matters."""
import time

import pytest

from campaign.core.accounts.models import Role


@pytest.fixture
def shared_copies(app):
    app.config.update(PUBLIC_RENDER_CACHE_SECONDS=1, WTF_CSRF_ENABLED=True)
    yield
    app.config.update(PUBLIC_RENDER_CACHE_SECONDS=0, WTF_CSRF_ENABLED=False)


def hidden(html, name):
    return html.split(f'name="{name}" type="hidden" value="')[1].split('"')[0]


def test_each_visitor_gets_a_working_token_of_their_own(app, open_petition, shared_copies):
    first, second = app.test_client(), app.test_client()
    page_one = first.get("/petitions/stop-the-data-grab").text
    page_two = second.get("/petitions/stop-the-data-grab").text
    token_one, token_two = hidden(page_one, "csrf_token"), hidden(page_two, "csrf_token")
    assert token_one != token_two
    assert page_one.replace(token_one, "") == page_two.replace(token_two, "")  # the same copy otherwise
    for client, token, email in ((first, token_one, "one@example.org"), (second, token_two, "two@example.org")):
        response = client.post("/petitions/stop-the-data-grab", data={
            "csrf_token": token, "first_name": "A", "last_name": "B", "email": email,
            "started": hidden(page_one, "started") if 'name="started"' in page_one else ""})
        assert response.status_code == 302
    assert second.post("/petitions/stop-the-data-grab", data={"csrf_token": token_one}).status_code == 400


def test_source_and_referrer_are_the_visitors_own_and_escaped(app, open_petition, shared_copies):
    client = app.test_client()
    evil = '"><script>alert(1)</script>'
    page = client.get(f"/petitions/stop-the-data-grab?source={evil}", headers={"Referer": "https://a.example/?q=<b>"}).text
    assert hidden(page, "source") == "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    assert hidden(page, "referrer") == "https://a.example/?q=&lt;b&gt;"
    assert "<script>alert(1)" not in page
    plain = app.test_client().get("/petitions/stop-the-data-grab").text
    assert hidden(plain, "source") == "" and "alert(1)" not in plain


def test_organizers_never_get_the_shared_copy(app, client, login, open_petition, shared_copies):
    app.test_client().get("/petitions/stop-the-data-grab")  # the shared copy exists now
    app.config["WTF_CSRF_ENABLED"] = False
    login(Role.ORGANIZER)
    page = client.get("/petitions/stop-the-data-grab").text
    assert "Log out" in page
    assert "Log out" not in app.test_client().get("/petitions/stop-the-data-grab").text


def test_the_count_is_at_most_a_second_old(app, client, open_petition, sign, confirm_all, shared_copies):
    assert client.get("/petitions/stop-the-data-grab.json").get_json()["signature_count"] == 0
    app.config["WTF_CSRF_ENABLED"] = False
    sign()
    confirm_all()
    time.sleep(1.1)
    assert client.get("/petitions/stop-the-data-grab.json").get_json()["signature_count"] == 1
    assert "data-live-count>1<" in app.test_client().get("/petitions/stop-the-data-grab").text


def test_missing_and_moved_petitions_are_remembered_too(app, client, login, open_petition, shared_copies):
    assert client.get("/petitions/nope").status_code == 404
    assert client.get("/petitions/nope.json").status_code == 404


def test_the_count_json_is_kept_whole_and_served_with_its_headers_and_etag(app, client, open_petition, sign,
                                                                           confirm_all, shared_copies):
    app.config["PUBLIC_RENDER_CACHE_SECONDS"] = 60
    first = client.get("/petitions/stop-the-data-grab.json")
    assert first.status_code == 200 and first.get_json()["signature_count"] == 0
    app.config["WTF_CSRF_ENABLED"] = False
    sign()
    confirm_all()
    again = client.get("/petitions/stop-the-data-grab.json")  # the kept response, byte for byte
    assert again.data == first.data and again.get_json()["signature_count"] == 0
    for name in ("ETag", "Cache-Control", "Access-Control-Allow-Origin", "Content-Security-Policy",
                 "X-Content-Type-Options", "Content-Type"):
        assert again.headers[name] == first.headers[name]
    unchanged = client.get("/petitions/stop-the-data-grab.json", headers={"If-None-Match": first.headers["ETag"]})
    assert unchanged.status_code == 304 and unchanged.data == b""
    assert unchanged.headers["ETag"] == first.headers["ETag"]
    assert client.head("/petitions/stop-the-data-grab.json").data == b""
    assert "Set-Cookie" not in again.headers
    # The count ignores the query string, so a made-up one (a poller's cache-buster) gets the copy
    # too, not three queries; one that is not UTF-8 is still refused. Pages are never kept whole.
    busted = client.get("/petitions/stop-the-data-grab.json?t=1764147000123")
    assert busted.data == first.data and busted.headers["ETag"] == first.headers["ETag"]
    assert client.get("/petitions/stop-the-data-grab.json?t=%ff").status_code == 400
    assert "data-live-count>1<" in app.test_client().get("/petitions/stop-the-data-grab").text
    app.config["PUBLIC_RENDER_CACHE_SECONDS"] = 1  # another age, another store: read afresh
    assert client.get("/petitions/stop-the-data-grab.json").get_json()["signature_count"] == 1
