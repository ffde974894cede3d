"""The public forms that the naughty-string and random-input tests post to.

Add a PublicForm for each new public form (a letter's sign-on form, an organization's form):
the tests pick it up.
"""
from dataclasses import dataclass, field

from campaign.petitions.models import FieldMode


@dataclass
class PublicForm:
    name: str
    path: str
    # Every field the form has, and the free-text ones whose values are stored and shown.
    fields: list
    text_fields: list
    # Answers that pass, for the fields not being tested; "{n}" is replaced by a counter.
    valid: dict
    # Organizer pages (with "{id}") where stored answers are shown.
    shown_on: list = field(default_factory=list)

    def answers(self, n, **changes):
        return {**{key: value.format(n=n) for key, value in self.valid.items()}, **changes}


def make_petition(create_petition):
    return create_petition(city_field=FieldMode.OPTIONAL, comment_field=FieldMode.OPTIONAL,
                           phone_field=FieldMode.OPTIONAL, country_field=FieldMode.OPTIONAL)


PETITION_SIGN = PublicForm(
    name="petition sign form",
    path="/petitions/stop-the-data-grab",
    fields=["first_name", "last_name", "email", "postcode", "city", "country", "phone", "comment", "is_public",
            "has_consented", "source", "referrer", "contact_note", "started"],
    text_fields=["first_name", "last_name", "city", "comment", "source", "referrer"],
    valid={"first_name": "Ada", "last_name": "Lovelace", "email": "signer{n}@example.org", "country": "US"},
    shown_on=["/organize/petitions/{id}/signatures?page={page}", "/organize/petitions/{id}/flagged"],
)

EMBED_SIGN = PublicForm(
    name="embedded sign form",
    path="/petitions/stop-the-data-grab/embed",
    fields=PETITION_SIGN.fields,
    text_fields=PETITION_SIGN.text_fields,
    valid=PETITION_SIGN.valid,
    shown_on=PETITION_SIGN.shown_on,
)

# (the form, a function of the create_petition fixture that makes what it posts to)
PUBLIC_FORMS = [(PETITION_SIGN, make_petition), (EMBED_SIGN, make_petition)]
