"""Organizer accounts: the CLI, login and logout, and throttling (who may see which page: tests/security)."""

from sqlalchemy import select

from campaign.accounts.models import Organizer, Role
from campaign.extensions import db

from ..conftest import PASSWORD


def test_create_an_organizer_from_the_cli(app, runner, client):
    result = runner.invoke(args=["organizers", "create", "lead@example.org"],
                           input="a long enough password\na long enough password\n")
    assert result.exit_code == 0, result.output
    assert "Created owner lead@example.org." in result.output
    with app.app_context():
        organizer = db.session.scalar(select(Organizer))
        assert organizer.role is Role.OWNER
        assert organizer.password_hash.startswith("scrypt:")
        assert "a long enough password" not in organizer.password_hash
    response = client.post("/organize/login", data={"email": "Lead@Example.org", "password": "a long enough password"})
    assert response.status_code == 302


def test_create_with_password_stdin_and_a_role(app, runner):
    result = runner.invoke(args=["organizers", "create", "v@example.org", "--role", "viewer", "--password-stdin"],
                           input="another long password\n")
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(select(Organizer.role)) is Role.VIEWER


def test_the_cli_refuses_short_passwords_and_duplicates(runner, create_organizer):
    short = runner.invoke(args=["organizers", "create", "x@example.org", "--password-stdin"], input="short\n")
    assert short.exit_code != 0 and "at least 12 characters" in short.output
    create_organizer(email="dup@example.org")
    dup = runner.invoke(args=["organizers", "create", "DUP@example.org", "--password-stdin"], input=PASSWORD + "\n")
    assert dup.exit_code != 0 and "exists already" in dup.output


def test_login_and_logout(client, create_organizer):
    create_organizer(email="o@example.org")
    page = client.get("/organize/login")
    assert page.status_code == 200 and 'autocomplete="current-password"' in page.text
    response = client.post("/organize/login?next=/organize/", data={"email": "o@example.org", "password": PASSWORD})
    assert response.status_code == 302 and response.location == "/organize/"
    assert client.get("/organize/").status_code == 200
    assert client.post("/organize/logout").status_code == 302
    assert client.get("/organize/").status_code == 302


def test_a_wrong_password_or_address_says_the_same(client, create_organizer):
    create_organizer(email="o@example.org")
    wrong_password = client.post("/organize/login", data={"email": "o@example.org", "password": "nope nope nope"})
    wrong_address = client.post("/organize/login", data={"email": "x@example.org", "password": PASSWORD})
    message = "That email address and password do not match an organizer account."
    assert wrong_password.status_code == wrong_address.status_code == 401
    assert message in wrong_password.text and message in wrong_address.text
    assert 'value="o@example.org"' in wrong_password.text


def test_login_never_redirects_to_another_site(client, create_organizer):
    create_organizer(email="o@example.org")
    for target in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        response = client.post(f"/organize/login?next={target}", data={"email": "o@example.org", "password": PASSWORD})
        assert response.location == "/organize/"
        client.post("/organize/logout")


def test_an_inactive_organizer_cannot_log_in(app, client, create_organizer):
    organizer_id = create_organizer(email="gone@example.org")
    with app.app_context():
        db.session.get(Organizer, organizer_id).is_active = False
        db.session.commit()
    assert client.post("/organize/login", data={"email": "gone@example.org", "password": PASSWORD}).status_code == 401


def test_login_attempts_are_rate_limited(app, client, create_organizer):
    create_organizer(email="o@example.org")
    wrong = {"email": "o@example.org", "password": "wrong wrong wrong"}
    statuses = [client.post("/organize/login", data=wrong).status_code for _ in range(12)]
    assert statuses[:10] == [401] * 10
    assert statuses[10:] == [429, 429]
    throttled = client.post("/organize/login", data={"email": "o@example.org", "password": PASSWORD})
    assert throttled.status_code == 429  # even the right password waits
    assert "Too many requests" in throttled.text
    assert client.get("/organize/login").status_code == 200  # only attempts are counted
