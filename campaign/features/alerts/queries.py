"""What the daily digest tells: per action, what came in and what waits; deliveries and returned mail."""
from sqlalchemy import func, select

from campaign.base.extensions import db
from campaign.base.mail.models import MailReturn, ReturnKind
from campaign.core.letters.models import IndividualSignOn, Letter
from campaign.core.organizations.models import OrganizationSignOn
from campaign.core.petitions.models import Petition
from campaign.core.signatures.models import Signature, SignatureState
from campaign.features.deliveries.models import Delivery
from campaign.features.waiting import waiting_for_moderation


def digest(since, until):
    """The digest of the time from `since` to `until`, as plain values for the outbox row's params:
    {"since", "until", "actions": [{"kind", "id", "title", "confirmed", "pending", "flagged",
    "waiting"}], "deliveries", "bounces", "complaints"}. An action is listed when anything is new
    or waits."""
    actions = _petitions(since, until) + _letters(since, until)
    returns = dict(db.session.execute(
        select(MailReturn.kind, func.count())
        .where(MailReturn.created_at >= since, MailReturn.created_at < until).group_by(MailReturn.kind)
    ).all())
    return {
        "since": since.isoformat(),
        "until": until.isoformat(),
        "actions": actions,
        "deliveries": db.session.scalar(select(func.count()).select_from(Delivery).where(
            Delivery.queued_at >= since, Delivery.queued_at < until)),
        "bounces": returns.get(ReturnKind.HARD, 0) + returns.get(ReturnKind.SOFT, 0),
        "complaints": returns.get(ReturnKind.COMPLAINT, 0),
    }


def _petitions(since, until):
    confirmed = _grouped(Signature.petition_id, Signature.state == SignatureState.CONFIRMED,
                         Signature.confirmed_at >= since, Signature.confirmed_at < until)
    pending = _grouped(Signature.petition_id, Signature.state == SignatureState.PENDING)
    flagged = _grouped(Signature.petition_id, Signature.state == SignatureState.FLAGGED)
    waiting = waiting_for_moderation().petitions
    ids = set(confirmed) | set(pending) | set(flagged) | set(waiting)
    return _listed("petition", Petition, ids, confirmed, pending, flagged, waiting)


def _letters(since, until):
    confirmed = _grouped(OrganizationSignOn.letter_id, OrganizationSignOn.letter_id.is_not(None),
                         OrganizationSignOn.confirmed_at >= since, OrganizationSignOn.confirmed_at < until)
    for letter_id, count in _grouped(IndividualSignOn.letter_id, IndividualSignOn.confirmed_at >= since,
                                     IndividualSignOn.confirmed_at < until).items():
        confirmed[letter_id] = confirmed.get(letter_id, 0) + count
    waiting = waiting_for_moderation().letters
    return _listed("letter", Letter, set(confirmed) | set(waiting), confirmed, {}, {}, waiting)


def _grouped(key, *conditions):
    return dict(db.session.execute(select(key, func.count()).where(*conditions).group_by(key)).all())


def _listed(kind, model, ids, confirmed, pending, flagged, waiting):
    if not ids:
        return []
    titles = db.session.execute(select(model.id, model.title).where(model.id.in_(ids)).order_by(model.title, model.id))
    return [{"kind": kind, "id": action_id, "title": title, "confirmed": confirmed.get(action_id, 0),
             "pending": pending.get(action_id, 0), "flagged": flagged.get(action_id, 0),
             "waiting": waiting.get(action_id, 0)} for action_id, title in titles]
