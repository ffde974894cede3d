"""Rate limits on signing and confirming, and where the client address comes from."""
import os
import subprocess
import sys

import pytest
from sqlalchemy import select

import config
from campaign import create_app
from campaign.extensions import db
from campaign.signatures.models import Signature

REDIS_URL = "redis://127.0.0.1:6379/3"


def test_signing_is_limited_per_address_per_petition_with_a_friendly_page(app, create_petition, sign):
    create_petition()
    create_petition(slug="another")
    app.config["SIGN_RATE_LIMIT"] = "3 per minute"
    try:
        statuses = [sign(email=f"s{i}@example.org").status_code for i in range(4)]
        assert statuses == [302, 302, 302, 429]
        refused = sign(email="late@example.org")
        assert "Too many requests" in refused.text and "Traceback" not in refused.text
        assert sign(slug="another").status_code == 302  # another petition, another bucket
    finally:
        app.config["SIGN_RATE_LIMIT"] = config.TestingConfig.SIGN_RATE_LIMIT


def test_signing_is_limited_per_address_over_every_petition(app, create_petition, sign):
    for slug in ("one", "two", "three"):
        create_petition(slug=slug)
    app.config["SIGN_RATE_LIMIT_GLOBAL"] = "2 per minute"
    try:
        assert [sign(slug=slug).status_code for slug in ("one", "two", "three")] == [302, 302, 429]
        other = app.test_client()
        response = other.post("/petitions/three", data={"first_name": "B", "last_name": "C",
                                                         "email": "b@example.org"},
                              environ_base={"REMOTE_ADDR": "198.51.100.7"})
        assert response.status_code == 302  # another address is not held up
    finally:
        app.config["SIGN_RATE_LIMIT_GLOBAL"] = config.TestingConfig.SIGN_RATE_LIMIT_GLOBAL


def test_confirmation_is_limited(app, client):
    app.config["CONFIRM_RATE_LIMIT"] = "2 per minute"
    try:
        statuses = [client.get("/confirm/not-a-token").status_code for _ in range(3)]
        assert statuses == [404, 404, 429]
    finally:
        app.config["CONFIRM_RATE_LIMIT"] = config.TestingConfig.CONFIRM_RATE_LIMIT


def test_showing_the_page_is_not_limited(app, client, open_petition):
    app.config["SIGN_RATE_LIMIT"] = "1 per minute"
    try:
        assert {client.get("/petitions/stop-the-data-grab").status_code for _ in range(5)} == {200}
    finally:
        app.config["SIGN_RATE_LIMIT"] = config.TestingConfig.SIGN_RATE_LIMIT


def _stored_address(database_url, proxies, forwarded_for, peer="10.0.0.1"):
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TRUSTED_PROXY_COUNT": proxies})
    email = f"p{proxies}-{len(forwarded_for)}@example.org"
    response = app.test_client().post(
        "/petitions/stop-the-data-grab",
        data={"first_name": "Ada", "last_name": "L", "email": email},
        headers={"X-Forwarded-For": forwarded_for},
        environ_base={"REMOTE_ADDR": peer},
    )
    assert response.status_code == 302
    with app.app_context():
        address = db.session.scalar(select(Signature.ip_address).where(Signature.email == email))
        db.session.remove()
    return address


def test_a_raw_x_forwarded_for_is_ignored_without_trusted_proxies(database_url, open_petition):
    assert _stored_address(database_url, 0, "203.0.113.9") == "10.0.0.1"


@pytest.mark.parametrize("proxies, expected", [(1, "192.0.2.2"), (2, "192.0.2.1")])
def test_x_forwarded_for_is_believed_for_exactly_the_trusted_hops(database_url, open_petition, proxies, expected):
    # The client forged the first entry; each trusted proxy appended the address it saw.
    assert _stored_address(database_url, proxies, "203.0.113.66, 192.0.2.1, 192.0.2.2") == expected


def test_rate_limits_work_with_redis_storage():
    """With RATELIMIT_STORAGE_URI pointing at Redis, limits hold across app instances."""
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception as error:  # any failure to reach it: no Redis here
        if os.environ.get("REQUIRE_REDIS"):
            pytest.fail(f"REQUIRE_REDIS is set but Redis does not answer at {REDIS_URL}: {error}")
        pytest.skip(f"Redis does not answer at {REDIS_URL}")
    # A separate process, so that the suite's own limiter keeps its memory storage.
    script = f"""
import uuid
from campaign import create_app
from campaign.extensions import limiter
# keys under a fresh prefix (they expire within the minute), so nothing shared is touched
prefix = "campaign-security-test-" + uuid.uuid4().hex
def make():
    return create_app({{"SQLALCHEMY_DATABASE_URI": "sqlite://", "RATELIMIT_STORAGE_URI": "{REDIS_URL}",
                        "RATELIMIT_KEY_PREFIX": prefix, "CONFIRM_RATE_LIMIT": "2 per minute"}})
statuses = [make().test_client().get("/confirm/x").status_code for _ in range(3)]
assert type(limiter._storage).__name__ == "RedisStorage", limiter._storage
print(statuses)
"""
    env = {**os.environ, "CAMPAIGN_ENV": "testing"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=config.ROOT,
                            env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[404, 404, 429]"


def test_only_routes_with_limits_consult_the_limiter(app, client, open_petition):
    """Every limit is a route decorator, so Flask-Limiter's check of every request is taken off
    (the tests above prove the decorated limits hold); an app with limits switched off starts too."""
    from campaign.extensions import limiter

    assert limiter._check_request_limit not in app.before_request_funcs[None]
    app.config["SIGN_RATE_LIMIT"] = "1 per minute"
    try:
        for _ in range(3):
            assert client.get("/petitions/stop-the-data-grab").status_code == 200
            assert client.get("/petitions/stop-the-data-grab.json").status_code == 200
    finally:
        app.config["SIGN_RATE_LIMIT"] = config.TestingConfig.SIGN_RATE_LIMIT
    # In another process: init_app with limits off would switch off the suite's shared limiter.
    script = """
from campaign import create_app
off = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "RATELIMIT_ENABLED": False})
assert off.test_client().get("/__nothing__").status_code == 404
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=config.ROOT,
                            env={**os.environ, "CAMPAIGN_ENV": "testing"}, timeout=60)
    assert result.returncode == 0, result.stderr
