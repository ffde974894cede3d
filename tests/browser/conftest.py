"""Fixtures of the browser tests: Chromium, the app on a live server, its mail, axe-core, screenshots.

Every test module here sets `pytestmark = pytest.mark.browser` (the PostgreSQL run of `make test` leaves them out). They
skip, saying why, where Chromium is missing, and fail instead when REQUIRE_BROWSER is set. Every page
they are served is kept for the Nu Html Checker (test_valid_html.py).
"""
import os

import pytest
from PIL import Image

from campaign import create_app
from campaign.base.extensions import db
from campaign.base.outbox import worker

from ..conftest import PASSWORD, free_port
from . import harness


@pytest.fixture(scope="session")
def browser():
    if harness.sync_playwright is None:
        harness.unavailable("the playwright package is not installed (pip install -e '.[dev]')")
    with harness.sync_playwright() as playwright:
        chromium = harness.launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def live(app, database_url, tmp_path_factory):
    """The app, as in production but on the test database, served on a free port; CSRF is on."""
    port = free_port()
    live_app = create_app({
        "SQLALCHEMY_DATABASE_URI": database_url,
        "MAIL_FILE_DIR": str(tmp_path_factory.mktemp("live-mail")),
        "LOGO_DIR": app.config["LOGO_DIR"],
        "BASE_URL": f"http://127.0.0.1:{port}",
        "WTF_CSRF_ENABLED": True,
        "TESTING": False,  # errors become pages, as for a visitor
        # Its rate limits count across tests (this app lives for the session): the browser tests log
        # in as organizer@example.org many times a minute. The login limits are tested in tests/security.
        "LOGIN_RATE_LIMIT": "1000 per minute",
        "LOGIN_ACCOUNT_RATE_LIMIT": "1000 per minute",
    })
    server = harness.LiveServer(live_app, port)
    yield server
    server.stop()


@pytest.fixture
def mail(live, smtp):
    """The live app's mail goes to the test's SMTP server; `mail.deliver()` runs the outbox worker."""
    state = live.app.extensions["mail"]
    live.app.config["MAIL_SERVER"], live.app.config["MAIL_PORT"] = "127.0.0.1", smtp.port
    state.server, state.port = "127.0.0.1", smtp.port

    def deliver():
        with live.app.app_context():
            count = worker.run(once=True)
            db.session.remove()
        return count

    def link(address, part):
        """The link containing `part` in the newest mail to `address`."""
        messages = smtp.to(address)
        assert messages, f"no mail to {address}"
        return next(url for url in smtp.links(messages[-1]) if part in url)

    smtp.deliver, smtp.link = deliver, link
    yield smtp
    live.app.config["MAIL_SERVER"] = state.server = None


@pytest.fixture
def new_page(browser, live, html_pages):
    """Open a page in a fresh context: `new_page(phone=True, javascript=False, ...)`.

    Every HTML document the live app sends the context (pages, frames, forms re-rendered with their
    errors) is kept, as sent, for the Nu Html Checker at the end of the run (test_valid_html.py).
    """
    contexts = []

    def keep_html(response):
        if (response.request.resource_type == "document" and response.url.startswith(live.url)
                and not 300 <= response.status < 400
                and response.headers.get("content-type", "").startswith("text/html")):
            html_pages.record(f"{response.request.method} {response.url.removeprefix(live.url)}", response.body())

    def open_page(phone=False, javascript=True, **options):
        viewport = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
        context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone,
                                      java_script_enabled=javascript, **options)
        context.set_default_timeout(10_000)
        context.on("response", keep_html)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(params=[False, True], ids=["desktop", "phone"])
def phone(request):
    """A test that takes `phone` runs twice: in a desktop window (1280x900), then on a phone (390x844)."""
    return request.param


@pytest.fixture(scope="session")
def axe_source():
    return harness.axe_source()


@pytest.fixture
def axe(axe_source):
    """`axe(page, state)`: run axe-core on the page; fail on any serious or critical violation."""

    def check(page, state):
        # evaluate() is not subject to the page's CSP, which forbids injected script tags.
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(axe_source)
        violations = page.evaluate("""async () => {
            const result = await axe.run(document, {resultTypes: ["violations"], iframes: false});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                                nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5)}));
        }""")
        serious = [v for v in violations if v["impact"] in ("serious", "critical")]
        assert not serious, f"axe on {state} ({page.url}): {serious}"
        return violations

    return check


@pytest.fixture
def screenshot():
    """`screenshot(page, name)`: write docs/screenshots/<name>.png, only when UPDATE_SCREENSHOTS is set."""

    def take(page, name, full_page=True):
        if os.environ.get("UPDATE_SCREENSHOTS"):
            harness.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            path = harness.SCREENSHOTS / f"{name}.png"
            page.screenshot(path=str(path), full_page=full_page)
            # 256 colours are plenty for pages of flat colour, at a third of the size.
            Image.open(path).convert("RGB").quantize(256).save(path, optimize=True)

    return take


@pytest.fixture
def organizer_page(new_page, live, create_organizer):
    """A page (a desktop's, or with `phone` a phone's) logged in as an organizer of `role` through
    the login form."""
    from campaign.core.accounts.models import Role

    def log_in(role=Role.ORGANIZER, email="organizer@example.org", phone=False):
        create_organizer(email=email, role=role)
        page = new_page(phone=phone)
        harness.log_in(page, live.url, email, PASSWORD)
        return page

    return log_in
