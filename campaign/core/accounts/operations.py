"""Organizer accounts: logging in, passwords, and the owners' management. They flush, never commit."""
import logging
import secrets
from functools import cache

from flask_babel import gettext as _
from sqlalchemy import func, select

from campaign.base.extensions import db

from .models import Organizer, Role

log = logging.getLogger(__name__)


class LastOwner(Exception):
    """The change would leave no active owner to manage organizers."""


class EmailTaken(Exception):
    """Another organizer account has this address."""


def authenticate(email, password):
    """The active organizer with this address and password, or None.

    Exactly one password hash is checked whatever the answer (an unknown address is checked
    against a decoy), so the time taken tells nobody whether an account exists or is deactivated."""
    organizer = db.session.scalar(select(Organizer).where(func.lower(Organizer.email) == email.lower()))
    matches = (organizer or _decoy()).check_password(password)
    if organizer is not None and organizer.is_active and matches:
        return organizer
    return None


@cache
def _decoy():
    """An account that is never saved, with the hash of a password nobody knows."""
    decoy = Organizer()
    decoy.set_password(secrets.token_urlsafe(32))
    return decoy


def set_password(organizer, password):
    """Give `organizer` a new password (ValueError when too short); every session of theirs ends."""
    organizer.set_password(password)
    organizer.end_sessions()
    db.session.flush()
    log.info("organizer %s has a new password", organizer.id)


def create(email, role, password):
    """A new active organizer account; EmailTaken or ValueError (a too short password)."""
    if db.session.scalar(select(Organizer.id).where(func.lower(Organizer.email) == email.lower())):
        raise EmailTaken(email)
    organizer = Organizer(email=email, role=role)
    organizer.set_password(password)
    db.session.add(organizer)
    db.session.flush()
    log.info("organizer %s created with role %s", organizer.id, role.value)
    return organizer


def _other_active_owners(organizer):
    return db.session.scalar(
        select(func.count()).select_from(Organizer).where(
            Organizer.role == Role.OWNER, Organizer.is_active.is_(True), Organizer.id != organizer.id
        )
    )


def _guard_last_owner(organizer):
    if organizer.role is Role.OWNER and organizer.is_active and _other_active_owners(organizer) == 0:
        raise LastOwner(_("There must always be an active owner: make someone else owner first."))


def change_role(organizer, role):
    if role is organizer.role:
        return
    _guard_last_owner(organizer)
    organizer.role = role
    log.info("organizer %s is now %s", organizer.id, role.value)


def deactivate(organizer):
    """The account can no longer log in, its sessions end and its API tokens stop working."""
    _guard_last_owner(organizer)
    organizer.is_active = False
    organizer.end_sessions()
    log.info("organizer %s deactivated", organizer.id)


def reactivate(organizer):
    organizer.is_active = True
    log.info("organizer %s reactivated", organizer.id)
