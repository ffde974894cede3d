"""Sign-on workflows for organizations and individuals: sign, confirm, moderate. They flush, never commit."""
import logging

from flask_babel import gettext as _

from campaign.base import events, i18n
from campaign.base.addresses import mailbox_key
from campaign.base.extensions import db
from campaign.base.outbox.operations import enqueue

from . import logos
from .models import OrganizationSignOn, Scope
from .normalise import name_key

log = logging.getLogger(__name__)


def sign_on_organization(form, *, ip_address, letter=None, petition=None, flag_reasons=(), language=i18n.DEFAULT,
                         share_code=None):
    """A waiting organization sign-on from a validated OrganizationForm (flagged, when it tripped
    a rule at the door), signed in `language`; queues its confirmation, the same mail as anyone's.
    A letter's sign-on keeps its referral `share_code` and the shared link it came from."""
    shared = dict(form.referral_values(), share_code=share_code) if letter is not None else {}
    sign_on = OrganizationSignOn(
        letter_id=letter.id if letter is not None else None,
        petition_id=petition.id if petition is not None else None,
        name=form.name.data,
        name_key=name_key(form.name.data),
        scope=Scope(form.scope.data),
        city=form.city.data or "",
        region=form.region.data or "",
        website=form.website.data or "",
        domain=form.website_domain,
        logo=logos.save(form.logo_png) if form.logo_png else "",
        contact_name=form.contact_name.data,
        contact_title=form.contact_title.data or "",
        contact_phone=form.contact_phone.data or "",
        email=form.email.data,
        email_key=mailbox_key(form.email.data),
        is_listed=bool(form.is_listed.data),
        wants_updates=bool(form.wants_updates.data),
        ip_address=ip_address,
        flag_reasons=",".join(flag_reasons),
        language=language,
        **shared,
    )
    db.session.add(sign_on)
    db.session.flush()
    ask_to_confirm(sign_on)
    return sign_on


def ask_to_confirm(sign_on):
    """Queue the mail with the confirmation link."""
    enqueue("sign_on.confirm", sign_on.email, signer_kind=kind_of(sign_on), sign_on_id=sign_on.id)


def confirm(sign_on):
    """Record the signer's confirmation; without moderation it is approved at once (unless it is
    flagged: then it waits for an organizer). False if already."""
    if not sign_on.confirm():
        return False
    letter = getattr(sign_on, "letter", None)
    if letter is not None and not letter.is_moderated and not sign_on.is_flagged:
        sign_on.approve()
        db.session.flush()
        _approved(sign_on)
    db.session.flush()
    log.info("sign-on %s %s confirmed", kind_of(sign_on), sign_on.id)
    return True


def approve(sign_on, organizer):
    """Approve a confirmed sign-on and tell the signer."""
    sign_on.approve(organizer)
    db.session.flush()
    _approved(sign_on)
    enqueue("sign_on.approved", sign_on.email, signer_kind=kind_of(sign_on), sign_on_id=sign_on.id)


def _approved(sign_on):
    """Say that a sign-on was approved: on a letter a sign-on, on a petition an endorsement."""
    signal = events.signon_approved if getattr(sign_on, "letter_id", None) else events.endorsement_approved
    signal.send(sign_on)


def reject(sign_on, organizer, message=""):
    """Reject a waiting sign-on; the signer is mailed only when the organizer wrote a message."""
    sign_on.reject(organizer)
    db.session.flush()
    if message:
        enqueue("sign_on.rejected", sign_on.email, signer_kind=kind_of(sign_on), sign_on_id=sign_on.id, message=message)


def withdraw(sign_on, organizer):
    """Take a sign-on off the letter, e.g. when its signer asks to be removed."""
    sign_on.withdraw(organizer)
    db.session.flush()


def rename(sign_on, display_name):
    """Change how the name is shown publicly; empty shows the name as typed."""
    sign_on.display_name = display_name
    db.session.flush()


def merge(duplicate, kept, organizer):
    """Fold `duplicate` into `kept`: the same organization signing the same thing twice."""
    if duplicate.id == kept.id or kept.parent is not duplicate.parent:
        raise ValueError(_("Only two sign-ons of the same letter or petition can be merged."))
    duplicate.mark_merged(organizer)
    duplicate.merged_into_id = kept.id
    kept.logo = kept.logo or duplicate.logo
    kept.website, kept.domain = kept.website or duplicate.website, kept.domain or duplicate.domain
    db.session.flush()


def kind_of(sign_on):
    return "organization" if isinstance(sign_on, OrganizationSignOn) else "individual"
