"""Deciding which alerts are due and queueing them: they flush, never commit.

Each alert is claimed in the database before it is queued, in the same transaction: a
conditional UPDATE of the organizer's AlertSettings row (the waiting alert: last mailed an hour
ago or more; the digest: not mailed since today's digest hour) or the INSERT of a milestone's
row. When several `flask alerts send` run at once, on one host or many, the database lets one
claim each alert: the others' UPDATE matches no row, or their INSERT meets the key and does
nothing.
"""
import logging
from datetime import UTC, timedelta

from flask import current_app
from sqlalchemy import func, or_, select, update

from campaign.base import upserts
from campaign.base.extensions import db
from campaign.base.localtime import to_local
from campaign.base.outbox.operations import enqueue
from campaign.core.accounts.access import EDITORS
from campaign.core.accounts.models import Organizer
from campaign.core.petitions.goals import milestones
from campaign.core.petitions.models import Petition, PetitionState
from campaign.core.signatures import tallies
from campaign.features.waiting import waiting_for_moderation

from . import queries
from .models import AlertSettings, MilestoneReached

log = logging.getLogger(__name__)
WAITING_INTERVAL = timedelta(hours=1)
DIGEST_PERIOD = timedelta(days=1)
# The smallest milestone worth a mail (goals.milestones goes 1, 2, 5, 10, 25, ...).
FIRST_MILESTONE = 10


def choose(organizer, on_waiting, on_milestone, daily_digest):
    """Record `organizer`'s choice of alerts; returns their AlertSettings."""
    settings = db.session.get(AlertSettings, organizer.id) or AlertSettings(organizer_id=organizer.id)
    settings.on_waiting = on_waiting and organizer.role in EDITORS  # only those who moderate
    settings.on_milestone, settings.daily_digest = on_milestone, daily_digest
    db.session.add(settings)
    db.session.flush()
    return settings


def send_due(now):
    """Queue every alert due at `now`; returns {"waiting": n, "milestone": n, "digest": n} mails queued."""
    return {"waiting": send_waiting(now), "milestone": send_milestones(now), "digest": send_digests(now)}


def _subscribers(choice, roles=None):
    """The active organizers who chose `choice` (an AlertSettings column), in `roles` if given."""
    statement = (select(Organizer).join(AlertSettings, AlertSettings.organizer_id == Organizer.id)
                 .where(choice.is_(True), Organizer.is_active.is_(True)).order_by(Organizer.id))
    if roles is not None:
        statement = statement.where(Organizer.role.in_(roles))
    return db.session.scalars(statement).all()


def _claim(organizer, column, not_since, now):
    """Set `column` of the organizer's settings to `now` if it is empty or before `not_since`:
    True when this call did (the alert is ours to send)."""
    result = db.session.execute(
        update(AlertSettings)
        .where(AlertSettings.organizer_id == organizer.id, or_(column.is_(None), column < not_since))
        .values({column.key: now}).execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def send_waiting(now):
    """Mail the moderators who chose it when sign-ons or endorsements wait: at most one mail an hour each."""
    waiting = waiting_for_moderation()
    if not waiting.total:
        return 0
    sent = 0
    for organizer in _subscribers(AlertSettings.on_waiting, EDITORS):
        if _claim(organizer, AlertSettings.waiting_mailed_at, now - WAITING_INTERVAL, now):
            enqueue("alert.waiting", organizer.email, organizer_id=organizer.id, count=waiting.total,
                    sign_ons=sum(waiting.letters.values()), endorsements=sum(waiting.petitions.values()))
            sent += 1
    return sent


def reached_milestone(goal, count):
    """The highest milestone `count` has reached (goals.milestones from FIRST_MILESTONE up, and the
    organizer's `goal`), or None."""
    reached = goal if goal and goal <= count else None
    for milestone in milestones():
        if milestone > count:
            break
        if milestone >= FIRST_MILESTONE:
            reached = max(reached or 0, milestone)
    return reached


def send_milestones(now):
    """Mail those who chose it when an open petition's count passed a milestone it had not passed
    before (the highest one, when several were passed at once). Each milestone once."""
    organizers = _subscribers(AlertSettings.on_milestone)
    if not organizers:
        return 0
    petitions = db.session.scalars(select(Petition).where(Petition.state == PetitionState.OPEN)).all()
    counts = tallies.totals([petition.id for petition in petitions])
    last = dict(db.session.execute(
        select(MilestoneReached.petition_id, func.max(MilestoneReached.milestone))
        .group_by(MilestoneReached.petition_id)
    ).all())
    sent = 0
    for petition in petitions:
        milestone = reached_milestone(petition.goal, counts[petition.id])
        if milestone is None or milestone <= last.get(petition.id, 0):
            continue
        claimed = db.session.execute(  # RETURNING, not rowcount: the PostgreSQL driver may not count an upsert
            upserts.insert(MilestoneReached.__table__)
            .values(petition_id=petition.id, milestone=milestone, reached_at=now).on_conflict_do_nothing()
            .returning(MilestoneReached.__table__.c.milestone)
        ).first() is not None
        if not claimed:
            continue
        log.info("petition %s reached %s signatures", petition.id, milestone)
        for organizer in organizers:
            enqueue("alert.milestone", organizer.email, organizer_id=organizer.id, petition_id=petition.id,
                    milestone=milestone, count=counts[petition.id])
            sent += 1
    return sent


def digest_hour_passed(now):
    """Today's digest time (ALERTS_DIGEST_HOUR in the site's zone) as UTC, or None before it."""
    local = to_local(now)
    start = local.replace(hour=current_app.config["ALERTS_DIGEST_HOUR"], minute=0, second=0, microsecond=0)
    return start.astimezone(UTC) if local >= start else None


def send_digests(now):
    """Once a day, from the digest hour on, mail those who chose it the digest of the last 24 hours."""
    start = digest_hour_passed(now)
    if start is None:
        return 0
    content, sent = None, 0
    for organizer in _subscribers(AlertSettings.daily_digest):
        if _claim(organizer, AlertSettings.digest_mailed_at, start, now):
            content = content or queries.digest(now - DIGEST_PERIOD, now)
            enqueue("alert.digest", organizer.email, organizer_id=organizer.id, **content)
            sent += 1
    return sent
