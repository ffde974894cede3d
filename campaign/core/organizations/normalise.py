"""Normalised organization names and website domains, to find one organization signing twice."""
import re
import unicodedata
from urllib.parse import urlsplit

from flask_babel import gettext as _

# Words that do not tell two organizations apart: "The Sierra Club, Inc." is "Sierra Club".
_NOISE = {"the", "inc", "incorporated", "llc", "ltd", "limited", "co", "corp", "corporation", "org"}
_WORD = re.compile(r"[a-z0-9]+")
_HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$")


class InvalidWebsite(ValueError):
    """Not a web address we can use; the message says why, for the signer."""


def name_key(name):
    """The name without case, accents, punctuation, "the" and legal suffixes; '&' is 'and'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = _WORD.findall(ascii_name.replace("&", " and "))
    kept = [word for word in words if word not in _NOISE]
    return " ".join(kept or words)[:200]


def website(address):
    """(the address with a scheme, its domain without "www."), or InvalidWebsite."""
    address = address.strip()
    if not address:
        return "", ""
    if "://" not in address:
        address = "https://" + address
    try:
        parts = urlsplit(address)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        raise InvalidWebsite(_("Enter a web address like example.org.")) from None
    if parts.scheme not in ("http", "https"):
        raise InvalidWebsite(_("Enter a web address starting with http:// or https://."))
    try:
        host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise InvalidWebsite(_("Enter a web address like example.org.")) from None
    if not _HOST.match(host):
        raise InvalidWebsite(_("Enter a web address like example.org."))
    domain = host[4:] if host.startswith("www.") else host
    return address[:300], domain
