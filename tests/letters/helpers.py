"""Steps shared by the letter tests: signing as an organization or a person, confirming from mail."""
from sqlalchemy import select

from campaign.base.extensions import db
from campaign.core.letters.models import IndividualSignOn
from campaign.core.organizations.models import OrganizationSignOn

from ..conftest import Mailbox

ORGANIZATION = {
    "name": "Privacy Now",
    "scope": "national",
    "city": "Washington",
    "region": "DC",
    "website": "https://www.privacynow.example",
    "contact_name": "Rosa Park",
    "contact_title": "Director",
    "email": "rosa@privacynow.example",
    "contact_phone": "202 555 0143",
    "is_listed": "y",
}
PERSON = {"person-first_name": "Sam", "person-last_name": "Okafor", "person-email": "sam@example.org",
          "person-affiliation": "Engineer since 2019", "person-is_named": "y"}


def sign_organization(client, slug="dear-acme-board", **answers):
    data = {**ORGANIZATION, **answers}
    return client.post(f"/letters/{slug}/organizations", data={k: v for k, v in data.items() if v is not None},
                       content_type="multipart/form-data")


def sign_person(client, slug="dear-acme-board", **answers):
    data = {**PERSON, **{f"person-{k}": v for k, v in answers.items()}}
    return client.post(f"/letters/{slug}/individuals", data={k: v for k, v in data.items() if v is not None})


def confirm_from_mail(client, smtp, deliver_mail, address):
    """Deliver the outbox, open the newest confirmation link for `address`, press the button."""
    deliver_mail()
    links = [url for mail in smtp.to(address) for url in Mailbox.links(mail) if "/confirm/" in url]
    path = links[-1].replace("http://campaign.test", "")
    assert "Confirm" in client.get(path).text
    return client.post(path)


def organization_id(app, name):
    with app.app_context():
        return db.session.scalar(select(OrganizationSignOn.id).where(OrganizationSignOn.name == name))


def person_id(app, email):
    with app.app_context():
        return db.session.scalar(select(IndividualSignOn.id).where(IndividualSignOn.email == email))
