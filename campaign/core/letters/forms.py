"""The organizer's letter form and the individual sign-on form."""
from wtforms import BooleanField, DateTimeLocalField, SelectField
from wtforms.validators import DataRequired, Length, Optional

from campaign.base.forms import LineField, ParagraphField, choices
from campaign.base.i18n import lazy_gettext as _l
from campaign.base.localtime import to_local_naive
from campaign.base.slugs import check_slug
from campaign.core.abuse.door import DoorForm
from campaign.core.multilingual import MultilingualForm
from campaign.core.organizations.forms import check_email
from campaign.core.signatures.forms import SharedLinkFields

from . import queries
from .models import Ordering, Signers

SIGNER_CHOICES = choices([(Signers.ORGANIZATIONS.value, _l("Organizations")),
                          (Signers.INDIVIDUALS.value, _l("Individuals")), (Signers.BOTH.value, _l("Both"))])
ORDERING_CHOICES = choices([
    (Ordering.BY_SCOPE.value, _l("National, then state, then local; alphabetically within each")),
    (Ordering.ALPHABETICAL.value, _l("Alphabetically")),
])


class LetterForm(MultilingualForm):
    TRANSLATED_FIELDS = ("title", "addressees", "body_markdown", "affiliation_question")
    REQUIRED_FIELDS = ("title", "addressees", "body_markdown")

    title = LineField(_l("Title"), validators=[DataRequired(_l("Enter a title.")), Length(max=200)])
    slug = LineField(_l("Web address"),
                     description=_l("Lower-case letters, digits and hyphens. Empty: made from the title."),
                     validators=[Optional(), Length(min=3, max=80)])
    addressees = ParagraphField(_l("To"), description=_l("One addressee per line."),
                                validators=[DataRequired(_l("Say who the letter is addressed to.")), Length(max=2000)])
    body_markdown = ParagraphField(_l("Letter text"),
                                   description=_l("Markdown: **bold**, _italic_, [links](https://…), lists."),
                                   validators=[DataRequired(_l("Write the letter text.")), Length(max=50000)])
    deadline_at = DateTimeLocalField(_l("Sign-on deadline"), format="%Y-%m-%dT%H:%M", validators=[Optional()],
                                     description=_l("Empty: until you close it."))
    signers = SelectField(_l("Who may sign"), choices=SIGNER_CHOICES, default=Signers.ORGANIZATIONS.value)
    ordering = SelectField(_l("Order of organizations"), choices=ORDERING_CHOICES, default=Ordering.BY_SCOPE.value)
    affiliation_question = LineField(
        _l("Question for individuals"), validators=[Length(max=200)],
        description=_l("In your words, e.g. “Your role at the company” or “Shareholder since”. Empty: not asked."))
    keep_personal_data = BooleanField(
        _l("Keep signers' personal data after closing"),
        description=_l("Otherwise contacts' and individuals' names, addresses and phones are erased once the letter "
                       "has been closed for the retention period; the organizations and the counts stay."),
    )
    is_moderated = BooleanField(_l("Moderate sign-ons"), default=True,
                                description=_l("On: a sign-on appears once its signer confirmed and you approved it."))

    def __init__(self, *args, letter_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.letter_id = letter_id

    def fill(self, letter):
        """Show what `obj=` does not: the deadline in the site's zone, the choices' values, the languages."""
        self.deadline_at.data = to_local_naive(letter.deadline_at)
        self.signers.data, self.ordering.data = letter.signers.value, letter.ordering.value
        self.fill_languages(letter)

    def validate_slug(self, field):
        check_slug(field, lambda slug: queries.slug_taken(slug, self.letter_id), "letter")


LetterForm.add_language_fields()


class IndividualForm(SharedLinkFields, DoorForm):
    first_name = LineField(_l("First name"), validators=[DataRequired(_l("Enter your first name.")), Length(max=100)],
                           render_kw={"autocomplete": "given-name"})
    last_name = LineField(_l("Last name"), validators=[DataRequired(_l("Enter your last name.")), Length(max=100)],
                          render_kw={"autocomplete": "family-name"})
    email = LineField(_l("Email address"), validators=[DataRequired(_l("Enter your email address.")), Length(max=254)],
                      render_kw={"type": "email", "autocomplete": "email", "spellcheck": "false"},
                      description=_l("We send you a link to confirm. It is never shown."))
    affiliation = LineField(_l("Affiliation"), validators=[Length(max=200)])
    is_named = BooleanField(_l("Show my name on the letter"),
                            description=_l("Left unticked, you are counted but never named."))
    wants_updates = BooleanField(_l("Send me updates about this campaign"),
                                 description=_l("By email: news from the organizers, and the answers of those it "
                                                "is sent to."))

    def __init__(self, letter, *args, **kwargs):
        super().__init__(*args, prefix="person", **kwargs)
        self.letter = letter
        if letter.affiliation_question:
            self.affiliation.label.text = letter.affiliation_question

    def validate_email(self, field):
        check_email(field)
