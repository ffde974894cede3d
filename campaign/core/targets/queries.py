"""Read-side queries of targets."""
from sqlalchemy import select

from campaign.base.extensions import db

from .models import Target, TargetKind


def search(kind=None, state="", text="", active_only=True):
    """Targets by kind, state and name, in the order an organizer reads them."""
    query = select(Target).order_by(Target.kind, Target.state, Target.district, Target.name)
    if kind is not None:
        query = query.where(Target.kind == kind)
    if state:
        query = query.where(Target.state == state)
    if text:
        query = query.where(Target.name.ilike(f"%{text}%"))
    if active_only:
        query = query.where(Target.is_active.is_(True))
    return db.session.scalars(query).all()


def states():
    """The states of the members of Congress on file."""
    return db.session.scalars(
        select(Target.state).where(Target.kind == TargetKind.SENATOR).distinct().order_by(Target.state)
    ).all()
