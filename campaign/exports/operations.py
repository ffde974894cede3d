"""Making an export: log it (who, when, which filters, how many rows), then stream it."""
import logging

from ..extensions import db
from . import copy_out, csvfile, queries
from .models import ExportLog

log = logging.getLogger(__name__)


def export(kind, action_id, preset, filters, *, organizer_id, channel="web", excel=False, partner_id=None):
    """Log an export and return the generator of its CSV bytes. Flushes the log; the caller
    commits it before streaming, so an export is on record even when the download breaks off."""
    row_count = queries.count(kind, action_id, filters)
    entry = ExportLog(
        organizer_id=organizer_id,
        channel=channel,
        action_kind=kind,
        action_id=action_id,
        preset=preset.name,
        filters=filters.for_log(),
        row_count=row_count,
        partner_id=partner_id,
    )
    db.session.add(entry)
    db.session.flush()
    log.info("export %s: %s %s, preset %s, %d rows, by organizer %s",
             entry.id, kind, action_id, preset.name, row_count, organizer_id)
    return entry, _csv(kind, action_id, preset, filters, excel)


def _csv(kind, action_id, preset, filters, excel):
    if db.session.get_bind().dialect.name == "postgresql":
        yield from copy_out.stream(preset.header, queries.export_query(kind, action_id, filters), preset.fields, excel=excel)
        return
    labels, rows = queries.rows(kind, action_id, filters)
    make = preset.row_maker(labels)
    yield from csvfile.stream(preset.header, map(make, rows), excel=excel)
