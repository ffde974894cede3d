"""Organizer login."""
from wtforms import PasswordField
from wtforms.validators import DataRequired, Length

from ..forms import Form, LineField


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
