"""A partner organization endorses a petition: confirm, approve, then the page and JSON show it."""
from sqlalchemy import select

from campaign.base.extensions import db
from campaign.core.accounts.models import Role
from campaign.core.petitions.models import Petition

from .helpers import ORGANIZATION, confirm_from_mail, organization_id


def test_endorsement_journey(app, client, open_petition, login, smtp, deliver_mail):
    page = client.get("/petitions/stop-the-data-grab")
    assert "Endorse as an organization" in page.text
    form = client.get("/petitions/stop-the-data-grab/endorse")
    assert form.status_code == 200 and 'enctype="multipart/form-data"' in form.text

    response = client.post("/petitions/stop-the-data-grab/endorse", data=ORGANIZATION,
                           content_type="multipart/form-data")
    assert "Check your inbox" in response.text
    confirm_from_mail(client, smtp, deliver_mail, "rosa@privacynow.example")
    data = client.get("/petitions/stop-the-data-grab.json").get_json()
    assert data["endorsement_count"] == 0
    assert set(data) == {"slug", "title", "language", "languages", "state", "signature_count", "goal", "by_state",
                         "updated_at", "endorsement_count", "updates", "responses"}

    login(Role.VIEWER)
    with app.app_context():
        petition_id = db.session.scalar(select(Petition.id))
    assert client.get(f"/organize/petitions/{petition_id}/endorsements").status_code == 403
    client.post("/organize/logout")
    login(Role.ORGANIZER, email="editor@example.org")
    queue = client.get(f"/organize/petitions/{petition_id}/endorsements")
    assert "Privacy Now" in queue.text
    client.post(f"/organize/sign-ons/organization/{organization_id(app, 'Privacy Now')}/approve")

    assert client.get("/petitions/stop-the-data-grab.json").get_json()["endorsement_count"] == 1
    page = client.get("/petitions/stop-the-data-grab").text
    assert "Endorsed by 1 organization" in page and "Privacy Now" in page


def test_endorsing_a_closed_petition_is_refused(client, create_petition):
    from campaign.core.petitions.models import PetitionState

    create_petition(state=PetitionState.CLOSED)
    response = client.post("/petitions/stop-the-data-grab/endorse", data=ORGANIZATION,
                           content_type="multipart/form-data")
    assert response.status_code == 409 and "no longer takes endorsements" in response.text
