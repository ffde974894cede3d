"""The base form and fields every form uses: input is cleaned before any validator sees it."""
import re
from functools import cache

from babel import support
from flask import current_app
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.i18n import messages_path

from campaign.base import i18n
from campaign.base.i18n import lazy_gettext as _l

# C0 control characters other than tab and newline, and DEL: never meaningful in a form, and
# PostgreSQL cannot store NUL at all.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def single_line(value):
    """Strip, drop control characters, and fold tabs and newlines into spaces."""
    if value is None:
        return value
    value = _CONTROL.sub("", value)
    return " ".join(value.replace("\t", " ").replace("\n", " ").split(" ")).strip()


def multi_line(value):
    """Strip, drop control characters, and use \\n line ends."""
    if value is None:
        return value
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip()


class LineField(StringField):
    """A one-line text field, cleaned."""

    def __init__(self, *args, filters=(), **kwargs):
        super().__init__(*args, filters=(single_line, *filters), **kwargs)


class ParagraphField(TextAreaField):
    """A multi-line text field, cleaned."""

    def __init__(self, *args, filters=(), **kwargs):
        super().__init__(*args, filters=(multi_line, *filters), **kwargs)


class Form(FlaskForm):
    """A Flask-WTF form (CSRF included) that lists its errors for the page's error summary.

    Every form, including the bare ones behind action buttons, is this one: its CSRF input is rendered
    without Flask-WTF's id="csrf_token", which a page of several forms would repeat.
    """

    class Meta:
        def get_translations(self, form):
            """WTForms' own messages in the page's language, from a catalog read once per process
            (Flask-WTF reads its file again for every request: 0.4 ms of a signature)."""
            return _wtforms_catalog(i18n.language()) if current_app.config.get("WTF_I18N_ENABLED", True) else None

        def render_field(self, field, render_kw):
            if field.type == "CSRFTokenField":
                render_kw = {**render_kw, "id": False}  # WTForms leaves out an attribute that is False
            return super().render_field(field, render_kw)

    def visible_errors(self):
        """[(field, message)] in the order of the form."""
        return [(field, message) for field in self if field.errors for message in field.errors]


@cache
def _wtforms_catalog(language):
    return support.Translations.load(messages_path(), [language], domain="wtforms")


# The first choice of a select that must be chosen: nothing is chosen for the person, and a
# select left alone sends "" for a required field's validator to refuse.
CHOOSE = _l("Choose…")


def choices(pairs, placeholder=None):
    """SelectField choices from (value, label) pairs; with `placeholder`, first an empty choice of that label."""
    first = [SelectChoice("", placeholder)] if placeholder else []
    return first + [SelectChoice(value, label) for value, label in pairs]


class CloseForm(Form):
    """Close now: the box must be ticked, so a slip of the finger closes nothing (no JavaScript needed)."""

    confirm = BooleanField(_l("Yes, close it"))
