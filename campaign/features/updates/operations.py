"""Updates and targets' answers: write, mail, schedule, cancel, approve. They flush, never commit."""
import logging

from flask_babel import gettext as _
from sqlalchemy import select

from campaign.base.extensions import db
from campaign.base.markdown import render
from campaign.base.outbox.operations import enqueue
from campaign.base.states import WrongState
from campaign.base.timeutil import utcnow

from . import mailings
from .models import MailingState, ResponseState, TargetResponse, Update, UpdateKind

log = logging.getLogger(__name__)


def write(action_kind, action_id, form, organizer):
    """A new update, public at once, from a validated UpdateForm."""
    update = Update(action_kind=action_kind, action_id=action_id, kind=UpdateKind(form.kind.data),
                    title=form.title.data, body_markdown=form.body_markdown.data,
                    body_html=render(form.body_markdown.data), published_at=utcnow(),
                    created_by_id=organizer.id if organizer is not None else None)
    db.session.add(update)
    db.session.flush()
    log.info("update %s written on %s %s", update.id, action_kind, action_id)
    return update


def send_test(update, organizer):
    """Queue the organizer's copy of the update."""
    return enqueue("update.test", organizer.email, update_id=update.id)


def mail(update, regions=(), districts=(), send_at=None):
    """Mail the update to its action's signers who agreed (in `regions` and `districts`, when
    given): now, or at `send_at`. Returns how many messages were queued (0 when scheduled)."""
    if not update.is_mailable:
        raise WrongState(update.mailing_refused())
    if send_at is not None and send_at > utcnow():
        update.schedule(send_at, regions, districts)
        db.session.flush()
        log.info("update %s scheduled", update.id)
        return 0
    update.mail_regions, update.mail_districts = list(regions), list(districts)
    return _queue(update)


def _queue(update):
    count = mailings.queue(update)
    update.mark_queued(count)
    db.session.flush()
    return count


def send_due(now=None):
    """Queue every scheduled update whose time has come. Returns them."""
    now = now or utcnow()
    due = db.session.scalars(select(Update).where(Update.mailing == MailingState.SCHEDULED, Update.send_at <= now)
                             .order_by(Update.send_at, Update.id).with_for_update(skip_locked=True)).all()
    for update in due:
        _queue(update)
    return due


def cancel(update):
    """Stop the update's mail: not sent at its time, or what no worker has taken yet. Returns how many
    messages were taken back."""
    was_queued = update.mailing is MailingState.QUEUED
    update.cancel()
    count = mailings.cancel(update) if was_queued else 0
    db.session.flush()
    return count


def respond(delivery_recipient, action_kind, action_id, form):
    """A target's answer through its link, from a validated ResponseForm; it waits for an organizer."""
    response = TargetResponse(
        action_kind=action_kind, action_id=action_id, target_id=delivery_recipient.target_id,
        delivery_recipient_id=delivery_recipient.id, responder_name=form.responder_name.data,
        responder_title=form.responder_title.data or "", is_declined=bool(form.is_declined.data),
        body_text=form.body_text.data or "", body_html=render(form.body_text.data or ""))
    db.session.add(response)
    db.session.flush()
    log.info("answer %s from target %s on %s %s", response.id, response.target_id, action_kind, action_id)
    return response


def decide(response, approve, organizer):
    """Approve (public from now on) or reject a waiting answer."""
    (response.approve if approve else response.reject)(organizer)
    db.session.flush()


def mail_response(response, organizer):
    """In one step: an update of kind "response" quoting the approved answer, mailed now to every
    signer who agreed. Returns (the update, how many messages were queued)."""
    if response.state is not ResponseState.APPROVED or response.update_id is not None:
        raise WrongState(_("Only an approved answer not mailed yet can be sent as an update."))
    verb = "declined to respond" if response.is_declined else "responded"
    body = f"{response.target.name} {verb}. {response.responder}:\n\n" + "\n".join(
        f"> {line}" for line in response.body_text.splitlines())
    update = Update(action_kind=response.action_kind, action_id=response.action_id, kind=UpdateKind.RESPONSE,
                    title=f"{response.target.name} {verb}", body_markdown=body, body_html=render(body),
                    published_at=utcnow(), created_by_id=organizer.id if organizer is not None else None)
    db.session.add(update)
    db.session.flush()
    response.update_id = update.id
    return update, mail(update)
