"""The update form, the mailing form and a target's answer form."""
from wtforms import BooleanField, DateTimeLocalField, SelectField, SelectMultipleField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..forms import Form, LineField, ParagraphField, choices
from ..localtime import to_utc
from ..timeutil import utcnow
from .models import UpdateKind

KIND_CHOICES = choices([(UpdateKind.NEWS.value, "News"), (UpdateKind.DELIVERED.value, "Delivered"),
                        (UpdateKind.RESPONSE.value, "Response"), (UpdateKind.VICTORY.value, "Victory")])


class UpdateForm(Form):
    kind = SelectField("Kind", choices=KIND_CHOICES, default=UpdateKind.NEWS.value)
    title = LineField("Title", validators=[DataRequired("Enter a title."), Length(max=200)])
    body_markdown = ParagraphField("Text", description="Markdown: **bold**, _italic_, [links](https://…), lists.",
                                   validators=[DataRequired("Write the update."), Length(max=50000)])


class MailForm(Form):
    regions = SelectMultipleField("States", choices=[], validate_choice=True,
                                  description="None chosen: every state.")
    districts = SelectMultipleField("Congressional districts", choices=[], validate_choice=True,
                                    description="None chosen: every district.")
    send_at = DateTimeLocalField("Send at", format="%Y-%m-%dT%H:%M", validators=[Optional()],
                                 description="Empty: now. In the site's time zone.")

    def __init__(self, *args, regions=(), districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.regions.choices = [(r, r) for r in regions]
        self.districts.choices = [(d, d) for d in districts]

    def validate_send_at(self, field):
        if field.data is not None and to_utc(field.data) <= utcnow():
            raise ValidationError("Pick a time in the future, or leave it empty to send now.")

    @property
    def send_at_utc(self):
        return to_utc(self.send_at.data)


class ResponseForm(Form):
    responder_name = LineField("Your name, as it should be shown",
                               validators=[DataRequired("Enter your name."), Length(max=200)],
                               render_kw={"autocomplete": "name"})
    responder_title = LineField("Your title, as it should be shown", validators=[Length(max=200)],
                                render_kw={"autocomplete": "organization-title"})
    is_declined = BooleanField("We decline to respond", description="Your text, if any, says why.")
    body_text = ParagraphField("Your answer", validators=[Length(max=20000)],
                               description="Shown on the public page as you write it (Markdown: **bold**, lists).")

    def validate_body_text(self, field):
        if not field.data and not self.is_declined.data:
            raise ValidationError("Write your answer (or tick “We decline to respond”).")
