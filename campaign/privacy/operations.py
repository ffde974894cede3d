"""Consent and erasure workflows. They flush, never commit; log lines name no personal data."""
import logging

from sqlalchemy import select

from ..extensions import db
from .models import OptOut

log = logging.getLogger(__name__)


def opt_out(email_key, method="link"):
    """Record that a mailbox wants no more mail (once; a second opt-out changes nothing)."""
    existing = db.session.scalar(select(OptOut).where(OptOut.email_key == email_key))
    if existing is not None:
        return existing
    entry = OptOut(email_key=email_key, method=method)
    db.session.add(entry)
    db.session.flush()
    log.info("opt-out %s recorded (%s)", entry.id, method)
    return entry
