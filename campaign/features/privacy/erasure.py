"""Erasing personal data in place: forgotten on request, or past the retention period.

An erased signature keeps its state, region (US state), country, the first three characters of
its postcode, its times, source and consent answer, so totals, the tallies and breakdowns stay
true; its names, address, city, phone, comment, referrer and IP address are blanked, and its
mailbox key becomes `erased:<id>` (unique, so the one-signature-per-mailbox constraint holds).
District columns, once signatures have them, are kept too.

Each kind of personal data is one source in SOURCES: petitions' signatures, and the sign-ons of
letters and endorsements.
"""
from sqlalchemy import String, cast, func, literal, select, update

from campaign.base.addresses import mailbox_key
from campaign.base.extensions import db
from campaign.base.timeutil import utcnow
from campaign.core.letters.models import IndividualSignOn, Letter, LetterState
from campaign.core.organizations.models import OrganizationSignOn
from campaign.core.petitions.models import Petition, PetitionState
from campaign.core.signatures.models import Signature


def _erase_rows(model, *conditions, **blanks):
    """Erase the rows of `model` that meet `conditions`: no address, no IP address, the mailbox key
    `erased:<id>`, and `blanks` (the other personal columns' erased values). Returns how many."""
    return db.session.execute(
        update(model).where(*conditions)
        .values(email="", email_key=literal("erased:") + cast(model.id, String), ip_address=None, **blanks)
        .execution_options(synchronize_session=False)
    ).rowcount


class PetitionSignatures:
    kind = "petition"

    @staticmethod
    def _erase(*conditions):
        return _erase_rows(Signature, *conditions, Signature.erased_at.is_(None), first_name="", last_name="",
                           city="", phone="", comment="", referrer="", is_public=False,
                           postcode=func.substr(Signature.postcode, 1, 3), erased_at=utcnow())

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
                Signature.erased_at.is_(None), *_expired_petitions(closed_before, now))
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


class SignOns:
    """Letters' sign-ons and petitions' endorsements: an organization's contact, a person signing.

    Erasing blanks the contact's (or the person's) name, title, address, phone and IP address and
    gives the mailbox key `erased:<id>`; an organization's own name, place and website are not
    personal data and stay, and so do every decision and confirmation, so counts stay true. An
    erased person is counted but no longer named.
    """

    kind = "letter"

    @staticmethod
    def _erase_organizations(*conditions):
        return _erase_rows(OrganizationSignOn, *conditions, OrganizationSignOn.email != "", contact_name="",
                           contact_title="", contact_phone="")

    @staticmethod
    def _erase_people(*conditions):
        return _erase_rows(IndividualSignOn, *conditions, IndividualSignOn.email != "", first_name="",
                           last_name="", affiliation="", is_named=False)

    def forget(self, email):
        """Erase this mailbox's sign-ons. Returns (rows, actions, addresses as typed)."""
        key = mailbox_key(email)
        organizations = db.session.execute(
            select(OrganizationSignOn.id, OrganizationSignOn.letter_id, OrganizationSignOn.petition_id,
                   OrganizationSignOn.email).where(OrganizationSignOn.email_key == key, OrganizationSignOn.email != "")
        ).all()
        people = db.session.execute(
            select(IndividualSignOn.id, IndividualSignOn.letter_id, IndividualSignOn.email)
            .where(IndividualSignOn.email_key == key, IndividualSignOn.email != "")
        ).all()
        rows = 0
        if organizations:
            rows += self._erase_organizations(OrganizationSignOn.id.in_([row.id for row in organizations]))
        if people:
            rows += self._erase_people(IndividualSignOn.id.in_([row.id for row in people]))
        actions = {("letter", row.letter_id) if row.letter_id else ("petition", row.petition_id)
                   for row in organizations} | {("letter", row.letter_id) for row in people}
        return rows, actions, {row.email for row in [*organizations, *people]}

    def expire(self, closed_before):
        """Erase the sign-ons of letters (and endorsements of petitions) closed before
        `closed_before`, unless the action is kept. (rows, actions)"""
        now = utcnow()
        letters = db.session.scalars(select(Letter.id).where(
            Letter.keep_personal_data.is_(False),
            ((Letter.state == LetterState.CLOSED) & (Letter.closed_at < closed_before))
            | ((Letter.state == LetterState.OPEN) & (Letter.deadline_at < closed_before) & (Letter.deadline_at < now)),
        )).all()
        petitions = db.session.scalars(select(Petition.id).where(*_expired_petitions(closed_before, now))).all()
        rows = 0
        if letters:
            rows += self._erase_organizations(OrganizationSignOn.letter_id.in_(letters))
            rows += self._erase_people(IndividualSignOn.letter_id.in_(letters))
        if petitions:
            rows += self._erase_organizations(OrganizationSignOn.petition_id.in_(petitions))
        return rows, set(letters)

    def drop_ips(self, created_before):
        return sum(
            db.session.execute(
                update(model).where(model.ip_address.is_not(None), model.created_at < created_before)
                .values(ip_address=None).execution_options(synchronize_session=False)
            ).rowcount
            for model in (OrganizationSignOn, IndividualSignOn)
        )


def _expired_petitions(closed_before, now):
    """Conditions on petitions closed before `closed_before` and not kept."""
    return (
        Petition.keep_personal_data.is_(False),
        ((Petition.state == PetitionState.CLOSED) & (Petition.closed_at < closed_before))
        | ((Petition.state == PetitionState.OPEN) & (Petition.closes_at < closed_before) & (Petition.closes_at < now)),
    )


SOURCES = [PetitionSignatures(), SignOns()]
