"""Forgetting and retention reach letters' sign-ons and endorsements too; counts stay true."""
from datetime import timedelta

from sqlalchemy import select

from campaign.base.extensions import db
from campaign.base.timeutil import utcnow
from campaign.core.letters.models import IndividualSignOn, Letter
from campaign.core.organizations.models import OrganizationSignOn

from ..letters.helpers import confirm_from_mail, sign_organization, sign_person


def signed_letter(app, client, smtp, deliver_mail, create_letter, slug="dear-acme-board", **fields):
    """A letter signed by an organization (contact rosa@…) and a named person (sam@…), both approved."""
    create_letter(slug=slug, is_moderated=False, **fields)
    sign_organization(client, slug=slug)
    confirm_from_mail(client, smtp, deliver_mail, "rosa@privacynow.example")
    sign_person(client, slug=slug)
    confirm_from_mail(client, smtp, deliver_mail, "sam@example.org")
    return client.get(f"/letters/{slug}.json").get_json()


def test_forget_erases_a_contact_and_a_signer_but_keeps_the_counts(app, client, runner, smtp, deliver_mail,
                                                                     create_letter, caplog):
    before = signed_letter(app, client, smtp, deliver_mail, create_letter)
    assert (before["organization_count"], before["individual_count"]) == (1, 1)
    for address in ("Rosa@PrivacyNow.example", "sam@example.org"):
        result = runner.invoke(args=["privacy", "forget", address])
        assert result.exit_code == 0, result.output
    assert "rosa" not in caplog.text.lower() and "sam@" not in caplog.text
    after = client.get("/letters/dear-acme-board.json").get_json()
    assert (after["organization_count"], after["individual_count"]) == (1, 1)
    assert [o["name"] for o in after["organizations"]] == ["Privacy Now"]  # an organization is not a person
    assert after["individuals"] == []  # counted, no longer named
    with app.app_context():
        organization = db.session.scalar(select(OrganizationSignOn))
        person = db.session.scalar(select(IndividualSignOn))
        assert (organization.email, organization.contact_name, organization.contact_phone) == ("", "", "")
        assert (person.email, person.first_name, person.last_name, person.affiliation) == ("", "", "", "")
        assert organization.email_key.startswith("erased:") and organization.ip_address is None


def test_retention_erases_closed_letters_unless_kept(app, client, runner, smtp, deliver_mail, create_letter):
    signed_letter(app, client, smtp, deliver_mail, create_letter, slug="old-letter")
    signed_letter(app, client, smtp, deliver_mail, create_letter, slug="kept-letter", keep_personal_data=True)
    with app.app_context():
        for letter in db.session.scalars(select(Letter)):
            letter.close()
            letter.closed_at = utcnow() - timedelta(days=200)
        db.session.commit()
    result = runner.invoke(args=["privacy", "retention"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        emails = {(sign_on.letter.slug, sign_on.email) for sign_on in db.session.scalars(select(IndividualSignOn))}
        assert emails == {("old-letter", ""), ("kept-letter", "sam@example.org")}
    assert client.get("/letters/old-letter.json").get_json()["individual_count"] == 1
    again = runner.invoke(args=["privacy", "retention"])
    assert again.exit_code == 0 and "Erased 0 signatures" in again.output


def test_the_keep_flag_is_on_the_letter_form(client, login, create_letter):
    from campaign.core.accounts.models import Role

    letter_id = create_letter()
    login(Role.ORGANIZER)
    page = client.get(f"/organize/letters/{letter_id}/edit").text
    assert "Keep signers&#39; personal data after closing" in page
