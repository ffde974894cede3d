"""Blocklist edits by organizers. They flush, never commit."""
import logging

from sqlalchemy import select

from campaign.base.extensions import db

from . import blocklists
from .models import BlockKind, BlocklistEntry

log = logging.getLogger(__name__)


def add_block(kind, text, note, organizer):
    """Add an entry to a blocklist (normalised); None when it is there already."""
    value = blocklists.normal_domain(text) if kind is BlockKind.EMAIL_DOMAIN else blocklists.normal_network(text)
    exists = db.session.scalar(select(BlocklistEntry).where(BlocklistEntry.kind == kind, BlocklistEntry.value == value))
    if exists is not None:
        return None
    entry = BlocklistEntry(kind=kind, value=value, note=note or "", created_by_id=organizer.id)
    db.session.add(entry)
    db.session.flush()
    blocklists.forget()
    log.info("blocklist: entry %s (%s) added by organizer %s", entry.id, kind.value, organizer.id)
    return entry


def remove_block(entry):
    db.session.delete(entry)
    db.session.flush()
    blocklists.forget()
