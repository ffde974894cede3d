"""What the browser tests need besides the fixtures: Chromium, axe-core, vnu.jar, a server in a thread.

Chromium is Debian's (/usr/bin/chromium), driven by Playwright's Python package; Playwright's
own browsers are never downloaded. axe-core and the Nu Html Checker (vnu-jar, run by the system's
Java) come from the npm registry at the versions pinned here, installed once into .cache/npm (git
ignores it).
"""
import json
import os
import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # the `browser` fixture says so
    expect = sync_playwright = None

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# The one place they are pinned; both are installed together (npm drops what a --no-save install
# does not name).
NPM_PACKAGES = {"axe-core": "4.14.1", "vnu-jar": "26.9.27"}
NPM_DIR = ROOT / ".cache" / "npm"
JAVA = os.environ.get("JAVA", "/usr/bin/java")
SCREENSHOTS = ROOT / "docs" / "screenshots"


def unavailable(reason):
    """Skip, saying why, or fail when REQUIRE_BROWSER is set (CI)."""
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(f"REQUIRE_BROWSER is set but {reason}")
    pytest.skip(reason)


def launch(playwright):
    if not os.path.exists(CHROMIUM):
        unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def npm_file(package, path):
    """The path of `path` inside the pinned `package`, installed from the npm registry when missing."""
    directory = NPM_DIR / "node_modules" / package
    manifest = directory / "package.json"
    pinned = f"{package}@{NPM_PACKAGES[package]}"
    installed = manifest.is_file() and json.loads(manifest.read_text())["version"] == NPM_PACKAGES[package]
    if not installed:
        npm = shutil.which("npm")
        if npm is None:
            unavailable(f"npm is not installed, so {pinned} cannot be")
        NPM_DIR.mkdir(parents=True, exist_ok=True)
        # --ignore-scripts: vnu-jar's postinstall would download a Java runtime; the system's is used.
        result = subprocess.run(  # nosec B603: a fixed command
            [npm, "install", "--no-save", "--no-audit", "--no-fund", "--ignore-scripts", "--prefix", str(NPM_DIR),
             *(f"{name}@{version}" for name, version in NPM_PACKAGES.items())],
            capture_output=True, text=True, timeout=300)
        if result.returncode or not (directory / path).is_file():
            unavailable(f"npm could not install {pinned}: {result.stderr[-500:]}")
    return directory / path


def axe_source():
    """The text of axe.min.js."""
    return npm_file("axe-core", "axe.min.js").read_text()


def vnu_command():
    """The command that runs the Nu Html Checker: [java, -jar, vnu.jar]."""
    if not os.path.exists(JAVA):
        unavailable(f"no Java at {JAVA} (apt-get install default-jre-headless), so the Nu Html Checker cannot run")
    return [JAVA, "-jar", str(npm_file("vnu-jar", "build/dist/vnu.jar"))]


class ThreadedServer:
    """A WSGI app served from a thread, until stopped."""

    def __init__(self, host, port, app):
        self.server = make_server(host, port, app, threaded=True)
        self.url = f"http://{host}:{port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.thread.join(timeout=10)


class LiveServer(ThreadedServer):
    """The app served on 127.0.0.1."""

    def __init__(self, app, port):
        super().__init__("127.0.0.1", port, app)
        self.app = app


class PartnerSite(ThreadedServer):
    """Another site (localhost, another port): one page that embeds a petition with a snippet."""

    def __init__(self, port, snippet):
        body = (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>A partner</title></head>"
                f"<body><main><h1>Friends of the Earth, a partner</h1><p>Our campaign:</p>{snippet}</main>"
                f"</body></html>").encode()

        def app(environ, start_response):
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
            return [body]

        super().__init__("localhost", port, app)
        self.url += "/"


def fill_signer(place, first, last, email, postcode=None):
    """Type a signer's answers into the sign form in `place` (a page or a frame)."""
    place.get_by_label("First name", exact=True).fill(first)
    place.get_by_label("Last name", exact=True).fill(last)
    place.get_by_label("Email address").fill(email)
    if postcode:
        place.get_by_label(re.compile("ZIP")).fill(postcode)


def deliver_to_every_target(page, targets):
    """From an action's organizer page, send its results now to every target on offer; `targets`
    is how the send button counts them ("1 target", "2 targets")."""
    page.get_by_role("link", name="Deliver the results").click()
    page.locator("#target_ids").select_option(label=page.locator("#target_ids option").all_inner_texts())
    page.get_by_label("Subject").fill("{total} people signed: {action_title}")
    page.get_by_label("Message").fill("Dear {target_name}, {total} people ask you to stop.")
    page.get_by_role("button", name="Save and preview").click()
    page.get_by_role("button", name=re.compile(f"Send now to {targets}")).click()


def log_in(page, base_url, email, password):
    """Log `page` in through the organizer's login form, and wait for the dashboard."""
    page.goto(f"{base_url}/organize/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name=re.compile("Log in", re.I)).click()
    page.wait_for_url(re.compile(r"/organize/?$"))
