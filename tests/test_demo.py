"""`flask demo seed`: a realistic demo, made only into an empty database."""
from sqlalchemy import func, select

from campaign.extensions import db
from campaign.outbox.models import OutboxMessage
from campaign.petitions.models import Petition


def test_seed_makes_a_demo_once_and_prints_the_way_in(app, runner, client):
    first = runner.invoke(args=["demo", "seed", "--signatures", "25"])
    assert first.exit_code == 0, first.output
    assert "Demo data created." in first.output
    assert "organizer@example.org / demo-password-123" in first.output
    assert "/petitions/acme-stop-selling-location-data" in first.output

    again = runner.invoke(args=["demo", "seed"])
    assert "Demo data created." not in again.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Petition)) == 1
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0

    data = client.get("/petitions/acme-stop-selling-location-data.json").get_json()
    assert data["signature_count"] == 25 and data["goal"] == 1000 and data["state"] == "open"
    assert client.post("/organize/login", data={"email": "organizer@example.org",
                                                "password": "demo-password-123"}).status_code == 302
