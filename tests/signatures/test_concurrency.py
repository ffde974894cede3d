"""One signature per mailbox, even when many requests arrive at the same moment."""
from sqlalchemy import func, select

from campaign import create_app
from campaign.base.extensions import db
from campaign.base.outbox.models import OutboxMessage
from campaign.core.signatures.models import Signature

from ..conftest import SIGNER, run_in_threads


def test_twenty_threads_sign_with_one_address(app, open_petition):
    def sign_once(i):
        client = app.test_client()
        response = client.post("/petitions/stop-the-data-grab", data={**SIGNER, "first_name": f"Ada{i}"})
        return response.status_code

    statuses = run_in_threads(20, sign_once)
    assert statuses == [302] * 20
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Signature)) == 1
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 1


def test_a_signature_holds_one_of_the_pools_connections_at_a_time(app, open_petition, crosswalk):
    """Signing reads (the petition, the ZIP area's districts) and writes (on PostgreSQL on a
    connection of its own): never both at once, or many threads signing would drain the pool and
    wait on each other. With a pool of one connection, a second would time out at once."""
    crosswalk()
    narrow = create_app({**{k: app.config[k] for k in ("SQLALCHEMY_DATABASE_URI", "MAIL_FILE_DIR", "LOGO_DIR")},
                         "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": 1, "max_overflow": 0, "pool_timeout": 0.5}})
    client = narrow.test_client()
    for n, postcode in enumerate(["10027", "10025", "10027"]):
        response = client.post("/petitions/stop-the-data-grab", data={**SIGNER, "email": f"n{n}@example.org",
                                                                      "postcode": postcode})
        assert response.status_code == 302
    assert client.post("/petitions/stop-the-data-grab", data=SIGNER | {"email": "n0@example.org"}).status_code == 302
    with narrow.app_context():
        assert db.session.scalar(select(func.count()).select_from(Signature)) == 3
        db.engine.dispose()


def test_twenty_threads_confirm_one_signature_and_it_counts_once(app, client, open_petition, sign):
    from campaign.base import tokens

    sign()
    with app.app_context(), app.test_request_context():
        token = tokens.make(db.session.scalar(select(Signature)))

    def confirm_once(i):
        c = app.test_client()
        return c.post(f"/confirm/{token}").status_code

    assert run_in_threads(20, confirm_once) == [200] * 20
    assert client.get("/petitions/stop-the-data-grab.json").get_json()["signature_count"] == 1
