"""The app factory, its configuration and its error pages."""
import re
import subprocess
import sys

import pytest
from werkzeug.routing import IntegerConverter

import config
from campaign import create_app


def test_production_refuses_the_default_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY is not set"):
        create_app({"ENV_NAME": "production", "SECRET_KEY": config.DEVELOPMENT_SECRET_KEY,
                    "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_production_refuses_to_start_without_a_mail_server():
    """Without MAIL_SERVER mail goes to files and stdout: live confirmation links, never in production."""
    with pytest.raises(RuntimeError, match="MAIL_SERVER is not set") as refused:
        create_app({"ENV_NAME": "production", "SECRET_KEY": "x" * 64, "MAIL_SERVER": None,
                    "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert "SECRET_KEY" not in str(refused.value) and "CAMPAIGN_ENV=development" in str(refused.value)


def test_production_starts_with_a_real_secret_key_and_a_mail_server():
    class Production(config.Config):
        ENV_NAME = "production"
        SECRET_KEY = "x" * 64
        MAIL_SERVER = "smtp.example.org"
        SQLALCHEMY_DATABASE_URI = "sqlite://"

    app = create_app(Production)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_gunicorn_entry_point_refuses_to_start_without_secret(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "CAMPAIGN_ENV": "production", "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    result = subprocess.run([sys.executable, "-c", "import wsgi"], env=env, capture_output=True, text=True,
                            cwd=config.ROOT)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr and "MAIL_SERVER is not set" in result.stderr


def test_environment_variables_configure_the_app(monkeypatch):
    monkeypatch.setenv("CAMPAIGN_ENV", "development")
    code = (
        "import config; c = config.from_environment(); "
        "print(c.ENV_NAME, c.SQLALCHEMY_DATABASE_URI, c.MAIL_SERVER, c.MAIL_PORT, c.MAIL_USE_TLS, c.BASE_URL)"
    )
    env = {"PATH": "/usr/bin:/bin", "CAMPAIGN_ENV": "development", "DATABASE_URL": "postgres://u@db/campaign",
           "MAIL_SERVER": "smtp.example.org", "MAIL_PORT": "587", "MAIL_USE_TLS": "true",
           "BASE_URL": "https://act.example.org/"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=config.ROOT)
    assert result.stdout.split() == ["development", "postgresql+psycopg://u@db/campaign", "smtp.example.org",
                                     "587", "True", "https://act.example.org"]


def test_error_pages_are_friendly_and_never_show_a_traceback(database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": False})

    @app.get("/__boom")
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/__boom")
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert "secret internals" not in response.text and "Traceback" not in response.text


def test_wrong_method_and_unknown_page(client):
    assert client.delete("/").status_code == 405
    missing = client.get("/no/such/page")
    assert missing.status_code == 404 and "Page not found" in missing.text


def test_oversized_bodies_are_refused(client, open_petition):
    response = client.post("/petitions/stop-the-data-grab", data={"comment": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert "Too large" in response.text


def test_csrf_is_enforced_outside_tests(app, open_petition):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        client = app.test_client()
        response = client.post("/petitions/stop-the-data-grab", data={"first_name": "A"})
        assert response.status_code == 400
        assert "The form had expired" in response.text
        page = client.get("/petitions/stop-the-data-grab").text
        token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
        ok = client.post("/petitions/stop-the-data-grab", data={
            "csrf_token": token, "first_name": "Ada", "last_name": "L", "email": "ada@example.org"})
        assert ok.status_code == 302
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_every_organizer_form_post_needs_its_csrf_token(app):
    """CSRFProtect checks every POST before its view runs, so views do not check it again: a POST
    to any organizer route without the session's token is refused, whatever it names."""
    rules = [rule for rule in app.url_map.iter_rules()
             if "POST" in rule.methods and rule.rule.startswith("/organize/") and rule.rule != "/organize/login"]
    assert len(rules) > 20
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        client = app.test_client()
        for rule in rules:
            path = rule.rule
            for argument in rule.arguments:
                is_int = isinstance(rule._converters[argument], IntegerConverter)
                path = path.replace(f"<{'int:' if is_int else ''}{argument}>", "1" if is_int else "x")
            assert client.post(path, data={}).status_code == 400, path
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_favicon_ico_answers_and_every_page_links_the_icons(client, open_petition):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.data.startswith(b"\x00\x00\x01\x00")  # an ICO file
    assert icon.mimetype in {"image/vnd.microsoft.icon", "image/x-icon"}
    for path in ("/", "/petitions/stop-the-data-grab", "/organize/login", "/no/such/page"):
        links = re.findall(r'<link rel="icon" href="([^"]+)"', client.get(path).text)
        assert links == ["/favicon.ico", "/static/img/favicon.svg"], path
    svg = client.get("/static/img/favicon.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml" and b"<svg" in svg.data
