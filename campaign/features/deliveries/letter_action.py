"""A letter as something a delivery delivers: its signatories, counts and PDF."""
from collections import Counter

from flask_babel import gettext as _

from campaign.base.extensions import db
from campaign.core.letters import pdf, queries
from campaign.core.letters.models import Letter

from . import actions


class LetterAction(actions.ActionKind):
    """A coalition letter. Sign-ons carry no ZIP code, so no signer is a known constituent."""

    model = Letter

    def results(self, action_id):
        letter = db.session.get(Letter, action_id)
        signatories = queries.signatories(letter)
        listed = [s for _group, members in signatories.organization_groups for s in members]
        by_state = Counter(s.region for s in listed if len(s.region) == 2)
        return actions.Results(
            title=letter.title,
            total=signatories.organization_count + signatories.individual_count,
            by_state=dict(by_state),
            organizations=[s.public_name for s in listed],
            page=("letters.show", letter.slug),
            counted=_("Only confirmed sign-ons count: each signer confirmed by answering an email sent to the "
                      "address they gave, and the organizers approved it.") if letter.is_moderated else
            _("Only confirmed sign-ons count: each signer confirmed by answering an email sent to the address "
              "they gave."),
        )

    def constituents(self, action_id, target):
        return 0, 0

    def signers(self, action_id, target):
        """The public signatories, as delivered: listed organizations, then named individuals."""
        signatories = queries.signatories(db.session.get(Letter, action_id))
        for _group, members in signatories.organization_groups:
            for sign_on in members:
                yield (sign_on.public_name, sign_on.city, "", sign_on.region, "", "")
        for person in signatories.named_individuals:
            yield (person.public_name, "", "", "", "", "")

    def without_district(self, action_id):
        return 0

    def attachments(self, action_id, target):
        letter = db.session.get(Letter, action_id)
        data = pdf.render(letter, queries.signatories(letter), letter.dated)
        return [(f"{letter.slug}.pdf", "application/pdf", data)]


actions.register("letter", LetterAction())
