"""Security headers: a strict Content-Security-Policy, no framing, no sniffing, and `@frameable`."""
import re

import config
from campaign import create_app
from campaign.web.hardening.headers import frameable


def test_every_page_has_the_security_headers(client, open_petition):
    for path in ("/", "/petitions/stop-the-data-grab", "/organize/login", "/no/such/page"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "style-src 'self'" in csp
        assert "frame-ancestors 'none'" in csp and "form-action 'self'" in csp and "base-uri 'self'" in csp
        assert "img-src 'self' data:" in csp
        assert "unsafe-inline" not in csp
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_a_frameable_view_may_be_framed_by_any_site(database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url})

    @app.get("/__embed")
    @frameable
    def embed():
        return "an embed"

    response = app.test_client().get("/__embed")
    assert "frame-ancestors *" in response.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in response.headers
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_no_template_has_inline_script_or_style():
    """CSP would block them. Mail templates may style inline: mail is not served under CSP."""
    for template in (config.ROOT / "templates").rglob("*.html"):
        if template.parent.name == "email":
            continue
        html = template.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), template
        assert not re.search(r"<style\b", html), template
        assert not re.search(r"\sstyle=", html), template
        assert not re.search(r"\son[a-z]+=", html), template
        assert "javascript:" not in html, template


def test_session_cookies_are_httponly_samesite_and_renewed_at_login(client, create_organizer):
    create_organizer(email="o@example.org")
    client.get("/organize/login")
    before = client.get_cookie("session")
    response = client.post("/organize/login", data={"email": "o@example.org",
                                                    "password": "correct horse battery staple"})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    after = client.get_cookie("session")
    assert after is not None and (before is None or before.value != after.value)

