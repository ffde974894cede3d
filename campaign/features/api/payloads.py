"""Reading an offline signature from an OSDI-shaped JSON body, checked like the sign form."""
import re

from campaign.base.addresses import InvalidAddress, checked
from campaign.base.forms import multi_line, single_line

POSTCODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 \-]{1,18}$")
LIMITS = {"first_name": 100, "last_name": 100, "postcode": 20, "city": 100, "phone": 40, "comment": 2000,
          "source": 100}


class InvalidPayload(ValueError):
    """The body is not an acceptable signature; the message says why."""


def _text(value, name):
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidPayload(f"{name} must be a string.")
    return value


def _first(items, name):
    if items is None:
        return {}
    if not isinstance(items, list) or (items and not isinstance(items[0], dict)):
        raise InvalidPayload(f"{name} must be a list of objects.")
    return items[0] if items else {}


def offline_signature(body):
    """Keyword arguments for signatures.operations.record_offline, or InvalidPayload."""
    if not isinstance(body, dict) or not isinstance(body.get("person"), dict):
        raise InvalidPayload("Send a JSON object with a person.")
    person = body["person"]
    email = _text(_first(person.get("email_addresses"), "email_addresses").get("address"), "address").strip()
    address = _first(person.get("postal_addresses"), "postal_addresses")
    phone = _first(person.get("phone_numbers"), "phone_numbers")
    fields = {
        "first_name": single_line(_text(person.get("given_name"), "given_name")),
        "last_name": single_line(_text(person.get("family_name"), "family_name")),
        "postcode": single_line(_text(address.get("postal_code"), "postal_code")),
        "city": single_line(_text(address.get("locality"), "locality")),
        "country": single_line(_text(address.get("country"), "country")).upper(),
        "phone": single_line(_text(phone.get("number"), "number")),
        "comment": multi_line(_text(body.get("comments"), "comments")),
        "source": single_line(_text(body.get("source"), "source")) or "offline",
    }
    if not fields["first_name"] or not fields["last_name"]:
        raise InvalidPayload("person.given_name and person.family_name are required.")
    for name, limit in LIMITS.items():
        if len(fields[name]) > limit:
            raise InvalidPayload(f"{name} is longer than {limit} characters.")
    if fields["country"] and not re.fullmatch(r"[A-Z]{2}", fields["country"]):
        raise InvalidPayload("country must be a two-letter ISO code.")
    if fields["postcode"] and not POSTCODE.match(fields["postcode"]):
        raise InvalidPayload("postal_code is not a postal code.")
    try:
        fields["email"] = checked(email)
    except InvalidAddress as error:
        raise InvalidPayload(f"email_addresses[0].address: {error}") from None
    return fields

