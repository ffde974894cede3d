"""Every CSV download (an export, a partner's signers, a letter's signatories) as a response: the
views' one way to send a file, so each is logged, defused (campaign.base.csvfile), named and sent with
the same headers.

Part of the web layer, beside the views that call it: like them, it commits. The export's log
entry is committed before the first byte, so an export is on record even when the download breaks
off; the row count is committed once the file is complete.
"""
from campaign.base import csvfile
from campaign.base.extensions import db
from campaign.base.localtime import to_local
from campaign.base.timeutil import utcnow

from . import operations


def response(entry, chunks, filename):
    """The download of `chunks` (CSV bytes from csvfile.stream or exports.copy_out: a generator that
    returns how many rows it wrote) as `filename`, logged by `entry` (exports.operations.record)."""
    db.session.commit()
    return csvfile.response(_finishing(entry.id, chunks), filename)


def dated_filename(slug, name):
    """`<slug>-<name>-<today, local date>.csv`."""
    return f"{slug}-{name}-{to_local(utcnow()).date().isoformat()}.csv"


def _finishing(entry_id, chunks):
    """Yield the bytes of `chunks`, then, once the file is complete, record its row count. A download
    broken off closes this generator at a yield, so its entry stays not finished."""
    rows = yield from chunks
    db.session.commit()  # ends the export's read-only transaction
    operations.finish(entry_id, rows)
    db.session.commit()
