"""Read-side questions about returned mail: rates per receiving domain and per action, the list."""
from sqlalchemy import case, func, select

from ..extensions import db
from ..outbox.models import OutboxMessage, OutboxStatus
from ..petitions.models import Petition
from ..signatures.addresses import mailbox_key
from ..signatures.models import Signature
from .models import MailReturn, ReturnKind, Suppression

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


def by_petition():
    """[{petition, signatures, bounced, complained}]: signatures whose mailbox bounced or complained."""
    bounced = select(MailReturn.email_key).where(MailReturn.kind.in_(BOUNCES))
    complained = select(MailReturn.email_key).where(MailReturn.kind == ReturnKind.COMPLAINT)
    rows = db.session.execute(
        select(Petition, func.count(Signature.id),
               func.sum(case((Signature.email_key.in_(bounced), 1), else_=0)),
               func.sum(case((Signature.email_key.in_(complained), 1), else_=0)))
        .join(Signature, Signature.petition_id == Petition.id)
        .where(Signature.erased_at.is_(None))
        .group_by(Petition.id)
        .order_by(Petition.created_at.desc(), Petition.id.desc())
    ).all()
    return [{"petition": petition, "signatures": total, "bounced": bounced or 0, "complained": complained or 0}
            for petition, total, bounced, complained in rows]


def suppressions(text="", limit=200):
    """The newest active suppressions, or those of the mailbox `text` names."""
    query = select(Suppression).where(Suppression.lifted_at.is_(None))
    if text.strip():
        query = query.where(Suppression.email_key == mailbox_key(text))
    return db.session.scalars(query.order_by(Suppression.created_at.desc(), Suppression.id.desc()).limit(limit)).all()


def active_count():
    return db.session.scalar(select(func.count()).where(Suppression.lifted_at.is_(None)))
