"""A letter shares as a petition does: Sam signs as an individual and shares; Rosa opens his
WhatsApp link and signs for her organization; the letter's funnel counts her, and Sam's confirmed
page says his links brought one confirmed signer."""
import re
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from campaign.base.extensions import db
from campaign.core.accounts.models import Role
from campaign.core.letters.models import IndividualSignOn
from campaign.core.organizations.models import OrganizationSignOn
from campaign.features.sharing.models import ShareVisit

from ..letters.helpers import confirm_from_mail, sign_organization, sign_person
from .test_sharing import SERVICES, funnel_row, hidden, share_links, stored

LETTER = "http://campaign.test/letters/dear-acme-board"


def shared_url(href):
    """The letter's address inside a service's share link."""
    text = re.sub(r"%[0-9A-F]{2}", lambda m: bytes.fromhex(m.group()[1:]).decode(), href).replace("&amp;", "&")
    return re.search(r"(http://campaign\.test/letters/[^\s&]+(?:&[a-z]+=[\w-]+)*)", text).group(1)


def test_a_signer_shares_a_letter_and_an_organization_signs_from_the_link(app, client, login, create_letter, smtp,
                                                                          deliver_mail):
    letter_id = create_letter()
    check_inbox = sign_person(client)
    links, copy = share_links(check_inbox.text)
    assert set(links) == set(SERVICES) and copy.startswith(LETTER + "?channel=copy&ref=")
    assert parse_qs(urlsplit(links["whatsapp"]).query)["text"][0].startswith("Sign the letter: Letter to the Acme")
    sam = stored(app, "sam@example.org", IndividualSignOn)
    code = parse_qs(urlsplit(copy).query)["ref"][0]
    assert code == sam.share_code and code != str(sam.id)

    confirmed = confirm_from_mail(client, smtp, deliver_mail, "sam@example.org")
    assert "Your links have brought <strong data-brought>0</strong> confirmed signers" in confirmed.text
    links, again = share_links(confirmed.text)
    assert again == copy  # one code, on both pages
    whatsapp = shared_url(links["whatsapp"])
    assert parse_qs(urlsplit(whatsapp).query) == {"channel": ["whatsapp"], "ref": [code]}

    rosa = app.test_client()
    page = rosa.get(whatsapp.replace("http://campaign.test", "")).text
    assert (hidden(page, "ref"), hidden(page, "channel")) == (code, "whatsapp")  # the organization form's
    assert (hidden(page, "person-ref"), hidden(page, "person-channel")) == (code, "whatsapp")
    assert sign_organization(rosa, ref=code, channel="whatsapp").status_code == 200
    confirm_from_mail(rosa, smtp, deliver_mail, "rosa@privacynow.example")
    friend = stored(app, "rosa@privacynow.example", OrganizationSignOn)
    assert (friend.share_channel, friend.referred_by) == ("whatsapp", code)
    assert friend.share_code not in (None, code)

    later = client.get(confirm_link(smtp, "sam@example.org"))  # his own link, later: only he sees it
    assert "Your links have brought <strong data-brought>1</strong> confirmed signer " in later.text

    login(Role.VIEWER)
    organizer_page = client.get(f"/organize/letters/{letter_id}").text
    assert f"/organize/letters/{letter_id}/sharing" in organizer_page
    funnel = client.get(f"/organize/letters/{letter_id}/sharing").text
    assert "Sign-ons" in funnel
    assert funnel_row(funnel, "WhatsApp") == ["1", "1", "1"]  # visits, sign-ons, confirmed
    assert funnel_row(funnel, f"<code>{code}</code>") == ["1", "1", "1"]
    with app.app_context():
        kinds = db.session.scalars(select(ShareVisit.action_kind)).all()
    assert kinds == ["letter"]


def confirm_link(smtp, address):
    links = [url for mail in smtp.to(address) for url in smtp.links(mail) if "/confirm/" in url]
    return links[-1].replace("http://campaign.test", "")


def test_the_letter_page_shares_with_a_channel_and_drops_what_has_not_the_shape(app, client, create_letter):
    create_letter()
    page = client.get("/letters/dear-acme-board").text
    assert share_links(page)[1] == LETTER + "?channel=copy"
    page = client.get("/letters/dear-acme-board?ref=%3Cscript%3E&channel=myspace").text
    assert hidden(page, "ref") == hidden(page, "person-channel") == ""
    sign_person(client, ref="<script>", channel="carrier-pigeon")
    sam = stored(app, "sam@example.org", IndividualSignOn)
    assert (sam.referred_by, sam.share_channel) == ("", "")


def test_an_endorsement_is_not_shared_from_its_confirmed_page(app, client, open_petition, smtp, deliver_mail):
    """Endorsing a petition is not signing it: its pages carry no share links."""
    from ..letters.helpers import ORGANIZATION

    check_inbox = client.post("/petitions/stop-the-data-grab/endorse", data=ORGANIZATION,
                              content_type="multipart/form-data")
    assert check_inbox.status_code == 200 and share_links(check_inbox.text) == ({}, None)
    confirmed = confirm_from_mail(client, smtp, deliver_mail, "rosa@privacynow.example")
    assert "confirmed" in confirmed.text and "data-brought" not in confirmed.text


def test_a_sign_on_from_before_referral_codes_gets_one_on_its_confirmed_page(app, client, create_letter, smtp,
                                                                            deliver_mail):
    create_letter()
    sign_person(client)
    with app.app_context():
        db.session.execute(db.update(IndividualSignOn).values(share_code=None))
        db.session.commit()
    first = share_links(confirm_from_mail(client, smtp, deliver_mail, "sam@example.org").text)[1]
    code = stored(app, "sam@example.org", IndividualSignOn).share_code
    assert code and parse_qs(urlsplit(first).query)["ref"] == [code]
    assert share_links(client.get(confirm_link(smtp, "sam@example.org")).text)[1] == first
