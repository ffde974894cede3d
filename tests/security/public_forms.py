"""The public forms that the naughty-string and random-input tests post to.

Add a PublicForm for each new public form (a letter's sign-on form, an organization's form):
the tests pick it up.
"""
from dataclasses import dataclass, field

from campaign.core.petitions.models import FieldMode


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
    # The status of an accepted submission: a redirect, or the "check your inbox" page itself.
    accepted: int = 302

    def answers(self, n, **changes):
        return {**{key: value.format(n=n) for key, value in self.valid.items()}, **changes}


def make_petition(create_petition, create_letter):
    return create_petition(city_field=FieldMode.OPTIONAL, comment_field=FieldMode.OPTIONAL,
                           phone_field=FieldMode.OPTIONAL, country_field=FieldMode.OPTIONAL)


def make_letter(create_petition, create_letter):
    return create_letter(slug="dear-acme-board")


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


def organization_form(name, path, shown_on):
    """The organization sign-on form, as a letter and a petition's endorsement page show it."""
    return PublicForm(
        name=name,
        path=path,
        fields=["name", "scope", "city", "region", "website", "contact_name", "contact_title", "email",
                "contact_phone", "is_listed", "contact_note", "started"],
        text_fields=["name", "city", "contact_name", "contact_title"],
        valid={"name": "Privacy Now {n}", "scope": "national", "contact_name": "Rosa Park",
               "email": "contact{n}@example.org"},
        shown_on=[shown_on],
        accepted=200,
    )


LETTER_ORGANIZATION = organization_form("letter organization sign-on form", "/letters/dear-acme-board/organizations",
                                        "/organize/letters/{id}/queue")
PETITION_ENDORSEMENT = organization_form("petition endorsement form", "/petitions/stop-the-data-grab/endorse",
                                         "/organize/petitions/{id}/endorsements")
LETTER_INDIVIDUAL = PublicForm(
    name="letter individual sign-on form",
    path="/letters/dear-acme-board/individuals",
    fields=["person-first_name", "person-last_name", "person-email", "person-affiliation", "person-is_named",
            "person-contact_note", "person-started"],
    text_fields=["person-first_name", "person-last_name", "person-affiliation"],
    valid={"person-first_name": "Sam", "person-last_name": "Okafor", "person-email": "person{n}@example.org"},
    shown_on=["/organize/letters/{id}/queue"],
    accepted=200,
)

# (the form, a function of the create_petition and create_letter fixtures that makes what it
# posts to and returns its id)
PUBLIC_FORMS = [(PETITION_SIGN, make_petition), (EMBED_SIGN, make_petition), (LETTER_ORGANIZATION, make_letter),
                (LETTER_INDIVIDUAL, make_letter), (PETITION_ENDORSEMENT, make_petition)]
