"""Read-side queries of the outbox: how deep the queue is and how fast it drains."""
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select

from campaign.base.extensions import db
from campaign.base.timeutil import utcnow

from .models import OutboxMessage, OutboxStatus


@dataclass
class KindLoad:
    """One kind of mail: queued, the oldest queued one's creation, sent in the last minute, ..."""

    kind: str
    queued: int = 0
    oldest_queued_at: datetime | None = None
    sent_last_minute: int = 0
    in_doubt: int = 0
    failed: int = 0


def load_by_kind(now=None):
    """({status: count}, [KindLoad per kind]) in one query (it reads every row not sent, and those
    sent in the last minute)."""
    now = now or utcnow()
    minute_ago = now - timedelta(minutes=1)
    rows = db.session.execute(
        select(OutboxMessage.kind, OutboxMessage.status, func.count(), func.min(OutboxMessage.created_at),
               func.count().filter(OutboxMessage.sent_at >= minute_ago))
        .where(or_(OutboxMessage.status != OutboxStatus.SENT, OutboxMessage.sent_at >= minute_ago))
        .group_by(OutboxMessage.kind, OutboxMessage.status)
    ).all()
    totals, kinds = {status: 0 for status in OutboxStatus}, {}
    for kind, status, count, oldest, sent_recently in rows:
        load = kinds.setdefault(kind, KindLoad(kind))
        if status is OutboxStatus.QUEUED:
            load.queued, load.oldest_queued_at = count, oldest
        elif status is OutboxStatus.SENT:
            load.sent_last_minute = sent_recently
        elif status is OutboxStatus.IN_DOUBT:
            load.in_doubt = count
        elif status is OutboxStatus.FAILED:
            load.failed = count
        if status is not OutboxStatus.SENT:
            totals[status] += count
    totals[OutboxStatus.SENT] = db.session.scalar(
        select(func.count()).where(OutboxMessage.status == OutboxStatus.SENT)
    )
    return totals, sorted(kinds.values(), key=lambda load: load.kind)
