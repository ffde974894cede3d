"""The organizer's delivery form: targets, subject, message with placeholders, optional milestone."""
from flask_babel import gettext as _
from wtforms import IntegerField, RadioField, SelectField, SelectMultipleField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from campaign.base.addresses import InvalidAddress, checked
from campaign.base.forms import Form, LineField, ParagraphField, choices
from campaign.base.i18n import lazy_gettext as _l

from .messages import unknown_placeholders
from .models import Selection

SELECTIONS = choices([
    (Selection.HAND.value, _l("Targets I pick")),
    (Selection.STATE_SENATORS.value, _l("Both senators of a state")),
    (Selection.SENATE.value, _l("The whole Senate")),
    (Selection.HOUSE.value, _l("The whole House")),
    (Selection.MIN_CONSTITUENTS.value, _l("Every member of Congress with at least N confirmed constituent signers")),
])


class DeliveryForm(Form):
    selection = RadioField(_l("Send to"), choices=SELECTIONS, default=Selection.HAND.value)
    target_ids = SelectMultipleField(_l("Targets"), coerce=int, validate_choice=False,
                                     description=_l("Hold Ctrl (or ⌘) to pick several."))
    selection_state = SelectField(_l("State"), choices=[], validate_choice=False)
    min_constituents = IntegerField(_l("N"), default=1, validators=[Optional(), NumberRange(min=1, max=10_000_000)])
    from_name = LineField(_l("From (name)"), validators=[Length(max=100)],
                          description=_l("The name the mail comes from. Empty: the site's sender name."))
    reply_to = LineField(_l("Reply-To"), validators=[Length(max=254)],
                         description=_l("Where the targets' answers go: yours unless you change it. "
                                     "Empty: answers go to the site's sending address."))
    subject = LineField(_l("Subject"), validators=[DataRequired(_l("Write a subject.")), Length(max=200)])
    message = ParagraphField(
        _l("Message"),
        description=_l("Placeholders are replaced for each target: ") + ", ".join(
            f"{{{name}}}" for name in ("target_name", "seat", "total", "constituents", "possible_constituents",
                                       "organizations", "organization_count", "action_title")),
        validators=[DataRequired(_l("Write the message.")), Length(max=20000)],
    )
    milestone = IntegerField(
        _l("Send on its own when the count reaches"), validators=[Optional(), NumberRange(min=1, max=100_000_000)],
        description=_l("Empty: you send it yourself after the preview. E.g. 1000, 10000 or the goal."),
    )

    def __init__(self, *args, targets=(), states=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.target_ids.choices = choices((t.id, f"{t.name} ({t.seat or t.kind.value})") for t in targets)
        self.selection_state.choices = choices([("", "Choose a state")] + [(s, s) for s in states])
        self.known_target_ids = {t.id for t in targets}
        self.known_states = set(states)

    def validate_target_ids(self, field):
        if self.selection.data != Selection.HAND.value:
            return
        if not field.data:
            raise ValidationError(_("Pick at least one target."))
        if set(field.data) - self.known_target_ids:
            raise ValidationError(_("Pick targets from the list."))

    def validate_selection_state(self, field):
        # Checked whatever the selection: the value is kept, in a two-letter column.
        if field.data and field.data not in self.known_states:
            raise ValidationError(_("Choose a state from the list."))
        if self.selection.data == Selection.STATE_SENATORS.value and not field.data:
            raise ValidationError(_("Choose the state whose senators get the delivery."))

    def validate_min_constituents(self, field):
        if self.selection.data == Selection.MIN_CONSTITUENTS.value and not field.data:
            raise ValidationError(_("Enter the least number of constituent signers, 1 or more."))

    def validate_reply_to(self, field):
        if field.data:
            try:
                field.data = checked(field.data)
            except InvalidAddress:
                raise ValidationError(
                    _("Enter the Reply-To address in the right form, like name@example.org.")) from None

    def validate_subject(self, field):
        _no_unknown_placeholders(field)

    def validate_message(self, field):
        _no_unknown_placeholders(field)


def _no_unknown_placeholders(field):
    unknown = unknown_placeholders(field.data)
    if unknown:
        names = ", ".join(f"{{{name}}}" for name in unknown)
        raise ValidationError(_("Unknown placeholder %(names)s: use those listed under the message.", names=names))
