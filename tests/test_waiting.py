"""Organizers are told what waits for moderation: in the menu, on the dashboard, in the letters list."""
import re

import pytest

from campaign.base.extensions import db
from campaign.base.timeutil import utcnow
from campaign.core.accounts.models import Role
from campaign.core.letters.models import IndividualSignOn
from campaign.core.organizations.models import OrganizationSignOn

MENU = re.compile(r'<nav aria-label="Organizer">.*?</nav>', re.S)


@pytest.fixture
def sign_ons(app, create_letter, open_petition):
    """A letter with two sign-ons waiting (one organization, one person) and three that do not
    (one not confirmed yet, one approved, one rejected); a petition with one endorsement waiting."""
    letter_id = create_letter()

    def organization(name, confirmed=True, **parent):
        return OrganizationSignOn(name=name, name_key=name.lower(), contact_name="Rosa", email=f"{name}@example.org",
                                  email_key=f"{name}@example.org", confirmed_at=utcnow() if confirmed else None,
                                  **parent)

    with app.app_context():
        approved = organization("approved", letter_id=letter_id)
        rejected = organization("rejected", letter_id=letter_id)
        approved.approve()
        rejected.reject()
        db.session.add_all([
            organization("waiting", letter_id=letter_id), approved, rejected,
            organization("unconfirmed", confirmed=False, letter_id=letter_id),
            IndividualSignOn(letter_id=letter_id, first_name="Sam", last_name="Okafor", email="sam@example.org",
                             email_key="sam@example.org", confirmed_at=utcnow()),
            organization("endorser", petition_id=open_petition),
        ])
        db.session.commit()
        db.session.remove()
    return letter_id, open_petition


def test_the_menu_and_the_dashboard_say_what_waits_with_links_to_the_queues(client, login, sign_ons):
    letter_id, petition_id = sign_ons
    login(Role.ORGANIZER)
    page = client.get("/organize/").text
    assert 'href="/organize/#waiting">Moderation: 3 waiting</a>' in MENU.search(page).group()
    waiting = re.search(r'<section class="notice" id="waiting".*?</section>', page, re.S).group()
    assert f'<a href="/organize/letters/{letter_id}/queue">Letter to the Acme board</a>: 2 sign-ons' in waiting
    assert f'<a href="/organize/petitions/{petition_id}/endorsements">Stop the data grab</a>: 1 endorsement' in waiting
    # Every organizer page has the menu.
    assert "Moderation: 3 waiting" in MENU.search(client.get("/organize/targets/").text).group()
    assert "Endorsements (1 waiting)" in client.get(f"/organize/petitions/{petition_id}").text
    assert "Moderation queue (2 waiting)" in client.get(f"/organize/letters/{letter_id}").text
    # An error page counts nothing: the database may be what failed.
    missing = client.get("/organize/petitions/999999")
    assert missing.status_code == 404 and "Moderation:" not in missing.text and "Log out" in missing.text


def test_the_letters_list_shows_each_letters_waiting_count(client, login, sign_ons, create_letter):
    letter_id, _ = sign_ons
    create_letter(slug="quiet-letter", title="A letter nobody signed")
    login(Role.OWNER)
    page = client.get("/organize/letters/").text
    rows = {re.search(r">([^<]+)</a></td>", row).group(1): row for row in re.findall(r"<tr>.*?</tr>", page, re.S)[1:]}
    waiting = re.compile(r'<td class="num" data-label="Waiting for moderation">(?:<a href="([^"]+)">)?(\d+)')
    assert waiting.findall(rows["Letter to the Acme board"]) == [(f"/organize/letters/{letter_id}/queue", "2")]
    assert waiting.findall(rows["A letter nobody signed"]) == [("", "0")]


def test_a_decision_takes_a_sign_on_off_the_count(client, login, sign_ons):
    login(Role.ORGANIZER)
    with client.application.app_context():
        endorsement = db.session.scalar(db.select(OrganizationSignOn.id).where(OrganizationSignOn.name == "endorser"))
    client.post(f"/organize/sign-ons/organization/{endorsement}/approve")
    page = client.get("/organize/").text
    assert "Moderation: 2 waiting" in MENU.search(page).group()
    assert "endorsement" not in re.search(r'<section class="notice" id="waiting".*?</section>', page, re.S).group()


def test_viewers_who_cannot_moderate_are_not_sent_to_the_queues(client, login, sign_ons):
    login(Role.VIEWER)
    page = client.get("/organize/").text
    assert "Moderation:" not in page and 'id="waiting"' not in page


def test_nothing_waiting_adds_nothing_to_the_menu(client, login, create_letter):
    create_letter()
    login(Role.OWNER)
    page = client.get("/organize/").text
    assert "Moderation:" not in page and 'id="waiting"' not in page
