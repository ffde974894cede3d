"""API resources in OSDI's shapes: petitions, signatures, letters, outreaches and people, with
`_links` and `identifiers`."""
import base64

from flask import url_for

from campaign.base import request_values


def iso(value):
    return value.isoformat().replace("+00:00", "Z") if value is not None else None


def _action(action, identifier, page_endpoint):
    """What a petition and a letter (an OSDI advocacy campaign) both say of themselves."""
    return {
        "identifiers": [identifier],
        "id": action.id,
        "slug": action.slug,
        "title": action.title,
        "state": action.public_state(),
        "created_date": iso(action.created_at),
        "modified_date": iso(action.updated_at),
        "browser_url": url_for(page_endpoint, slug=action.slug, _external=True),
    }


def petition(petition, counts):
    total, pending = counts
    return {
        **_action(petition, f"campaign:{petition.id}", "petitions.show"),
        "description": petition.summary,
        "target": [{"name": petition.target_text}] if petition.target_text else [],
        "goal": petition.goal,
        "total_signatures": total,
        "pending_signatures": pending,
        "_links": {
            "self": {"href": url_for("api.petition", petition_id=petition.id, _external=True)},
            "osdi:signatures": {"href": url_for("api.signatures", petition_id=petition.id, _external=True)},
            # OSDI's helper: POST a person and a signature here (Action Network's is the same address).
            "osdi:record_signature_helper": {"href": url_for("api.create_signature", petition_id=petition.id,
                                                             _external=True)},
        },
    }


def _person(signature):
    """The person of a signature, in OSDI's shape."""
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
    return person


def signature(signature):
    return {
        "identifiers": [f"campaign:{signature.id}"],
        "id": signature.id,
        "status": signature.state.value,
        "created_date": iso(signature.created_at),
        "modified_date": iso(signature.updated_at),
        "confirmed_date": iso(signature.confirmed_at),
        "comments": signature.comment,
        "source": signature.source,
        "consented_to_updates": signature.has_consented,
        "person": _person(signature),
        "_links": {
            "osdi:petition": {"href": url_for("api.petition", petition_id=signature.petition_id, _external=True)},
        },
    }


def person(signatures):
    """A signer as an OSDI person: one mailbox's signatures (oldest first), named as the latest
    gives them, with a link to each petition signed."""
    latest = signatures[-1]
    return {
        "identifiers": [f"campaign:person:{signatures[0].id}"],
        **_person(latest),
        "created_date": iso(signatures[0].created_at),
        "modified_date": iso(max(s.updated_at for s in signatures)),
        "_links": {"osdi:petitions": [{"href": url_for("api.petition", petition_id=s.petition_id, _external=True)}
                                      for s in signatures]},
    }


def cursor_for(last_id):
    return base64.urlsafe_b64encode(f"s{last_id}".encode()).decode().rstrip("=")


def read_cursor(cursor):
    """The id after which a page starts; ValueError for a cursor we did not make."""
    if not cursor:
        return 0
    kind, last_id = _cursor_text(cursor)
    if kind != "s" or last_id is None:
        raise ValueError("bad cursor")
    return last_id


def letter(letter, signatories):
    """A sign-on letter as an OSDI advocacy campaign: the letter, its addressees, its counts."""
    return {
        **_action(letter, f"campaign:letter:{letter.id}", "letters.show"),
        "targets": [{"name": line} for line in letter.addressee_lines],
        "total_outreaches": signatories.organization_count + signatories.individual_count,
        "organization_count": signatories.organization_count,
        "individual_count": signatories.individual_count,
        "_links": {
            "self": {"href": url_for("api.letter", letter_id=letter.id, _external=True)},
            "osdi:outreaches": {"href": url_for("api.outreaches", letter_id=letter.id, _external=True)},
        },
    }


def outreach(sign_on, kind):
    """A sign-on as an OSDI outreach: who signed (an organization's contact, or a person), and how."""
    if kind == "organization":
        person = {"given_name": sign_on.contact_name, "family_name": "",
                  "email_addresses": [{"address": sign_on.email, "primary": True}]}
        if sign_on.contact_phone:
            person["phone_numbers"] = [{"number": sign_on.contact_phone, "primary": True}]
        extra = {"organization": {"name": sign_on.name, "scope": sign_on.scope.value, "locality": sign_on.city,
                                  "region": sign_on.region, "website": sign_on.website},
                 "listed_publicly": sign_on.is_listed, "contact_title": sign_on.contact_title}
    else:
        person = {"given_name": sign_on.first_name, "family_name": sign_on.last_name,
                  "email_addresses": [{"address": sign_on.email, "primary": True}]}
        extra = {"affiliation": sign_on.affiliation, "listed_publicly": sign_on.is_named}
    return {
        "identifiers": [f"campaign:{kind}:{sign_on.id}"],
        "type": kind,
        "status": sign_on.decision.value,
        "confirmed_date": iso(sign_on.confirmed_at),
        "created_date": iso(sign_on.created_at),
        "modified_date": iso(sign_on.updated_at),
        "person": person,
        **extra,
        "_links": {"osdi:advocacy_campaign": {"href": url_for("api.letter", letter_id=sign_on.letter_id,
                                                               _external=True)}},
    }


def endorsement(sign_on):
    """An organization's endorsement of a petition, shaped as an outreach's organization."""
    return {
        "identifiers": [f"campaign:organization:{sign_on.id}"],
        "status": sign_on.decision.value,
        "created_date": iso(sign_on.created_at),
        "modified_date": iso(sign_on.updated_at),
        "organization": {"name": sign_on.name, "scope": sign_on.scope.value, "locality": sign_on.city,
                         "region": sign_on.region, "website": sign_on.website},
        "person": {"given_name": sign_on.contact_name, "family_name": "",
                   "email_addresses": [{"address": sign_on.email, "primary": True}]},
        "_links": {"osdi:petition": {"href": url_for("api.petition", petition_id=sign_on.petition_id,
                                                     _external=True)}},
    }


def outreach_cursor(kind, last_id):
    return base64.urlsafe_b64encode(f"{kind[0]}{last_id}".encode()).decode().rstrip("=")


def read_outreach_cursor(cursor):
    """(kind, id) after which a page of sign-ons starts; ValueError for a cursor we did not make."""
    if not cursor:
        return "organization", 0
    kind, last_id = _cursor_text(cursor, request_values.INT_MAX)
    if kind not in ("o", "i") or last_id is None:
        raise ValueError("bad cursor")
    return ("organization" if kind == "o" else "individual"), last_id


def _cursor_text(cursor, maximum=request_values.BIGINT_MAX):
    """(its letter, its id or None when it is not one the database could hold) of a cursor."""
    text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    return text[:1], request_values.id_of(text[1:], maximum)
