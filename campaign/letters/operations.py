"""Writing letters and individual sign-ons. They flush, never commit."""
from ..extensions import db
from ..localtime import to_utc
from ..markdown import render
from ..organizations.operations import ask_to_confirm
from ..petitions.forms import slugify
from ..signatures.addresses import mailbox_key
from . import queries
from .models import IndividualSignOn, Letter, Ordering, Signers


def create(form, organizer):
    """A new draft letter from a validated LetterForm."""
    letter = Letter(created_by_id=organizer.id)
    letter.slug = form.slug.data or _free_slug(slugify(form.title.data))
    _apply(letter, form)
    db.session.add(letter)
    db.session.flush()
    return letter


def update(letter, form):
    """Apply a validated LetterForm to `letter`."""
    if form.slug.data:
        letter.slug = form.slug.data
    _apply(letter, form)
    db.session.flush()
    return letter


def _apply(letter, form):
    letter.title = form.title.data
    letter.addressees = form.addressees.data
    letter.body_markdown = form.body_markdown.data
    letter.body_html = render(form.body_markdown.data)
    letter.deadline_at = to_utc(form.deadline_at.data)
    letter.signers = Signers(form.signers.data)
    letter.ordering = Ordering(form.ordering.data)
    letter.affiliation_question = form.affiliation_question.data or ""
    letter.is_moderated = bool(form.is_moderated.data)


def _free_slug(base):
    base = "letter" if base == "petition" else base  # slugify's fallback for an empty title
    slug, n = base, 2
    while queries.slug_taken(slug):
        slug = f"{base[:75]}-{n}"
        n += 1
    return slug


def sign_on_individual(letter, form, *, ip_address, flag_reasons=()):
    """A waiting individual sign-on from a validated IndividualForm (flagged, when it tripped a
    rule at the door); queues its confirmation.

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
        ip_address=ip_address,
        flag_reasons=",".join(flag_reasons),
    )
    db.session.add(sign_on)
    db.session.flush()
    ask_to_confirm(sign_on)
    return sign_on
