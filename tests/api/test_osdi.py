"""What OSDI clients rely on: the OSDI-API-Token header, page/per_page paging that ends with an
empty page, the cursor for large syncs, `filter` on modified and created dates, the entry point,
the record signature helper and people; every response checked against the OpenAPI document."""
from datetime import timedelta

import pytest

from campaign.base.extensions import db
from campaign.base.timeutil import utcnow
from campaign.core.accounts.models import Role
from campaign.core.signatures.models import Signature, SignatureState

from .test_api import call


def osdi(client, path, value):
    """GET as an OSDI client does: the token in OSDI-API-Token."""
    return client.get(f"/api/v1{path}", headers={"OSDI-API-Token": value})


def local(href):
    return href.split("/api/v1", 1)[1]


def test_the_osdi_header_carries_the_same_tokens(client, token, open_petition):
    value = token()
    assert osdi(client, "/petitions", value).status_code == 200
    refused = osdi(client, "/petitions", value + "x")
    assert refused.status_code == 401 and "OSDI-API-Token" in refused.json["message"]
    assert call(client, "GET", "/petitions", value).status_code == 200  # Bearer still works


def test_pages_as_osdi_pages_them(client, token, open_petition, create_signature):
    for n in range(5):
        create_signature(open_petition, email=f"s{n}@example.org", first_name=f"S{n}")
    value = token()
    path = f"/petitions/{open_petition}/signatures"
    pages = [call(client, "GET", f"{path}?page={n}&per_page=2", value).json for n in (1, 2, 3, 4)]
    assert [[s["person"]["given_name"] for s in p["_embedded"]["osdi:signatures"]] for p in pages] == [
        ["S0", "S1"], ["S2", "S3"], ["S4"], []]
    assert {(p["total_pages"], p["total_records"], p["per_page"]) for p in pages} == {(3, 5, 2)}
    assert [p["page"] for p in pages] == [1, 2, 3, 4]
    assert pages[0]["_links"]["next"]["href"] == f"http://campaign.test/api/v1{path}?page=2&per_page=2"
    assert "previous" not in pages[0]["_links"] and "next" not in pages[2]["_links"]
    assert local(pages[2]["_links"]["previous"]["href"]) == f"{path}?page=2&per_page=2"
    assert local(pages[3]["_links"]["previous"]["href"]) == f"{path}?page=3&per_page=2"
    # As Action Network: at most 25 a page.
    assert call(client, "GET", f"{path}?per_page=50", value).json["per_page"] == 25


def test_every_collection_pages(client, token, create_petition, create_letter, create_signature):
    for n in range(3):
        create_signature(create_petition(slug=f"petition-{n}"), email=f"p{n}@example.org")
        create_letter(slug=f"letter-{n}")
    value = token()
    for path, key in [("/petitions", "osdi:petitions"), ("/letters", "osdi:advocacy_campaigns"),
                      ("/people", "osdi:people")]:
        seen, page = [], 1
        while True:
            body = call(client, "GET", f"{path}?page={page}&per_page=2", value).json
            if not body["_embedded"][key]:
                break
            seen += [item["identifiers"][0] for item in body["_embedded"][key]]
            page += 1
        assert len(seen) == len(set(seen)) == body["total_records"] == 3, path


@pytest.mark.parametrize("paging", ["per_page=2", "cursor=&per_page=2"])
def test_next_links_serve_every_signature_once(client, token, open_petition, create_signature, paging):
    """By page, or by the cursor of large syncs (which counts no pages): following `next` serves
    every signature once, and one added meanwhile is neither skipped nor served twice."""
    for n in range(5):
        create_signature(open_petition, email=f"s{n}@example.org", first_name=f"S{n}")
    value = token()
    seen, path = [], f"/petitions/{open_petition}/signatures?{paging}"
    while path:
        page = call(client, "GET", path, value)
        assert page.status_code == 200
        assert ("total_pages" in page.json) is not paging.startswith("cursor")
        seen += [s["person"]["given_name"] for s in page.json["_embedded"]["osdi:signatures"]]
        path = local(page.json["_links"]["next"]["href"]) if "next" in page.json["_links"] else None
        if len(seen) == 2:
            create_signature(open_petition, email="late@example.org", first_name="Late")
    assert seen == ["S0", "S1", "S2", "S3", "S4", "Late"]


def test_a_cursor_page_holds_up_to_a_hundred(client, token, open_petition):
    value = token()
    assert call(client, "GET", f"/petitions/{open_petition}/signatures?cursor=&per_page=100", value).json[
        "per_page"] == 100


def test_outreaches_page_across_both_kinds(app, client, token, create_letter):
    from campaign.core.letters.models import IndividualSignOn
    from campaign.core.organizations.models import OrganizationSignOn

    letter_id = create_letter()
    with app.app_context():
        organizations = [OrganizationSignOn(letter_id=letter_id, name=f"Org {n}", name_key=f"org {n}",
                                            contact_name="Rosa", email=f"o{n}@example.org",
                                            email_key=f"o{n}@example.org") for n in range(3)]
        individuals = [IndividualSignOn(letter_id=letter_id, first_name="Sam", last_name=f"{n}",
                                        email=f"i{n}@example.org", email_key=f"i{n}@example.org") for n in range(2)]
        db.session.add_all(organizations + individuals)
        db.session.commit()
        o1, o2, o3 = (f"campaign:organization:{s.id}" for s in organizations)
        i1, i2 = (f"campaign:individual:{s.id}" for s in individuals)
    value = token()
    pages = [call(client, "GET", f"/letters/{letter_id}/outreaches?page={n}&per_page=2", value).json
             for n in (1, 2, 3, 4)]
    assert [[o["identifiers"][0] for o in p["_embedded"]["osdi:outreaches"]] for p in pages] == [
        [o1, o2], [o3, i1], [i2], []]
    assert pages[0]["total_records"] == 5


@pytest.mark.parametrize("query", ["page=0", "page=x", "page=-1", "page=2147483648", "filter=nonsense",
                                   "filter=modified_date%20gt%20%272026-13-01%27",
                                   "filter=modified_date%20gt%20%272026-12-01%27%20or%20created_date%20lt%20%272027%27",
                                   "filter=email%20eq%20%27a%40example.org%27",
                                   "filter=modified_date%20gt%20%272026-12-01%27%20and",
                                   "filter=modified_date%20gt%20%27%27",
                                   "filter=modified_date%20eq%20%279999-12-31%27",  # its day ends past 9999
                                   "filter=created_date%20lt%20%270001-01-01T00:00:00%2B01:00%27",  # UTC: year 0
                                   "filter=" + "x" * 600])
def test_bad_pages_and_filters_are_a_400(client, token, open_petition, query):
    response = call(client, "GET", f"/petitions/{open_petition}/signatures?{query}", token())
    assert response.status_code == 400 and response.json["message"]


def test_filters_take_only_what_changed(app, client, token, open_petition, create_signature):
    old = create_signature(open_petition, email="old@example.org", first_name="Old")
    new = create_signature(open_petition, email="new@example.org", first_name="New",
                           state=SignatureState.PENDING)
    with app.app_context():
        long_ago = utcnow() - timedelta(days=30)
        db.session.get(Signature, old).created_at = long_ago
        db.session.commit()  # modified now, by this very change: modified_date follows every change
        db.session.execute(Signature.__table__.update().where(Signature.id == old).values(updated_at=long_ago))
        db.session.commit()
    value = token()
    path = f"/petitions/{open_petition}/signatures"
    since = (utcnow() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")

    def names(query):
        body = call(client, "GET", f"{path}?{query}", value).json
        return [s["person"]["given_name"] for s in body["_embedded"]["osdi:signatures"]]

    assert names(f"filter=modified_date gt '{since}'") == ["New"]
    assert names(f"filter=modified_date lt '{since}'") == ["Old"]
    assert names(f"filter=created_date ge '{long_ago_day(30)}' and created_date le '{long_ago_day(29)}'") == ["Old"]
    assert names(f"filter=created_date eq '{long_ago_day(30)}'") == ["Old"]
    assert names(f"filter=Created_Date GT '{since}'") == ["New"]
    # Confirming is a change: the pending signature is modified again, and a sync sees it.
    before = call(client, "GET", f"{path}?filter=modified_date gt '{since}'", value).json
    with app.app_context():
        from campaign.core.signatures import operations

        operations.confirm(db.session.get(Signature, new))
        db.session.commit()
    after = call(client, "GET", f"{path}?filter=modified_date gt '{since}'", value).json
    assert after["_embedded"]["osdi:signatures"][0]["modified_date"] > before["_embedded"]["osdi:signatures"][0][
        "modified_date"]
    assert after["_embedded"]["osdi:signatures"][0]["status"] == "confirmed"
    # The filter stays on every link.
    body = call(client, "GET", f"{path}?per_page=1&filter=created_date gt '2000-01-01'", value).json
    assert "filter=created_date" in body["_links"]["next"]["href"] and body["total_records"] == 2


def long_ago_day(days):
    return (utcnow() - timedelta(days=days)).date().isoformat()


def test_the_entry_point_links_every_collection(client, token):
    body = call(client, "GET", "/", token(Role.VIEWER)).json
    for name, path in [("osdi:petitions", "/petitions"), ("osdi:advocacy_campaigns", "/letters"),
                       ("osdi:people", "/people")]:
        assert body["_links"][name]["href"] == f"http://campaign.test/api/v1{path}"
    assert osdi(client, "/", "").status_code == 401


def test_the_record_signature_helper_takes_a_person_and_a_signature(client, token, open_petition):
    value = token()
    petition = call(client, "GET", f"/petitions/{open_petition}", value).json
    helper = petition["_links"]["osdi:record_signature_helper"]["href"]
    body = {"person": {"given_name": "Paper", "family_name": "Signer",
                       "email_addresses": [{"address": "paper@example.org"}],
                       "postal_addresses": [{"postal_code": "94105"}]},
            "comments": "From the rally"}
    created = client.post(helper.removeprefix("http://campaign.test"), json=body, headers={"OSDI-API-Token": value})
    assert created.status_code == 201 and created.json["status"] == "confirmed"
    assert call(client, "GET", f"/petitions/{open_petition}", value).json["total_signatures"] == 1


def test_people_are_signers_by_mailbox_for_organizers_only(client, token, create_petition, create_signature):
    first, second = create_petition(slug="first"), create_petition(slug="second")
    create_signature(first, email="Ada@Example.org", first_name="Ada")
    create_signature(second, email="ada@example.org", first_name="Augusta")
    create_signature(first, email="bob@example.org", first_name="Bob")
    value = token()
    people = call(client, "GET", "/people", value).json
    assert people["total_records"] == 2
    ada = call(client, "GET", "/people?filter=email_address eq 'ADA@example.org'", value).json["_embedded"][
        "osdi:people"]
    assert [p["given_name"] for p in ada] == ["Augusta"]  # as the latest signature gives it
    assert [link["href"] for link in ada[0]["_links"]["osdi:petitions"]] == [
        f"http://campaign.test/api/v1/petitions/{first}", f"http://campaign.test/api/v1/petitions/{second}"]
    assert call(client, "GET", "/people?filter=email_address eq 'nobody@example.org'", value).json[
        "_embedded"]["osdi:people"] == []
    assert call(client, "GET", "/people?filter=email_address gt 'a'", value).status_code == 400
    assert call(client, "GET", "/people", token(Role.VIEWER)).status_code == 403


def test_an_erased_signer_is_no_person(app, client, token, open_petition, create_signature):
    erased = create_signature(open_petition, email="gone@example.org")
    with app.app_context():
        db.session.get(Signature, erased).erased_at = utcnow()
        db.session.commit()
    assert call(client, "GET", "/people", token()).json["total_records"] == 0


def test_a_request_with_one_good_and_one_bad_token_is_refused(client, token):
    value = token()
    both = {"OSDI-API-Token": value, "Authorization": f"Bearer {value}"}
    assert client.get("/api/v1/", headers=both).status_code == 200
    for headers in [{"OSDI-API-Token": "nope", "Authorization": f"Bearer {value}"},
                    {"OSDI-API-Token": value, "Authorization": "Bearer nope"},
                    {"OSDI-API-Token": value, "Authorization": f"Basic {value}"},
                    {"OSDI-API-Token": ""}]:
        assert client.get("/api/v1/", headers=headers).status_code == 401, headers
