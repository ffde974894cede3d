"""The organizer's letter form and the individual sign-on form."""
from wtforms import BooleanField, DateTimeLocalField, SelectField
from wtforms.validators import DataRequired, Length, Optional

from ..abuse.door import DoorForm
from ..forms import Form, LineField, ParagraphField, choices
from ..organizations.forms import check_email
from ..slugs import check_slug
from . import queries
from .models import Ordering, Signers

SIGNER_CHOICES = choices([(Signers.ORGANIZATIONS.value, "Organizations"), (Signers.INDIVIDUALS.value, "Individuals"),
                  (Signers.BOTH.value, "Both")])
ORDERING_CHOICES = choices([(Ordering.BY_SCOPE.value, "National, then state, then local; alphabetically within each"),
                    (Ordering.ALPHABETICAL.value, "Alphabetically")])


class LetterForm(Form):
    title = LineField("Title", validators=[DataRequired("Enter a title."), Length(max=200)])
    slug = LineField("Web address", description="Lower-case letters, digits and hyphens. Empty: made from the title.",
                     validators=[Optional(), Length(min=3, max=80)])
    addressees = ParagraphField("To", description="One addressee per line.",
                                validators=[DataRequired("Say who the letter is addressed to."), Length(max=2000)])
    body_markdown = ParagraphField("Letter text", description="Markdown: **bold**, _italic_, [links](https://…), lists.",
                                   validators=[DataRequired("Write the letter text."), Length(max=50000)])
    deadline_at = DateTimeLocalField("Sign-on deadline", format="%Y-%m-%dT%H:%M", validators=[Optional()],
                                     description="Empty: until you close it.")
    signers = SelectField("Who may sign", choices=SIGNER_CHOICES, default=Signers.ORGANIZATIONS.value)
    ordering = SelectField("Order of organizations", choices=ORDERING_CHOICES, default=Ordering.BY_SCOPE.value)
    affiliation_question = LineField(
        "Question for individuals", validators=[Length(max=200)],
        description="In your words, e.g. “Your role at the company” or “Shareholder since”. Empty: not asked.")
    keep_personal_data = BooleanField(
        "Keep signers' personal data after closing",
        description="Otherwise contacts' and individuals' names, addresses and phones are erased once the letter has "
        "been closed for the retention period; the organizations and the counts stay.",
    )
    is_moderated = BooleanField("Moderate sign-ons", default=True,
                                description="On: a sign-on appears once its signer confirmed and you approved it.")

    def __init__(self, *args, letter_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.letter_id = letter_id

    def validate_slug(self, field):
        check_slug(field, lambda slug: queries.slug_taken(slug, self.letter_id), "letter")


class IndividualForm(DoorForm):
    first_name = LineField("First name", validators=[DataRequired("Enter your first name."), Length(max=100)],
                           render_kw={"autocomplete": "given-name"})
    last_name = LineField("Last name", validators=[DataRequired("Enter your last name."), Length(max=100)],
                          render_kw={"autocomplete": "family-name"})
    email = LineField("Email address", validators=[DataRequired("Enter your email address."), Length(max=254)],
                      render_kw={"type": "email", "autocomplete": "email", "spellcheck": "false"},
                      description="We send you a link to confirm. It is never shown.")
    affiliation = LineField("Affiliation", validators=[Length(max=200)])
    is_named = BooleanField("Show my name on the letter",
                            description="Left unticked, you are counted but never named.")

    def __init__(self, letter, *args, **kwargs):
        super().__init__(*args, prefix="person", **kwargs)
        self.letter = letter
        if letter.affiliation_question:
            self.affiliation.label.text = letter.affiliation_question

    def validate_email(self, field):
        check_email(field)
