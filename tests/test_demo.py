"""`flask demo seed`: a realistic demo, made only into an empty database."""
from sqlalchemy import func, select

from campaign import create_app
from campaign.base.extensions import db
from campaign.base.outbox.models import OutboxMessage
from campaign.core.accounts.models import Organizer
from campaign.core.petitions.models import Petition


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


def test_seed_refuses_outside_development(app):
    """The demo organizer's password is published: `flask demo seed` never runs in production."""
    production = create_app({"ENV_NAME": "production", "SECRET_KEY": "x" * 64, "MAIL_SERVER": "smtp.example.org",
                             "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    refused = production.test_cli_runner().invoke(args=["demo", "seed"])
    assert refused.exit_code == 1
    assert "The demo is for a developer's machine" in refused.output
    assert "CAMPAIGN_ENV is 'production'" in refused.output and "demo-password-123" not in refused.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Organizer)) == 0
        assert db.session.scalar(select(func.count()).select_from(Petition)) == 0


def test_the_demo_petition_and_letters_are_in_english_and_spanish(runner, client):
    runner.invoke(args=["demo", "seed", "--signatures", "10"])
    spanish = {"Accept-Language": "es-MX,es;q=0.9"}
    petition = client.get("/petitions/acme-stop-selling-location-data", headers=spanish)
    assert "Acme Social: dejen de vender nuestra ubicación" in petition.text
    assert "Quiero recibir noticias de esta campaña" in petition.text and 'role="note"' not in petition.text
    letter = client.get("/letters/acme-board-location-data", headers=spanish)
    assert "Carta a la junta directiva de Acme Social" in letter.text and 'role="note"' not in letter.text
    employees = client.get("/letters/acme-employees-and-shareholders", headers=spanish)
    assert "Su puesto en Acme Social, o desde cuándo es accionista" in employees.text
    for path in ("/petitions/acme-stop-selling-location-data.json", "/letters/acme-board-location-data.json"):
        assert client.get(path).get_json()["languages"] == ["en", "es"]
    english = client.get("/petitions/acme-stop-selling-location-data", headers={"Accept-Language": "en"})
    assert "Acme Social: stop selling our location data" in english.text
