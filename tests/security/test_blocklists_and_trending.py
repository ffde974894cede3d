"""Organizers edit the blocklists, and see the last hour's confirmations by address and domain."""
from datetime import timedelta

from sqlalchemy import update

from campaign.base.extensions import db
from campaign.base.timeutil import utcnow
from campaign.core.signatures.models import Signature

from ..conftest import SIGNER


def test_blocklist_entries_are_normalised_listed_and_removed(client, login):
    login()
    assert client.post("/organize/blocklists", data={"kind": "ip_network", "value": " 203.0.113.7/24 ",
                                                     "note": "a flood <b>"}).status_code == 302
    client.post("/organize/blocklists", data={"kind": "email_domain", "value": "Spam.Example."})
    again = client.post("/organize/blocklists", data={"kind": "email_domain", "value": "spam.example"})
    assert "spam.example was blocked already." in client.get(again.location).text
    page = client.get("/organize/blocklists").text
    assert "203.0.113.0/24" in page and "spam.example" in page and "a flood &lt;b&gt;" in page
    bad = client.post("/organize/blocklists", data={"kind": "ip_network", "value": "300.1.1.1"})
    assert bad.status_code == 422 and "Enter an IP address" in bad.text
    bad = client.post("/organize/blocklists", data={"kind": "email_domain", "value": "<script>"})
    assert bad.status_code == 422 and "Enter a domain" in bad.text
    entry_id = page.split("/organize/blocklists/")[1].split("/delete")[0]
    removed = client.post(f"/organize/blocklists/{entry_id}/delete")
    assert "is no longer blocked." in client.get(removed.location).text


def test_a_removed_entry_stops_flagging_at_once(app, client, login, open_petition, states):
    login()
    client.post("/organize/blocklists", data={"kind": "email_domain", "value": "spam.example"})
    client.post("/petitions/stop-the-data-grab", data={**SIGNER, "email": "a@spam.example"})
    page = client.get("/organize/blocklists").text
    entry_id = page.split("/organize/blocklists/")[1].split("/delete")[0]
    client.post(f"/organize/blocklists/{entry_id}/delete")
    client.post("/petitions/stop-the-data-grab", data={**SIGNER, "email": "b@spam.example"})
    assert states() == {"a@spam.example": "flagged", "b@spam.example": "pending"}


def test_trending_groups_the_last_hours_confirmations(app, client, login, open_petition, confirm):
    for n in range(6):
        address = "203.0.113.9" if n < 4 else f"198.51.100.{n}"
        domain = "flood.example" if n < 5 else "example.org"
        email = f"s{n}@{domain}"
        client.post("/petitions/stop-the-data-grab", data={**SIGNER, "email": email},
                    environ_base={"REMOTE_ADDR": address})
        confirm(email)
    with app.app_context():  # one of them confirmed two hours ago: out of the window
        db.session.execute(update(Signature).where(Signature.email == "s0@flood.example")
                           .values(confirmed_at=utcnow() - timedelta(hours=2)))
        db.session.commit()
    login()
    page = client.get(f"/organize/petitions/{open_petition}/trending?ip_threshold=3&domain_threshold=4").text
    by_ip, by_domain = page.split("By email domain")
    assert "203.0.113.9</td><td class=\"num\">3<" in by_ip and "198.51.100" not in by_ip
    assert "flood.example</td><td class=\"num\">4<" in by_domain and "example.org<" not in by_domain
    assert "ip_range=203.0.113.9" in by_ip and "email_domain=flood.example" in by_domain
    assert "None at or above" in client.get(f"/organize/petitions/{open_petition}/trending").text
