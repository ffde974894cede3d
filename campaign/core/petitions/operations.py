"""Writing petitions: the organizer's form onto a petition (publishing.operations creates and updates)."""
from campaign.base.localtime import to_utc
from campaign.base.markdown import render

from .forms import PetitionForm
from .models import FieldMode


def apply(petition, form):
    """Write a validated PetitionForm's values onto `petition` (publishing.operations creates and updates)."""
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
