"""The organizer API: tokens, petitions with counts, cursor pages, offline signatures; every
response checked against the OpenAPI document."""
import hashlib
import json
from pathlib import Path

import pytest
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from openapi_schema_validator import OAS31Validator
from sqlalchemy import select
from werkzeug.exceptions import TooManyRequests
from werkzeug.test import EnvironBuilder

from campaign import create_app
from campaign.base.extensions import db
from campaign.core.accounts.models import Role
from campaign.core.signatures.models import SignatureState
from campaign.features.api.models import ApiToken

DOCUMENT = json.loads((Path(__file__).parents[2] / "campaign/features/api/openapi.json").read_text())
SPEC = OpenAPI.from_dict(DOCUMENT)


def call(client, method, path, token=None, **kwargs):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = client.open(f"/api/v1{path}", method=method, headers=headers, **kwargs)
    builder = EnvironBuilder(path=f"/api/v1{path}", method=method, headers=headers, base_url="http://localhost",
                             **kwargs)
    request = WerkzeugOpenAPIRequest(builder.get_request())
    SPEC.validate_response(request, WerkzeugOpenAPIResponse(response))
    return response


def test_the_document_is_served(client):
    assert client.get("/api/v1/openapi.json").json["openapi"].startswith("3.1")


def test_tokens_are_shown_once_and_stored_hashed(app, client, token):
    value = token()
    assert value.startswith("cpn_") and len(value) > 40
    with app.app_context():
        row = db.session.scalar(select(ApiToken))
        assert row.token_hash == hashlib.sha256(value.encode()).hexdigest()
        assert value not in (row.token_hash, row.prefix)


def test_no_valid_token_no_answer(client, token, open_petition):
    for bad in (None, "nonsense", token() + "x"):
        response = call(client, "GET", "/petitions", bad)
        assert response.status_code == 401 and response.headers["WWW-Authenticate"].startswith("Bearer")


def test_petitions_with_counts(client, token, open_petition, create_signature):
    create_signature(open_petition)
    create_signature(open_petition, email="p@example.org", state=SignatureState.PENDING)
    value = token(Role.VIEWER)
    listing = call(client, "GET", "/petitions", value)
    assert listing.status_code == 200
    [petition] = listing.json["_embedded"]["osdi:petitions"]
    assert (petition["total_signatures"], petition["pending_signatures"]) == (1, 1)
    one = call(client, "GET", f"/petitions/{open_petition}", value)
    assert one.json["title"] == "Stop the data grab"
    assert call(client, "GET", "/petitions/999999", value).status_code == 404


def test_viewers_get_no_personal_data(client, token, open_petition):
    value = token(Role.VIEWER)
    assert call(client, "GET", f"/petitions/{open_petition}/signatures", value).status_code == 403
    body = {"person": {"given_name": "A", "family_name": "B", "email_addresses": [{"address": "a@example.org"}]}}
    assert call(client, "POST", f"/petitions/{open_petition}/signatures", value, json=body).status_code == 403


def test_a_signature_names_its_signers_address(client, token, open_petition, create_signature):
    """A signature carries its signer's address as OSDI says (paging through them: test_osdi.py)."""
    create_signature(open_petition, email="s0@example.org")
    listed = call(client, "GET", f"/petitions/{open_petition}/signatures", token()).json
    person = listed["_embedded"]["osdi:signatures"][0]["person"]
    assert person["email_addresses"] == [{"address": "s0@example.org", "primary": True}]


@pytest.mark.parametrize("query", ["cursor=bm9wZQ", "cursor=!!!", "per_page=0", "per_page=101", "per_page=x",
                                   "per_page=%C2%B2",  # "²": str.isdigit() says yes, int() refuses it
                                   "cursor=czk5OTk5OTk5OTk5OTk5OTk5OTk5",  # "s" and 10**20 - 1
                                   "cursor=czkyMjMzNzIwMzY4NTQ3NzU4MDg"])  # "s" and 2**63
def test_bad_paging_is_a_400(client, token, open_petition, query):
    response = call(client, "GET", f"/petitions/{open_petition}/signatures?{query}", token())
    assert response.status_code == 400 and "error" in response.json


def test_a_pages_own_link_is_a_valid_uri_whatever_the_query_string_held(client, token, open_petition, create_letter):
    value = token()
    path = f"/petitions/{open_petition}/signatures"
    page = call(client, "GET", f"{path}?per_page=5&note=%C3%A9%22%3C%3E%20", value)
    assert page.json["_links"]["self"]["href"] == f"http://campaign.test/api/v1{path}?per_page=5"
    letter_id = create_letter()
    page = call(client, "GET", f"/letters/{letter_id}/outreaches?%C3%A9=1", value)
    assert page.json["_links"]["self"]["href"] == f"http://campaign.test/api/v1/letters/{letter_id}/outreaches"


@pytest.mark.parametrize("cursor", ["bzk5OTk5OTk5OTk5OTk5OTk5OTk5", "bzIxNDc0ODM2NDg"])  # "o" and 10**20 - 1, 2**31
def test_a_cursor_beyond_the_ids_is_a_400(client, token, create_letter, cursor):
    response = call(client, "GET", f"/letters/{create_letter()}/outreaches?cursor={cursor}", token())
    assert response.status_code == 400 and "error" in response.json


def test_an_offline_signature_is_confirmed_and_counted_without_mail(client, token, open_petition, smtp, deliver_mail,
                                                                    district_counts):
    value = token()
    body = {"person": {"given_name": "Paper", "family_name": "Signer",
                       "email_addresses": [{"address": "paper@example.org"}],
                       "postal_addresses": [{"postal_code": "94105", "locality": "San Francisco"}]},
            "comments": "From the rally"}
    created = call(client, "POST", f"/petitions/{open_petition}/signatures", value, json=body)
    assert created.status_code == 201
    assert (created.json["status"], created.json["source"]) == ("confirmed", "offline")
    assert created.json["person"]["postal_addresses"][0]["region"] == "CA"
    public = client.get("/petitions/stop-the-data-grab.json").json
    assert public["signature_count"] == 1 and public["by_state"] == {"CA": 1}
    kept, recount = district_counts(open_petition)
    assert kept == recount == {("CA", -1, False): 1}  # a senator's constituent, like any signer
    deliver_mail()
    assert smtp.messages == []
    again = call(client, "POST", f"/petitions/{open_petition}/signatures", value, json=body)
    assert again.status_code == 409


@pytest.mark.parametrize("body", [
    None, [], {"person": "x"}, {"person": {"given_name": "A", "family_name": "B"}},
    {"person": {"given_name": "A", "family_name": "B", "email_addresses": [{"address": "not-an-address"}]}},
    {"person": {"given_name": "", "family_name": "B", "email_addresses": [{"address": "a@example.org"}]}},
    {"person": {"given_name": 5, "family_name": "B", "email_addresses": [{"address": "a@example.org"}]}},
    {"person": {"given_name": "A" * 101, "family_name": "B", "email_addresses": [{"address": "a@example.org"}]}},
    {"person": {"given_name": "A", "family_name": "B", "email_addresses": "a@example.org"}},
])
def test_bad_bodies_are_a_422(client, token, open_petition, body):
    response = client.post(f"/api/v1/petitions/{open_petition}/signatures", json=body,
                           headers={"Authorization": f"Bearer {token()}"})
    assert response.status_code == 422 and "message" in response.json


def test_a_closed_petition_takes_no_offline_signature(client, token, create_petition):
    from campaign.core.petitions.models import PetitionState

    closed = create_petition(state=PetitionState.CLOSED)
    body = {"person": {"given_name": "A", "family_name": "B", "email_addresses": [{"address": "a@example.org"}]}}
    assert call(client, "POST", f"/petitions/{closed}/signatures", token(), json=body).status_code == 409


def test_revoked_tokens_and_deactivated_accounts_stop_working(app, client, login, token, open_petition):
    value = token()
    assert call(client, "GET", "/petitions", value).status_code == 200
    with app.app_context():
        token_id = db.session.scalar(select(ApiToken.id))
    login(Role.ORGANIZER, email="other@example.org")
    assert client.post(f"/organize/api-tokens/{token_id}/revoke").status_code == 403  # not theirs
    client.post("/organize/logout")
    login(Role.OWNER)
    page = client.get("/organize/api-tokens/")
    assert "api-organizer@example.org" in page.text and value not in page.text
    assert client.post(f"/organize/api-tokens/{token_id}/revoke").status_code == 302
    assert call(client, "GET", "/petitions", value).status_code == 401


# endpoint -> (status for a viewer's token, for an organizer's token); without a token: 401.
API_ACCESS = {
    "api.entry_point": {"GET": (200, 200)},
    "api.people": {"GET": (403, 200)},
    "api.petitions": {"GET": (200, 200)},
    "api.petition": {"GET": (200, 200)},
    "api.signatures": {"GET": (403, 200)},
    "api.create_signature": {"POST": (403, 422)},
    "api.letters": {"GET": (200, 200)},
    "api.letter": {"GET": (200, 200)},
    "api.outreaches": {"GET": (403, 200)},
}


def test_every_api_route_for_each_kind_of_token(app, client, token, open_petition, create_letter):
    letter_id = create_letter()
    viewer, organizer = token(Role.VIEWER), token(Role.ORGANIZER)
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/") or rule.endpoint == "api.openapi":
            continue
        assert rule.endpoint in API_ACCESS, f"say who may use {rule.endpoint} in API_ACCESS"
        path = (rule.rule.replace("<int:petition_id>", str(open_petition))
                .replace("<int:letter_id>", str(letter_id)).removeprefix("/api/v1"))
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            expected = API_ACCESS[rule.endpoint][method]
            kwargs = {"json": {}} if method == "POST" else {}
            assert call(client, method, path, None, **kwargs).status_code == 401
            assert call(client, method, path, viewer, **kwargs).status_code == expected[0], (method, path)
            assert call(client, method, path, organizer, **kwargs).status_code == expected[1], (method, path)


def test_letters_and_their_sign_ons_page_by_page(app, client, token, create_letter, smtp, deliver_mail):
    from ..letters.helpers import confirm_from_mail, sign_organization, sign_person

    letter_id = create_letter(is_moderated=False)
    for n in range(3):
        sign_organization(client, name=f"Org {n}", email=f"o{n}@org{n}.example", website=f"https://org{n}.example")
        confirm_from_mail(client, smtp, deliver_mail, f"o{n}@org{n}.example")
    sign_person(client, email="sam@example.org")
    confirm_from_mail(client, smtp, deliver_mail, "sam@example.org")
    value = token()
    listed = call(client, "GET", "/letters", value).json["_embedded"]["osdi:advocacy_campaigns"]
    assert [(one["id"], one["organization_count"], one["individual_count"], one["total_outreaches"])
            for one in listed] == [(letter_id, 3, 1, 4)]
    assert call(client, "GET", f"/letters/{letter_id}", value).json["targets"][0]["name"] == "The Board of Directors"
    seen, path = [], f"/letters/{letter_id}/outreaches?per_page=2"
    while path:
        page = call(client, "GET", path, value)
        assert page.status_code == 200
        seen += [(o["type"], o["person"]["email_addresses"][0]["address"])
                 for o in page.json["_embedded"]["osdi:outreaches"]]
        following = page.json["_links"].get("next")
        path = following["href"].split("/api/v1", 1)[1] if following else None
    assert seen == [("organization", "o0@org0.example"), ("organization", "o1@org1.example"),
                    ("organization", "o2@org2.example"), ("individual", "sam@example.org")]
    assert call(client, "GET", f"/letters/{letter_id}/outreaches?cursor=eDE", value).status_code == 400
    assert call(client, "GET", "/letters/999", value).status_code == 404


def is_documented_error(response, code):
    """The response is `code` with the OpenAPI document's Error object, whatever the route."""
    if response.status_code != code or response.mimetype != "application/json":
        return False
    OAS31Validator(DOCUMENT["components"]["schemas"]["Error"]).validate(response.json)
    return bool(response.json["message"])


@pytest.mark.parametrize("method, path, code", [
    ("GET", "/petitions/2147483648", 404),  # beyond the database's integer
    ("GET", f"/letters/{2**63}", 404),
    ("GET", "/petitions/-1", 404),
    ("GET", "/petitions/a%00b", 404),
    ("GET", "/no/such/resource", 404),
    ("DELETE", "/petitions", 405),
    ("PUT", "/petitions/1/signatures", 405),
    ("GET", "/petitions?q=%00", 400),  # NUL in a query string
    ("GET", "/petitions?q=%C3%28", 400),  # not UTF-8
    ("GET", "/petitions/{id}/signatures?per_page=1000", 400),
])
def test_every_api_error_is_the_documented_json(client, token, open_petition, method, path, code):
    response = client.open(f"/api/v1{path.format(id=open_petition)}", method=method,
                           headers={"Authorization": f"Bearer {token()}"})
    assert is_documented_error(response, code), (response.status_code, response.data[:200])


def test_api_errors_without_a_token_are_the_documented_json(client):
    assert is_documented_error(client.get("/api/v1/petitions"), 401)
    assert is_documented_error(client.get("/api/v1/no/such/resource"), 404)
    assert is_documented_error(client.post("/api/v1/petitions/2147483648/signatures", json={}), 404)


def test_a_viewers_error_and_a_bad_body_are_the_documented_json(client, token, open_petition):
    viewer = {"Authorization": f"Bearer {token(Role.VIEWER)}"}
    assert is_documented_error(client.get(f"/api/v1/petitions/{open_petition}/signatures", headers=viewer), 403)


def test_failures_and_too_many_requests_are_the_documented_json(database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": False})

    @app.get("/api/v1/__boom")
    def boom():
        raise RuntimeError("secret internals")

    @app.get("/api/v1/__busy")
    def busy():
        raise TooManyRequests(retry_after=30)

    client = app.test_client()
    failure = client.get("/api/v1/__boom")
    assert is_documented_error(failure, 500) and "secret internals" not in failure.text
    throttled = client.get("/api/v1/__busy")
    assert is_documented_error(throttled, 429) and throttled.headers["Retry-After"] == "30"
    # Elsewhere the same errors are pages.
    assert client.get("/no/such/page").mimetype == "text/html"


def test_api_errors_stay_english_for_a_client_that_prefers_spanish(client, token, open_petition):
    """The API is read by programs: its errors are English whatever the language asked for (README, Languages)."""
    spanish = {"Authorization": f"Bearer {token()}", "Accept-Language": "es-MX", "Cookie": "lang=es"}
    bad = client.post(f"/api/v1/petitions/{open_petition}/signatures?lang=es", json={"person": "x"}, headers=spanish)
    missing = client.get("/api/v1/no/such/resource?lang=es", headers=spanish)
    assert bad.status_code == 422 and missing.status_code == 404
    assert missing.json["message"].startswith("The requested URL was not found")
    assert bad.json["message"] == "Send a JSON object with a person."
    garbled = client.get("/api/v1/petitions?q=%C3%28&lang=es", headers=spanish)
    assert garbled.json["message"] == "The address has characters that are not valid text."
    page = client.get("/petitions/stop-the-data-grab?q=%C3%28&lang=es")  # a page says it in its reader's language
    assert page.status_code == 400 and "La dirección tiene caracteres que no son texto válido." in page.text
