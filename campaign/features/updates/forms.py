"""The update form, the mailing form and a target's answer form."""
from wtforms import BooleanField, DateTimeLocalField, SelectField, SelectMultipleField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from campaign.base.forms import Form, LineField, ParagraphField, choices
from campaign.base.i18n import lazy_gettext as _l
from campaign.base.localtime import to_utc
from campaign.base.timeutil import utcnow

from .models import UpdateKind

KIND_CHOICES = choices([(UpdateKind.NEWS.value, _l("News")), (UpdateKind.DELIVERED.value, _l("Delivered")),
                        (UpdateKind.RESPONSE.value, _l("Response")), (UpdateKind.VICTORY.value, _l("Victory"))])


class UpdateForm(Form):
    kind = SelectField(_l("Kind"), choices=KIND_CHOICES, default=UpdateKind.NEWS.value)
    title = LineField(_l("Title"), validators=[DataRequired(_l("Enter a title.")), Length(max=200)])
    body_markdown = ParagraphField(_l("Text"),
                                   description=_l("Markdown: **bold**, _italic_, [links](https://…), lists."),
                                   validators=[DataRequired(_l("Write the update.")), Length(max=50000)])


class MailForm(Form):
    regions = SelectMultipleField(_l("States"), choices=[], validate_choice=True,
                                  description=_l("None chosen: every state."))
    districts = SelectMultipleField(_l("Congressional districts"), choices=[], validate_choice=True,
                                    description=_l("None chosen: every district."))
    send_at = DateTimeLocalField(_l("Send at"), format="%Y-%m-%dT%H:%M", validators=[Optional()],
                                 description=_l("Empty: now. In the site's time zone."))

    def __init__(self, *args, regions=(), districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.regions.choices = [(r, r) for r in regions]
        self.districts.choices = [(d, d) for d in districts]

    def validate_send_at(self, field):
        if field.data is not None and to_utc(field.data) <= utcnow():
            raise ValidationError(_l("Pick a time in the future, or leave it empty to send now."))

    @property
    def send_at_utc(self):
        return to_utc(self.send_at.data)


class ResponseForm(Form):
    responder_name = LineField(_l("Your name, as it should be shown"),
                               validators=[DataRequired(_l("Enter your name.")), Length(max=200)],
                               render_kw={"autocomplete": "name"})
    responder_title = LineField(_l("Your title, as it should be shown"), validators=[Length(max=200)],
                                render_kw={"autocomplete": "organization-title"})
    is_declined = BooleanField(_l("We decline to respond"), description=_l("Your text, if any, says why."))
    body_text = ParagraphField(_l("Your answer"), validators=[Length(max=20000)],
                               description=_l("Shown on the public page as you write it (Markdown: **bold**, lists)."))

    def validate_body_text(self, field):
        if not field.data and not self.is_declined.data:
            raise ValidationError(_l("Write your answer (or tick “We decline to respond”)."))
