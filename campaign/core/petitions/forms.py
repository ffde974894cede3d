"""The organizer's petition form."""
from flask_babel import gettext as _
from wtforms import BooleanField, DateTimeLocalField, IntegerField, SelectField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from campaign.base.forms import LineField, ParagraphField, choices
from campaign.base.i18n import lazy_gettext as _l
from campaign.base.localtime import to_local_naive
from campaign.base.slugs import check_slug
from campaign.core.multilingual import MultilingualForm

from . import queries
from .models import SIGNER_FIELDS, FieldMode

MODE_CHOICES = choices((mode.value, mode.value.capitalize()) for mode in FieldMode)
FIELD_LABELS = {
    "postcode": "ZIP or postal code",
    "city": "City or town",
    "country": "Country",
    "phone": "Phone number",
    "comment": "Comment",
}


class PetitionForm(MultilingualForm):
    title = LineField(_l("Title"), validators=[DataRequired(_l("Enter a title.")), Length(max=200)])
    slug = LineField(
        _l("Web address"),
        description=_l("Lower-case letters, digits and hyphens. Left empty, it is made from the title. "
        "An old address keeps working after a change."),
        validators=[Optional(), Length(min=3, max=80)],
    )
    summary = ParagraphField(_l("Summary"), description=_l("One or two sentences shown in lists and shares."),
                             validators=[Length(max=500)])
    body_markdown = ParagraphField(_l("Petition text"),
                                   description=_l("Markdown: **bold**, _italic_, [links](https://…), lists."),
                                   validators=[DataRequired(_l("Write the petition text.")), Length(max=50000)])
    target_text = LineField(_l("To"), description=_l("Who the petition is addressed to, in words."),
                            validators=[DataRequired(_l("Say who the petition is addressed to.")), Length(max=300)])
    goal = IntegerField(_l("Goal"), default=1000,
                        validators=[DataRequired(_l("Enter a goal of at least 1.")),
                                    NumberRange(min=1, max=100_000_000)])
    opens_at = DateTimeLocalField(_l("Opens"), format="%Y-%m-%dT%H:%M", validators=[Optional()],
                                  description=_l("Empty: as soon as you open it."))
    closes_at = DateTimeLocalField(_l("Closes"), format="%Y-%m-%dT%H:%M", validators=[Optional()],
                                   description=_l("Empty: when you close it."))
    postcode_field = SelectField(FIELD_LABELS["postcode"], choices=MODE_CHOICES, default="required")
    city_field = SelectField(FIELD_LABELS["city"], choices=MODE_CHOICES, default="optional")
    country_field = SelectField(FIELD_LABELS["country"], choices=MODE_CHOICES, default="off")
    phone_field = SelectField(FIELD_LABELS["phone"], choices=MODE_CHOICES, default="off")
    comment_field = SelectField(FIELD_LABELS["comment"], choices=MODE_CHOICES, default="optional")
    consent_question = LineField(
        _l("Consent question"),
        description=_l("Asked with a box left unticked, e.g. “Keep me updated about this campaign by email”. "
        "Its exact wording is stored with every answer. Empty: not asked."),
        validators=[Length(max=500)],
    )
    keep_personal_data = BooleanField(
        _l("Keep signers' personal data after closing"),
        description=_l("Otherwise names, addresses and comments are erased once the petition has been closed "
        "for the retention period; counts by state stay."),
    )

    share_email_question = LineField(
        _l("Question to share the email address with the targets"),
        description=_l("Asked with a box left unticked, e.g. “Let the targets of this petition see my email address”. "
        "Only signers who tick it have their address in what the targets receive. Empty: not asked, never shared."),
        validators=[Length(max=500)],
    )

    MODE_FIELDS = tuple(f"{name}_field" for name in SIGNER_FIELDS)
    TRANSLATED_FIELDS = ("title", "summary", "body_markdown", "target_text", "consent_question", "share_email_question")
    REQUIRED_FIELDS = ("title", "body_markdown", "target_text")

    def __init__(self, *args, petition_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.petition_id = petition_id

    def fill(self, petition):
        """Show what `obj=` does not: the times in the site's zone, the modes' values, the languages."""
        self.opens_at.data = to_local_naive(petition.opens_at)
        self.closes_at.data = to_local_naive(petition.closes_at)
        for name in self.MODE_FIELDS:
            self[name].data = getattr(petition, name).value
        self.fill_languages(petition)

    def validate_slug(self, field):
        check_slug(field, lambda slug: queries.slug_taken(slug, self.petition_id), "petition")

    def validate_closes_at(self, field):
        if field.data and self.opens_at.data and field.data <= self.opens_at.data:
            raise ValidationError(_("The closing time must be after the opening time."))


PetitionForm.add_language_fields()
