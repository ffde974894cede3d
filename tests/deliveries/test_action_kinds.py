"""Letters and endorsed petitions delivered: the coalition's names in the message, the letter's PDF attached."""
import io

from pypdf import PdfReader

from campaign.base.extensions import db
from campaign.core.targets.models import Target, TargetKind
from campaign.core.targets.operations import add_contact

from ..conftest import Mailbox
from ..letters.helpers import ORGANIZATION, confirm_from_mail, organization_id, sign_organization

MESSAGE = "Dear {target_name}: {organization_count} organizations ({organizations}) and {total} signers in all."


def company(app):
    with app.app_context():
        target = Target(kind=TargetKind.COMPANY, name="Acme Social, Inc.")
        db.session.add(target)
        db.session.flush()
        add_contact(target, "board@acme.example", "The Board")
        db.session.commit()
        return target.id


def deliver(client, deliver_mail, kind, action_id, target_id):
    """Compose a delivery of the action to the target, send it, and deliver the outbox."""
    composed = client.post(f"/organize/deliveries/new/{kind}/{action_id}", data={
        "selection": "hand", "subject": "{action_title}", "message": MESSAGE, "target_ids": [str(target_id)]})
    assert composed.status_code == 302, composed.text
    delivery = int(composed.location.split("/deliveries/")[1].split("/")[0])
    client.post(f"/organize/deliveries/{delivery}/send")
    deliver_mail()


def approved_organization(app, client, smtp, deliver_mail, path, **answers):
    """An organization signs the letter (or, given a `path`, endorses there), confirms, and is approved."""
    if path is None:
        sign_organization(client, **answers)
    else:
        client.post(path, data={**ORGANIZATION, **answers}, content_type="multipart/form-data")
    confirm_from_mail(client, smtp, deliver_mail, answers.get("email", "rosa@privacynow.example"))
    sign_on = organization_id(app, answers.get("name", "Privacy Now"))
    assert client.post(f"/organize/sign-ons/organization/{sign_on}/approve").status_code == 302


def test_a_letter_is_delivered_with_its_pdf(app, client, login, create_letter, smtp, deliver_mail):
    letter_id = create_letter()
    login()
    approved_organization(app, client, smtp, deliver_mail, None)
    approved_organization(app, client, smtp, deliver_mail, None, name="Quiet Org", email="q@quiet.example",
                          website="https://quiet.example", is_listed=None)  # counted, never named
    target_id = company(app)
    smtp.messages.clear()

    deliver(client, deliver_mail, "letter", letter_id, target_id)

    [mail] = smtp.to("board@acme.example")
    assert mail["Subject"] == "Letter to the Acme board"
    assert "Dear Acme Social, Inc.: 1 organizations (Privacy Now) and 2 signers in all." in Mailbox.text(mail)
    [pdf] = [part for part in mail.iter_attachments() if part.get_content_type() == "application/pdf"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.get_content())).pages)
    assert "Letter to the Acme board" in text and "Privacy Now" in text
    assert "Quiet Org" not in text and "Quiet Org" not in mail.as_string()
    assert "rosa@privacynow.example" not in mail.as_string()


def test_a_petition_delivery_names_its_endorsers(app, client, login, open_petition, smtp, deliver_mail):
    login()
    approved_organization(app, client, smtp, deliver_mail, "/petitions/stop-the-data-grab/endorse")
    target_id = company(app)
    smtp.messages.clear()
    deliver(client, deliver_mail, "petition", open_petition, target_id)
    [mail] = smtp.to("board@acme.example")
    assert "1 organizations (Privacy Now) and 0 signers in all." in Mailbox.text(mail)


def test_a_delivery_shrinks_each_logo_once_for_all_its_recipients(
        app, client, login, create_letter, smtp, deliver_mail, monkeypatch):
    """Every recipient gets the letter's PDF; the logos in it are shrunk once, not once a recipient."""
    from campaign.core.letters import pdf as letter_pdf

    from ..images import image_bytes

    letter_id = create_letter()
    login()
    for name, email, colour in (("Privacy Now", "rosa@privacynow.example", (200, 30, 30)),
                                ("Open Data Fund", "ida@opendata.example", (30, 30, 200))):
        approved_organization(app, client, smtp, deliver_mail, None, name=name, email=email,
                              logo=(io.BytesIO(image_bytes(size=(600, 300), color=colour)), "logo.png"))
    target_id = company(app)
    with app.app_context():
        target = db.session.get(Target, target_id)
        for n in range(2):
            add_contact(target, f"member{n}@acme.example", f"Member {n}")
        db.session.commit()
    shrunk = []
    shrink = letter_pdf.shrink
    monkeypatch.setattr(letter_pdf, "shrink", lambda path: shrunk.append(path.name) or shrink(path))
    smtp.messages.clear()
    deliver(client, deliver_mail, "letter", letter_id, target_id)

    delivered = [mail for mail in smtp.messages if mail["To"].endswith("@acme.example")]
    assert len(delivered) == 3
    assert len(shrunk) == len(set(shrunk)) == 2
    logos = []
    for mail in delivered:
        [attached] = [part for part in mail.iter_attachments() if part.get_content_type() == "application/pdf"]
        images = [image for page in PdfReader(io.BytesIO(attached.get_content())).pages for image in page.images]
        logos.append([(image.image.size, image.image.tobytes()) for image in images])
    assert logos[0] == logos[1] == logos[2]
    assert [size for size, _ in logos[0]] == [(166, 83), (166, 83)]  # 600x300 shrunk into 190x83
