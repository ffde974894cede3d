"""Logos: checked, re-encoded, served safely; bad ones refused with a clear message."""
import io

from PIL import Image

from campaign.accounts.models import Role

from .helpers import confirm_from_mail, organization_id, sign_organization


def image_bytes(size=(40, 20), format="PNG", color=(200, 30, 30)):
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format=format)
    return out.getvalue()


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


def refused(client, logo, message):
    response = sign_organization(client, logo=logo)
    assert response.status_code == 422, response.status_code
    assert message in response.text
    assert 'value="Privacy Now"' in response.text  # the form comes back as typed
    assert client.get("/letters/dear-acme-board.json").get_json()["organization_count"] == 0


def test_bad_logos_are_refused_with_a_clear_message(app, client, create_letter):
    create_letter()
    with app.app_context():
        from campaign.organizations import logos

        stored_before = set(logos.directory().iterdir())
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    refused(client, upload(svg, "logo.svg"), "The logo must be a PNG, JPEG, WebP or GIF image.")
    refused(client, upload(b"<html><script>alert(1)</script></html>", "logo.png"),
            "The logo must be a PNG, JPEG, WebP or GIF image.")
    refused(client, upload(b"%PDF-1.4 not an image", "logo.pdf"), "The logo must be a PNG, JPEG, WebP or GIF image.")
    huge = image_bytes() + b"\0" * app.config["LOGO_MAX_BYTES"]
    refused(client, upload(huge, "logo.png"), "The logo is too large")
    refused(client, upload(image_bytes(size=(5000, 4000), format="PNG"), "big.png"), "too many pixels")
    with app.app_context():
        assert set(logos.directory().iterdir()) == stored_before  # nothing stored for refused uploads


def test_a_body_too_large_to_read_gets_a_clear_page(app, client, create_letter):
    create_letter()
    response = sign_organization(client, logo=upload(b"\0" * (app.config["LOGO_MAX_BYTES"] * 3), "huge.png"))
    assert response.status_code == 413
    assert "The logo is too large" in response.text
