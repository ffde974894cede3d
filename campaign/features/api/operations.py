"""Issuing and checking API tokens. They flush, never commit."""
import secrets

from sqlalchemy import select

from campaign.base.extensions import db
from campaign.base.timeutil import utcnow

from .models import ApiToken, token_hash

PREFIX = "cpn_"


def issue(organizer, name):
    """(token row, the token itself): the token is shown once and only its hash is kept."""
    token = PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(organizer_id=organizer.id, name=name, token_hash=token_hash(token), prefix=token[:12])
    db.session.add(row)
    db.session.flush()
    return row, token


def sent_tokens(headers):
    """The tokens a request sends: in OSDI's `OSDI-API-Token: <token>` (what OSDI clients such as
    parsons' ActionNetwork send) and in `Authorization: Bearer <token>`; a header that is sent
    empty or with another scheme counts as a token that matches none."""
    tokens = []
    if "OSDI-API-Token" in headers:
        tokens.append(headers["OSDI-API-Token"].strip())
    if "Authorization" in headers:
        scheme, _, token = headers["Authorization"].partition(" ")
        tokens.append(token.strip() if scheme.lower() == "bearer" else "")
    return tokens


def authenticate(headers):
    """The active token a request's headers send (see sent_tokens), or None: also when it sends
    two, and one of them is not that token (a request is never half refused)."""
    tokens = set(sent_tokens(headers))
    if len(tokens) != 1 or "" in tokens:
        return None
    row = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash(tokens.pop())))
    if row is None or not row.is_active:
        return None
    row.last_used_at = utcnow()
    return row
