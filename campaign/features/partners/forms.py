"""The sign form's partner boxes: one unticked checkbox per partner the petition offers.

They are plain checkboxes named `partner-<id>`, read from the posted form: anything else posted
under such a name is ignored, and a partner no longer offered is never recorded.
"""
from dataclasses import dataclass

from . import queries


@dataclass(frozen=True)
class PartnerBox:
    partner_id: int
    name: str
    label: str
    checked: bool


def partner_boxes(petition_id, formdata=None):
    """The boxes of a petition's sign form, ticked as posted in `formdata` (None: a blank form)."""
    boxes = []
    for offer in queries.offers(petition_id):
        name = f"partner-{offer.id}"
        boxes.append(PartnerBox(offer.id, name, offer.wording, bool(formdata and formdata.get(name))))
    return boxes
