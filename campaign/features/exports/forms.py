"""The export form: which signers, which columns, which file."""
from flask_babel import gettext as _
from wtforms import BooleanField, DateField, SelectField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional, ValidationError

from campaign.base.forms import Form, LineField
from campaign.base.i18n import lazy_gettext as _l
from campaign.base.localtime import to_utc

from .presets import PRESETS
from .queries import Filters, local_day_bounds, parse_district


class ExportForm(Form):
    class Meta:
        csrf = False  # a GET form; the download changes nothing but the log

    status = SelectField(_l("Signatures"), default="confirmed", choices=[
        SelectChoice("confirmed", "Confirmed only"), SelectChoice("pending", "Waiting for confirmation only"),
        SelectChoice("all", "All")])
    signed_from = DateField(_l("Signed on or after"), validators=[Optional()])
    signed_to = DateField(_l("Signed on or before"), validators=[Optional()])
    regions = SelectMultipleField(_l("States"), choices=[], validate_choice=False,
                                  description=_l("None chosen: every state, and signers whose state is unknown."))
    districts = SelectMultipleField(
        _l("Congressional districts"), choices=[], validate_choice=False,
        description=_l("None chosen: every district. A signer whose ZIP code spans districts is in each of them."))
    consented_only = BooleanField(_l("Only signers who agreed to updates (and have not unsubscribed)"))
    source = LineField(_l("Source code"), validators=[Optional(), Length(max=100)],
                       description=_l("Only signers who came through this source, e.g. a partner's link code."))
    preset = SelectField(_l("Columns"), default="full",
                         choices=[SelectChoice(p.name, p.label) for p in PRESETS.values()])
    excel = BooleanField(_l("For Excel (UTF-8 with a byte-order mark, Windows line ends)"))

    def offer(self, regions, districts):
        """The states and districts to list (the petition's signers'). Only the page needs them:
        a download validates what it is given without them, sparing two scans of the signers."""
        self.regions.choices = [SelectChoice(region, region) for region in regions]
        self.districts.choices = [SelectChoice(district, district.replace("-0", " at large")) for district in districts]

    def validate_signed_to(self, field):
        if field.data and self.signed_from.data and field.data < self.signed_from.data:
            raise ValidationError(_("The last day must not be before the first."))

    def validate_regions(self, field):
        field.data = [region for region in field.data or [] if len(region) == 2 and region.isalpha()]

    def validate_districts(self, field):
        for text in field.data or []:
            try:
                parse_district(text)
            except ValueError:
                raise ValidationError(_("“%(text)s” is not a district; choose from the list.",
                                        text=text[:20])) from None

    def filters(self):
        signed_from, signed_before = local_day_bounds(self.signed_from.data, self.signed_to.data, to_utc)
        return Filters(
            status=self.status.data,
            signed_from=signed_from,
            signed_before=signed_before,
            regions=sorted(set(self.regions.data or [])),
            districts=sorted(set(self.districts.data or [])),
            consented_only=bool(self.consented_only.data),
            source=self.source.data or "",
        )
