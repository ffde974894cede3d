"""An organizer who reads the site in Spanish is told things in Spanish: flashed messages, refusals
of a transition in the wrong state, form errors."""
from campaign.core.petitions.models import PetitionState


def test_flashed_messages_and_refusals_are_in_the_pages_language(client, login, create_petition):
    draft = create_petition(state=PetitionState.DRAFT)
    login()
    client.set_cookie("lang", "es")
    saved = client.post("/organize/alerts", data={"on_milestone": "y"}, follow_redirects=True)
    assert "Sus alertas se guardaron." in saved.text
    refused = client.post(f"/organize/petitions/{draft}/close", data={"confirm": "y"}, follow_redirects=True)
    assert "Solo se puede cerrar una petición abierta." in refused.text
    unticked = client.post(f"/organize/petitions/{draft}/close", data={}, follow_redirects=True)
    assert "No cambió nada: marque “Sí, cerrarla” para cerrar la petición." in unticked.text
    webhook = client.post("/organize/webhooks/", data={"url": "ftp://example.org/", "events": []})
    assert "La URL de un webhook empieza con https://." in webhook.text and "Elija al menos un evento." in webhook.text
    assert "Cerró la sesión." in client.post("/organize/logout", follow_redirects=True).text
    assert "Inicie sesión para ver esa página." in client.get("/organize/alerts", follow_redirects=True).text
