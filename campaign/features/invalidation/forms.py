"""The organizers' description of what to invalidate (the blocklist form: abuse.forms)."""
from flask_babel import gettext as _
from wtforms import DateTimeLocalField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from campaign.base.forms import Form, LineField
from campaign.base.i18n import lazy_gettext as _l
from campaign.base.localtime import to_utc
from campaign.core.abuse import blocklists
from campaign.core.abuse.forms import normalise

from .queries import Criteria

STATE_CHOICES = [SelectChoice("", "Any: pending, confirmed or flagged"), SelectChoice("pending", "Pending"),
                 SelectChoice("confirmed", "Confirmed"), SelectChoice("flagged", "Flagged")]


class InvalidationForm(Form):
    ip_range = LineField(_l("IP address or range"), validators=[Length(max=50)],
                         description=_l("For example 203.0.113.7 or 203.0.113.0/24."))
    email_domain = LineField(_l("Email domain"), validators=[Length(max=254)],
                             description=_l("Its subdomains match too."))
    name_pattern = LineField(_l("Name"), validators=[Length(max=100)],
                             description=_l("First and last name; * matches anything, e.g. *test*. Case is ignored."))
    signed_from = DateTimeLocalField(_l("Signed from"), format="%Y-%m-%dT%H:%M", validators=[Optional()])
    signed_until = DateTimeLocalField(_l("Signed before"), format="%Y-%m-%dT%H:%M", validators=[Optional()])
    source = LineField(_l("Source"), validators=[Length(max=100)], description=_l("Exactly, as in the signature list."))
    state = SelectField(_l("State"), choices=STATE_CHOICES, default="")
    reason = LineField(_l("Reason"), validators=[Length(max=200)],
                       description=_l("Kept with the record of this removal."))

    def validate_ip_range(self, field):
        if field.data:
            normalise(field, blocklists.normal_network)

    def validate_email_domain(self, field):
        if field.data:
            normalise(field, blocklists.normal_domain)

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if valid and self.criteria().is_empty():
            self.form_errors.append(_("Describe what to remove: at least one of the fields."))
            return False
        return valid

    def criteria(self):
        return Criteria(
            ip_range=self.ip_range.data or "",
            email_domain=self.email_domain.data or "",
            name_pattern=self.name_pattern.data or "",
            signed_from=to_utc(self.signed_from.data),
            signed_until=to_utc(self.signed_until.data),
            source=self.source.data or "",
            state=self.state.data or "",
        )

    def has_input(self):
        return any(self[name].raw_data and self[name].raw_data[0] for name in
                   ("ip_range", "email_domain", "name_pattern", "signed_from", "signed_until", "source", "state"))
