"""The organization sign-on form, shared by letters and petition endorsements."""
from flask_babel import gettext as _
from flask_wtf.file import FileField
from wtforms import BooleanField, SelectField
from wtforms.validators import DataRequired, Length, ValidationError

from campaign.base.addresses import InvalidAddress, checked
from campaign.base.forms import CHOOSE, LineField, choices
from campaign.base.i18n import lazy_gettext as _l
from campaign.core.abuse.door import DoorForm
from campaign.core.geo import states
from campaign.core.signatures.forms import PHONE, SharedLinkFields

from . import logos
from .models import Scope
from .normalise import InvalidWebsite, website

SCOPE_CHOICES = choices([(Scope.NATIONAL.value, _l("National")), (Scope.STATE.value, _l("State")),
                         (Scope.LOCAL.value, _l("Local"))], placeholder=CHOOSE)
STATE_CHOICES = choices(states.choices(), placeholder=CHOOSE)
# A state or local organization is placed by its state; a national one may name where it is based.
PLACED_BY_STATE = {Scope.STATE.value, Scope.LOCAL.value}


def check_email(field):
    """Shared by every sign-on form: a valid address, domain normalised."""
    try:
        field.data = checked(field.data)
    except InvalidAddress:
        raise ValidationError(_("Enter an email address in the right form, like name@example.com.")) from None


class OrganizationForm(SharedLinkFields, DoorForm):
    name = LineField(_l("Organization name"),
                     validators=[DataRequired(_l("Enter the organization's name.")), Length(max=200)],
                     render_kw={"autocomplete": "organization"})
    scope = SelectField(_l("Scope"), choices=SCOPE_CHOICES, default="",
                        validators=[DataRequired(_l("Choose your organization's scope: national, state or local."))],
                        description=_l("Where your organization works: the list is grouped this way."))
    city = LineField(_l("City"), validators=[Length(max=100)])
    region = SelectField(_l("State"), choices=STATE_CHOICES, default="",
                         description=_l("Where your organization is based; a state or local organization chooses one."))
    website = LineField(_l("Website"), validators=[Length(max=300)],
                        render_kw={"inputmode": "url", "spellcheck": "false"})
    logo = FileField(_l("Logo"), description=_l("A PNG, JPEG, WebP or GIF image, up to 1 MB."),
                     render_kw={"accept": "image/png,image/jpeg,image/webp,image/gif"})
    contact_name = LineField(_l("Contact name"),
                             validators=[DataRequired(_l("Enter the contact's name.")), Length(max=200)],
                             render_kw={"autocomplete": "name"})
    contact_title = LineField(_l("Contact's title"), validators=[Length(max=200)],
                              render_kw={"autocomplete": "organization-title"})
    email = LineField(
        _l("Contact email address"),
        validators=[DataRequired(_l("Enter the contact's email address.")), Length(max=254)],
        render_kw={"type": "email", "autocomplete": "email", "spellcheck": "false"},
        description=_l("We send a link to confirm. Contact details are never shown publicly."),
    )
    contact_phone = LineField(_l("Contact phone"), validators=[Length(max=40)],
                              render_kw={"type": "tel", "autocomplete": "tel"})
    is_listed = BooleanField(_l("List our organization's name publicly"),
                             description=_l("Left unticked, your organization is counted but not named."))
    wants_updates = BooleanField(_l("Send me updates about this campaign"),
                                 description=_l("By email: news from the organizers, and the answers of those it "
                                                "is sent to."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.logo_png = None
        self.website_domain = ""

    def validate(self, extra_validators=None):
        """Every other field first: the logo is decoded only when the rest of the form is valid."""
        if not super().validate(extra_validators):
            return False
        upload = self.logo.data
        if not upload or not getattr(upload, "filename", ""):
            return True
        try:
            self.logo_png = logos.checked(upload.stream)
        except logos.BadLogo as error:
            self.logo.errors.append(str(error))
            return False
        return True

    def validate_region(self, field):
        if not field.data and self.scope.data in PLACED_BY_STATE:
            raise ValidationError(_("Choose the state your organization works in."))

    def validate_email(self, field):
        check_email(field)

    def validate_website(self, field):
        try:
            field.data, self.website_domain = website(field.data or "")
        except InvalidWebsite as error:
            raise ValidationError(str(error)) from None

    def validate_contact_phone(self, field):
        if field.data and PHONE.match(field.data) is None:
            raise ValidationError(_("Enter a phone number of digits, like 202 555 0143."))
