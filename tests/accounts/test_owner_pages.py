"""Owners manage organizer accounts; the last active owner cannot be demoted or deactivated."""
from sqlalchemy import select

from campaign.core.accounts.models import Organizer, Role

from ..conftest import PASSWORD, detached


def account(app, email):
    [organizer] = detached(app, select(Organizer).where(Organizer.email == email))
    return organizer


def test_an_owner_adds_an_organizer_who_can_then_log_in(app, client, login):
    login(Role.OWNER)
    assert client.get("/organize/organizers").status_code == 200
    response = client.post("/organize/organizers/new",
                           data={"email": "new@example.org", "role": "viewer", "password": PASSWORD})
    assert response.status_code == 302
    page = client.get("/organize/organizers")
    assert "new@example.org can now log in as viewer." in page.text
    assert account(app, "new@example.org").role is Role.VIEWER
    client.post("/organize/logout")
    assert client.post("/organize/login", data={"email": "new@example.org", "password": PASSWORD}).status_code == 302


def test_the_add_form_checks_its_answers(client, login, create_organizer):
    login(Role.OWNER)
    create_organizer(email="taken@example.org")
    for data, message in [
        ({"email": "not an address", "role": "viewer", "password": PASSWORD}, "Enter a valid email address."),
        ({"email": "TAKEN@example.org", "role": "viewer", "password": PASSWORD}, "exists already"),
        ({"email": "x@example.org", "role": "viewer", "password": "short"}, "at least 12 characters"),
        ({"email": "x@example.org", "role": "emperor", "password": PASSWORD}, "Not a valid choice"),
    ]:
        response = client.post("/organize/organizers/new", data=data)
        assert response.status_code == 422 and message in response.text


def test_an_owner_changes_roles_and_deactivates(app, client, login, create_organizer):
    login(Role.OWNER)
    other = create_organizer(email="o@example.org")
    client.post(f"/organize/organizers/{other}/role", data={"role": "owner"})
    assert account(app, "o@example.org").role is Role.OWNER
    client.post(f"/organize/organizers/{other}/deactivate", data={"role": "owner"})
    assert not account(app, "o@example.org").is_active
    assert client.post("/organize/login", data={"email": "o@example.org", "password": PASSWORD}).status_code == 302
    # That login was by the still logged-in owner's client, so check with a fresh client:
    fresh = app.test_client()
    assert fresh.post("/organize/login", data={"email": "o@example.org", "password": PASSWORD}).status_code == 401
    client.post(f"/organize/organizers/{other}/reactivate", data={"role": "owner"})
    assert account(app, "o@example.org").is_active


def test_the_last_owner_can_neither_demote_nor_deactivate_themselves(app, client, login):
    me = login(Role.OWNER)
    response = client.post(f"/organize/organizers/{me}/role", data={"role": "viewer"}, follow_redirects=True)
    assert "There must always be an active owner" in response.text
    response = client.post(f"/organize/organizers/{me}/deactivate", data={"role": "owner"}, follow_redirects=True)
    assert "There must always be an active owner" in response.text
    mine = account(app, "owner@example.org")
    assert mine.role is Role.OWNER and mine.is_active


def test_with_a_second_owner_an_owner_may_step_down(app, client, login, create_organizer):
    me = login(Role.OWNER)
    create_organizer(email="second@example.org", role=Role.OWNER)
    client.post(f"/organize/organizers/{me}/role", data={"role": "organizer"})
    assert account(app, "owner@example.org").role is Role.ORGANIZER
    assert client.get("/organize/organizers").status_code == 403


def test_unknown_accounts_are_not_found(client, login):
    login(Role.OWNER)
    assert client.post("/organize/organizers/999999/role", data={"role": "viewer"}).status_code == 404
