"""The links that share a petition or a letter: plain links to each service's share page, none of which needs
JavaScript or loads anything from the service until the signer follows it."""
from typing import NamedTuple
from urllib.parse import urlencode

from flask import url_for

from campaign.base.i18n import lazy_gettext as _l
from campaign.core.signatures.referrals import CHANNELS

# Per kind of action (its NOUN): the page shared, and the words that go with the link.
PAGES = {"petition": "petitions.show", "letter": "letters.show"}
TEXTS = {"petition": _l("Sign the petition: %(title)s"), "letter": _l("Sign the letter: %(title)s")}
LABELS = {"copy": _l("Copy link"), "email": _l("Email"), "whatsapp": "WhatsApp", "x": "X", "facebook": "Facebook",
          "bluesky": "Bluesky"}


class ShareLink(NamedTuple):
    channel: str
    label: str
    href: str  # for "copy", the page's own link, to copy
    page_url: str


def page_url(action, channel, code=""):
    """The petition's or letter's address as shared on `channel`, with the sharer's referral `code` if any."""
    args = {"ref": code} if code else {}
    return url_for(PAGES[action.NOUN], slug=action.slug, channel=channel, **args, _external=True)


def share_links(action, code=""):
    """One ShareLink per channel (signatures.referrals.CHANNELS) of a petition or a letter, each
    carrying `channel` and `code`."""
    text = str(TEXTS[action.NOUN]) % {"title": action.title}
    links = []
    for channel in CHANNELS:
        url = page_url(action, channel, code)
        links.append(ShareLink(channel, LABELS[channel], _HREFS[channel](action.title, text, url), url))
    return links


# Each channel's share link, from the action's title, the text to share and the page's address.
_HREFS = {
    "copy": lambda title, text, url: url,
    "email": lambda title, text, url: "mailto:?" + urlencode({"subject": title, "body": f"{text}\n{url}"}).replace(
        "+", "%20"),
    "whatsapp": lambda title, text, url: "https://wa.me/?" + urlencode({"text": f"{text} {url}"}),
    "x": lambda title, text, url: "https://x.com/intent/post?" + urlencode({"text": text, "url": url}),
    "facebook": lambda title, text, url: "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
    "bluesky": lambda title, text, url: "https://bsky.app/intent/compose?" + urlencode({"text": f"{text} {url}"}),
}
