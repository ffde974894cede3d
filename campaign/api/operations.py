"""Issuing and checking API tokens. They flush, never commit."""
import secrets

from sqlalchemy import select

from ..extensions import db
from ..timeutil import utcnow
from .models import ApiToken, token_hash

PREFIX = "cpn_"


def issue(organizer, name):
    """(token row, the token itself): the token is shown once and only its hash is kept."""
    token = PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(organizer_id=organizer.id, name=name, token_hash=token_hash(token), prefix=token[:12])
    db.session.add(row)
    db.session.flush()
    return row, token


def authenticate(header):
    """The active token named by an `Authorization: Bearer …` header value, or None."""
    scheme, _, token = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    row = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash(token.strip())))
    if row is None or not row.is_active:
        return None
    row.last_used_at = utcnow()
    return row
