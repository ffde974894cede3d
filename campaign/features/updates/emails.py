"""An update by mail: to each recipient (with the unsubscribe link and List-Unsubscribe headers of
every mail to a signer), and the organizer's test copy."""
from sqlalchemy import select

from campaign.base.extensions import db
from campaign.base.outbox.emails import BULK, FIRST, email, from_templates
from campaign.core.consent import unsubscribe
from campaign.core.consent.queries import is_opted_out
from campaign.core.letters.models import IndividualSignOn
from campaign.core.organizations.models import OrganizationSignOn
from campaign.core.signatures.models import Signature

from . import actions
from .mailings import MAIL_KIND
from .models import Update, UpdateRecipient

RECORDS = {"s": Signature, "o": OrganizationSignOn, "i": IndividualSignOn}


def _greeting_name(record):
    return getattr(record, "first_name", None) or getattr(record, "contact_name", "")


def _subject(update, action):
    return f"{update.title} ({action.title})"


def _context(update, language=None):
    """The update's action (in `language`, the signer's, when given: multilingual) and the mail's context."""
    action = actions.load(update.action_kind, update.action_id)
    if language is not None:
        action = action.in_language(language)
    return action, {"update": update, "action": action, "page_link": actions.public_url(update.action_kind, action)}


def _preload(params):
    """A batch's recipients, their updates and the records they signed with, a few queries in all."""
    recipients = db.session.scalars(select(UpdateRecipient).where(
        UpdateRecipient.id.in_([p["recipient_id"] for p in params]))).all()
    updates = db.session.scalars(select(Update).where(Update.id.in_({r.update_id for r in recipients}))).all()
    records = []
    for kind, model in RECORDS.items():
        ids = [r.record_id for r in recipients if r.record_kind == kind]
        if ids:
            records += db.session.scalars(select(model).where(model.id.in_(ids))).all()
    return recipients, updates, records


def _record(recipient):
    return db.session.get(RECORDS[recipient.record_kind], recipient.record_id)


def _language(recipient_id):
    """The language an update's mail is written in: its signer's (kept with what they signed)."""
    recipient = db.session.get(UpdateRecipient, recipient_id)
    record = _record(recipient) if recipient is not None else None
    return getattr(record, "language", None)


@email(MAIL_KIND, priority=BULK, preload=_preload, language=_language)
def update_mail(recipient_id):
    """The update, to one mailbox; nothing once its record is erased or its owner opted out."""
    recipient = db.session.get(UpdateRecipient, recipient_id)
    if recipient is None:
        return None
    record = _record(recipient)
    if record is None or not record.email or is_opted_out(record.email_key):
        return None
    action, context = _context(recipient.update, record.language)
    return unsubscribe.to_signer("update", _subject(recipient.update, action), recipient.record_kind, record.id,
                                 record.email_key, greeting=_greeting_name(record), **context)


@email("update.test", priority=FIRST)
def test_copy(update_id):
    """The organizer's copy, as signers will get it (its unsubscribe link is a placeholder)."""
    update = db.session.get(Update, update_id)
    if update is None:
        return None
    action, context = _context(update)
    return from_templates("update", f"[Test] {_subject(update, action)}", greeting="", unsubscribe_link="(your link)",
                          **context)
