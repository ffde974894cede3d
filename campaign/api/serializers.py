"""API resources in OSDI's shapes: petitions and signatures, with `_links` and `identifiers`."""
import base64

from flask import url_for


def _iso(value):
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def petition(petition, counts):
    total, pending = counts
    return {
        "identifiers": [f"campaign:{petition.id}"],
        "id": petition.id,
        "slug": petition.slug,
        "title": petition.title,
        "description": petition.summary,
        "target": [{"name": petition.target_text}] if petition.target_text else [],
        "state": petition.public_state(),
        "goal": petition.goal,
        "total_signatures": total,
        "pending_signatures": pending,
        "created_date": _iso(petition.created_at),
        "modified_date": _iso(petition.updated_at),
        "browser_url": url_for("petitions.show", slug=petition.slug, _external=True),
        "_links": {
            "self": {"href": url_for("api.petition", petition_id=petition.id, _external=True)},
            "osdi:signatures": {"href": url_for("api.signatures", petition_id=petition.id, _external=True)},
        },
    }


def signature(signature):
    person = {
        "given_name": signature.first_name,
        "family_name": signature.last_name,
        "email_addresses": [{"address": signature.email, "primary": True}],
        "postal_addresses": [{
            "postal_code": signature.postcode, "locality": signature.city, "region": signature.region,
            "country": signature.country, "primary": True,
        }],
    }
    if signature.phone:
        person["phone_numbers"] = [{"number": signature.phone, "primary": True}]
    return {
        "identifiers": [f"campaign:{signature.id}"],
        "id": signature.id,
        "status": signature.state.value,
        "created_date": _iso(signature.created_at),
        "confirmed_date": _iso(signature.confirmed_at),
        "comments": signature.comment,
        "source": signature.source,
        "consented_to_updates": signature.has_consented,
        "person": person,
        "_links": {"osdi:petition": {"href": url_for("api.petition", petition_id=signature.petition_id, _external=True)}},
    }


def cursor_for(last_id):
    return base64.urlsafe_b64encode(f"s{last_id}".encode()).decode().rstrip("=")


def read_cursor(cursor):
    """The id after which a page starts; ValueError for a cursor we did not make."""
    if not cursor:
        return 0
    text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    if not text.startswith("s") or not text[1:].isdigit() or len(text) > 21:
        raise ValueError("bad cursor")
    return int(text[1:])
