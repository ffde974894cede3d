"""Every email to a signer carries an unsubscribe link and one-click headers; opt-outs are honoured."""
import csv
import io

from sqlalchemy import select

from campaign.accounts.models import Role
from campaign.extensions import db
from campaign.privacy.models import OptOut
from campaign.signatures.models import SignatureState


def unsubscribe_path(message):
    header = message["List-Unsubscribe"]
    assert header.startswith("<http://campaign.test/unsubscribe/") and header.endswith(">")
    return header[1:-1].removeprefix("http://campaign.test")


def opt_outs(app):
    with app.app_context():
        return [(o.email_key, o.method) for o in db.session.scalars(select(OptOut))]


def test_the_confirmation_mail_carries_the_link_and_headers(client, open_petition, sign, smtp, deliver_mail):
    sign(email="Ada.Lovelace+petitions@Example.org")
    deliver_mail()
    message = smtp.messages[0]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = unsubscribe_path(message)
    assert f"http://campaign.test{path}" in smtp.text(message)
    assert "ada" not in path.lower()  # the address is not in the link
    page = client.get(path)
    assert page.status_code == 200 and "Unsubscribe</button>" in page.text


def test_unsubscribing_with_the_button(app, client, open_petition, sign, smtp, deliver_mail):
    sign()
    deliver_mail()
    path = unsubscribe_path(smtp.messages[0])
    response = client.post(path)
    assert response.status_code == 200 and "You are unsubscribed" in response.text
    assert client.post(path).status_code == 200  # twice is harmless
    assert opt_outs(app) == [("ada@example.org", "link")]


def test_one_click_unsubscribe_needs_no_form_token(app, open_petition, sign, smtp, deliver_mail):
    sign()
    deliver_mail()
    path = unsubscribe_path(smtp.messages[0])
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = app.test_client().post(path, data={"List-Unsubscribe": "One-Click"})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 200
    assert opt_outs(app) == [("ada@example.org", "one-click")]


def test_a_forged_or_altered_link_is_refused(client, open_petition, sign, smtp, deliver_mail):
    sign()
    deliver_mail()
    path = unsubscribe_path(smtp.messages[0])
    for bad in (path[:-3] + "abc", "/unsubscribe/nonsense", "/unsubscribe/" + "x" * 300):
        assert client.get(bad).status_code == 404
        assert client.post(bad).status_code == 404


def test_exports_of_consenting_signers_leave_out_who_unsubscribed(app, client, login, open_petition,
                                                                  create_signature, smtp, deliver_mail, sign):
    create_signature(open_petition, email="grace@example.org", has_consented=True)
    sign(has_consented="y")
    deliver_mail()
    client.post(unsubscribe_path(smtp.messages[0]))
    with app.app_context():
        from campaign.signatures.models import Signature

        db.session.execute(db.update(Signature).values(state=SignatureState.CONFIRMED))
        db.session.commit()
    login(Role.ORGANIZER)
    text = client.get(f"/organize/petitions/{open_petition}/export.csv?consented_only=y").get_data(as_text=True)
    emails = [row[3] for row in csv.reader(io.StringIO(text))][1:]
    assert emails == ["grace@example.org"]
    everyone = client.get(f"/organize/petitions/{open_petition}/export.csv").get_data(as_text=True)
    assert "ada@example.org" in everyone  # the full list still shows who signed
