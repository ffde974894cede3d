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


IN_PERSON = f"At least {MIN_PASSWORD_LENGTH} characters. Give it to them in person."


def new_password_field(label, description=f"At least {MIN_PASSWORD_LENGTH} characters."):
    """A field for a password being chosen, at least MIN_PASSWORD_LENGTH long."""
    return PasswordField(
        label, description=description,
        validators=[DataRequired(f"Enter a {label.lower()}."),
                    Length(min=MIN_PASSWORD_LENGTH, max=1000,
                           message=f"The password must be at least {MIN_PASSWORD_LENGTH} characters long.")],
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
    password = new_password_field("New password")
    confirm = repeated_password_field()


class PasswordResetForm(Form):
    password = new_password_field("New password", IN_PERSON)
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
    password = new_password_field("First password", IN_PERSON)


class RoleForm(Form):
    role = SelectField(_l("Role"), choices=ROLE_CHOICES)
