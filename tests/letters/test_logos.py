"""Logos: checked after the rest of the form, re-encoded, served safely, shown to moderators and
in the finished letter. Hostile files: tests/security/test_hostile_uploads.py."""
import io

from PIL import Image
from pypdf import PdfReader

from campaign.core.accounts.models import Role
from campaign.core.organizations import logos

from ..images import image_bytes, many_scans_jpeg, phone_photo_bytes
from .helpers import confirm_from_mail, organization_id, sign_organization


def upload(data, name):
    return (io.BytesIO(data), name)


def test_a_logo_is_re_encoded_and_served_as_png(app, client, create_letter, login, smtp, deliver_mail):
    create_letter()
    sign_organization(client, logo=upload(image_bytes(format="JPEG"), "logo.jpg"))
    confirm_from_mail(client, smtp, deliver_mail, "rosa@privacynow.example")
    login(Role.ORGANIZER)
    client.post(f"/organize/sign-ons/organization/{organization_id(app, 'Privacy Now')}/approve")
    page = client.get("/letters/dear-acme-board").text
    [src] = [part.split('"')[0] for part in page.split('src="')[1:] if part.startswith("/logos/")]
    response = client.get(src)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert Image.open(io.BytesIO(response.data)).format == "PNG"
    assert client.get("/logos/../config.py").status_code == 404
    assert client.get("/logos/evil.svg").status_code == 404


def test_a_body_too_large_to_read_gets_a_clear_page(app, client, create_letter):
    create_letter()
    response = sign_organization(client, logo=upload(b"\0" * (app.config["LOGO_MAX_BYTES"] * 3), "huge.png"))
    assert response.status_code == 413
    assert "The logo is too large" in response.text


def stored_logos(app):
    with app.app_context():
        return sorted(path.name for path in logos.directory().iterdir())


def test_the_logo_is_read_only_when_the_rest_of_the_form_is_valid(app, client, create_letter):
    create_letter()
    before = stored_logos(app)
    response = sign_organization(client, email="", logo=upload(many_scans_jpeg(), "logo.jpg"))
    assert response.status_code == 422
    assert "Enter the contact&#39;s email address." in response.text
    assert logos.TOO_MANY_SCANS not in response.text  # the upload was never looked at
    assert "Choose the logo again" in response.text  # browsers never send a file back
    assert 'value="Privacy Now"' in response.text
    assert stored_logos(app) == before


def test_progressive_jpegs_and_phone_photos_are_logos(app, client, create_letter):
    create_letter()
    before = len(stored_logos(app))
    for n, data in enumerate([image_bytes(format="JPEG", progressive=True), phone_photo_bytes()]):
        response = sign_organization(client, name=f"Group {n}", email=f"g{n}@example.org", website="",
                                     logo=upload(data, "photo.jpg"))
        assert response.status_code == 200, response.text
    assert len(stored_logos(app)) == before + 2


def colours(image):
    return {colour for _, colour in image.convert("RGB").getcolors()}


def test_the_print_view_and_the_pdf_carry_listed_logos(app, client, create_letter, login, smtp, deliver_mail):
    create_letter()
    sign_organization(client, logo=upload(image_bytes(color=(200, 30, 30)), "logo.png"))
    sign_organization(client, name="Quiet Fund", email="q@quiet.example", website="", is_listed=None,
                      logo=upload(image_bytes(color=(30, 30, 200)), "quiet.png"))
    for address in ("rosa@privacynow.example", "q@quiet.example"):
        confirm_from_mail(client, smtp, deliver_mail, address)
    login(Role.ORGANIZER)
    for name in ("Privacy Now", "Quiet Fund"):
        client.post(f"/organize/sign-ons/organization/{organization_id(app, name)}/approve")
    client.post("/organize/logout")

    page = client.get("/letters/dear-acme-board/print").text
    [src] = [part.split('"')[0] for part in page.split('src="')[1:] if part.startswith("/logos/")]
    assert colours(Image.open(io.BytesIO(client.get(src).data))) == {(200, 30, 30)}
    assert "Quiet Fund" not in page
    pdf = PdfReader(io.BytesIO(client.get("/letters/dear-acme-board.pdf").data))
    [logo] = [image for page in pdf.pages for image in page.images]  # the unlisted one's logo is not there
    assert colours(logo.image) == {(200, 30, 30)}
