"""Organizer pages for letters: list, create, edit, preview, open, close, the queue and the CSV."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from campaign.base import csvfile
from campaign.base.extensions import db
from campaign.base.forms import CloseForm, Form
from campaign.base.localtime import to_local
from campaign.core.accounts.access import EDITORS, EVERYONE, role_required
from campaign.core.multilingual import for_reader
from campaign.core.organizations import queries as organization_queries
from campaign.core.organizations.pages import queue_page
from campaign.core.publishing import transition
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


@bp.route("/new", methods=["GET", "POST"])
@role_required(EDITORS)
def new():
    form = LetterForm()
    if form.validate_on_submit():
        letter = operations.create(form, current_user)
        db.session.commit()
        flash(_("The letter is saved as a draft. Preview it, then open it for sign-ons."), "success")
        return redirect(url_for("organize_letters.letter", letter_id=letter.id))
    return render_template("letters/form.html", form=form, letter=None), 422 if form.errors else 200


@bp.route("/<int:letter_id>/edit", methods=["GET", "POST"])
@role_required(EDITORS)
def edit(letter_id):
    letter = db.get_or_404(Letter, letter_id)
    form = LetterForm(obj=letter, letter_id=letter.id)
    if request.method == "GET":
        deadline = to_local(letter.deadline_at)
        form.deadline_at.data = deadline.replace(tzinfo=None) if deadline else None
        form.signers.data, form.ordering.data = letter.signers.value, letter.ordering.value
        form.fill_languages(letter)
    if form.validate_on_submit():
        operations.update(letter, form)
        db.session.commit()
        flash(_("Your changes are saved."), "success")
        return redirect(url_for("organize_letters.letter", letter_id=letter.id))
    return render_template("letters/form.html", form=form, letter=letter), 422 if form.errors else 200


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


@bp.post("/<int:letter_id>/open")
@role_required(EDITORS)
def open_letter(letter_id):
    return _transition(letter_id, Letter.open, _("The letter is open for sign-ons."))


@bp.post("/<int:letter_id>/close")
@role_required(EDITORS)
def close_letter(letter_id):
    return _transition(letter_id, Letter.close, _("The letter is closed; its list of signatories is final."),
                       confirmed=CloseForm().confirm.data)


def _transition(letter_id, change, message, confirmed=True):
    letter = db.get_or_404(Letter, letter_id)
    if transition(letter, change, message, confirmed):
        db.session.commit()
    return redirect(url_for("organize_letters.letter", letter_id=letter.id))


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
