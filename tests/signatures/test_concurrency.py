"""One signature per mailbox, even when many requests arrive at the same moment."""
from sqlalchemy import func, select

from campaign.extensions import db
from campaign.outbox.models import OutboxMessage
from campaign.signatures.models import Signature

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


def test_twenty_threads_confirm_one_signature_and_it_counts_once(app, client, open_petition, sign):
    from campaign.signatures import tokens

    sign()
    with app.app_context(), app.test_request_context():
        token = tokens.make(db.session.scalar(select(Signature)))

    def confirm_once(i):
        c = app.test_client()
        return c.post(f"/confirm/{token}").status_code

    assert run_in_threads(20, confirm_once) == [200] * 20
    assert client.get("/petitions/stop-the-data-grab.json").get_json()["signature_count"] == 1
