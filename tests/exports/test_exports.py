"""Organizers export signer lists as CSV: filters, presets, Excel, formula safety, the log."""
import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest

from campaign.base.extensions import db
from campaign.core.accounts.models import Role
from campaign.core.signatures.models import TEXT_CELLS, Signature, SignatureState
from campaign.features.exports.models import ExportLog

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def read_csv(response):
    text = response.get_data(as_text=True)
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def download(client, petition_id, **params):
    return client.get(f"/organize/petitions/{petition_id}/export.csv", query_string=params)


@pytest.fixture
def signers(open_petition, create_signature):
    create_signature(open_petition, email="ada@example.org", source="newsletter", has_consented=True)
    create_signature(open_petition, email="grace@example.org", first_name="Grace", last_name="Hopper",
                     postcode="94105", region="CA")
    create_signature(open_petition, email="pending@example.org", first_name="Pat", state=SignatureState.PENDING)
    return open_petition


def test_the_form_offers_presets_and_filters(client, login, signers):
    login(Role.ORGANIZER)
    page = client.get(f"/organize/petitions/{signers}/export")
    assert page.status_code == 200
    for text in ("Confirmed only", "CRM import", "Delivery", "For Excel", 'value="CA"', 'value="NY"'):
        assert text in page.text


def test_a_full_export_of_confirmed_signers_streams_a_named_file(client, login, signers):
    login(Role.ORGANIZER)
    response = download(client, signers)
    assert response.status_code == 200 and response.is_streamed
    assert response.mimetype == "text/csv"
    today = datetime.now(UTC).date()
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="stop-the-data-grab-full-')
    assert any(str(today + timedelta(days=d)) in disposition for d in (-1, 0, 1))
    assert response.headers["Cache-Control"] == "private, no-store"
    rows = read_csv(response)
    assert rows[0][:5] == ["id", "first_name", "last_name", "email", "postcode"]
    assert {row[3] for row in rows[1:]} == {"ada@example.org", "grace@example.org"}
    assert rows[1][rows[0].index("consent_wording")] == ""
    assert not response.get_data().startswith(b"\xef\xbb\xbf")  # a BOM only for Excel


@pytest.mark.parametrize("params, emails", [
    ({"status": "pending"}, {"pending@example.org"}),
    ({"status": "all"}, {"ada@example.org", "grace@example.org", "pending@example.org"}),
    ({"regions": "CA"}, {"grace@example.org"}),
    ({"status": "all", "regions": ["CA", "NY"]}, {"ada@example.org", "grace@example.org", "pending@example.org"}),
    ({"consented_only": "y"}, {"ada@example.org"}),
    ({"source": "newsletter"}, {"ada@example.org"}),
])
def test_filters(client, login, signers, params, emails):
    login(Role.ORGANIZER)
    rows = read_csv(download(client, signers, **params))
    assert {row[3] for row in rows[1:]} == emails


def test_the_date_range_is_in_the_site_time_zone(app, client, login, open_petition, create_signature):
    # 2026-03-10 03:00 UTC is still March 9 in New York.
    create_signature(open_petition, email="late@example.org", created_at=datetime(2026, 3, 10, 3, tzinfo=UTC))
    create_signature(open_petition, email="next@example.org", created_at=datetime(2026, 3, 10, 15, tzinfo=UTC))
    login(Role.ORGANIZER)
    rows = read_csv(download(client, open_petition, signed_from="2026-03-09", signed_to="2026-03-09"))
    assert [row[3] for row in rows[1:]] == ["late@example.org"]
    rows = read_csv(download(client, open_petition, signed_from="2026-03-10"))
    assert [row[3] for row in rows[1:]] == ["next@example.org"]


def test_crm_and_delivery_presets(client, login, signers):
    login(Role.ORGANIZER)
    crm = read_csv(download(client, signers, preset="crm"))
    assert crm[0][:4] == ["first_name", "last_name", "email", "zip_code"]
    assert ["Grace", "Hopper", "grace@example.org", "94105"] == crm[2][:4]
    delivery = download(client, signers, preset="delivery")
    rows = read_csv(delivery)
    assert "email" not in rows[0] and "phone" not in rows[0]
    assert "@" not in delivery.get_data(as_text=True)
    assert 'filename="stop-the-data-grab-delivery-' in delivery.headers["Content-Disposition"]


def test_the_excel_option_has_a_bom_and_every_file_crlf(client, login, signers):
    login(Role.ORGANIZER)
    body = download(client, signers, excel="y").get_data()
    assert body.startswith(b"\xef\xbb\xbfid,first_name")
    assert body.count(b"\r\n") == 3 and b"\n" not in body.replace(b"\r\n", b"")


def test_formulas_are_neutralised(client, login, open_petition, create_signature):
    create_signature(open_petition, first_name="=HYPERLINK(\"http://x\")", last_name="+1", city="-2",
                     comment="@SUM(A1)", source="\tx", referrer="\rx", phone="+1 555 0100")
    login(Role.ORGANIZER)
    rows = read_csv(download(client, open_petition))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["first_name"] == "'=HYPERLINK(\"http://x\")"
    assert (row["last_name"], row["city"], row["comment"]) == ("'+1", "'-2", "'@SUM(A1)")
    assert (row["source"], row["referrer"], row["phone"]) == ("'\tx", "'\rx", "'+1 555 0100")


@pytest.mark.parametrize("preset, phone", [("full", "phone"), ("crm", "phone_number")])
def test_an_address_is_written_as_kept_never_defused(client, login, open_petition, create_signature, preset, phone):
    """An email column holds an address checked when it was typed, never a formula: `+eve@…`
    stays an address (both engines: COPY on PostgreSQL, the Python writer on SQLite)."""
    create_signature(open_petition, email="+eve@example.org", phone="+1 555 0100", has_consented=True)
    create_signature(open_petition, email="-x@example.org", first_name="-x")
    login(Role.ORGANIZER)
    rows = read_csv(download(client, open_petition, preset=preset))
    eve, x = (dict(zip(rows[0], row, strict=True)) for row in rows[1:])
    assert (eve["email"], eve[phone]) == ("+eve@example.org", "'+1 555 0100")
    assert (x["email"], x["first_name"]) == ("-x@example.org", "'-x")


@pytest.mark.shared_data
def test_every_naughty_string_round_trips(app, client, login, open_petition, create_signature, shared_data):
    strings = json.loads((shared_data / "naughty-strings" / "blns.json").read_text(encoding="utf-8"))
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        strings = [s for s in strings if "\x00" not in s]  # PostgreSQL text cannot hold NUL
    for number, text in enumerate(strings):
        create_signature(open_petition, email=f"n{number}@example.org", comment=text)
    login(Role.ORGANIZER)
    for excel in ("", "y"):
        rows = read_csv(download(client, open_petition, excel=excel))
        comments = [row[rows[0].index("comment")] for row in rows[1:]]
        assert comments == ["'" + s if s.startswith(TRIGGERS) else s for s in strings]


@pytest.mark.parametrize("params", [
    {"signed_from": "2026-13-45"},
    {"signed_from": "2026-03-10", "signed_to": "2026-03-01"},
    {"preset": "everything"},
    {"status": "deleted"},
    {"source": "x" * 101},
])
def test_bad_filters_show_the_form_again(client, login, signers, params):
    login(Role.ORGANIZER)
    response = download(client, signers, **params)
    assert response.status_code == 422
    assert "There is a problem" in response.text


def test_an_unknown_petition_is_not_found(client, login):
    login(Role.ORGANIZER)
    assert download(client, 999999).status_code == 404


def test_every_export_is_logged_and_the_log_shows_it(client, login, signers):
    login(Role.ORGANIZER)
    download(client, signers, preset="crm", consented_only="y", regions="NY").get_data()
    log = client.get("/organize/exports")
    assert log.status_code == 200
    assert "organizer@example.org" in log.text and "Stop the data grab" in log.text
    assert "crm" in log.text and "consented_only=True" in log.text and "regions=NY" in log.text
    assert "<td class=\"num\" data-label=\"Rows\">1</td>" in log.text
    assert "ada@example.org" not in log.text  # the log names no signer
    assert "organizer@example.org" in client.get(f"/organize/petitions/{signers}/export").text


def test_a_download_broken_off_is_logged_as_not_finished(app, client, login, open_petition, create_signature):
    """The entry is on record before the first byte; its rows are counted as they go out, so a
    download that stops halfway never claims the whole list."""
    for n in range(1200):  # more than one chunk on either database
        create_signature(open_petition, email=f"s{n}@example.org")
    login()
    response = download(client, open_petition)
    first = next(iter(response.response))
    assert first.startswith(b"id,first_name")
    response.close()  # the organizer's connection drops
    with app.app_context():
        entry = db.session.scalars(db.select(ExportLog)).one()
        assert (entry.row_count, entry.finished_at) == (0, None)
    log = client.get("/organize/exports").text
    assert '<td class="num" data-label="Rows">not finished</td>' in log

    assert len(read_csv(download(client, open_petition))) == 1201  # a whole download, then
    with app.app_context():
        entries = db.session.scalars(db.select(ExportLog).order_by(ExportLog.id)).all()
        assert [(e.row_count, e.finished_at is not None) for e in entries] == [(0, False), (1200, True)]
    assert '<td class="num" data-label="Rows">1,200</td>' in client.get("/organize/exports").text


def test_viewers_cannot_export(client, login, signers):
    login(Role.VIEWER)
    assert download(client, signers).status_code == 403
    assert client.get("/organize/exports").status_code == 403


def test_signing_goes_on_while_an_export_is_half_downloaded(app, client, login, open_petition, create_signature):
    import threading

    for n in range(30):
        create_signature(open_petition, email=f"s{n}@example.org")
    login()
    response = client.get(f"/organize/petitions/{open_petition}/export.csv", buffered=False)
    stream = response.response
    first = next(iter(stream))  # the header and the first rows are out; the stream is open
    assert first.startswith(b"id,first_name")

    answers = []
    signer = threading.Thread(target=lambda: answers.append(app.test_client().post(
        "/petitions/stop-the-data-grab", data={"first_name": "New", "last_name": "Signer",
                                               "email": "new@example.org"}).status_code))
    signer.start()
    signer.join(timeout=10)
    try:
        assert answers == [302], "signing waited for the export to finish"
    finally:
        response.close()
        signer.join()


def test_postgresql_copy_writes_the_same_file_as_the_python_writer(app, open_petition, create_signature, shared_data,
                                                                    monkeypatch):
    """On PostgreSQL the export is the server's COPY; it must read back exactly like csvfile's."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("COPY is PostgreSQL's; SQLite exports through the Python writer only")
    from campaign.base import csvfile
    from campaign.features.exports import copy_out, queries
    from campaign.features.exports.presets import PRESETS

    # Chunks of 7 rows: some hold a cell with a line break, most do not (the two ways to end rows).
    monkeypatch.setattr(copy_out, "ROWS_PER_CHUNK", 7)

    strings = [s for s in json.loads((shared_data / "naughty-strings" / "blns.json").read_text(encoding="utf-8"))
               if "\x00" not in s]
    for number, text in enumerate(strings[:200]):
        create_signature(open_petition, email=f"n{number}@example.org", first_name=text[:100] or "x",
                         city=text[:100], comment=text, source=text[:100], has_consented=number % 2 == 0,
                         state=SignatureState.CONFIRMED if number % 3 else SignatureState.PENDING,
                         created_at=datetime(2026, 1, 1, 12, 0, 0, (0, 500_000, 123_456, 10)[number % 4],
                                             tzinfo=UTC))
    for number, text in enumerate(("two\nlines", "cr\rlf\r\nends", "\n=1+1", "last line\n")):
        create_signature(open_petition, email=f"lines{number}@example.org", city=text, comment=text * 2,
                         created_at=datetime(2026, 1, 1, 12, tzinfo=UTC))
    # Rows where one text cell alone starts like a formula (the others plain), one row per cell
    # and per start: COPY checks a row's cells only when its generated flag says one of them does.
    plain = dict(first_name="Ada", last_name="Lovelace", postcode="10027", city="", region="NY", country="US",
                 phone="", comment="", source="", referrer="")
    for cell in TEXT_CELLS:
        for number, start in enumerate(csvfile.FORMULA_STARTS):
            text = start + "1" if cell in ("region", "country") else f"{start}SUM{number}(A1)"
            email = text + "@example.org" if cell == "email" else f"{cell}{number}@example.org"
            create_signature(open_petition, **{**plain, "email": email, cell: text},
                             created_at=datetime(2026, 1, 1, 12, tzinfo=UTC))
    filters = queries.Filters(status="all")
    with app.app_context():
        for preset in PRESETS.values():
            for excel in (False, True):
                labels, rows = queries.rows("petition", open_petition, filters)
                python = b"".join(csvfile.stream(preset.header, map(preset.row_maker(labels), rows), excel=excel))
                query = queries.export_query("petition", open_petition, filters)
                copied = b"".join(copy_out.stream(preset.header, query, preset.fields, excel=excel))
                assert copied.startswith(b"\xef\xbb\xbf") is excel and copied.count(b"\r\n") >= 201 + 66
                parse = lambda data: list(csv.reader(io.StringIO(data.decode("utf-8").removeprefix("\ufeff"),  # noqa
                                                                 newline="")))
                assert parse(copied) == parse(python), preset.name
                if preset.name == "full":
                    times = {row[16] for row in parse(copied)[1:]}
                    assert times == {"2026-01-01T12:00:00+00:00", "2026-01-01T12:00:00.5+00:00",
                                     "2026-01-01T12:00:00.123456+00:00", "2026-01-01T12:00:00.00001+00:00"}


def test_the_database_flags_a_signature_whose_text_cell_starts_like_a_formula(app, open_petition, create_signature):
    """The generated flag that lets COPY skip the per-cell check: right for every cell and every
    start, and kept right when a cell changes (an edit, an erasure), on either database."""
    from campaign.base.csvfile import FORMULA_STARTS

    expected = {create_signature(open_petition, email="plain@example.org", comment="1 = 1, -2, @home"): False}
    for cell in TEXT_CELLS:
        for number, start in enumerate(FORMULA_STARTS):
            text = start + "1" if cell in ("region", "country") else f"{start}SUM{number}(A1)"
            email = text + "@example.org" if cell == "email" else f"{cell}{number}@example.org"
            expected[create_signature(open_petition, **{"email": email, cell: text})] = True

    def flags():
        with app.app_context():
            return dict(db.session.execute(db.select(Signature.id, Signature.starts_like_formula)).all())

    assert flags() == expected
    with app.app_context():
        first = db.session.get(Signature, min(expected))
        first.comment = "=HYPERLINK(\"http://example.org\")"
        db.session.execute(db.update(Signature).where(Signature.id != first.id).values(
            first_name="", last_name="", email="erased", postcode="", city="", region="", country="", phone="",
            comment="", source="", referrer=""))
        db.session.commit()
    assert flags() == {signature_id: signature_id == min(expected) for signature_id in expected}


def test_the_district_filter(client, login, open_petition, crosswalk, sign, confirm_all):
    crosswalk()  # 10027 in NY-13, 10025 split between NY-12 and NY-13, 99501 Alaska at large
    for name, postcode in (("Ada", "10027"), ("Bob", "10025"), ("Cy", "99501"), ("Dee", "94110")):
        sign(first_name=name, email=f"{name.lower()}@example.org", postcode=postcode)
    confirm_all()
    login(Role.ORGANIZER)
    form = client.get(f"/organize/petitions/{open_petition}/export").text
    assert 'value="NY-12"' in form and 'value="NY-13"' in form and "AK at large" in form

    def names(*districts):
        rows = read_csv(download(client, open_petition, districts=list(districts)))
        return sorted(row[1] for row in rows[1:])

    assert names("NY-13") == ["Ada", "Bob"]
    assert names("NY-12") == ["Bob"]
    assert names("AK-0", "NY-12") == ["Bob", "Cy"]
    assert names() == ["Ada", "Bob", "Cy", "Dee"]
    bad = client.get(f"/organize/petitions/{open_petition}/export.csv", query_string={"districts": "13; drop"})
    assert bad.status_code == 422 and "is not a district" in bad.text
    assert 'value="NY-12"' in bad.text and "AK at large" in bad.text  # the form again, with its lists
