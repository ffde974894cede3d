"""Compatibility: parsons' ActionNetwork connector, unchanged but for its base URL, against a live
server of the API. Every row arrives once, and the counts are the API's own."""
import json
import threading

import pytest
from parsons import ActionNetwork
from werkzeug.serving import make_server

from campaign import create_app
from campaign.core.accounts.models import Role

from .. import readme_snippets
from ..conftest import free_port


@pytest.fixture
def live_api(database_url):
    """The app served over HTTP on a free port, BASE_URL its address (so its `_links` work)."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "BASE_URL": base_url})
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base_url
    server.shutdown()
    thread.join()


def connector(live_api, token):
    """parsons' ActionNetwork connector with the live server in place of actionnetwork.org."""
    action_network = ActionNetwork(api_token=token)
    action_network.api_url = f"{live_api}/api/v1"
    action_network.api.uri = f"{live_api}/api/v1/"
    return action_network


def test_parsons_action_network_reads_and_writes_through_the_api(live_api, create_api_token, create_petition,
                                                                 create_signature):
    petition_ids = [create_petition(slug=f"petition-{n}", title=f"Petition {n}") for n in range(3)]
    busy = petition_ids[0]
    for n in range(60):  # more than two of OSDI's pages of 25
        create_signature(busy, email=f"signer{n}@example.org", first_name=f"Signer{n}")
    action_network = connector(live_api, create_api_token(Role.ORGANIZER))

    petitions = action_network.get_petitions()
    assert sorted(petitions["id"]) == petition_ids
    assert action_network.get_petitions(limit=2).num_rows == 2
    one = action_network.get_petition(busy)
    assert (one["id"], one["title"], one["total_signatures"]) == (busy, "Petition 0", 60)

    signatures = action_network.get_petition_signatures(busy)
    assert signatures.num_rows == len(set(signatures["id"])) == one["total_signatures"]
    limited = action_network.get_petition_signatures(busy, limit=30)
    assert list(limited["id"]) == list(signatures["id"])[:30]
    assert action_network.get_petition_signatures(petition_ids[1]).num_rows == 0
    page = action_network.get_petition_signatures(busy, page=3)
    assert (page["total_records"], page["total_pages"], len(page["_embedded"]["osdi:signatures"])) == (60, 3, 10)

    # The record signature helper, at the address the petition links to, in OSDI's shape.
    helper = one["_links"]["osdi:record_signature_helper"]["href"]
    created = action_network.api.post_request(url=helper, data=json.dumps({
        "person": {"given_name": "Paper", "family_name": "Signer",
                   "email_addresses": [{"address": "paper@example.org"}],
                   "postal_addresses": [{"postal_code": "94105", "country": "US"}]},
        "comments": "Signed at the rally"}))
    assert created["status"] == "confirmed"
    assert action_network.get_petition(busy)["total_signatures"] == 61
    assert action_network.get_petition_signatures(busy).num_rows == 61

    people = action_network.get_people(filter="email_address eq 'paper@example.org'")
    assert list(people["given_name"]) == ["Paper"]
    assert action_network.get_people().num_rows == 61


def test_the_readmes_parsons_snippet_works_as_written(live_api, create_api_token, open_petition, create_signature):
    for n in range(30):
        create_signature(open_petition, email=f"signer{n}@example.org")
    names = readme_snippets.run("parsons", TOKEN=create_api_token(Role.ORGANIZER), BASE_URL=live_api)
    assert names["petitions"].num_rows == 1 and names["petition_id"] == open_petition
    assert names["signatures"].num_rows == len(set(names["signatures"]["id"])) == 30
    assert names["changed"].num_rows == 30  # all made today, after 2026-12-01
