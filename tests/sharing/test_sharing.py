"""Ada signs and shares; Ben opens her WhatsApp link, signs and confirms; the funnel counts him,
and Ada's confirmed page says her links brought one confirmed signer."""
import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from campaign.base.extensions import db
from campaign.core.accounts.models import Role
from campaign.core.signatures.models import Signature
from campaign.features.sharing.models import ShareVisit

from ..conftest import Mailbox

SERVICES = {
    "email": "mailto:?",
    "whatsapp": "https://wa.me/?",
    "x": "https://x.com/intent/post?",
    "facebook": "https://www.facebook.com/sharer/sharer.php?",
    "bluesky": "https://bsky.app/intent/compose?",
}


def share_links(page):
    """{channel: href} of a page's share links, and the value of its field to copy."""
    links = {channel: html.unescape(href)
             for href, channel in re.findall(r'<a href="([^"]+)"[^>]*data-channel="(\w+)"', page)}
    copy = re.search(r'<input id="share-link"[^>]*value="([^"]+)"', page)
    return links, html.unescape(copy.group(1)) if copy else None


def shared_url(href):
    """The petition's address inside a service's share link."""
    return re.search(r"(http://campaign\.test/petitions/[^\s&]+(?:&[a-z]+=[\w-]+)*)",
                     html.unescape(re.sub(r"%[0-9A-F]{2}", lambda m: bytes.fromhex(m.group()[1:]).decode(),
                                          href))).group(1)


def hidden(page, name):
    return html.unescape(re.search(rf'name="{name}" type="hidden" value="([^"]*)"', page).group(1))


def confirm_link(smtp, address):
    [mail] = [m for m in smtp.to(address) if "confirm" in m["Subject"].lower()]
    [link] = [url for url in Mailbox.links(mail) if "/confirm/" in url]
    return link.replace("http://campaign.test", "")


def stored(app, email, model=Signature):
    """The signature (or sign-on, of `model`) signed with `email`, detached."""
    with app.app_context():
        record = db.session.scalar(select(model).where(model.email == email))
        db.session.expunge(record)
        db.session.remove()
    return record


def test_a_signer_shares_and_a_friend_signs_from_the_link(app, client, open_petition, sign, smtp, deliver_mail, login):
    thanks = client.get(sign().location)
    links, copy = share_links(thanks.text)
    assert set(links) == set(SERVICES) and copy
    for channel, start in SERVICES.items():
        assert links[channel].startswith(start)
    ada = stored(app, "ada@example.org")
    code = parse_qs(urlsplit(copy).query)["ref"][0]
    assert code == ada.share_code and code != str(ada.id) and "ada" not in code.lower()
    assert parse_qs(urlsplit(copy).query)["channel"] == ["copy"]
    # Plain links only: no script, image or frame from the services.
    assert not re.search(r'<(script|img|iframe)[^>]+(src)="https?://', thanks.text)

    deliver_mail()
    confirmed = client.post(confirm_link(smtp, "ada@example.org"))
    assert "your signature is confirmed" in confirmed.text
    assert "Your links have brought <strong data-brought>0</strong> confirmed signers" in confirmed.text
    links, copy = share_links(confirmed.text)
    whatsapp = shared_url(links["whatsapp"])
    assert parse_qs(urlsplit(whatsapp).query) == {"channel": ["whatsapp"], "ref": [code]}

    ben = app.test_client()
    page = ben.get(whatsapp.replace("http://campaign.test", "")).text
    assert hidden(page, "ref") == code and hidden(page, "channel") == "whatsapp"
    answers = {"first_name": "Ben", "last_name": "Okafor", "email": "ben@example.org", "postcode": "10027",
               "ref": hidden(page, "ref"), "channel": hidden(page, "channel")}
    assert ben.post("/petitions/stop-the-data-grab", data=answers).status_code == 302
    deliver_mail()
    ben.post(confirm_link(smtp, "ben@example.org"))
    friend = stored(app, "ben@example.org")
    assert (friend.share_channel, friend.referred_by) == ("whatsapp", code)
    assert friend.share_code not in (None, code)

    again = client.get(confirm_link(smtp, "ada@example.org"))  # her own link, later: "already confirmed"
    assert "Your links have brought <strong data-brought>1</strong> confirmed signer " in again.text
    assert share_links(again.text)[1] == copy  # the same code every time
    # Ben's page counts his own links, not Ada's.
    assert "<strong data-brought>0</strong>" in ben.get(confirm_link(smtp, "ben@example.org")).text

    login(Role.VIEWER)
    petition_page = client.get(f"/organize/petitions/{open_petition}").text
    assert f"/organize/petitions/{open_petition}/sharing" in petition_page
    funnel = client.get(f"/organize/petitions/{open_petition}/sharing").text
    assert funnel_row(funnel, "WhatsApp") == ["1", "1", "1"]  # visits, signatures, confirmed
    assert funnel_row(funnel, f"<code>{code}</code>") == ["1", "1", "1"]


def funnel_row(page, heading):
    row = re.search(rf'<th scope="row">{re.escape(heading)}</th>(.*?)</tr>', page, re.S).group(1)
    return re.findall(r'<td class="num">([\d,]+)</td>', row)


def test_the_public_page_shares_with_a_channel_and_no_code(client, open_petition):
    page = client.get("/petitions/stop-the-data-grab").text
    links, copy = share_links(page)
    assert set(links) == set(SERVICES)
    assert copy == "http://campaign.test/petitions/stop-the-data-grab?channel=copy"
    assert shared_url(links["x"]) == "http://campaign.test/petitions/stop-the-data-grab?channel=x"


def test_a_link_with_a_made_up_code_or_channel_is_served_and_not_counted_as_such(app, client, open_petition):
    for query in ("ref=bad%21code%3F%3F&channel=myspace", "ref=" + "x" * 5000, "channel=facebook&ref=short"):
        page = client.get(f"/petitions/stop-the-data-grab?{query}")
        assert page.status_code == 200
        assert hidden(page.text, "ref") == ""
    with app.app_context():
        rows = db.session.execute(select(ShareVisit.channel, ShareVisit.referral_code, ShareVisit.count)).all()
    assert rows == [("facebook", "", 1)]


def test_a_signature_from_a_forged_form_keeps_only_what_has_the_shape(app, client, open_petition, sign):
    sign(ref="<script>", channel="carrier-pigeon")
    ada = stored(app, "ada@example.org")
    assert (ada.referred_by, ada.share_channel) == ("", "")


@pytest.fixture
def shared_copies(app):
    saved = app.config["PUBLIC_RENDER_CACHE_SECONDS"], app.config["SHARE_VISITS_FLUSH_SECONDS"]
    app.config["PUBLIC_RENDER_CACHE_SECONDS"], app.config["SHARE_VISITS_FLUSH_SECONDS"] = 60, 3600
    yield
    app.config["PUBLIC_RENDER_CACHE_SECONDS"], app.config["SHARE_VISITS_FLUSH_SECONDS"] = saved


def test_visits_are_counted_in_the_process_and_written_together(app, open_petition, shared_copies):
    """With the page served from the process's copy, visits cost no write until the buffer is due."""
    visitors = [app.test_client() for _ in range(3)]
    for n, visitor in enumerate(visitors):
        page = visitor.get(f"/petitions/stop-the-data-grab?channel=facebook&ref=abcdefghi{n}").text
        assert hidden(page, "ref") == f"abcdefghi{n}"  # each visitor's own, in the shared copy's hole
    with app.app_context():
        assert db.session.scalars(select(ShareVisit)).all() == []
    app.config["SHARE_VISITS_FLUSH_SECONDS"] = 0
    app.test_client().get("/petitions/stop-the-data-grab?channel=facebook&ref=abcdefghi0")
    with app.app_context():
        rows = db.session.execute(select(ShareVisit.referral_code, ShareVisit.count)
                                  .order_by(ShareVisit.referral_code)).all()
    assert rows == [("abcdefghi0", 2), ("abcdefghi1", 1), ("abcdefghi2", 1)]


def test_a_signature_from_before_referral_codes_gets_one_on_its_confirmed_page(app, client, open_petition,
                                                                                 create_signature):
    from campaign.base import tokens

    create_signature(open_petition, email="early@example.org")
    assert stored(app, "early@example.org").share_code is None
    with app.test_request_context():
        token = tokens.make(stored(app, "early@example.org"))
    first = share_links(client.get(f"/confirm/{token}").text)[1]
    code = stored(app, "early@example.org").share_code
    assert code and parse_qs(urlsplit(first).query)["ref"] == [code]
    assert share_links(client.get(f"/confirm/{token}").text)[1] == first


def test_a_spanish_reader_shares_in_spanish(client, open_petition, sign):
    """The share links' words are in the reader's language: the field to copy, and the text shared."""
    client.get("/petitions/stop-the-data-grab?lang=es")  # the reader chose Spanish (the lang cookie)
    thanks = client.get(sign().location).text
    links, copy = share_links(thanks)
    assert "Enlace para copiar" in thanks and "Link to copy" not in thanks
    text = parse_qs(urlsplit(links["whatsapp"]).query)["text"][0]
    assert text.startswith("Firme la petición: Stop the data grab ") and copy.startswith("http://campaign.test/")
