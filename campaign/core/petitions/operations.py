"""Writing petitions: create and update from the organizer's form. They flush, never commit."""
from campaign.base.extensions import db
from campaign.base.localtime import to_utc
from campaign.base.markdown import render
from campaign.base.slugs import new_slug

from . import queries
from .forms import PetitionForm
from .models import FieldMode, Petition


def create(form, organizer):
    """A new draft petition from a validated PetitionForm."""
    petition = Petition(created_by_id=organizer.id)
    petition.slug = form.slug.data or new_slug(form.title.data, queries.slug_taken, "petition")
    _apply(petition, form)
    db.session.add(petition)
    db.session.flush()
    return petition


def update(petition, form):
    """Apply a validated PetitionForm to `petition`; a changed slug keeps redirecting."""
    if form.slug.data and form.slug.data != petition.slug:
        petition.rename(form.slug.data)
    _apply(petition, form)
    db.session.flush()
    return petition


def _apply(petition, form):
    petition.title = form.title.data
    petition.summary = form.summary.data or ""
    petition.body_markdown = form.body_markdown.data
    petition.body_html = render(form.body_markdown.data)
    petition.target_text = form.target_text.data
    petition.goal = form.goal.data
    petition.opens_at = to_utc(form.opens_at.data)
    petition.closes_at = to_utc(form.closes_at.data)
    for name in PetitionForm.MODE_FIELDS:
        setattr(petition, name, FieldMode(form[name].data))
    petition.consent_question = form.consent_question.data or ""
    petition.share_email_question = form.share_email_question.data or ""
    petition.language = form.language.data
    petition.set_translations(form.texts())
    petition.record_questions()
    petition.keep_personal_data = bool(form.keep_personal_data.data)
