"""The numbers behind an action's charts, each one aggregate query on indexed columns."""
from collections import Counter
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, text

from campaign.base.extensions import db
from campaign.base.localtime import zone
from campaign.base.timeutil import utcnow
from campaign.core.signatures.models import Signature, SignatureState


def _utc_hour(column):
    """The UTC hour of a timestamp as text 'YYYY-MM-DD HH', on SQLite and PostgreSQL."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.to_char(func.timezone(text("'UTC'"), column), text("'YYYY-MM-DD HH24'"))
    return func.substr(column, 1, 13)


def confirmed_per_day(petition_id, today=None):
    """[(local date, confirmations that day)] from the first confirmation to today, days without any as 0.

    Grouped by UTC hour in the database (the (petition_id, confirmed_at) index serves it), then
    into days of SITE_TIMEZONE here: at most 24 rows a day, whatever the count.
    """
    hour = _utc_hour(Signature.confirmed_at)
    rows = db.session.execute(
        select(hour, func.count())
        .where(Signature.petition_id == petition_id, Signature.state == SignatureState.CONFIRMED,
               Signature.confirmed_at.is_not(None))
        .group_by(hour)
    ).all()
    per_day = Counter()
    site_zone = zone()
    for label, n in rows:
        at = datetime.strptime(label, "%Y-%m-%d %H").replace(tzinfo=UTC)
        per_day[at.astimezone(site_zone).date()] += n
    if not per_day:
        return []
    day, last = min(per_day), max(max(per_day), today or utcnow().astimezone(site_zone).date())
    days = []
    while day <= last:
        days.append((day, per_day[day]))
        day += timedelta(days=1)
    return days


def top_sources(petition_id, limit=8):
    """[(source, confirmed signatures)], largest first; '' is a signature that came with no source."""
    count = func.count().label("n")
    rows = db.session.execute(
        select(Signature.source, count)
        .where(Signature.petition_id == petition_id, Signature.state == SignatureState.CONFIRMED)
        .group_by(Signature.source)
        .order_by(count.desc(), Signature.source)
        .limit(limit)
    ).all()
    return [(source, n) for source, n in rows]
