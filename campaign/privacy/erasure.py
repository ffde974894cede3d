"""Erasing personal data in place: forgotten on request, or past the retention period.

An erased signature keeps its state, region (US state), country, the first three characters of
its postcode, its times, source and consent answer, so totals, the tallies and breakdowns stay
true; its names, address, city, phone, comment, referrer and IP address are blanked, and its
mailbox key becomes `erased:<id>` (unique, so the one-signature-per-mailbox constraint holds).
District columns, once signatures have them, are kept too.

Each kind of action's personal data is one source in SOURCES; letters' sign-ons add theirs.
"""
from sqlalchemy import String, cast, func, literal, select, update

from ..extensions import db
from ..petitions.models import Petition, PetitionState
from ..signatures.addresses import mailbox_key
from ..signatures.models import Signature
from ..timeutil import utcnow


class PetitionSignatures:
    kind = "petition"

    @staticmethod
    def _erase(*conditions):
        return db.session.execute(
            update(Signature)
            .where(*conditions, Signature.erased_at.is_(None))
            .values(
                email="", email_key=literal("erased:") + cast(Signature.id, String), first_name="", last_name="",
                city="", phone="", comment="", referrer="", ip_address=None, is_public=False,
                postcode=func.substr(Signature.postcode, 1, 3), erased_at=utcnow(),
            )
            .execution_options(synchronize_session=False)
        ).rowcount

    def forget(self, email):
        """Erase every signature of this mailbox. Returns (rows, actions, addresses as typed)."""
        rows = db.session.execute(
            select(Signature.id, Signature.petition_id, Signature.email)
            .where(Signature.email_key == mailbox_key(email), Signature.erased_at.is_(None))
        ).all()
        if rows:
            self._erase(Signature.id.in_([row.id for row in rows]))
        return len(rows), {row.petition_id for row in rows}, {row.email for row in rows}

    def expire(self, closed_before):
        """Erase the signatures of petitions closed before `closed_before`, unless kept. (rows, actions)"""
        now = utcnow()
        petitions = db.session.scalars(
            select(Signature.petition_id).distinct().join(Petition, Petition.id == Signature.petition_id).where(
                Signature.erased_at.is_(None),
                Petition.keep_personal_data.is_(False),
                ((Petition.state == PetitionState.CLOSED) & (Petition.closed_at < closed_before))
                | ((Petition.state == PetitionState.OPEN) & (Petition.closes_at < closed_before)
                   & (Petition.closes_at < now)),
            )
        ).all()
        if not petitions:
            return 0, set()
        return self._erase(Signature.petition_id.in_(petitions)), set(petitions)

    def drop_ips(self, created_before):
        return db.session.execute(
            update(Signature)
            .where(Signature.ip_address.is_not(None), Signature.created_at < created_before)
            .values(ip_address=None)
            .execution_options(synchronize_session=False)
        ).rowcount


SOURCES = [PetitionSignatures()]
