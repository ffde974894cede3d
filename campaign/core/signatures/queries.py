"""Read-side queries about signatures for organizers."""
from dataclasses import dataclass

from sqlalchemy import exists, func, or_, select

from campaign.base.addresses import mailbox_key
from campaign.base.extensions import db
from campaign.core.geo.districts import STATEWIDE

from .models import Signature, SignatureDistrict, SignatureState

PER_PAGE = 50


@dataclass
class Page:
    items: list
    number: int
    total: int
    per_page: int

    @property
    def pages(self):
        return max(1, -(-self.total // self.per_page))

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.number < self.pages


def _like(text):
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search(petition_id, text="", state=None, number=1, per_page=PER_PAGE):
    """A page of a petition's signatures, newest first, matching `text` in name, email or ZIP.
    Erased signatures are left out (they are still counted)."""
    query = select(Signature).where(Signature.petition_id == petition_id, Signature.erased_at.is_(None))
    if state is not None:
        query = query.where(Signature.state == state)
    text = (text or "").strip()
    if text:
        pattern = _like(text)
        full_name = func.lower(Signature.first_name + " " + Signature.last_name)
        conditions = [
            full_name.like(pattern, escape="\\"),
            func.lower(Signature.email).like(pattern, escape="\\"),
            Signature.postcode.like(_like(text), escape="\\"),
        ]
        if "@" in text:
            conditions.append(Signature.email_key == mailbox_key(text))
        query = query.where(or_(*conditions))
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    number = max(1, number)
    items = db.session.scalars(
        query.order_by(Signature.created_at.desc(), Signature.id.desc()).limit(per_page).offset((number - 1) * per_page)
    ).all()
    return Page(items=list(items), number=number, total=total, per_page=per_page)


def state_counts(petition_id):
    """{SignatureState: count} of a petition's signatures (organizer pages only)."""
    rows = db.session.execute(
        select(Signature.state, func.count()).where(Signature.petition_id == petition_id).group_by(Signature.state)
    ).all()
    counts = {state: 0 for state in SignatureState}
    counts.update({state: n for state, n in rows})
    return counts


def confirmed_without_district(petition_id):
    """How many confirmed signers in the United States gave a ZIP code that puts them in no
    congressional district: not in the crosswalk, or signed before it was imported (and
    `flask geo assign-districts` not run since). No representative counts them."""
    return db.session.scalar(
        select(func.count()).select_from(Signature).where(
            Signature.petition_id == petition_id, Signature.state == SignatureState.CONFIRMED,
            Signature.erased_at.is_(None), Signature.country.in_(("", "US")), Signature.postcode != "",
            ~exists().where(SignatureDistrict.signature_id == Signature.id, SignatureDistrict.district != STATEWIDE),
        )
    )


def recent_public_signers(petition_id, limit=8):
    """The latest confirmed signers who agreed to be shown."""
    return list(
        db.session.scalars(
            select(Signature)
            .where(
                Signature.petition_id == petition_id,
                Signature.state == SignatureState.CONFIRMED,
                Signature.is_public.is_(True),
            )
            .order_by(Signature.confirmed_at.desc())
            .limit(limit)
        )
    )
