"""Organizers add and edit companies and agencies, with the people to write to."""
from sqlalchemy import select

from campaign.base.extensions import db
from campaign.core.targets.models import Target


def test_add_then_edit_a_company_with_its_contacts(app, client, login):
    login()
    response = client.post("/organize/targets/new", data={
        "kind": "company", "name": "Acme Social, Inc.", "address": "1 Main St", "phone": "",
        "contacts": "Jordan Reyes <jordan@acme.example>\nboard@acme.example"})
    assert response.status_code == 302
    with app.app_context():
        target_id = db.session.scalar(select(Target.id))
    page = client.get(f"/organize/targets/{target_id}/edit")
    assert page.status_code == 200
    assert "Jordan Reyes &lt;jordan@acme.example&gt;" in page.text and "board@acme.example" in page.text
    assert 'value="Acme Social, Inc."' in page.text

    bad = client.post(f"/organize/targets/{target_id}/edit", data={
        "kind": "company", "name": "Acme", "contacts": "not an address"})
    assert bad.status_code == 422 and "has no valid email address" in bad.text and "not an address" in bad.text
    saved = client.post(f"/organize/targets/{target_id}/edit", data={
        "kind": "agency", "name": "Acme", "contacts": "ceo@acme.example"})
    assert saved.status_code == 302
    with app.app_context():
        target = db.session.get(Target, target_id)
        assert target.kind.value == "agency" and [c.email for c in target.contacts] == ["ceo@acme.example"]


def test_a_target_whose_kind_was_skipped_is_not_filed_as_a_company(app, client, login):
    """The Kind select starts at an empty choice: skipping it is an error, not a company."""
    login()
    page = client.get("/organize/targets/new")
    assert '<option selected value="">Choose…</option>' in page.text
    response = client.post("/organize/targets/new", data={"kind": "", "name": "Acme Social, Inc.",
                                                           "contacts": "board@acme.example"})
    assert response.status_code == 422
    assert "Choose whether the target is a company or an agency." in response.text
    assert 'value="Acme Social, Inc."' in response.text
    with app.app_context():
        assert db.session.scalar(select(Target.id)) is None
