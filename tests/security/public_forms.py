"""The public forms that the naughty-string and random-input tests post to.

Add a PublicForm for each new public form (a letter's sign-on form, an organization's form):
the tests pick it up.
"""
from dataclasses import dataclass, field

from campaign.base import tokens
from campaign.base.extensions import db
from campaign.core.petitions.models import FieldMode
from campaign.core.targets.models import Target, TargetKind
from campaign.features.deliveries import answer_links
from campaign.features.deliveries.models import Delivery, DeliveryRecipient


@dataclass
class PublicForm:
    name: str
    # Where it posts; "{token}" stands for the `token` its maker returns.
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


def make_petition(app, create_petition, create_letter):
    return {"id": create_petition(city_field=FieldMode.OPTIONAL, comment_field=FieldMode.OPTIONAL,
                                  phone_field=FieldMode.OPTIONAL, country_field=FieldMode.OPTIONAL)}


def make_letter(app, create_petition, create_letter):
    return {"id": create_letter(slug="dear-acme-board")}


def make_delivery(app, create_petition, create_letter):
    """A petition delivered to Acme: the petition's id, and the `token` of Acme's answer link."""
    petition_id = create_petition()
    with app.app_context():
        acme = Target(kind=TargetKind.COMPANY, name="Acme Social, Inc.")
        delivery = Delivery(action_kind="petition", action_id=petition_id, subject="S", message="M", target_ids=[])
        recipient = DeliveryRecipient(delivery=delivery, target=acme, name="Jordan Reyes", email="jordan@acme.example")
        db.session.add_all([acme, delivery, recipient])
        db.session.commit()
        token = tokens.make(recipient, salt=answer_links.SALT)
        db.session.remove()
    return {"id": petition_id, "token": token}


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

# A target's answer, through the signed link of its delivery message (updates.views.respond).
TARGET_ANSWER = PublicForm(
    name="target answer form",
    path="/respond/{token}",
    fields=["responder_name", "responder_title", "body_text", "is_declined"],
    text_fields=["responder_name", "responder_title", "body_text"],
    valid={"responder_name": "Jordan Reyes {n}", "body_text": "We will stop."},
    shown_on=["/organize/petitions/{id}"],
    accepted=200,
)

# (the form, a function of the app and the create_petition and create_letter fixtures that makes
# what it posts to and returns {"id": its id, and what its path names})
PUBLIC_FORMS = [(PETITION_SIGN, make_petition), (EMBED_SIGN, make_petition), (LETTER_ORGANIZATION, make_letter),
                (LETTER_INDIVIDUAL, make_letter), (PETITION_ENDORSEMENT, make_petition),
                (TARGET_ANSWER, make_delivery)]
