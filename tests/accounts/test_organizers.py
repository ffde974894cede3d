"""Organizer accounts: the CLI, login and logout, and throttling (who may see which page: tests/security)."""

from sqlalchemy import select

from campaign.base.extensions import db
from campaign.core.accounts import models
from campaign.core.accounts.models import Organizer, Role

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


def test_many_failed_logins_at_one_account_from_many_addresses_are_refused(app, create_organizer):
    create_organizer(email="o@example.org")

    def attempt(n, email="o@example.org", password="wrong wrong wrong"):
        # A new browser at a new address each time, as a botnet would send them.
        return app.test_client().post("/organize/login", data={"email": email, "password": password},
                                      environ_base={"REMOTE_ADDR": f"198.51.100.{n}"}).status_code

    statuses = [attempt(n, email) for n, email in enumerate(["o@example.org", " O@Example.org"] * 6)]
    assert statuses == [401] * 10 + [429, 429]
    assert attempt(100, password=PASSWORD) == 429  # the account's own organizer waits too
    create_organizer(email="other@example.org")
    assert attempt(101, email="other@example.org", password=PASSWORD) == 302  # other accounts do not
    # An address nobody has is counted the same, so a refusal tells nothing about who exists.
    assert [attempt(110 + n, email="nobody@example.org") for n in range(11)] == [401] * 10 + [429]


def test_every_login_checks_one_password_hash_whoever_asks(monkeypatch, app, create_organizer):
    """So that the time a login takes tells nobody whether the account exists or is deactivated."""
    create_organizer(email="active@example.org")
    gone = create_organizer(email="gone@example.org")
    with app.app_context():
        db.session.get(Organizer, gone).is_active = False
        real_hash = db.session.get(Organizer, gone).password_hash
        db.session.commit()
    checked = []
    check = models.check_password_hash
    monkeypatch.setattr(models, "check_password_hash", lambda hashed, password: checked.append(hashed) or check(
        hashed, password))
    for email, password, status in [("active@example.org", PASSWORD, 302), ("active@example.org", "wrong one!!!", 401),
                                    ("gone@example.org", PASSWORD, 401), ("gone@example.org", "wrong one!!!", 401),
                                    ("nobody@example.org", PASSWORD, 401)]:
        checked.clear()
        response = app.test_client().post("/organize/login", data={"email": email, "password": password})
        assert response.status_code == status, email
        assert len(checked) == 1, (email, password)
        # The decoy is hashed with the same method and cost as every account.
        assert checked[0].split("$")[0] == real_hash.split("$")[0]
