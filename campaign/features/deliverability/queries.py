"""Read-side questions about returned mail: rates per receiving domain and per action, the list."""
from sqlalchemy import case, func, select, union_all

from campaign.base.addresses import mailbox_key
from campaign.base.extensions import db
from campaign.base.mail.models import MailReturn, ReturnKind, Suppression
from campaign.base.outbox.models import OutboxMessage, OutboxStatus
from campaign.core.letters.models import IndividualSignOn, Letter
from campaign.core.organizations.models import OrganizationSignOn
from campaign.core.petitions.models import Petition
from campaign.core.signatures.models import Signature

BOUNCES = (ReturnKind.HARD, ReturnKind.SOFT)


def _domain(column):
    """The part after "@" of an address column, in lower case, in SQL."""
    if db.session.get_bind().dialect.name == "postgresql":
        return func.lower(func.split_part(column, "@", 2))
    return func.lower(func.substr(column, func.instr(column, "@") + 1))


def by_domain(limit=50):
    """[{domain, sent, hard, soft, complaint}] for the receiving domains that got the most mail."""
    domain = _domain(OutboxMessage.recipient)
    sent = dict(db.session.execute(
        select(domain, func.count()).where(OutboxMessage.status == OutboxStatus.SENT, OutboxMessage.recipient != "")
        .group_by(domain)
    ).all())
    rows = {}
    for name, kind, count in db.session.execute(
            select(MailReturn.domain, MailReturn.kind, func.count()).group_by(MailReturn.domain, MailReturn.kind)):
        rows.setdefault(name, {})[kind.value] = count
    names = sorted(set(sent) | set(rows), key=lambda name: (-sent.get(name, 0), name))[:limit]
    return [{"domain": name, "sent": sent.get(name, 0), **{kind.value: rows.get(name, {}).get(kind.value, 0)
                                                            for kind in ReturnKind}} for name in names]


def by_action():
    """[{action, kind, signatures, bounced, complained}]: per petition its signatures, per letter
    its sign-ons (organizations' contacts and people), and how many of their mailboxes bounced or
    complained; newest actions first."""
    signatures = select(Signature.petition_id.label("action_id"), Signature.email_key) \
        .where(Signature.erased_at.is_(None)).subquery()
    sign_ons = union_all(
        select(OrganizationSignOn.letter_id.label("action_id"), OrganizationSignOn.email_key)
        .where(OrganizationSignOn.letter_id.is_not(None), OrganizationSignOn.email != ""),
        select(IndividualSignOn.letter_id.label("action_id"), IndividualSignOn.email_key)
        .where(IndividualSignOn.email != ""),
    ).subquery()
    rows = [{"kind": "petition", **row} for row in _shares(Petition, signatures)] + \
        [{"kind": "letter", **row} for row in _shares(Letter, sign_ons)]
    return sorted(rows, key=lambda row: (row["action"].created_at, row["action"].id), reverse=True)


def _shares(action_model, records):
    """[{action, signatures, bounced, complained}] of `records` (action_id, email_key) per action."""
    bounced = select(MailReturn.email_key).where(MailReturn.kind.in_(BOUNCES))
    complained = select(MailReturn.email_key).where(MailReturn.kind == ReturnKind.COMPLAINT)
    counts = db.session.execute(
        select(records.c.action_id, func.count(), func.sum(case((records.c.email_key.in_(bounced), 1), else_=0)),
               func.sum(case((records.c.email_key.in_(complained), 1), else_=0))).group_by(records.c.action_id)
    ).all()
    if not counts:
        return []
    actions = {action.id: action for action in db.session.scalars(
        select(action_model).where(action_model.id.in_([row[0] for row in counts])))}
    return [{"action": actions[action_id], "signatures": total, "bounced": bounced or 0, "complained": complained or 0}
            for action_id, total, bounced, complained in counts]


def suppressions(text="", limit=200):
    """The newest active suppressions, or those of the mailbox `text` names."""
    query = select(Suppression).where(Suppression.lifted_at.is_(None))
    if text.strip():
        query = query.where(Suppression.email_key == mailbox_key(text))
    return db.session.scalars(query.order_by(Suppression.created_at.desc(), Suppression.id.desc()).limit(limit)).all()


def active_count():
    return db.session.scalar(select(func.count()).where(Suppression.lifted_at.is_(None)))
