"""Share cards: a PNG with the title and the count, and the tags that point to it."""
import io

from PIL import Image

from campaign.core.letters.models import LetterState
from campaign.core.petitions.models import PetitionState


def test_a_petition_card_is_a_1200_by_630_png(client, open_petition, create_signature):
    create_signature(open_petition)
    response = client.get("/petitions/stop-the-data-grab/card.png?n=1")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert Image.open(io.BytesIO(response.data)).size == (1200, 630)


def test_the_page_names_the_card_with_its_count_for_sharing(client, open_petition, create_signature):
    create_signature(open_petition)
    html = client.get("/petitions/stop-the-data-grab").text
    card = "http://campaign.test/petitions/stop-the-data-grab/card.png?n=1&amp;lang=en"
    assert f'<meta property="og:image" content="{card}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta property="og:description" content="1 signature. Acme sells our data.">' in html


def test_a_letter_has_a_card_too(client, create_letter):
    create_letter()
    html = client.get("/letters/dear-acme-board").text
    assert 'content="http://campaign.test/letters/dear-acme-board/card.png?n=0&amp;lang=en"' in html
    assert client.get("/letters/dear-acme-board/card.png").mimetype == "image/png"


def test_no_card_for_what_is_not_public(client, create_petition, create_letter):
    create_petition(slug="draft-one", state=PetitionState.DRAFT)
    create_letter(slug="draft-letter", state=LetterState.DRAFT)
    assert client.get("/petitions/draft-one/card.png").status_code == 404
    assert client.get("/letters/draft-letter/card.png").status_code == 404
    assert client.get("/petitions/nothing/card.png").status_code == 404


def test_a_renamed_actions_card_follows_it(app, client, open_petition, create_letter):
    """A card shared before a rename is found at the new address, as every public page is."""
    from campaign.base.extensions import db
    from campaign.core.letters.models import Letter
    from campaign.core.petitions.models import Petition

    letter_id = create_letter()
    with app.app_context():
        db.session.get(Petition, open_petition).rename("new-name")
        db.session.get(Letter, letter_id).rename("new-letter")
        db.session.commit()
    moved = client.get("/petitions/stop-the-data-grab/card.png?n=3")
    assert moved.status_code == 301 and moved.location == "/petitions/new-name/card.png?n=3"
    assert client.get(moved.location).mimetype == "image/png"
    moved = client.get("/letters/dear-acme-board/card.png")
    assert moved.status_code == 301 and moved.location == "/letters/new-letter/card.png"


def test_a_card_is_in_its_pages_language(app, client, open_petition, create_letter, monkeypatch):
    """A Spanish page's og:image asks for the Spanish card: its words, its title and its count
    written for Spanish ("1.234 firmas de 2.000")."""
    from campaign.base.extensions import db
    from campaign.core.petitions.models import Petition
    from campaign.features.charts import cards, views

    with app.app_context():
        petition = db.session.get(Petition, open_petition)
        petition.goal = 2000
        petition.set_translations({"es": {"title": "Alto a la venta de datos", "body_markdown": "Acme vende datos.",
                                          "target_text": "Acme"}})
        db.session.commit()
    monkeypatch.setattr(views.tallies, "by_region", lambda petition_id: ({}, 1234, {}))
    drawn = []
    monkeypatch.setattr(cards, "render", lambda *args: drawn.append(args) or b"png")  # what it would draw
    html = client.get("/petitions/stop-the-data-grab?lang=es").text
    assert 'card.png?n=1234&amp;lang=es">' in html
    client.get("/petitions/stop-the-data-grab/card.png?n=1234&lang=es")
    client.get("/petitions/stop-the-data-grab/card.png?n=1234&lang=en")
    assert drawn[0][:3] == ("Petición", "Alto a la venta de datos", "1.234 firmas de 2.000")
    assert drawn[1][:3] == ("Petition", "Stop the data grab", "1,234 signatures of 2,000")
    create_letter()
    client.get("/letters/dear-acme-board/card.png?lang=es")
    assert drawn[2][0] == "Carta colectiva" and drawn[2][2] == "Todavía no hay firmantes"


def test_the_spanish_card_is_drawn_apart_from_the_english(client, open_petition):
    english = client.get("/petitions/stop-the-data-grab/card.png?lang=en")
    spanish = client.get("/petitions/stop-the-data-grab/card.png?lang=es")
    assert english.data != spanish.data and "Accept-Language" in spanish.headers["Vary"]
