"""The sign form: its fields follow the petition's settings."""
import re
from functools import lru_cache

from flask_babel import gettext as _
from wtforms import BooleanField, HiddenField, SelectField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from campaign.base.addresses import InvalidAddress, checked
from campaign.base.forms import LineField, ParagraphField, choices, single_line
from campaign.base.i18n import lazy_gettext as _l
from campaign.core.abuse.door import DoorForm
from campaign.core.geo.countries import choices as country_choices, choices_in
from campaign.core.geo.zip_states import zip5
from campaign.core.petitions.models import FieldMode

from .referrals import clean_channel, clean_code

PHONE = re.compile(r"^\+?[0-9 ().\-]{6,30}$")
POSTCODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 \-]{1,18}$")


COUNTRY_CODES = frozenset(code for code, _name in choices_in("en"))


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


# The message of an optional field a petition requires, left empty.
REQUIRED_MESSAGES = {
    "postcode": _l("Enter your ZIP code."),
    "city": _l("Enter your city or town."),
    "country": _l("Choose your country."),
    "phone": _l("Enter your phone number."),
    "comment": _l("Enter your comment."),
}


class SharedLinkFields:
    """The hidden fields of a form on a page opened from a shared link (signatures.referrals): the
    referral code and the channel. Anything not of their shape is dropped, never refused. Mixed
    into the petition's sign form and the letter's sign-on forms."""

    ref = HiddenField(filters=[clean_code])
    channel = HiddenField(filters=[clean_channel])

    def referral_values(self):
        """{"referred_by", "share_channel"}: what the signature or sign-on keeps of the link."""
        return {"referred_by": self.ref.data or "", "share_channel": self.channel.data or ""}


class SignForm(SharedLinkFields, DoorForm):
    """A petition's sign form, with every field a petition may ask for; `sign_form()` makes one.

    Its CSRF token is checked once, by CSRFProtect before the view runs (the embed's route is
    exempt, by design: see embeds.views), so the form carries no CSRF field of its own: the field
    would sign a second token on every POST and check it again. The page renders the session's
    token itself.
    """

    class Meta:
        csrf = False

    first_name = LineField(_l("First name"), validators=[DataRequired(_l("Enter your first name.")), Length(max=100)],
                           render_kw={"autocomplete": "given-name"})
    last_name = LineField(_l("Last name"), validators=[DataRequired(_l("Enter your last name.")), Length(max=100)],
                          render_kw={"autocomplete": "family-name"})
    email = LineField(
        _l("Email address"),
        validators=[DataRequired(_l("Enter your email address.")), Length(max=254)],
        render_kw={"type": "email", "autocomplete": "email", "inputmode": "email", "spellcheck": "false"},
    )
    postcode = LineField(_l("ZIP code"), validators=[Length(max=20)], render_kw={"autocomplete": "postal-code"})
    city = LineField(_l("City or town"), validators=[Length(max=100)], render_kw={"autocomplete": "address-level2"})
    country = SelectField(_l("Country"), choices=[], validate_choice=False, default="US")
    phone = LineField(_l("Phone number"), validators=[Length(max=40)], render_kw={"type": "tel", "autocomplete": "tel"})
    comment = ParagraphField(_l("Comment"), validators=[Length(max=2000)])
    is_public = BooleanField(_l("Show my first name, last initial and town on this page"))
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
            self.country.choices = choices([("", _("Choose a country")), *country_choices()])
        if "postcode" in self and self.takes_only_zip_codes():
            # A phone shows digits for a ZIP code; a postal code elsewhere may have letters.
            self.postcode.render_kw = {**self.postcode.render_kw, "inputmode": "numeric"}
        elif "postcode" in self:
            self.postcode.label.text = _("ZIP or postal code")
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
        values.update(self.referral_values())
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
        if name == "postcode" and not self.takes_only_zip_codes():
            message = _("Enter your ZIP or postal code.")
        else:
            message = REQUIRED_MESSAGES[name]

        def check(form, field):
            if not field.data:
                raise ValidationError(message)

        return check

    def validate_email(self, field):
        try:
            field.data = checked(field.data)
        except InvalidAddress:
            raise ValidationError(_("Enter an email address in the right form, like name@example.com.")) from None

    def validate_postcode(self, field):
        if not field.data or not self.asked("postcode"):
            return
        if self.takes_only_zip_codes():
            if zip5(field.data) is None:
                # Said plainly, so that a signer from elsewhere knows what to do.
                if self.required("postcode"):
                    raise ValidationError(_("This petition takes US ZIP codes only: enter 5 digits, like 10001."))
                raise ValidationError(_("This petition takes US ZIP codes only: enter 5 digits, like 10001. "
                                        "If you live outside the US, leave it empty."))
        elif self.country.data in ("", "US"):
            if zip5(field.data) is None:
                raise ValidationError(_("Enter a 5-digit ZIP code, like 10001, or choose your country."))
        elif POSTCODE.match(field.data) is None:
            raise ValidationError(_("Enter a postal code of letters, digits, spaces and hyphens."))

    def validate_country(self, field):
        if not self.asked("country"):
            field.data = ""
            return
        if field.data and field.data not in COUNTRY_CODES:
            raise ValidationError(_("Choose a country from the list."))

    def validate_phone(self, field):
        if field.data and self.asked("phone") and PHONE.match(field.data) is None:
            raise ValidationError(_("Enter a phone number of digits, like 202 555 0143."))
