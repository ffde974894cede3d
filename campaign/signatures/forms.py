"""The sign form: its fields follow the petition's settings."""
import re
from functools import lru_cache

from wtforms import BooleanField, HiddenField, SelectField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..abuse.door import DoorForm
from ..addresses import InvalidAddress, checked
from ..forms import LineField, ParagraphField, choices, single_line
from ..geo.countries import choices as country_choices
from ..geo.zip_states import zip5
from ..petitions.models import FieldMode

PHONE = re.compile(r"^\+?[0-9 ().\-]{6,30}$")
POSTCODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 \-]{1,18}$")


COUNTRY_CHOICES = choices([("", "Choose a country"), *country_choices()])
COUNTRY_CODES = frozenset(code for code, _ in country_choices())


def sign_form(petition, **kwargs):
    """The sign form of `petition` (on its page and in its embed): the fields it does not ask for
    are not part of it, so they are never bound, read or checked."""
    left_out = [name for name in SignForm.OPTIONAL_FIELDS if petition.field_mode(name) is FieldMode.OFF]
    if not petition.consent_question:
        left_out.append("has_consented")
    if not petition.share_email_question:
        left_out.append("shares_email")
    return _form_class(tuple(left_out))(petition, **kwargs)


@lru_cache(maxsize=256)
def _form_class(left_out):
    """SignForm without the fields in `left_out` (WTForms leaves out a field set to None)."""
    return type("SignForm", (SignForm,), dict.fromkeys(left_out))


class SignForm(DoorForm):
    """A petition's sign form, with every field a petition may ask for; `sign_form()` makes one.

    Its CSRF token is checked once, by CSRFProtect before the view runs (the embed's route is
    exempt, by design: see embeds.views), so the form carries no CSRF field of its own: the field
    would sign a second token on every POST and check it again. The page renders the session's
    token itself.
    """

    class Meta:
        csrf = False

    first_name = LineField("First name", validators=[DataRequired("Enter your first name."), Length(max=100)],
                           render_kw={"autocomplete": "given-name"})
    last_name = LineField("Last name", validators=[DataRequired("Enter your last name."), Length(max=100)],
                          render_kw={"autocomplete": "family-name"})
    email = LineField(
        "Email address",
        validators=[DataRequired("Enter your email address."), Length(max=254)],
        render_kw={"type": "email", "autocomplete": "email", "inputmode": "email", "spellcheck": "false"},
    )
    postcode = LineField("ZIP code", validators=[Length(max=20)], render_kw={"autocomplete": "postal-code"})
    city = LineField("City or town", validators=[Length(max=100)], render_kw={"autocomplete": "address-level2"})
    country = SelectField("Country", choices=[], validate_choice=False, default="US")
    phone = LineField("Phone number", validators=[Length(max=40)], render_kw={"type": "tel", "autocomplete": "tel"})
    comment = ParagraphField("Comment", validators=[Length(max=2000)])
    is_public = BooleanField("Show my first name, last initial and town on this page")
    has_consented = BooleanField()
    shares_email = BooleanField()
    # Hidden, but sent by anyone: cleaned like every other line of text.
    source = HiddenField(validators=[Optional(), Length(max=100)], filters=[single_line])
    referrer = HiddenField(validators=[Optional(), Length(max=500)], filters=[single_line])

    # Fields whose presence depends on the petition; the order of the form on the page.
    OPTIONAL_FIELDS = ("postcode", "city", "country", "phone", "comment")
    SIGNER_FIELDS = ("first_name", "last_name", "email", *OPTIONAL_FIELDS)

    def __init__(self, petition, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.petition = petition
        if "country" in self:
            self.country.choices = COUNTRY_CHOICES
        if "postcode" in self and self.takes_only_zip_codes():
            # A phone shows digits for a ZIP code; a postal code elsewhere may have letters.
            self.postcode.render_kw = {**self.postcode.render_kw, "inputmode": "numeric"}
        elif "postcode" in self:
            self.postcode.label.text = "ZIP or postal code"
        if petition.consent_question:
            self.has_consented.label.text = petition.consent_question
        if petition.share_email_question:
            self.shares_email.label.text = petition.share_email_question
        # "Let <partner> contact me", one box per partner the petition offers: signatures.pages
        # puts them in (partners build on signatures, so this form cannot ask partners itself).
        self.partner_boxes = []

    def signature_values(self):
        """What operations.sign() takes from a valid form; an answer not asked for is empty."""
        values = {name: (self[name].data or "") if name in self else "" for name in self.SIGNER_FIELDS}
        for name in ("is_public", "has_consented", "shares_email"):
            values[name] = bool(name in self and self[name].data)
        values["source"], values["referrer"] = self.source.data or "", self.referrer.data or ""
        return values

    def mode(self, name):
        return self.petition.field_mode(name)

    def asked(self, name):
        return self.mode(name) is not FieldMode.OFF

    def takes_only_zip_codes(self):
        """A petition that does not ask for the country is for the US: its postal codes are ZIP codes."""
        return not self.asked("country")

    def required(self, name):
        return self.mode(name) is FieldMode.REQUIRED

    def validate(self, extra_validators=None):
        extra = dict(extra_validators or {})
        for name in self.OPTIONAL_FIELDS:
            if self.required(name):
                extra.setdefault(name, []).append(self._required(name))
        return super().validate(extra_validators=extra)

    def _required(self, name):
        label = self[name].label.text
        # Mid-sentence "Phone number" reads "phone number", but "ZIP code" keeps its capitals.
        wording = label if label.split()[0].isupper() else label[0].lower() + label[1:]
        message = f"{'Choose' if name == 'country' else 'Enter'} your {wording}."

        def check(form, field):
            if not field.data:
                raise ValidationError(message)

        return check

    def validate_email(self, field):
        try:
            field.data = checked(field.data)
        except InvalidAddress:
            raise ValidationError("Enter an email address in the right form, like name@example.com.")

    def validate_postcode(self, field):
        if not field.data or not self.asked("postcode"):
            return
        if self.takes_only_zip_codes():
            if zip5(field.data) is None:
                # Said plainly, so that a signer from elsewhere knows what to do.
                way_out = "" if self.required("postcode") else " If you live outside the US, leave it empty."
                raise ValidationError(f"This petition takes US ZIP codes only: enter 5 digits, like 10001.{way_out}")
        elif self.country.data in ("", "US"):
            if zip5(field.data) is None:
                raise ValidationError("Enter a 5-digit ZIP code, like 10001, or choose your country.")
        elif POSTCODE.match(field.data) is None:
            raise ValidationError("Enter a postal code of letters, digits, spaces and hyphens.")

    def validate_country(self, field):
        if not self.asked("country"):
            field.data = ""
            return
        if field.data and field.data not in COUNTRY_CODES:
            raise ValidationError("Choose a country from the list.")

    def validate_phone(self, field):
        if field.data and self.asked("phone") and PHONE.match(field.data) is None:
            raise ValidationError("Enter a phone number of digits, like 202 555 0143.")
