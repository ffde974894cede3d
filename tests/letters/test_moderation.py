"""Only owners and organizers moderate; duplicates are found and merged; withdrawal and rejection."""
import io
import re

import pytest
from sqlalchemy import select

from campaign.base.extensions import db
from campaign.core.accounts.models import Role
from campaign.core.letters.models import Letter

from ..conftest import Mailbox
from ..images import image_bytes
from .helpers import confirm_from_mail, organization_id, person_id, sign_organization, sign_person


@pytest.fixture
def letter_with_sign_ons(app, client, create_letter, smtp, deliver_mail):
    create_letter()
    sign_organization(client)
    confirm_from_mail(client, smtp, deliver_mail, "rosa@privacynow.example")
    sign_person(client)
    with app.app_context():
        letter_id = db.session.scalar(select(Letter.id))
    return letter_id, organization_id(app, "Privacy Now"), person_id(app, "sam@example.org")


def protected_requests(letter_id, org_id, person_id):
    return [
        ("get", f"/organize/letters/{letter_id}/queue"),
        ("get", f"/organize/letters/{letter_id}/signatories.csv"),
        ("get", f"/organize/letters/{letter_id}/edit"),
        ("post", f"/organize/letters/{letter_id}/close"),
        ("post", f"/organize/sign-ons/organization/{org_id}/approve"),
        ("post", f"/organize/sign-ons/organization/{org_id}/reject"),
        ("post", f"/organize/sign-ons/organization/{org_id}/rename"),
        ("post", f"/organize/sign-ons/organization/{org_id}/withdraw"),
        ("post", f"/organize/sign-ons/organization/{org_id}/merge"),
        ("post", f"/organize/sign-ons/individual/{person_id}/approve"),
    ]


@pytest.mark.parametrize("role, expected", [(None, 302), (Role.VIEWER, 403)])
def test_no_one_but_organizers_moderates(client, login, letter_with_sign_ons, role, expected):
    if role is not None:
        login(role)
    for method, url in protected_requests(*letter_with_sign_ons):
        response = getattr(client, method)(url)
        assert response.status_code == expected, (method, url)
        if expected == 302:
            assert "/organize/login" in response.location
    assert client.get("/letters/dear-acme-board.json").get_json()["organization_count"] == 0


def test_viewers_see_counts_but_no_contacts(client, login, letter_with_sign_ons):
    letter_id, _, _ = letter_with_sign_ons
    login(Role.VIEWER)
    page = client.get(f"/organize/letters/{letter_id}")
    assert page.status_code == 200 and "No signatories yet" in page.text
    assert "rosa@privacynow.example" not in page.text


@pytest.mark.parametrize("role", [Role.ORGANIZER, Role.OWNER])
def test_organizers_and_owners_moderate(client, login, letter_with_sign_ons, role):
    letter_id, org_id, _ = letter_with_sign_ons
    login(role)
    assert client.get(f"/organize/letters/{letter_id}/queue").status_code == 200
    assert client.post(f"/organize/sign-ons/organization/{org_id}/approve").status_code == 302
    assert client.get("/letters/dear-acme-board.json").get_json()["organization_count"] == 1


def test_the_same_organization_twice_is_flagged_and_merged(app, client, login, letter_with_sign_ons, smtp,
                                                           deliver_mail):
    letter_id, first, _ = letter_with_sign_ons
    sign_organization(client, name="The Privacy-Now, Inc.", email="ops@privacynow.example",
                      website="privacynow.example")
    confirm_from_mail(client, smtp, deliver_mail, "ops@privacynow.example")
    sign_organization(client, name="Other Group", email="x@other.example", website="https://privacynow.example/about")
    second, third = organization_id(app, "The Privacy-Now, Inc."), organization_id(app, "Other Group")
    login(Role.ORGANIZER)
    queue = client.get(f"/organize/letters/{letter_id}/queue").text
    assert queue.count("Possible duplicate of") == 3  # same name (normalised) or same website domain
    assert f"Merge into #{first} Privacy Now" in queue

    client.post(f"/organize/sign-ons/organization/{second}/merge", data={"into": first})
    client.post(f"/organize/sign-ons/organization/{third}/reject")
    client.post(f"/organize/sign-ons/organization/{first}/approve")
    data = client.get("/letters/dear-acme-board.json").get_json()
    assert data["organization_count"] == 1
    assert [o["name"] for o in data["organizations"]] == ["Privacy Now"]
    assert "Possible duplicate" not in client.get(f"/organize/letters/{letter_id}/queue").text


def queue_rows(client, letter_id):
    """{the row's first name in bold: the row's HTML} of the queue page, and its column headings."""
    page = client.get(f"/organize/letters/{letter_id}/queue").text
    rows = {row.split("<strong>", 1)[1].split("<", 1)[0]: row for row in page.split("<tr>")[1:] if "<strong>" in row}
    return rows, re.findall(r'<th scope="col">([^<]*)</th>', page)


def test_the_queue_shows_the_logo_and_whether_the_email_was_confirmed(app, client, login, letter_with_sign_ons):
    letter_id, _, _ = letter_with_sign_ons
    sign_organization(client, name="Logo Group", email="l@logo.example", website="",
                      logo=(io.BytesIO(image_bytes()), "logo.png"))
    login(Role.ORGANIZER)
    rows, headings = queue_rows(client, letter_id)
    assert "State" not in headings and headings.count("Status") == 2  # a moderation status, not a US state
    assert "Email confirmed" in rows["Privacy Now"] and "Email not yet confirmed" in rows["Sam Okafor"]
    assert "Email not yet confirmed" in rows["Logo Group"]
    [src] = re.findall(r'<img src="(/logos/[^"]+)" alt="Logo of Logo Group"', rows["Logo Group"])
    assert client.get(src).mimetype == "image/png"
    assert "<img" not in rows["Privacy Now"]  # it sent no logo


def test_rename_withdraw_and_reject_with_a_message(app, client, login, letter_with_sign_ons, smtp, deliver_mail):
    _, org_id, person = letter_with_sign_ons
    login(Role.ORGANIZER)
    client.post(f"/organize/sign-ons/organization/{org_id}/approve")
    client.post(f"/organize/sign-ons/organization/{org_id}/rename", data={"display_name": "Privacy Now Coalition"})
    assert client.get("/letters/dear-acme-board.json").get_json()["organizations"][0]["name"] == "Privacy Now Coalition"

    client.post(f"/organize/sign-ons/organization/{org_id}/withdraw")
    assert client.get("/letters/dear-acme-board.json").get_json()["organization_count"] == 0
    again = client.post(f"/organize/sign-ons/organization/{org_id}/approve", follow_redirects=True)
    assert "This sign-on is withdrawn already." in again.text  # a guarded transition, shown as a message

    client.post(f"/organize/sign-ons/individual/{person}/reject", data={"message": "Only employees may sign."})
    deliver_mail()
    [mail] = [m for m in smtp.to("sam@example.org") if m["Subject"].startswith("About your sign-on")]
    assert "Only employees may sign." in Mailbox.text(mail)


def test_csv_for_organizers_has_contacts(client, login, letter_with_sign_ons):
    letter_id, _, _ = letter_with_sign_ons
    login(Role.ORGANIZER)
    response = client.get(f"/organize/letters/{letter_id}/signatories.csv")
    assert response.mimetype == "text/csv"
    # The headers of every CSV download (exports.downloads).
    assert response.headers["Content-Disposition"] == 'attachment; filename="dear-acme-board-signatories.csv"'
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    lines = response.text.splitlines()
    assert lines[0].startswith("type,status,confirmed,name")
    assert any("rosa@privacynow.example" in line and "202 555 0143" in line for line in lines)
    assert any(line.startswith("individual,waiting,no,Sam Okafor") for line in lines)
    log = client.get("/organize/exports").text  # on record, like every export, with its rows
    assert "letter: Letter to the Acme board" in log and "signatories" in log
    assert f'<td class="num" data-label="Rows">{len(lines) - 1}</td>' in log


def test_csv_cells_never_start_a_formula(client, login, create_letter):
    create_letter()
    sign_organization(client, name="=HYPERLINK(\"http://evil\")")
    login(Role.ORGANIZER)
    with client.application.app_context():
        letter_id = db.session.scalar(select(Letter.id))
    assert "'=HYPERLINK" in client.get(f"/organize/letters/{letter_id}/signatories.csv").text
