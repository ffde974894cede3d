"""Organizer pages for letters: list, create, edit, preview, open, close, the queue and the CSV."""
from flask import Blueprint, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from campaign.base import csvfile
from campaign.base.extensions import db
from campaign.base.forms import CloseForm, Form
from campaign.base.i18n import N_
from campaign.core.accounts.access import EDITORS, EVERYONE, role_required
from campaign.core.multilingual import for_reader
from campaign.core.organizations import queries as organization_queries
from campaign.core.organizations.pages import queue_page
from campaign.core.publishing.pages import OrganizerPages
from campaign.features.exports import downloads, letters as letter_exports, operations as export_operations
from campaign.features.updates import queries as update_queries
from campaign.features.waiting import waiting_for_moderation

from . import operations, queries
from .forms import LetterForm
from .models import Letter
from .views import letter_page

bp = Blueprint("organize_letters", __name__, url_prefix="/organize/letters")



@bp.get("/")
@role_required(EVERYONE)
def index():
    letters = db.session.scalars(select(Letter).order_by(Letter.created_at.desc(), Letter.id.desc())).all()
    return render_template("letters/organize_index.html", letters=letters,
                           counts={letter.id: queries.signatories(letter) for letter in letters},
                           waiting=waiting_for_moderation().letters)


@bp.get("/<int:letter_id>")
@role_required(EVERYONE)
def letter(letter_id):
    letter = db.get_or_404(Letter, letter_id)
    return render_template("letters/organize_letter.html", letter=letter, signatories=queries.signatories(letter),
                           waiting=waiting_for_moderation().letters.get(letter.id, 0), action_form=Form(),
                           close_form=CloseForm(), updates_admin=update_queries.organizer_summary("letter", letter.id))


@bp.get("/<int:letter_id>/preview")
@role_required(EVERYONE)
def preview(letter_id):
    return letter_page(for_reader(db.get_or_404(Letter, letter_id)), preview=True)


@bp.get("/<int:letter_id>/queue")
@role_required(EDITORS)
def queue(letter_id):
    letter = db.get_or_404(Letter, letter_id)
    return queue_page(f"Sign-ons: {letter.title}", url_for("organize_letters.letter", letter_id=letter.id),
                      organization_queries.queue(letter_id=letter.id), queries.individual_queue(letter.id))


@bp.get("/<int:letter_id>/signatories.csv")
@role_required(EDITORS)
def signatories_csv(letter_id):
    letter = db.get_or_404(Letter, letter_id)
    entry = export_operations.record("letter", letter.id, "signatories", {}, organizer_id=current_user.id)
    chunks = csvfile.stream(letter_exports.COLUMNS, letter_exports.signatory_rows(letter))
    return downloads.response(entry, chunks, f"{letter.slug}-signatories.csv")


# New, edit, open and close, as every kind of action has them.
OrganizerPages(
    Letter, LetterForm, operations.apply, queries.slug_taken, "letters/form.html", "organize_letters.letter",
    created=N_("The letter is saved as a draft. Preview it, then open it for sign-ons."),
    opened=N_("The letter is open for sign-ons."), closed=N_("The letter is closed; its list of signatories is final."),
).add_to(bp, "/new", "/<int:letter_id>")
