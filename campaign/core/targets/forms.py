"""The organizer's target form: a company or agency, or a congressional office's addresses."""
import re

from flask_babel import gettext as _
from wtforms import SelectField
from wtforms.validators import DataRequired, Length, ValidationError

from campaign.base.addresses import InvalidAddress, checked
from campaign.base.forms import CHOOSE, Form, LineField, ParagraphField, choices
from campaign.base.i18n import lazy_gettext as _l

from .models import TargetKind

NAMED_ADDRESS = re.compile(r"^(?P<name>.*?)\s*<(?P<email>[^<>]+)>$")


def parse_contact(line):
    """(email, name) from 'Name <email>', 'Name, email' or 'email'; InvalidAddress otherwise."""
    match = NAMED_ADDRESS.match(line)
    if match:
        name, email = match["name"].strip(' ,"'), match["email"]
    elif "," in line:
        name, _comma, email = line.rpartition(",")
    else:
        name, email = "", line
    return checked(email.strip()), name.strip()[:200]


class TargetForm(Form):
    kind = SelectField(_l("Kind"), choices=choices([(TargetKind.COMPANY.value, _l("Company")),
                                                    (TargetKind.AGENCY.value, _l("Agency"))], placeholder=CHOOSE),
                       default="",
                       validators=[DataRequired(_l("Choose whether the target is a company or an agency."))])
    name = LineField(_l("Name"),
                     validators=[DataRequired(_l("Enter the name of the company or agency.")), Length(max=200)])
    address = LineField(_l("Postal address"), validators=[Length(max=300)])
    phone = LineField(_l("Phone"), validators=[Length(max=40)])
    contacts = ParagraphField(
        _l("People to write to"),
        description=_l("One per line: “Jordan Reyes <jordan@acme.example>”, or just the address."),
        validators=[Length(max=20000)],
    )

    def __init__(self, *args, congress=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.congress = congress
        self.parsed_contacts = []
        if congress:  # a member's own details come from the Congress import
            for name in ("kind", "name", "address", "phone"):
                delattr(self, name)

    def kind_value(self):
        return TargetKind(self.kind.data)

    def validate_contacts(self, field):
        self.parsed_contacts = []
        for number, line in enumerate((field.data or "").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                self.parsed_contacts.append(parse_contact(line.strip()))
            except InvalidAddress:
                raise ValidationError(_("Line %(number)s: “%(line)s” has no valid email address.",
                                        number=number, line=line.strip()[:80])) from None



def contacts_text(target):
    """The contacts of `target` as the form's text."""
    return "\n".join(contact.address_line for contact in target.contacts)
