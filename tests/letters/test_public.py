"""What the public sees: withheld names never listed anywhere, the deadline, the PDF and print view."""
import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from campaign.base.addresses import mailbox_key
from campaign.base.extensions import db
from campaign.base.timeutil import utcnow
from campaign.core.accounts.models import Role
from campaign.core.letters.models import IndividualSignOn
from campaign.core.organizations.models import Decision, OrganizationSignOn

from .helpers import confirm_from_mail, organization_id, person_id, sign_organization, sign_person


def pdf_text(client, slug="dear-acme-board"):
    response = client.get(f"/letters/{slug}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)


def test_withheld_names_never_appear_publicly(app, client, create_letter, login, smtp, deliver_mail):
    create_letter()
    sign_organization(client, name="Quiet Fund", email="q@quiet.example", is_listed=None, website="")
    sign_organization(client, name="Loud Alliance", email="l@loud.example", website="")
    sign_person(client, first_name="Hidden", last_name="Whistleblower", email="hidden@example.org", is_named=None)
    sign_person(client, first_name="Open", last_name="Shareholder", email="open@example.org")
    for address in ("q@quiet.example", "l@loud.example", "hidden@example.org", "open@example.org"):
        confirm_from_mail(client, smtp, deliver_mail, address)
    login(Role.ORGANIZER)
    for name in ("Quiet Fund", "Loud Alliance"):
        client.post(f"/organize/sign-ons/organization/{organization_id(app, name)}/approve")
    for address in ("hidden@example.org", "open@example.org"):
        client.post(f"/organize/sign-ons/individual/{person_id(app, address)}/approve")
    client.post("/organize/logout")

    data = client.get("/letters/dear-acme-board.json").get_json()
    assert (data["organization_count"], data["individual_count"]) == (2, 2)
    public = {
        "page": client.get("/letters/dear-acme-board").text,
        "json": client.get("/letters/dear-acme-board.json").text,
        "print": client.get("/letters/dear-acme-board/print").text,
        "pdf": pdf_text(client),
        "home": client.get("/").text,
    }
    for where, text in public.items():
        for secret in ("Quiet Fund", "Hidden", "Whistleblower", "hidden@example.org"):
            assert secret not in text, (where, secret)
    for where in ("page", "json", "print", "pdf"):
        assert "Loud Alliance" in public[where] and "Open Shareholder" in public[where], where
    assert "Signed by 2 organizations and 2 individuals" in public["page"]
    assert "Signed by 2 organizations and 2 individuals" in public["pdf"]
    # A Spanish reader reads the count in Spanish; the PDF, as delivered, stays in the letter's language.
    client.set_cookie("lang", "es")
    assert "Firmada por 2 organizaciones y 2 personas" in client.get("/letters/dear-acme-board").text
    assert "Signed by 2 organizations and 2 individuals" in pdf_text(client)


def test_pdf_and_print_view_carry_the_letter(client, create_letter):
    create_letter(body_markdown="We ask the **board** to adopt a policy. <script>alert(1)</script>")
    text = pdf_text(client)
    assert "Letter to the Acme board" in text
    assert "The Board of Directors" in text and "We ask the board to adopt a policy." in text
    assert utcnow().strftime("%Y") in text  # dated
    page = client.get("/letters/dear-acme-board/print").text
    assert "<strong>board</strong>" in page and "<script>" not in page


def test_after_the_deadline_the_letter_is_closed(app, client, create_letter, smtp, deliver_mail):
    letter_id = create_letter(deadline_at=utcnow() + timedelta(hours=1))
    sign_organization(client)  # before the deadline
    from campaign.base.extensions import db
    from campaign.core.letters.models import Letter

    with app.app_context():
        db.session.get(Letter, letter_id).deadline_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    page = client.get("/letters/dear-acme-board")
    assert "This letter is closed" in page.text and "Sign on</button>" not in page.text
    assert client.get("/letters/dear-acme-board.json").get_json()["state"] == "closed"
    late = sign_person(client)
    assert late.status_code == 409 and "no longer takes signatures" in late.text
    assert confirm_from_mail(client, smtp, deliver_mail, "rosa@privacynow.example").status_code == 409


def test_organizer_creates_previews_and_opens_a_letter(client, login):
    login(Role.ORGANIZER)
    response = client.post("/organize/letters/new", data={
        "title": "Employees to the Acme board", "addressees": "The Board", "body_markdown": "We work here.",
        "signers": "individuals", "ordering": "by_scope", "affiliation_question": "Your team",
        "is_moderated": "y",
    })
    assert response.status_code == 302
    letter_url = response.location
    assert client.get("/letters/employees-to-the-acme-board").status_code == 404  # a draft
    preview = client.get(letter_url + "/preview")
    assert "Preview" in preview.text and "Your team" in preview.text and "Sign as an organization" not in preview.text
    client.post(letter_url + "/open")
    assert client.get("/letters/employees-to-the-acme-board").status_code == 200
    bad = client.post("/organize/letters/new", data={"title": "", "slug": "Bad Slug!"})
    assert bad.status_code == 422 and "Enter a title." in bad.text


@pytest.mark.parametrize("path, post, message", [
    ("/letters/dear-acme-board/organizations", sign_organization, "Enter the organization's name."),
    ("/letters/dear-acme-board/individuals", sign_person, "Enter your first name."),
])
def test_a_bad_sign_on_lands_on_its_error_summary(client, create_letter, path, post, message):
    """Each form's action carries the summary's fragment: the re-rendered page opens at it on a phone."""
    create_letter()
    letter = BeautifulSoup(client.get("/letters/dear-acme-board").text, "html.parser")
    action, fragment = letter.select_one(f"form[action^='{path}#']")["action"].split("#")
    assert action == path
    response = post(client, name="") if post is sign_organization else post(client, first_name="")
    assert response.status_code == 422
    summaries = BeautifulSoup(response.text, "html.parser").select(".error-summary")
    assert [summary["id"] for summary in summaries] == [fragment]
    assert message in summaries[0].text


def test_a_phone_has_a_link_from_the_top_of_the_letter_to_its_sign_forms(client, create_letter):
    create_letter()
    letter = BeautifulSoup(client.get("/letters/dear-acme-board").text, "html.parser")
    jump = letter.select_one("article header a[href^='#']")
    assert jump.text == "Sign this letter"
    forms = letter.find(id=jump["href"][1:])
    assert forms.find("h2").text == "Sign as an organization" and len(forms.select("form[method=post]")) == 2


def test_the_sign_forms_let_a_phone_fill_in_names(client, create_letter):
    create_letter()
    page = BeautifulSoup(client.get("/letters/dear-acme-board").text, "html.parser")
    autocomplete = {field["name"]: field.get("autocomplete") for field in page.select("form[method=post] input")}
    organization_fields = ("name", "contact_name", "contact_title", "email", "contact_phone")
    assert {name: autocomplete[name] for name in organization_fields} == {
        "name": "organization", "contact_name": "name", "contact_title": "organization-title", "email": "email",
        "contact_phone": "tel"}
    assert {name: autocomplete[name] for name in ("person-first_name", "person-last_name", "person-email")} == {
        "person-first_name": "given-name", "person-last_name": "family-name", "person-email": "email"}


def test_signatories_names_keep_their_own_direction(app, client, create_letter):
    """A right-to-left name would otherwise carry the comma and the place after it along with it."""
    letter_id = create_letter()
    with app.app_context():
        db.session.add_all([
            OrganizationSignOn(letter_id=letter_id, name="جمعية الخصوصية", name_key="privacy", city="Dearborn",
                               region="MI", contact_name="Nour", email="n@privacy.example",
                               email_key=mailbox_key("n@privacy.example"), is_listed=True,
                               decision=Decision.APPROVED, confirmed_at=utcnow()),
            IndividualSignOn(letter_id=letter_id, first_name="נועה", last_name="לוי", email="noa@example.org",
                             email_key=mailbox_key("noa@example.org"), affiliation="Engineer", is_named=True,
                             decision=Decision.APPROVED, confirmed_at=utcnow()),
        ])
        db.session.commit()
    page = BeautifulSoup(client.get("/letters/dear-acme-board").text, "html.parser")
    assert [[bdi.text for bdi in item.find_all("bdi")] for item in page.select("ul.signatories li")] == [
        ["جمعية الخصوصية", "Dearborn, MI"], ["נועה לוי", "Engineer"]]
