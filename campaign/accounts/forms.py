"""Organizer login, and the owner's forms for organizer accounts."""
from wtforms import PasswordField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length

from ..forms import Form, LineField
from .models import MIN_PASSWORD_LENGTH, Role


class LoginForm(Form):
    email = LineField(
        "Email address",
        validators=[DataRequired("Enter your email address."), Length(max=254)],
        render_kw={"type": "email", "autocomplete": "username"},
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired("Enter your password."), Length(max=1000)],
        render_kw={"autocomplete": "current-password"},
    )


ROLE_CHOICES = [
    SelectChoice(Role.VIEWER.value, "Viewer: sees counts and charts, no personal data"),
    SelectChoice(Role.ORGANIZER.value, "Organizer: writes actions, moderates, delivers, exports"),
    SelectChoice(Role.OWNER.value, "Owner: all of that, and manages organizers"),
]


class OrganizerForm(Form):
    email = LineField("Email address", validators=[DataRequired("Enter an email address."), Length(max=254),
                                                    Email("Enter a valid email address.")],
                      render_kw={"type": "email", "autocomplete": "off"})
    role = SelectField("Role", choices=ROLE_CHOICES, default=Role.ORGANIZER.value)
    password = PasswordField(
        "First password", description=f"At least {MIN_PASSWORD_LENGTH} characters. Give it to them in person.",
        validators=[DataRequired("Enter a first password."), Length(min=MIN_PASSWORD_LENGTH, max=1000,
                    message=f"The password must be at least {MIN_PASSWORD_LENGTH} characters long.")],
        render_kw={"autocomplete": "new-password"},
    )


class RoleForm(Form):
    role = SelectField("Role", choices=ROLE_CHOICES)
