"""A forged Host or X-Forwarded-Host: refused with 400, and never in a page, a shared copy or a link."""
import re

import pytest

import config
from campaign import create_app

EVIL = "evil.example"
PUBLIC = ["/", "/petitions/stop-the-data-grab", "/petitions/stop-the-data-grab.json",
          "/petitions/stop-the-data-grab/embed", "/petitions/stop-the-data-grab/card.png",
          "/letters/dear-acme-board", "/letters/dear-acme-board.json", "/api/v1/petitions", "/favicon.ico"]
PETITION_URL = "http://campaign.test/petitions/stop-the-data-grab"


@pytest.fixture
def actions(open_petition, create_letter):
    create_letter()


@pytest.fixture
def proxied_app(database_url):
    """The app behind one trusted proxy, whose X-Forwarded-* headers it believes."""
    return create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TRUSTED_PROXY_COUNT": 1})


@pytest.mark.parametrize("path", PUBLIC)
def test_a_request_for_an_unknown_host_gets_the_400_page(client, actions, path):
    response = client.get(path, base_url=f"http://{EVIL}")
    assert response.status_code == 400
    assert "This site does not answer at the address you used." in response.text
    assert EVIL not in response.text


@pytest.mark.parametrize("path", PUBLIC)
def test_an_unknown_forwarded_host_gets_400_behind_a_proxy(proxied_app, actions, path):
    response = proxied_app.test_client().get(path, headers={"X-Forwarded-Host": EVIL})
    assert response.status_code == 400 and EVIL not in response.text


def test_a_forwarded_host_is_ignored_without_a_trusted_proxy(client, actions):
    page = client.get("/petitions/stop-the-data-grab", headers={"X-Forwarded-Host": EVIL})
    assert page.status_code == 200 and EVIL not in page.text
    assert f'<meta property="og:url" content="{PETITION_URL}">' in page.text


def test_pages_served_under_another_trusted_name_link_to_base_url(client, actions):
    """The test client asks for `localhost`, a name of TRUSTED_HOSTS: links still use BASE_URL."""
    page = client.get("/petitions/stop-the-data-grab").text
    assert f'<meta property="og:url" content="{PETITION_URL}">' in page
    assert f'<meta property="og:image" content="{PETITION_URL}/card.png?n=0&amp;lang=en">' in page
    assert "u=http%3A%2F%2Fcampaign.test%2Fpetitions%2Fstop-the-data-grab" in page  # Facebook's share link
    letter = client.get("/letters/dear-acme-board").text
    assert '<meta property="og:url" content="http://campaign.test/letters/dear-acme-board">' in letter
    assert "localhost" not in page + letter


def test_the_api_links_to_base_url(client, open_petition, create_signature, login):
    create_signature(open_petition)
    login()
    page = client.post("/organize/api-tokens/", data={"name": "CRM sync"}).text
    auth = {"Authorization": "Bearer " + page.split('<code id="new-token">', 1)[1].split("</code>", 1)[0]}
    client.post("/organize/logout")
    listing = client.get("/api/v1/petitions", headers=auth).json
    [petition] = listing["_embedded"]["osdi:petitions"]
    signatures = client.get(f"/api/v1/petitions/{open_petition}/signatures?per_page=1", headers=auth).json
    links = [listing["_links"]["self"]["href"], petition["browser_url"], signatures["_links"]["self"]["href"],
             *(link["href"] for link in petition["_links"].values())]
    assert all(link.startswith("http://campaign.test/") for link in links), links


def test_a_forged_host_never_reaches_the_shared_copy(app, actions):
    """The shared copy of the petition page is the one everybody gets: a request with a forged
    Host (or, behind a trusted proxy, X-Forwarded-Host) must not be the one that builds it."""
    app.config["PUBLIC_RENDER_CACHE_SECONDS"] = 60
    proxied = create_app({"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                          "TRUSTED_PROXY_COUNT": 1, "PUBLIC_RENDER_CACHE_SECONDS": 60})
    try:
        app.test_client().get("/petitions/stop-the-data-grab", base_url=f"http://{EVIL}")
        proxied.test_client().get("/petitions/stop-the-data-grab", headers={"X-Forwarded-Host": EVIL})
        for shared in (app, proxied):
            page = shared.test_client().get("/petitions/stop-the-data-grab").text
            assert EVIL not in page
            assert f'<meta property="og:url" content="{PETITION_URL}">' in page
    finally:
        app.config["PUBLIC_RENDER_CACHE_SECONDS"] = 0


def test_no_code_reads_the_request_host():
    """Every absolute URL comes from BASE_URL (campaign.base.urls): nothing may build one from the request."""
    reads = re.compile(r"request\.(url|base_url|url_root|host_url|root_url|host)\b")
    found = [f"{path.relative_to(config.ROOT)}:{n}" for folder in ("campaign", "templates")
             for path in (config.ROOT / folder).rglob("*.*") if path.suffix in {".py", ".html", ".txt"}
             for n, line in enumerate(path.read_text().splitlines(), 1) if reads.search(line)]
    assert found == []


@pytest.mark.parametrize("base_url, seconds, expected", [
    ("https://act.example.org", 31_536_000, "max-age=31536000"),
    ("https://act.example.org", 0, None),
    ("http://act.example.org", 31_536_000, None),
])
def test_hsts_is_sent_when_base_url_is_https(database_url, base_url, seconds, expected):
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "BASE_URL": base_url, "HSTS_SECONDS": seconds})
    response = app.test_client().get("/", base_url="https://act.example.org")
    assert response.status_code == 200
    assert response.headers.get("Strict-Transport-Security") == expected
