"""Signing: field checks, one signature per mailbox, and what a repeat tells whom."""
import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from campaign.base.extensions import db
from campaign.base.outbox.models import OutboxMessage
from campaign.core.petitions.models import FieldMode, Petition, PetitionState
from campaign.core.signatures.models import Signature


def signature_count(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Signature))


def test_missing_fields_come_back_with_messages_and_what_was_typed(client, app, open_petition, sign):
    response = sign(first_name="", email="not-an-address", last_name="Lovelace <b>")
    assert response.status_code == 422
    page = response.text
    assert "There is a problem" in page
    assert '<a href="#first_name">Enter your first name.</a>' in page
    assert '<a href="#email">Enter an email address in the right form, like name@example.com.</a>' in page
    assert 'value="not-an-address"' in page
    assert 'value="Lovelace &lt;b&gt;"' in page  # kept, and escaped
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="email-hint email-error"' in page
    assert signature_count(app) == 0


def test_an_address_that_starts_like_a_formula_is_refused(app, open_petition, sign):
    """The syntax allows `=` first; CSV files write addresses as kept, so the door refuses it."""
    response = sign(email="=cmd|'/Ccalc'!A0@example.org")
    assert response.status_code == 422
    assert "Enter an email address in the right form" in response.text
    assert signature_count(app) == 0
    assert sign(email="+eve@example.org").status_code == 302  # a leading + is an address


@pytest.mark.parametrize("postcode, message", [
    ("1234", "This petition takes US ZIP codes only: enter 5 digits, like 10001."),
    ("ABCDE", "This petition takes US ZIP codes only: enter 5 digits, like 10001."),
])
def test_a_bad_zip_is_refused(app, create_petition, sign, postcode, message):
    create_petition(postcode_field=FieldMode.REQUIRED)
    response = sign(postcode=postcode)
    assert response.status_code == 422
    assert message in response.text
    assert signature_count(app) == 0


def test_required_fields_follow_the_petition(app, create_petition, sign):
    create_petition(postcode_field=FieldMode.REQUIRED, phone_field=FieldMode.REQUIRED, city_field=FieldMode.OFF)
    response = sign(postcode="", phone="")
    assert "Enter your ZIP code." in response.text
    assert "Enter your phone number." in response.text
    assert 'name="city"' not in response.text
    assert signature_count(app) == 0
    assert sign(postcode="94110", phone="+1 (415) 555-0143").status_code == 302


@pytest.mark.parametrize("mode, message", [
    (FieldMode.OPTIONAL, "This petition takes US ZIP codes only: enter 5 digits, like 10001. "
                         "If you live outside the US, leave it empty."),
    (FieldMode.REQUIRED, "This petition takes US ZIP codes only: enter 5 digits, like 10001."),
])
def test_a_postal_code_from_elsewhere_is_told_what_a_us_petition_takes(app, create_petition, sign, mode, message):
    """Without a Country question a petition is for the US: its ZIP field says so, and what to do."""
    create_petition(postcode_field=mode)
    response = sign(postcode="SW1A 1AA", first_name="Olivia")
    assert response.status_code == 422
    page = BeautifulSoup(response.text, "html.parser")
    assert page.select_one("#postcode-error").text.removeprefix("Error:").strip() == message
    assert page.select_one("#error-summary a[href='#postcode']").text == message
    assert (page.select_one("#postcode")["value"], page.select_one("#first_name")["value"]) == ("SW1A 1AA", "Olivia")
    assert signature_count(app) == 0
    if mode is FieldMode.OPTIONAL:
        assert sign(postcode="").status_code == 302  # as the message says


def test_a_postal_code_from_elsewhere_with_the_country_left_at_us_is_asked_for_the_country(app, create_petition, sign):
    create_petition(country_field=FieldMode.OPTIONAL)
    response = sign(postcode="M5V 3L9", country="US")
    assert response.status_code == 422
    assert "Enter a 5-digit ZIP code, like 10001, or choose your country." in response.text
    assert sign(postcode="M5V 3L9", country="CA").status_code == 302


def test_a_phone_fills_in_the_signer_and_shows_digits_for_a_zip_code(client, create_petition):
    create_petition()
    page = BeautifulSoup(client.get("/petitions/stop-the-data-grab").text, "html.parser")
    inputs = {field["name"]: field for field in page.select("form[method=post] input")}
    assert {name: inputs[name].get("autocomplete") for name in ("first_name", "last_name", "email", "postcode")} == {
        "first_name": "given-name", "last_name": "family-name", "email": "email", "postcode": "postal-code"}
    assert inputs["postcode"]["inputmode"] == "numeric"
    assert page.select_one("label[for=postcode]").text.startswith("ZIP code")


def test_a_postal_code_that_may_be_from_elsewhere_keeps_a_keyboard_with_letters(client, create_petition):
    create_petition(country_field=FieldMode.OPTIONAL)
    page = BeautifulSoup(client.get("/petitions/stop-the-data-grab").text, "html.parser")
    assert page.select_one("#postcode").get("inputmode") is None
    assert page.select_one("label[for=postcode]").text.startswith("ZIP or postal code")


def test_fields_that_are_off_are_not_stored(app, create_petition, sign):
    create_petition(postcode_field=FieldMode.OFF, comment_field=FieldMode.OFF, phone_field=FieldMode.OFF,
                    consent_question="", share_email_question="")
    response = sign(postcode="10027", comment="sneaked in", phone="not even a number", has_consented="y",
                    shares_email="y")
    assert response.status_code == 302
    with app.app_context():
        signature = db.session.scalar(select(Signature))
        assert (signature.postcode, signature.comment, signature.region, signature.phone) == ("", "", "", "")
        assert (signature.has_consented, signature.shares_email) == (False, False)


def test_country_and_postal_code_outside_the_us(app, create_petition, sign):
    create_petition(country_field=FieldMode.REQUIRED, postcode_field=FieldMode.OPTIONAL)
    assert sign(country="GB", postcode="SW1A 1AA").status_code == 302
    with app.app_context():
        signature = db.session.scalar(select(Signature))
        assert (signature.country, signature.postcode, signature.region) == ("GB", "SW1A 1AA", "")
    assert "Choose a country from the list." in sign(email="b@example.org", country="XX").text


def test_us_zip_gives_the_state(app, open_petition, sign):
    sign(postcode="94110-1234")
    with app.app_context():
        assert db.session.scalar(select(Signature.region)) == "CA"


@pytest.mark.parametrize("again", [
    "ada@example.org", "ADA@Example.org", "ada+petitions@example.org",
])
def test_one_signature_per_mailbox(app, open_petition, sign, again):
    assert sign().status_code == 302
    response = sign(email=again, first_name="Someone")
    assert response.status_code == 302
    assert response.location.endswith("/thanks")  # the same answer as a first signature
    assert signature_count(app) == 1


def test_gmail_dots_and_googlemail_are_one_mailbox(app, open_petition, sign):
    sign(email="ada.lovelace@gmail.com")
    sign(email="AdaLovelace+x@googlemail.com")
    assert signature_count(app) == 1


def test_a_repeat_mails_the_owner_not_the_visitor(app, client, open_petition, sign, smtp, deliver_mail):
    first = sign()
    app.config["REPEAT_MAIL_INTERVAL_MINUTES"] = 0
    try:
        repeat = sign(first_name="Mallory")
        deliver_mail()
        # Both still pending: the owner gets the confirmation again, and the visitor the same page.
        assert repeat.location == first.location
        subjects = [m["Subject"] for m in smtp.to("ada@example.org")]
        assert subjects == ["Please confirm your signature: Stop the data grab"] * 2

        link = [u for u in smtp.links(smtp.messages[-1]) if "/confirm/" in u][0]
        client.post(link.replace("http://campaign.test", ""))
        sign()
        deliver_mail()
        assert smtp.messages[-1]["Subject"] == "You have already signed: Stop the data grab"
        assert "Mallory" not in smtp.text(smtp.messages[-1])
    finally:
        app.config["REPEAT_MAIL_INTERVAL_MINUTES"] = 10


def test_signing_queues_the_same_outbox_row_as_any_other_mail(app, open_petition, sign):
    """The first confirmation mail is written by signing's own INSERT (on PostgreSQL one statement
    with the signature), the repeat's by outbox.enqueue: one builder, the same row."""
    sign()
    app.config["REPEAT_MAIL_INTERVAL_MINUTES"] = 0
    try:
        sign()
    finally:
        app.config["REPEAT_MAIL_INTERVAL_MINUTES"] = 10
    with app.app_context():
        table = OutboxMessage.__table__
        first, repeat = db.session.execute(select(table).order_by(table.c.id)).mappings().all()
    skipped = {"id", "created_at", "next_attempt_at"}
    assert {k: v for k, v in first.items() if k not in skipped} == {k: v for k, v in repeat.items() if k not in skipped}
    assert first["kind"] == "signature.confirm" and first["params"] == repeat["params"]
    assert first["created_at"] == first["next_attempt_at"] and repeat["created_at"] == repeat["next_attempt_at"]


def test_the_outbox_row_builder_names_every_column_with_a_default():
    """A column default added to the outbox is then written by every path that queues mail."""
    from campaign.base.outbox.operations import new_message

    defaulted = {c.name for c in OutboxMessage.__table__.columns
                 if (c.default is not None or c.server_default is not None) and not c.primary_key}
    assert defaulted <= set(new_message("signature.confirm", "a@example.org", {}))


def test_repeats_cannot_flood_a_mailbox(app, open_petition, sign):
    for _ in range(5):
        sign()
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 1


def test_a_closed_petition_refuses_signatures_clearly(app, client, create_petition, sign):
    create_petition(state=PetitionState.CLOSED)
    page = client.get("/petitions/stop-the-data-grab")
    assert "This petition is closed." in page.text
    assert 'action="/petitions/stop-the-data-grab' not in page.text
    response = sign()
    assert response.status_code == 409
    assert "This petition is closed and no longer takes signatures." in response.text
    assert signature_count(app) == 0


def test_a_draft_petition_is_not_public(client, create_petition, sign):
    create_petition(state=PetitionState.DRAFT)
    assert client.get("/petitions/stop-the-data-grab").status_code == 404
    assert client.get("/petitions/stop-the-data-grab.json").status_code == 404
    assert sign().status_code == 404


def test_control_characters_and_nul_never_reach_the_database(app, open_petition, sign):
    # NUL is refused for the whole request (PostgreSQL takes none); other control characters are
    # dropped by the fields.
    response = sign(first_name="A\x00da", city="New York")
    assert response.status_code == 400 and "The form has characters that are not valid text." in response.text
    assert signature_count(app) == 0
    assert sign(first_name="A\x07da\x1b", city="New\nYork").status_code == 302
    with app.app_context():
        signature = db.session.scalar(select(Signature))
        assert signature.first_name == "Ada"
        assert signature.city == "New York"


def test_overlong_input_is_refused_not_truncated(app, open_petition, sign):
    response = sign(first_name="A" * 101)
    assert response.status_code == 422
    assert "Field cannot be longer than 100 characters." in response.text
    assert signature_count(app) == 0


@pytest.mark.parametrize("cache_seconds", [0, 60])
def test_a_petition_saved_before_wording_ids_were_kept_still_stores_the_wording(app, open_petition, sign,
                                                                                 cache_seconds):
    """With the process's copy of the petition or without: the ids are recorded and committed first."""
    with app.app_context():
        petition = db.session.get(Petition, open_petition)
        petition.consent_wording_id = None
        db.session.commit()
    app.config["PUBLIC_RENDER_CACHE_SECONDS"] = cache_seconds
    try:
        assert sign(email="bad").status_code == 422  # a refused form first: the ids stay recorded
        assert sign(has_consented="y").status_code == 302
        assert sign(has_consented="y", email="grace@example.org").status_code == 302
    finally:
        app.config["PUBLIC_RENDER_CACHE_SECONDS"] = 0
    with app.app_context():
        signatures = db.session.scalars(select(Signature)).all()
        assert [s.consent_wording.wording for s in signatures] == ["Keep me updated about this campaign."] * 2
        assert db.session.get(Petition, open_petition).consent_wording_id == signatures[0].consent_wording_id


def test_control_characters_in_hidden_fields_never_reach_the_database(app, open_petition, sign):
    assert sign(source="news\x07letter", referrer="https://example.org/\x1b").status_code == 302
    with app.app_context():
        signature = db.session.scalar(select(Signature))
        assert (signature.source, signature.referrer) == ("newsletter", "https://example.org/")


def test_a_burst_of_signatures_reads_the_petition_and_its_partners_once_per_process(app, open_petition, sign):
    """With the public copies on (as in production), signing costs no petition or partner query
    each: the hot path is the inserts. A petition closed meanwhile stops within the copy's age."""
    from sqlalchemy import event

    app.config["PUBLIC_RENDER_CACHE_SECONDS"] = 60
    statements = []
    with app.app_context():
        engine = db.engine

    def listener(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", listener)
    try:
        for n in range(3):
            assert sign(email=f"burst{n}@example.org").status_code == 302
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert sum("FROM petitions" in s for s in reads) == 1
    assert sum("FROM organization_sign_ons" in s for s in reads) == 1
    if engine.dialect.name == "sqlite":
        # The signature, its districts and its mail: three INSERTs. (On PostgreSQL they are one
        # statement that psycopg runs itself, one round trip: tests/test_postgres.py.)
        writes = [s for s in statements if s.lstrip().upper().startswith("INSERT")]
        assert len(writes) == 9
    assert signature_count(app) == 3

    app.config["PUBLIC_RENDER_CACHE_SECONDS"] = 0  # the copy is seen as soon as it is read again
    with app.app_context():
        petition = db.session.get(Petition, open_petition)
        petition.close()
        db.session.commit()
    response = sign(email="late@example.org")
    assert response.status_code == 409
    assert "closed" in response.text
    assert signature_count(app) == 3
