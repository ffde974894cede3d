"""`flask mail bounces`: returned mail read from an MTA's pipe or a Maildir folder, each message
recorded in its own transaction so one bad message never loses the others."""
import logging
import mailbox
from collections import Counter

from ..extensions import db
from . import bounces, returns

log = logging.getLogger(__name__)


def read_one(data):
    """Read one raw message; commit what it reports. Returns the counts for the summary."""
    counts = Counter(messages=0, hard=0, soft=0, complaint=0, ignored=0)
    _read(data, counts)
    return counts


def read_maildir(path):
    """Read each message of the Maildir at `path` not yet marked seen, and mark it seen."""
    counts = Counter(messages=0, hard=0, soft=0, complaint=0, ignored=0)
    folder = mailbox.Maildir(path, factory=None, create=False)
    for key in list(folder.iterkeys()):
        try:
            message = folder.get_message(key)
        except (KeyError, OSError):
            continue  # taken by another reader meanwhile
        if "S" in message.get_flags():
            continue
        _read(folder.get_bytes(key), counts)
        message.set_subdir("cur")
        message.add_flag("S")
        folder[key] = message
    return counts


def _read(data, counts):
    counts["messages"] += 1
    try:
        recorded = returns.apply(bounces.read(bounces.parse(data)))
        db.session.commit()
    except Exception:
        # Returned mail is written by strangers; a message nobody can read is skipped, not fatal.
        db.session.rollback()
        log.exception("flask mail bounces: a message could not be read")
        recorded = []
    for entry in recorded:
        counts[entry.kind.value] += 1
    if not recorded:
        counts["ignored"] += 1
