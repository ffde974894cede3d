"""Organizer login and passwords, and the owner's forms for organizer accounts."""
from wtforms import PasswordField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, Length

from campaign.base.forms import Form, LineField
from campaign.base.i18n import lazy_gettext as _l

from .models import MIN_PASSWORD_LENGTH, Role


class LoginForm(Form):
    email = LineField(
        _l("Email address"),
        validators=[DataRequired(_l("Enter your email address.")), Length(max=254)],
        render_kw={"type": "email", "autocomplete": "username"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter your password.")), Length(max=1000)],
        render_kw={"autocomplete": "current-password"},
    )


IN_PERSON = _l("At least %(num)s characters. Give it to them in person.", num=MIN_PASSWORD_LENGTH)


def new_password_field(label, required, description=None):
    """A field for a password being chosen, at least MIN_PASSWORD_LENGTH long; `required` is what
    an empty one is told."""
    return PasswordField(
        label, description=description or _l("At least %(num)s characters.", num=MIN_PASSWORD_LENGTH),
        validators=[DataRequired(required),
                    Length(min=MIN_PASSWORD_LENGTH, max=1000,
                           message=_l("The password must be at least %(num)s characters long.",
                                      num=MIN_PASSWORD_LENGTH))],
        render_kw={"autocomplete": "new-password"},
    )


def repeated_password_field():
    """The new password typed a second time, which must be the same."""
    return PasswordField(
        _l("New password again"),
        validators=[DataRequired(_l("Enter the new password a second time.")),
                    EqualTo(_l("password"), "The two new passwords are not the same.")],
        render_kw={"autocomplete": "new-password"},
    )


class PasswordChangeForm(Form):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(_l("Enter your current password.")), Length(max=1000)],
        render_kw={"autocomplete": "current-password"},
    )
    password = new_password_field(_l("New password"), _l("Enter a new password."))
    confirm = repeated_password_field()


class PasswordResetForm(Form):
    password = new_password_field(_l("New password"), _l("Enter a new password."), IN_PERSON)
    confirm = repeated_password_field()


ROLE_CHOICES = [
    SelectChoice(Role.VIEWER.value, _l("Viewer: sees counts and charts, no personal data")),
    SelectChoice(Role.ORGANIZER.value, _l("Organizer: writes actions, moderates, delivers, exports")),
    SelectChoice(Role.OWNER.value, _l("Owner: all of that, and manages organizers")),
]


class OrganizerForm(Form):
    email = LineField(_l("Email address"), validators=[DataRequired(_l("Enter an email address.")), Length(max=254),
                                                    Email(_l("Enter a valid email address."))],
                      render_kw={"type": "email", "autocomplete": "off"})
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, default=Role.ORGANIZER.value)
    password = new_password_field(_l("First password"), _l("Enter a first password."), IN_PERSON)


class RoleForm(Form):
    role = SelectField(_l("Role"), choices=ROLE_CHOICES)
