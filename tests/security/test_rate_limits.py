"""Rate limits on signing and confirming, and where the client address comes from."""
import os
import subprocess
import sys

import pytest
from sqlalchemy import select

import config
from campaign import create_app
from campaign.base.extensions import db
from campaign.core.signatures.models import Signature

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
    # A separate process, as another worker or server would be.
    script = f"""
import uuid
from campaign import create_app
# keys under a fresh prefix (they expire within the minute), so nothing shared is touched
prefix = "campaign-security-test-" + uuid.uuid4().hex
def make():
    app = create_app({{"SQLALCHEMY_DATABASE_URI": "sqlite://", "RATELIMIT_STORAGE_URI": "{REDIS_URL}",
                       "RATELIMIT_KEY_PREFIX": prefix, "CONFIRM_RATE_LIMIT": "2 per minute"}})
    assert type(app.extensions["rate_limits"].strategy.storage).__name__ == "RedisStorage"
    return app
statuses = [make().test_client().get("/confirm/x").status_code for _ in range(3)]
print(statuses)
"""
    env = {**os.environ, "CAMPAIGN_ENV": "testing"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=config.ROOT,
                            env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[404, 404, 429]"


def test_a_refusal_says_when_to_come_back(app, client):
    app.config["CONFIRM_RATE_LIMIT"] = "1 per minute"
    try:
        client.get("/confirm/not-a-token")
        refused = client.get("/confirm/not-a-token")
        assert refused.status_code == 429
        assert 1 <= int(refused.headers["Retry-After"]) <= 60
        assert "Wait a minute" in refused.text
    finally:
        app.config["CONFIRM_RATE_LIMIT"] = config.TestingConfig.CONFIRM_RATE_LIMIT


@pytest.mark.parametrize("strategy", ["fixed-window", "moving-window", "sliding-window-counter"])
def test_every_strategy_of_the_limits_library_holds(database_url, open_petition, strategy):
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_STRATEGY": strategy,
                      "SIGN_RATE_LIMIT": "2 per minute"})
    client = app.test_client()
    statuses = [client.post("/petitions/stop-the-data-grab",
                            data={"first_name": "Ada", "last_name": "L", "email": f"{strategy}-{i}@example.org",
                                  "postcode": "10027"}
                            ).status_code for i in range(3)]
    assert statuses == [302, 302, 429]


def test_with_limits_switched_off_nothing_is_counted(database_url, open_petition):
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_ENABLED": False,
                      "SIGN_RATE_LIMIT": "1 per minute", "CONFIRM_RATE_LIMIT": "1 per minute"})
    client = app.test_client()
    assert app.extensions["rate_limits"] is None
    assert [client.get("/confirm/x").status_code for _ in range(3)] == [404, 404, 404]
    statuses = [client.post("/petitions/stop-the-data-grab",
                            data={"first_name": "Ada", "last_name": "L", "email": f"off-{i}@example.org",
                                  "postcode": "10027"}
                            ).status_code for i in range(3)]
    assert statuses == [302, 302, 302]


@pytest.mark.parametrize("settings, named", [
    ({"SIGN_RATE_LIMIT": "twenty a minute"}, "SIGN_RATE_LIMIT"),
    ({"LOGIN_RATE_LIMIT": "10 per minute;lots"}, "LOGIN_RATE_LIMIT"),
    ({"RATELIMIT_STRATEGY": "leaky-bucket"}, "RATELIMIT_STRATEGY"),
])
def test_a_setting_that_cannot_be_read_stops_the_app_at_start(settings, named):
    with pytest.raises(RuntimeError, match=named):
        create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", **settings})
