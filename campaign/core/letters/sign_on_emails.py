"""The emails about a sign-on (an organization's or an individual's): confirm, approved, rejected.
Each is a mail to a signer, with its unsubscribe link and List-Unsubscribe headers."""
from flask import url_for
from flask_babel import gettext as _

from campaign.base import tokens
from campaign.base.extensions import db
from campaign.base.outbox.emails import email
from campaign.core.accounts.models import Organizer
from campaign.core.consent import unsubscribe

from .models import model_of

SALTS = {"organization": "organization-sign-on", "individual": "individual-sign-on"}
# The kind of record an unsubscribe token names (consent.unsubscribe), per kind of sign-on.
UNSUBSCRIBE_KINDS = {"organization": "o", "individual": "i"}


def confirmation_link(kind, sign_on):
    token = tokens.make(sign_on, salt=SALTS[kind])
    return url_for("organizations.confirm", kind=kind, token=token, _external=True)


def _load(kind, sign_on_id):
    model = model_of(kind)
    return db.session.get(model, sign_on_id) if model is not None else None


def _mailbox(kind):
    """The mailbox key of a sign-on of `kind` by its id; None when gone or erased."""
    def mailbox_of(sign_on_id):
        sign_on = _load(kind, sign_on_id)
        return sign_on.email_key if sign_on is not None and sign_on.email else None
    return mailbox_of


unsubscribe.register("o", _mailbox("organization"))
unsubscribe.register("i", _mailbox("individual"))


def _to_signer(template, subject, kind, sign_on, **context):
    return unsubscribe.to_signer(template, subject, UNSUBSCRIBE_KINDS[kind], sign_on.id, sign_on.email_key,
                                 **_context(kind, sign_on), **context)


def _parent(sign_on):
    """The letter or petition signed, in the language its signer signed in (multilingual)."""
    return sign_on.parent.in_language(sign_on.language)


def _language(signer_kind, sign_on_id, **params):
    """The language a sign-on's mail is written in: its signer's."""
    return getattr(_load(signer_kind, sign_on_id), "language", None)


def _context(kind, sign_on):
    parent = _parent(sign_on)
    if getattr(sign_on, "letter_id", None):
        page = url_for("letters.show", slug=parent.slug, _external=True)
        what = _("the letter “%(title)s”", title=parent.title)
    else:
        page = url_for("petitions.show", slug=parent.slug, _external=True)
        what = _("the petition “%(title)s”", title=parent.title)
    organizer = db.session.get(Organizer, parent.created_by_id) if parent.created_by_id else None
    return {"sign_on": sign_on, "kind": kind, "parent": parent, "page": page, "what": what,
            "greeting": sign_on.contact_name if kind == "organization" else sign_on.first_name,
            "organizer_email": organizer.email if organizer is not None and organizer.is_active else ""}


@email("sign_on.confirm", language=_language)
def confirm(signer_kind, sign_on_id):
    """Please confirm: a link to a page whose button confirms."""
    kind = signer_kind
    sign_on = _load(kind, sign_on_id)
    if sign_on is None or sign_on.is_confirmed:
        return None
    return _to_signer("sign_on_confirm", _("Please confirm: %(title)s", title=_parent(sign_on).title), kind, sign_on,
                      link=confirmation_link(kind, sign_on))


@email("sign_on.approved", language=_language)
def approved(signer_kind, sign_on_id):
    """Your sign-on is approved and now public."""
    kind = signer_kind
    sign_on = _load(kind, sign_on_id)
    if sign_on is None:
        return None
    return _to_signer("sign_on_approved", _("Approved: %(title)s", title=_parent(sign_on).title), kind, sign_on)


@email("sign_on.rejected", language=_language)
def rejected(signer_kind, sign_on_id, message):
    """Your sign-on was not accepted, with the organizer's message."""
    kind = signer_kind
    sign_on = _load(kind, sign_on_id)
    if sign_on is None:
        return None
    return _to_signer("sign_on_rejected", _("About your sign-on: %(title)s", title=_parent(sign_on).title), kind,
                      sign_on,
                      message=message)


@email("sign_on.already_signed", language=_language)
def already_signed(signer_kind, sign_on_id):
    """You already signed: said to the mailbox owner when someone signs the letter again with it."""
    sign_on = _load(signer_kind, sign_on_id)
    if sign_on is None:
        return None
    return _to_signer("sign_on_already_signed", _("You have already signed: %(title)s", title=_parent(sign_on).title),
                      signer_kind,
                      sign_on)
