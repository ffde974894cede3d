"""Organizer sessions end at logout, at a password change or reset, at deactivation, and after the
idle and the maximum time; a copy of the cookie ends with them (pages of passwords: test_passwords)."""
from datetime import timedelta

import pytest
from flask_login.utils import encode_cookie

from campaign.base.extensions import db
from campaign.base.timeutil import utcnow
from campaign.core.accounts import sessions
from campaign.core.accounts.models import Organizer, Role

from ..conftest import PASSWORD


class Clock:
    """The time organizer sessions read, moved by the test instead of waited for."""

    def __init__(self):
        self.now = utcnow()

    def __call__(self):
        return self.now

    def move(self, **duration):
        self.now += timedelta(**duration)


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(sessions, "utcnow", clock)
    return clock


def copied_cookie(client):
    """The session cookie, as someone who copied it from the browser would have it."""
    return client.get_cookie("session").value


def replay(app, cookie, path="/organize/"):
    """GET `path` from another browser carrying the copied cookie."""
    other = app.test_client()
    other.set_cookie("session", cookie)
    return other.get(path)


def sent_to_log_in(response):
    return response.status_code == 302 and response.location.startswith("/organize/login")


def test_a_cookie_copied_before_logout_is_refused_after_it(app, client, login):
    login()
    cookie = copied_cookie(client)
    assert replay(app, cookie).status_code == 200  # a copy works while the session lives
    assert client.post("/organize/logout").status_code == 302
    assert sent_to_log_in(replay(app, cookie))
    assert "Your session has ended. Log in again." in replay(app, cookie, "/organize/login").text


def test_logging_out_ends_the_sessions_on_other_devices_too(app, client, login):
    login(email="o@example.org")
    phone = app.test_client()
    assert phone.post("/organize/login", data={"email": "o@example.org", "password": PASSWORD}).status_code == 302
    client.post("/organize/logout")
    assert sent_to_log_in(phone.get("/organize/"))
    assert phone.post("/organize/login", data={"email": "o@example.org", "password": PASSWORD}).status_code == 302
    assert phone.get("/organize/").status_code == 200  # and logging in again works


def test_deactivation_ends_sessions_for_good(app, client, login, create_organizer):
    organizer = app.test_client()
    organizer_id = create_organizer(email="o@example.org")
    organizer.post("/organize/login", data={"email": "o@example.org", "password": PASSWORD})
    cookie = copied_cookie(organizer)
    login(Role.OWNER)
    deactivated = client.post(f"/organize/organizers/{organizer_id}/deactivate", data={"role": "owner"},
                              follow_redirects=True)
    assert "o@example.org can no longer log in." in deactivated.text
    assert sent_to_log_in(replay(app, cookie))
    client.post(f"/organize/organizers/{organizer_id}/reactivate", data={"role": "owner"})
    assert sent_to_log_in(replay(app, cookie))  # reactivated, they log in afresh
    assert organizer.post("/organize/login", data={"email": "o@example.org", "password": PASSWORD}).status_code == 302


def test_a_session_ends_after_the_idle_time(app, client, login, clock):
    idle = app.config["SESSION_IDLE_MINUTES"]
    login()
    clock.move(minutes=idle - 1)
    assert client.get("/organize/").status_code == 200
    clock.move(minutes=idle - 1)
    assert client.get("/organize/").status_code == 200  # each request starts the idle time again
    clock.move(minutes=idle)
    response = client.get("/organize/petitions/new")
    assert sent_to_log_in(response)
    assert "Your session has ended. Log in again." in client.get(response.location).text


def test_a_session_ends_after_the_maximum_time_however_busy(app, client, login, clock):
    step = timedelta(minutes=app.config["SESSION_IDLE_MINUTES"] - 1)
    maximum = timedelta(hours=app.config["SESSION_MAX_HOURS"])
    login()
    elapsed = timedelta()
    while elapsed + step < maximum:
        clock.move(minutes=step.total_seconds() / 60)
        elapsed += step
        assert client.get("/organize/").status_code == 200, elapsed
    clock.move(minutes=step.total_seconds() / 60)
    assert sent_to_log_in(client.get("/organize/"))


def test_the_session_cookie_is_not_believed_longer_than_a_session_lasts(app, client, login):
    assert app.permanent_session_lifetime == timedelta(hours=app.config["SESSION_MAX_HOURS"])
    assert app.config["REMEMBER_COOKIE_DURATION"] <= app.permanent_session_lifetime
    login()
    assert client.get_cookie(app.config.get("REMEMBER_COOKIE_NAME", "remember_token")) is None
    assert client.get_cookie("session").expires is None  # gone when the browser closes


def test_a_remember_me_cookie_logs_nobody_in(app, create_organizer):
    organizer_id = create_organizer()
    with app.test_request_context():
        remembered = encode_cookie(db.session.get(Organizer, organizer_id).get_id())
        db.session.remove()
    visitor = app.test_client()
    visitor.set_cookie(app.config.get("REMEMBER_COOKIE_NAME", "remember_token"), remembered)
    assert sent_to_log_in(visitor.get("/organize/"))

