"""Writing letters and individual sign-ons. They flush, never commit."""
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from campaign.base import i18n
from campaign.base.addresses import mailbox_key
from campaign.base.extensions import db
from campaign.base.localtime import to_utc
from campaign.base.markdown import render
from campaign.base.outbox.operations import enqueue
from campaign.base.timeutil import utcnow
from campaign.core.organizations.operations import ask_to_confirm

from .models import IndividualSignOn, Ordering, Signers


def apply(letter, form):
    """Write a validated LetterForm's values onto `letter` (publishing.operations creates and updates)."""
    letter.title = form.title.data
    letter.addressees = form.addressees.data
    letter.body_markdown = form.body_markdown.data
    letter.body_html = render(form.body_markdown.data)
    letter.deadline_at = to_utc(form.deadline_at.data)
    letter.signers = Signers(form.signers.data)
    letter.ordering = Ordering(form.ordering.data)
    letter.affiliation_question = form.affiliation_question.data or ""
    letter.language = form.language.data
    letter.set_translations(form.texts())
    letter.is_moderated = bool(form.is_moderated.data)
    letter.keep_personal_data = bool(form.keep_personal_data.data)


def sign_on_individual(letter, form, *, ip_address, flag_reasons=(), language=i18n.DEFAULT, share_code=None):
    """A waiting individual sign-on from a validated IndividualForm (flagged, when it tripped a
    rule at the door), signed in `language`, with its referral `share_code` and the shared link it
    came from; queues its confirmation.

    The unique constraint on (letter, mailbox) raises IntegrityError at flush for a second one.
    """
    sign_on = IndividualSignOn(
        letter_id=letter.id,
        first_name=form.first_name.data,
        last_name=form.last_name.data,
        email=form.email.data,
        email_key=mailbox_key(form.email.data),
        affiliation=(form.affiliation.data or "") if letter.affiliation_question else "",
        is_named=bool(form.is_named.data),
        wants_updates=bool(form.wants_updates.data),
        ip_address=ip_address,
        flag_reasons=",".join(flag_reasons),
        language=language,
        last_mailed_at=utcnow(),
        share_code=share_code,
        **form.referral_values(),
    )
    db.session.add(sign_on)
    db.session.flush()
    ask_to_confirm(sign_on)
    return sign_on


def repeat_individual(letter, email):
    """Someone signed the letter again with a mailbox that has signed: tell its owner, not the
    visitor. A pending sign-on gets its confirmation again, a confirmed one "you already signed";
    at most one such mail per REPEAT_MAIL_INTERVAL_MINUTES, so the form cannot flood a mailbox."""
    sign_on = db.session.scalar(
        select(IndividualSignOn).where(IndividualSignOn.letter_id == letter.id,
                                       IndividualSignOn.email_key == mailbox_key(email))
    )
    if sign_on is None:
        return None
    now = utcnow()
    interval = timedelta(minutes=current_app.config["REPEAT_MAIL_INTERVAL_MINUTES"])
    if sign_on.last_mailed_at is not None and now - sign_on.last_mailed_at < interval:
        return sign_on
    sign_on.last_mailed_at = now
    # A sign-on the organizers turned down gets no new link: confirming it would add nothing.
    if sign_on.is_confirmed or sign_on.decision in IndividualSignOn.SETTLED_AGAINST:
        enqueue("sign_on.already_signed", sign_on.email, signer_kind="individual", sign_on_id=sign_on.id)
    else:
        ask_to_confirm(sign_on)
    db.session.flush()
    return sign_on
