"""Fixtures: the app on SQLite or PostgreSQL (TEST_DATABASE_URL), a client, factories, SMTP.

The schema is built once per run by the migrations themselves. Tests commit for real, as the
app does (several tests need real commits: threads, the outbox worker), and every table is
emptied after each test.
"""
import os
import re
import socket
import threading
from collections import Counter
from email import message_from_bytes, policy
from pathlib import Path

os.environ["CAMPAIGN_ENV"] = "testing"

import pytest  # noqa: E402
from aiosmtpd.controller import Controller  # noqa: E402
from babel.messages.frontend import CommandLineInterface  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import create_engine, delete, func, select, text  # noqa: E402

import config  # noqa: E402
from campaign import create_app
from campaign.base import caches, tokens  # noqa: E402  # noqa: E402
from campaign.base.extensions import db, limiter  # noqa: E402
from campaign.base.markdown import render  # noqa: E402
from campaign.base.outbox import worker  # noqa: E402
from campaign.core.abuse import blocklists  # noqa: E402
from campaign.core.accounts.models import Organizer, Role  # noqa: E402
from campaign.core.letters.models import Letter, Signers  # noqa: E402
from campaign.core.petitions.models import FieldMode, Petition  # noqa: E402
from campaign.core.publishing import ActionState  # noqa: E402
from campaign.core.signatures import tallies  # noqa: E402
from campaign.core.signatures.models import Signature, SignatureState  # noqa: E402

from .html_pages import SUMMARY, HtmlPages  # noqa: E402


def pytest_terminal_summary(terminalreporter):
    """Say how many browser tests ran: they skip where Chromium is missing (see tests/browser)."""
    outcomes = Counter()
    for reports in terminalreporter.stats.values():
        for report in reports:
            if not isinstance(report, pytest.TestReport) or "browser" not in report.keywords:
                continue
            if report.when == "call" or report.outcome != "passed":
                outcomes[report.outcome] += 1
    if outcomes:
        summary = ", ".join(f"{n} {outcome}" for outcome, n in sorted(outcomes.items()))
        terminalreporter.write_line(f"browser tests: {summary}")
    if SUMMARY in terminalreporter.config.stash:
        terminalreporter.write_line(terminalreporter.config.stash[SUMMARY])


def pytest_collection_modifyitems(items):
    """The HTML check runs after every other test: it checks the pages they were served."""
    items.sort(key=lambda item: getattr(item, "originalname", "") == "test_every_page_served_is_valid_html")


@pytest.fixture(scope="session")
def html_pages():
    """Every HTML page the tests record, for the Nu Html Checker at the end (tests/html_pages.py)."""
    return HtmlPages()


SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        url = config.database_url(url)
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    # As `make test` does first: the app reads compiled catalogs, and a checkout has only the .po files.
    CommandLineInterface().run(["pybabel", "-q", "compile", "-d", str(Path(config.ROOT) / "campaign" / "translations")])
    app = create_app({
        "SQLALCHEMY_DATABASE_URI": database_url,
        "MAIL_FILE_DIR": str(tmp_path_factory.mktemp("mail")),
        "LOGO_DIR": str(tmp_path_factory.mktemp("logos")),
    })
    with app.app_context():
        upgrade()
    return app


@pytest.fixture(autouse=True)
def _clean(app):
    """Each test starts with empty tables and fresh rate limits."""
    yield
    with app.app_context():
        db.session.remove()
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(delete(table))
        db.session.commit()
        db.session.remove()
        if app.config["RATELIMIT_ENABLED"]:
            limiter.reset()
    caches.clear_all()  # the tables they remember were emptied
    blocklists.forget()


@pytest.fixture
def app_context(app):
    with app.app_context():
        yield
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


# Factories, named after what they make.

def saved(app, make):
    """The id of the row that `make()` builds and adds to the session, in an app context and
    committed; the session is then removed, so the test reads fresh rows."""
    with app.app_context():
        row = make()
        db.session.commit()
        row_id = row.id
        db.session.remove()
    return row_id


def detached(app, statement):
    """The rows `statement` selects, read in an app context and detached: what they loaded stays
    readable once it ends."""
    with app.app_context():
        rows = db.session.scalars(statement).all()
        db.session.expunge_all()
        db.session.remove()
    return rows


@pytest.fixture
def create_organizer(app):
    def create(email="organizer@example.org", role=Role.ORGANIZER, password=PASSWORD):
        def make():
            organizer = Organizer(email=email, role=role)
            organizer.set_password(password)
            db.session.add(organizer)
            return organizer

        return saved(app, make)

    return create


@pytest.fixture
def login(client, create_organizer):
    """Log the test client in as a new organizer of `role`; returns the organizer's id."""

    def log_in(role=Role.ORGANIZER, email=None):
        email = email or f"{role.value}@example.org"
        organizer_id = create_organizer(email=email, role=role)
        response = client.post("/organize/login", data={"email": email, "password": PASSWORD})
        assert response.status_code == 302, response.text
        return organizer_id

    return log_in


@pytest.fixture
def create_api_token(app, create_organizer):
    """The value of an API token of a new organizer of `role`."""
    from campaign.features.api import operations as api_operations

    def create(role=Role.OWNER):
        organizer_id = create_organizer(email=f"api-{role.value}@example.org", role=role)
        with app.app_context():
            _, value = api_operations.issue(db.session.get(Organizer, organizer_id), "tests")
            db.session.commit()
            db.session.remove()
        return value

    return create


def action_factory(app, model, slug, body_markdown, prepare=None, **defaults):
    """`create(slug=..., state=OPEN, **fields)` for a kind of action (a petition, a letter): it makes
    one from `defaults` and `fields`, brings it to `state` as an organizer would, and returns its
    id. `prepare(action)` runs once it is in the session (a petition records its questions)."""

    def create(slug=slug, state=ActionState.OPEN, body_markdown=body_markdown, **fields):
        def make():
            action = model(slug=slug, body_markdown=body_markdown, body_html=render(body_markdown),
                           **{**defaults, **fields})
            db.session.add(action)
            if prepare:
                prepare(action)
            if state is not ActionState.DRAFT:
                action.open()
            if state is ActionState.CLOSED:
                action.close()
            return action

        return saved(app, make)

    return create


@pytest.fixture
def create_petition(app):
    """Make a petition (open unless told otherwise) and return its id."""
    return action_factory(
        app, Petition, "stop-the-data-grab", "We ask **Acme** to stop.", Petition.record_questions,
        title="Stop the data grab", summary="Acme sells our data.", target_text="Acme Social, Inc.", goal=100,
        postcode_field=FieldMode.OPTIONAL, consent_question="Keep me updated about this campaign.")


@pytest.fixture
def create_letter(app):
    """Make a coalition letter (open unless told otherwise, both kinds of signer) and return its id."""
    return action_factory(
        app, Letter, "dear-acme-board", "We, the undersigned organizations, ask the **board** to act.",
        title="Letter to the Acme board", addressees="The Board of Directors\nAcme Social, Inc.", signers=Signers.BOTH,
        affiliation_question="Your role at the company")


@pytest.fixture
def open_petition(create_petition):
    return create_petition()


SIGNER = {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.org", "postcode": "10027"}


@pytest.fixture
def sign(client):
    """POST the sign form of a petition with SIGNER's answers, changed by keyword."""

    def post(slug="stop-the-data-grab", **answers):
        return client.post(f"/petitions/{slug}", data={**SIGNER, **answers})

    return post


@pytest.fixture
def confirm(app, client):
    """Press the confirm button of the link mailed for `email` (as its owner would)."""

    def press(email):
        with app.test_request_context():
            signature = db.session.scalar(select(Signature).where(Signature.email == email))
            token = tokens.make(signature)
            db.session.remove()
        return client.post(f"/confirm/{token}")

    return press


@pytest.fixture
def counts(app):
    """(the kept tallies, a recount from the rows) as {region: n} for a petition."""

    def read(petition_id):
        with app.app_context():
            kept = tallies.by_region(petition_id)[0]
            recount = dict(db.session.execute(
                select(Signature.region, func.count())
                .where(Signature.petition_id == petition_id, Signature.state == SignatureState.CONFIRMED)
                .group_by(Signature.region)
            ).all())
            db.session.remove()
        return kept, recount

    return read


@pytest.fixture
def district_counts(app):
    """(the kept district tallies, a recount from the rows) as {(state, district, is_possible): n}."""
    from campaign.core.signatures.models import SignatureDistrict

    def read(petition_id):
        with app.app_context():
            kept = {key: n for key, n in tallies.by_district(petition_id).items() if n}
            recount = {(state, district, possible): n for state, district, possible, n in db.session.execute(
                select(SignatureDistrict.state, SignatureDistrict.district, SignatureDistrict.is_possible, func.count())
                .join(Signature, Signature.id == SignatureDistrict.signature_id)
                .where(Signature.petition_id == petition_id, Signature.state == SignatureState.CONFIRMED)
                .group_by(SignatureDistrict.state, SignatureDistrict.district, SignatureDistrict.is_possible)
            ).all()}
            db.session.remove()
        return kept, recount

    return read


@pytest.fixture
def deliver_mail(app):
    """Run the outbox worker once, as `flask outbox work --once` would."""

    def run():
        with app.app_context():
            count = worker.run(once=True)
            db.session.remove()
        return count

    return run


class Mailbox:
    """What the test SMTP server received."""

    def __init__(self):
        self.messages = []
        self.received = []  # the bytes of each message as they came, for checks like DKIM's
        self.refuse = {}  # address -> (code, text) to answer RCPT TO with

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            code, reply = self.refuse[address]
            return f"{code} {reply}"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        message.envelope_from = envelope.mail_from  # MAIL FROM, where bounces go
        self.messages.append(message)
        self.received.append(envelope.original_content)
        return "250 Message accepted for delivery"

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]

    @staticmethod
    def text(message):
        return message.get_body(preferencelist=("plain",)).get_content()

    @classmethod
    def links(cls, message):
        return re.findall(r"https?://\S+", cls.text(message))


@pytest.fixture
def smtp(app):
    """A real SMTP server (aiosmtpd) on a free port, which the app sends to during the test."""
    yield from serve_smtp(app, Mailbox())


def serve_smtp(app, mailbox):
    """Run `mailbox` (a Mailbox) as the app's SMTP server until the generator is closed."""
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    state = app.extensions["mail"]
    saved = (app.config["MAIL_SERVER"], app.config["MAIL_PORT"], state.server, state.port)
    app.config["MAIL_SERVER"], app.config["MAIL_PORT"] = "127.0.0.1", port
    state.server, state.port = "127.0.0.1", port
    mailbox.port = port
    yield mailbox
    app.config["MAIL_SERVER"], app.config["MAIL_PORT"], state.server, state.port = saved
    controller.stop()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def shared_data():
    """../shared/data, or a skip saying it is absent (CI sets REQUIRE_SHARED_DATA to fail instead)."""
    if not SHARED_DATA.is_dir():
        if os.environ.get("REQUIRE_SHARED_DATA"):
            pytest.fail(f"REQUIRE_SHARED_DATA is set but {SHARED_DATA} is missing")
        pytest.skip(f"needs the shared reference data at {SHARED_DATA}, which this clone does not have")
    return SHARED_DATA


def run_in_threads(count, function):
    """Run `function(i)` in `count` threads released at once; return their results."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def target(i):
        barrier.wait()
        results[i] = function(i)

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


ZCCD = """state_fips,state_abbr,zcta,cd
36,NY,10027,13
36,NY,10025,12
36,NY,10025,13
02,AK,99501,0
"""


@pytest.fixture
def crosswalk(runner, tmp_path):
    """Import a small ZIP-to-district crosswalk: 10027 in NY-13, 10025 split NY-12/13, 99501 AK at-large."""

    def load(text=ZCCD):
        path = tmp_path / "zccd.csv"
        path.write_text(text)
        result = runner.invoke(args=["geo", "import-zccd", str(path)])
        assert result.exit_code == 0, result.output
        return result

    return load


@pytest.fixture
def confirm_all(app):
    """Confirm every pending signature, as clicking each confirmation link would."""
    from campaign.core.signatures import operations
    from campaign.core.signatures.models import Signature, SignatureState

    def run():
        with app.app_context():
            for signature in db.session.scalars(
                    db.select(Signature).where(Signature.state == SignatureState.PENDING)).all():
                operations.confirm(signature)
            db.session.commit()
            db.session.remove()

    return run
@pytest.fixture
def create_signature(app):
    """Make a signature directly (confirmed unless told otherwise), counted in the tallies when
    confirmed as the app would count it; returns its id."""
    from campaign.base.addresses import mailbox_key
    from campaign.base.timeutil import utcnow
    from campaign.core.signatures import tallies
    from campaign.core.signatures.models import Signature, SignatureState

    def create(petition_id, email="ada@example.org", state=SignatureState.CONFIRMED, **fields):
        values = dict(first_name="Ada", last_name="Lovelace", postcode="10027", region="NY", ip_address="192.0.2.1")
        values.update(fields)

        def make():
            signature = Signature(petition_id=petition_id, email=email, email_key=mailbox_key(email), state=state,
                                  **values)
            if state is SignatureState.CONFIRMED:
                signature.confirmed_at = signature.confirmed_at or utcnow()
                tallies.add(petition_id, signature.region, 1)
            db.session.add(signature)
            return signature

        return saved(app, make)

    return create
