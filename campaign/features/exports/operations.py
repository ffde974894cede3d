"""Making an export: log it (who, when, which filters), stream it, then log how many rows went out.
Everything here flushes; the download (exports.downloads) commits."""
import logging

from sqlalchemy import update

from campaign.base import csvfile
from campaign.base.extensions import db
from campaign.base.timeutil import utcnow

from . import copy_out, queries
from .models import ExportLog

log = logging.getLogger(__name__)


def export(kind, action_id, preset, filters, *, organizer_id, channel="web", excel=False, partner_id=None):
    """Log an export and return (the log entry, the generator of its CSV bytes). Flushes the entry;
    the caller commits it before streaming, so an export is on record even when the download breaks
    off. The rows are counted as they are written, not beforehand (a count of a big petition's
    signers is a scan of its own before the first byte): see `finish`."""
    entry = record(kind, action_id, preset.name, filters.for_log(), organizer_id=organizer_id, channel=channel,
                   partner_id=partner_id)
    return entry, _csv(kind, action_id, preset, filters, excel)


def record(kind, action_id, preset_name, filters, *, organizer_id, channel="web", partner_id=None):
    """Log an export about to be made (`filters` as the log keeps them); flushes and returns the entry."""
    entry = ExportLog(organizer_id=organizer_id, channel=channel, action_kind=kind, action_id=action_id,
                      preset=preset_name, filters=filters, partner_id=partner_id)
    db.session.add(entry)
    db.session.flush()
    log.info("export %s: %s %s, preset %s, by organizer %s", entry.id, kind, action_id, preset_name, organizer_id)
    return entry


def finish(entry_id, rows):
    """Record on the log entry that its file is complete, with `rows` rows."""
    db.session.execute(update(ExportLog).where(ExportLog.id == entry_id).values(row_count=rows, finished_at=utcnow()))
    log.info("export %s finished: %d rows", entry_id, rows)


def _csv(kind, action_id, preset, filters, excel):
    """Yield the export's CSV bytes; returns how many rows it wrote."""
    if db.session.get_bind().dialect.name == "postgresql":
        return (yield from copy_out.stream(preset.header, queries.export_query(kind, action_id, filters), preset.fields,
                                           excel=excel))
    labels, rows = queries.rows(kind, action_id, filters)
    make = preset.row_maker(labels)
    return (yield from csvfile.stream(preset.header, map(make, rows), excel=excel))
