"""Public letter pages: the letter with its sign-on forms, JSON, the print view and the PDF."""

from flask import Blueprint, abort, current_app, render_template, request, url_for
from sqlalchemy.exc import IntegrityError

from campaign.base import slugs
from campaign.base.extensions import db
from campaign.base.i18n import in_language, lazy_gettext as _l
from campaign.base.rate_limits import sign_limits
from campaign.core.multilingual import for_reader
from campaign.core.organizations import operations as organization_operations
from campaign.core.organizations.forms import OrganizationForm
from campaign.core.organizations.pages import allow_logo_upload, upload_too_large
from campaign.core.signatures.referrals import clean_channel, clean_code, new_code
from campaign.features.sharing import visits
from campaign.features.sharing.links import share_links
from campaign.features.updates import queries as update_queries
from campaign.web import public_cache

from . import operations, pdf, queries
from .forms import IndividualForm

bp = Blueprint("letters", __name__)
bp.register_error_handler(413, upload_too_large)


def load_public(slug):
    """The letter for a public page, in its reader's language (multilingual.for_reader); 404 for
    drafts, a redirect for an old slug (slugs.public)."""
    return for_reader(slugs.public(queries.by_slug(slug)))


@bp.get("/letters/<slug>")
def show(slug):
    """The letter's page; a visit from a shared link is counted (sharing.visits), and its sign-on
    forms carry the link's channel and referral code."""
    letter = load_public(slug)
    code, channel = clean_code(request.args.get("ref")), clean_channel(request.args.get("channel"))
    if visits.count("letter", letter.id, channel, code):
        db.session.commit()
    organization_form, individual_form = OrganizationForm(formdata=None), IndividualForm(letter, formdata=None)
    for form in (organization_form, individual_form):
        form.ref.data, form.channel.data = code, channel
    return letter_page(letter, organization_form, individual_form)


def letter_page(letter, organization_form=None, individual_form=None, status=200, preview=False):
    """Render a letter's page, with its forms blank or as typed with their errors."""
    return (
        render_template(
            "letters/show.html",
            letter=letter,
            state=letter.public_state(),
            signatories=queries.signatories(letter),
            organization_form=organization_form or OrganizationForm(formdata=None),
            individual_form=individual_form or IndividualForm(letter, formdata=None),
            preview=preview,
            share=share_links(letter),
            **update_queries.public_context("letter", letter.id),
        ),
        status,
    )


CLOSED = _l("This letter is closed and no longer takes signatures.")


def _refused(letter, takes_them, **forms):
    """The page again when a sign-on form (the one in `forms`) cannot be taken: 404 when the letter
    takes no such sign-ons, 409 when it is closed, 422 with the form's errors; None when it can."""
    if not takes_them:
        abort(404)
    [form] = forms.values()
    if not letter.is_signable:
        form.form_errors.append(CLOSED)
        return letter_page(letter, status=409, **forms)
    if not form.validate_on_submit():
        return letter_page(letter, status=422, **forms)
    return None


@bp.post("/letters/<slug>/organizations")
@sign_limits
def sign_organization(slug):
    letter = load_public(slug)
    allow_logo_upload()
    form = OrganizationForm()
    refused = _refused(letter, letter.takes_organizations, organization_form=form)
    if refused:
        return refused
    code = new_code()
    organization_operations.sign_on_organization(
        form, ip_address=request.remote_addr, letter=letter, language=letter.reader_language, share_code=code,
        flag_reasons=form.door_reasons(form.email.data, request.remote_addr))
    db.session.commit()
    return _check_inbox(letter, code)


@bp.post("/letters/<slug>/individuals")
@sign_limits
def sign_individual(slug):
    letter = load_public(slug)
    form = IndividualForm(letter)
    refused = _refused(letter, letter.takes_individuals, individual_form=form)
    if refused:
        return refused
    code = new_code()
    try:
        operations.sign_on_individual(letter, form, ip_address=request.remote_addr, language=letter.reader_language,
                                      share_code=code,
                                      flag_reasons=form.door_reasons(form.email.data, request.remote_addr))
        db.session.commit()
    except IntegrityError:
        # This mailbox has signed already; the visitor learns nothing more than anyone else (its
        # share links carry a fresh code kept nowhere), and the mailbox's owner is told (throttled).
        db.session.rollback()
        operations.repeat_individual(letter, form.email.data)
        db.session.commit()
    return _check_inbox(letter, code)


def _check_inbox(letter, code):
    """"Check your inbox", with the share links of the sign-on just made (its referral `code`)."""
    return render_template("organizations/check_inbox.html", parent=letter,
                           page=url_for("letters.show", slug=letter.slug), share=share_links(letter, code))


@bp.get("/letters/<slug>.json")
def show_json(slug):
    letter = load_public(slug).action  # the same for every reader: its default language's text
    signatories = queries.signatories(letter)
    return public_cache.json_response(*public_cache.json_body(
        {
            "slug": letter.slug,
            "title": letter.title,
            "language": letter.language,
            "languages": letter.languages,
            "state": letter.public_state(),
            "deadline": letter.deadline_at.isoformat().replace("+00:00", "Z") if letter.deadline_at else None,
            "organization_count": signatories.organization_count,
            "individual_count": signatories.individual_count,
            "organizations": [
                {"name": s.public_name, "scope": s.scope.value, "city": s.city, "state": s.region,
                 "website": s.website or None}
                for _, members in signatories.organization_groups for s in members
            ],
            "individuals": [{"name": s.public_name, "affiliation": s.affiliation}
                            for s in signatories.named_individuals],
            **update_queries.public_json("letter", letter.id),
        }
    ))


@bp.get("/letters/<slug>/print")
def print_view(slug):
    """The letter as it would be delivered, ready to print."""
    letter = load_public(slug)
    return render_template("letters/print.html", letter=letter, signatories=queries.signatories(letter),
                           dated=letter.dated)


@bp.get("/letters/<slug>.pdf")
def show_pdf(slug):
    letter = load_public(slug)
    with in_language(letter.language):  # as delivered: in the organizer's language, the letter's own
        data = pdf.render(letter, queries.signatories(letter), letter.dated)
    response = current_app.response_class(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{letter.slug}.pdf"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response

