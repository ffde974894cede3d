"""Counting the visits that shared links bring, cheaply enough for a viral petition's page (a
letter's page counts the same way).

The page is served from a copy each process keeps (public_cache), so a visit costs no query;
counting one must not cost a write either. A visit whose link names a channel or a referral code
is added to a counter in the process, and the process writes its counters (one INSERT … ON
CONFLICT per action, channel and code) at most once per SHARE_VISITS_FLUSH_SECONDS, in the
request that finds them due (the view commits). A process that ends loses at most that many
seconds of its counts: visits are a funnel's top, not a tally. Nothing is sent from the browser
(no beacon, no script) and nothing about the visitor is kept.
"""
import threading
import time
from collections import Counter

from flask import current_app

from campaign.base import upserts
from campaign.base.extensions import db
from campaign.base.timeutil import utcnow

from .models import ShareVisit

_lock = threading.Lock()
_pending = Counter()
_written_at = [time.monotonic()]


def count(action_kind, action_id, channel, code):
    """Count a visit to the page of ('petition' or 'letter', `action_id`) from a link with `channel`
    and `code` (either may be ''; with neither, nothing is counted). Returns True when this call
    wrote the process's counts into the session (the caller then commits)."""
    if not (channel or code):
        return False
    seconds = current_app.config["SHARE_VISITS_FLUSH_SECONDS"]
    with _lock:
        _pending[(action_kind, action_id, channel, code)] += 1
        if time.monotonic() - _written_at[0] < seconds:
            return False
        rows = dict(_pending)
        _pending.clear()
        _written_at[0] = time.monotonic()
    write(rows)
    return True


def write(rows):
    """Add {(action kind, action id, channel, code): visits} to the kept counts, in the session."""
    table, now = ShareVisit.__table__, utcnow()
    for (kind, action_id, channel, code), visits in sorted(rows.items()):  # one order: no deadlock
        statement = upserts.insert(table).values(action_kind=kind, action_id=action_id, channel=channel,
                                                 referral_code=code, count=visits, updated_at=now)
        db.session.execute(statement.on_conflict_do_update(
            index_elements=["action_kind", "action_id", "channel", "referral_code"],
            set_={"count": table.c.count + visits, "updated_at": now},
        ))


def forget():
    """Drop the counts not written yet (the tests empty the tables between tests)."""
    with _lock:
        _pending.clear()
