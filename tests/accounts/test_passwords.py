"""An organizer changes their password; an owner sets a new one for someone else. Either way the
account's other sessions end."""
import pytest

from campaign.core.accounts.models import Role

from ..conftest import PASSWORD

NEW = "a brand new passphrase"


def logs_in(app, email, password):
    return app.test_client().post("/organize/login", data={"email": email, "password": password}).status_code == 302


def test_an_organizer_changes_their_password_and_their_other_sessions_end(app, client, login):
    login(email="o@example.org")
    laptop = app.test_client()
    laptop.post("/organize/login", data={"email": "o@example.org", "password": PASSWORD})
    page = client.get("/organize/password")
    assert page.status_code == 200 and 'autocomplete="current-password"' in page.text
    assert page.text.count('autocomplete="new-password"') == 2
    response = client.post("/organize/password", data={"current_password": PASSWORD, "password": NEW, "confirm": NEW},
                           follow_redirects=True)
    assert "Your password has changed, and you were logged out everywhere else." in response.text
    assert client.get("/organize/").status_code == 200  # this browser goes on
    assert laptop.get("/organize/").status_code == 302
    assert logs_in(app, "o@example.org", NEW) and not logs_in(app, "o@example.org", PASSWORD)


@pytest.mark.parametrize("answers, message", [
    ({"current_password": "not my password", "password": NEW, "confirm": NEW}, "That is not your current password."),
    ({"current_password": PASSWORD, "password": NEW, "confirm": NEW + "!"}, "The two new passwords are not the same."),
    ({"current_password": PASSWORD, "password": "short", "confirm": "short"}, "at least 12 characters"),
    ({"current_password": "", "password": NEW, "confirm": NEW}, "Enter your current password."),
    ({"current_password": PASSWORD, "password": "", "confirm": ""}, "Enter a new password."),
])
def test_the_change_form_checks_its_answers(app, client, login, answers, message):
    login(email="o@example.org")
    response = client.post("/organize/password", data=answers)
    assert response.status_code == 422 and message in response.text
    assert NEW not in response.text and PASSWORD not in response.text  # passwords are never shown again
    assert client.get("/organize/").status_code == 200  # still logged in
    assert logs_in(app, "o@example.org", PASSWORD)


def test_the_current_password_cannot_be_guessed_at_length(app, client, login):
    login()
    wrong = {"current_password": "not my password", "password": NEW, "confirm": NEW}
    statuses = [client.post("/organize/password", data=wrong).status_code for _ in range(11)]
    assert statuses == [422] * 10 + [429]


def test_an_owner_sets_a_new_password_for_an_organizer(app, client, login, create_organizer):
    organizer_id = create_organizer(email="o@example.org")
    theirs = app.test_client()
    theirs.post("/organize/login", data={"email": "o@example.org", "password": PASSWORD})
    login(Role.OWNER)
    listing = client.get("/organize/organizers").text
    assert f'href="/organize/organizers/{organizer_id}/password"' in listing
    page = client.get(f"/organize/organizers/{organizer_id}/password")
    assert page.status_code == 200 and "New password for o@example.org" in page.text
    assert "current_password" not in page.text
    response = client.post(f"/organize/organizers/{organizer_id}/password", data={"password": NEW, "confirm": NEW},
                           follow_redirects=True)
    assert "o@example.org has a new password, and was logged out everywhere." in response.text
    assert theirs.get("/organize/").status_code == 302
    assert logs_in(app, "o@example.org", NEW) and not logs_in(app, "o@example.org", PASSWORD)
    assert client.get("/organize/organizers").status_code == 200  # the owner goes on


def test_the_reset_form_checks_its_answers(app, client, login, create_organizer):
    organizer_id = create_organizer(email="o@example.org")
    login(Role.OWNER)
    for answers, message in [({"password": "short", "confirm": "short"}, "at least 12 characters"),
                             ({"password": NEW, "confirm": "something else"},
                              "The two new passwords are not the same.")]:
        response = client.post(f"/organize/organizers/{organizer_id}/password", data=answers)
        assert response.status_code == 422 and message in response.text
    assert logs_in(app, "o@example.org", PASSWORD)
    response = client.post("/organize/organizers/999999/password", data={"password": NEW, "confirm": NEW})
    assert response.status_code == 404


def test_an_owner_changes_their_own_password_on_their_own_page(client, login):
    me = login(Role.OWNER)
    response = client.get(f"/organize/organizers/{me}/password")
    assert response.status_code == 302 and response.location == "/organize/password"
    assert 'href="/organize/password"' in client.get("/organize/organizers").text
