"""Organizer sessions: what a login keeps in the session cookie, and when the session ends.

A session keeps its organizer's id and session version (`Organizer.get_id`, Flask-Login's
"alternative token"). Logging out, a password change or an owner's reset, and deactivation raise
the version, so every session of that account ends, on every device, even one whose cookie was
copied: the cookie is signed, not revocable, and only the version makes it worthless.

A session also keeps when it began and when it was last used: SESSION_MAX_HOURS after the login,
or SESSION_IDLE_MINUTES without a request, it ends too. No remember-me cookie is ever set; were
one presented, the session Flask-Login would make from it has no login time and is refused.
"""
from flask import current_app, flash, session
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from flask_login.config import SESSION_KEYS

from campaign.base.extensions import db, login_manager
from campaign.base.timeutil import utcnow

from .models import Organizer

LOGIN_AT = "login_at"
SEEN_AT = "seen_at"
# The last use is written back at most this often, so a burst of requests sets no new cookies.
SEEN_PRECISION_SECONDS = 60


def _now():
    return int(utcnow().timestamp())


def start(organizer):
    """Log `organizer` in on a fresh session: nothing of the previous one is kept."""
    session.clear()
    login_user(organizer)
    session[LOGIN_AT] = session[SEEN_AT] = _now()


def end():
    """Log out: this session and every other of the same organizer end."""
    current_user.end_sessions()
    db.session.flush()
    logout_user()
    session.clear()


@login_manager.user_loader
def load(session_id):
    """The organizer of a live session, or None (and the session forgets its login): a session of
    an older version, of a deactivated account, past its maximum age or idle too long."""
    organizer = _live_organizer(session_id, _now())
    if organizer is None:
        for key in (*SESSION_KEYS, LOGIN_AT, SEEN_AT):
            session.pop(key, None)
        flash(_("Your session has ended. Log in again."), "info")
    return organizer


def _live_organizer(session_id, now):
    organizer_id, _colon, version = session_id.partition(":")
    login_at, seen_at = session.get(LOGIN_AT), session.get(SEEN_AT)
    if not (organizer_id.isdecimal() and version.isdecimal() and isinstance(login_at, int)
            and isinstance(seen_at, int)):
        return None
    config = current_app.config
    if now - login_at >= config["SESSION_MAX_HOURS"] * 3600 or now - seen_at >= config["SESSION_IDLE_MINUTES"] * 60:
        return None
    organizer = db.session.get(Organizer, int(organizer_id))
    if organizer is None or not organizer.is_active or organizer.session_version != int(version):
        return None
    if now - seen_at >= SEEN_PRECISION_SECONDS:
        session[SEEN_AT] = now
    return organizer
