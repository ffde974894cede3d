"""The organizers' form for a blocklist entry."""
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from campaign.base.forms import Form, LineField
from campaign.base.i18n import lazy_gettext as _l

from . import blocklists
from .models import BlockKind


def normalise(field, function):
    """Put `function(field.data)` in the field, or the blocklist's reason it is no entry as its error."""
    try:
        field.data = function(field.data)
    except blocklists.InvalidEntry as error:
        raise ValidationError(str(error)) from None


class BlocklistForm(Form):
    kind = SelectField(_l("Block"), choices=[SelectChoice(BlockKind.EMAIL_DOMAIN.value, _l("Email domain")),
                                             SelectChoice(BlockKind.IP_NETWORK.value, _l("IP address or range"))])
    value = LineField(_l("Domain, address or range"),
                      validators=[DataRequired(_l("Enter what to block.")), Length(max=254)],
                      description=_l("For example spam.example, 203.0.113.7 or 203.0.113.0/24."))
    note = LineField(_l("Note"), validators=[Length(max=200)], description=_l("Why, for the other organizers."))

    def validate_value(self, field):
        domain = self.kind.data == BlockKind.EMAIL_DOMAIN.value
        normalise(field, blocklists.normal_domain if domain else blocklists.normal_network)
