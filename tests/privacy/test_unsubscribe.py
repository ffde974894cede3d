"""Every email to a signer carries an unsubscribe link and one-click headers; opt-outs are honoured."""
import csv
import io
from email import message_from_bytes, policy

import pytest
from sqlalchemy import select

from campaign.base.extensions import db
from campaign.core.accounts.models import Role
from campaign.core.consent.models import OptOut
from campaign.core.signatures.models import SignatureState
from campaign.features.updates.models import Update, UpdateRecipient


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
        from campaign.core.signatures.models import Signature

        db.session.execute(db.update(Signature).values(state=SignatureState.CONFIRMED))
        db.session.commit()
    login(Role.ORGANIZER)
    text = client.get(f"/organize/petitions/{open_petition}/export.csv?consented_only=y").get_data(as_text=True)
    emails = [row[3] for row in csv.reader(io.StringIO(text))][1:]
    assert emails == ["grace@example.org"]
    everyone = client.get(f"/organize/petitions/{open_petition}/export.csv").get_data(as_text=True)
    assert "ada@example.org" in everyone  # the full list still shows who signed


# Every kind of mail the outbox knows goes to a signer (and carries the link and the one-click
# headers) or is named here with whom it goes to: a new kind fails the test below until it is one
# or the other.
NOT_TO_SIGNERS = {
    "delivery.message": "a target's office",
    "partner.download_link": "an endorsing partner's contact, about the signers who opted in to it",
    "update.test": "the organizer who wrote the update (a test copy)",
    "alert.waiting": "an organizer, who chose it at /organize/alerts (where they turn it off)",
    "alert.milestone": "an organizer, who chose it at /organize/alerts (where they turn it off)",
    "alert.digest": "an organizer, who chose it at /organize/alerts (where they turn it off)",
    "webhook.disabled": "an organizer, about their own webhook",
}


@pytest.fixture
def signers_of_every_kind(app, client, open_petition, create_letter, create_signature, smtp, deliver_mail):
    """{mail kind: [(outbox params, the mailbox key its unsubscribe link must name)]}: each kind
    of mail to a signer, for a signature and for each kind of sign-on (letter and endorsement)."""
    from campaign.core.letters.models import IndividualSignOn
    from campaign.core.organizations.models import OrganizationSignOn

    from ..letters.helpers import ORGANIZATION, sign_organization, sign_person

    letter_id = create_letter()
    sign_organization(client)
    sign_person(client)
    client.post("/petitions/stop-the-data-grab/endorse", data={**ORGANIZATION, "email": "rosa@endorser.example"},
                content_type="multipart/form-data")
    pending = create_signature(open_petition, email="pat@example.org", state=SignatureState.PENDING)
    confirmed = create_signature(open_petition, email="ada@example.org")
    with app.app_context():
        sign_ons = [("organization", s) for s in db.session.scalars(select(OrganizationSignOn))]
        sign_ons += [("individual", s) for s in db.session.scalars(select(IndividualSignOn))]
        assert len(sign_ons) == 3
        cases = {kind: [({"signer_kind": signer_kind, "sign_on_id": s.id}, s.email_key) for signer_kind, s in sign_ons]
                 for kind in ("sign_on.confirm", "sign_on.approved", "sign_on.already_signed")}
        cases["sign_on.rejected"] = [({**params, "message": "No."}, key) for params, key in cases["sign_on.confirm"]]
        cases["signature.confirm"] = [({"signature_id": pending}, "pat@example.org")]
        cases["signature.remind"] = [({"signature_id": pending}, "pat@example.org")]
        cases["signature.already_signed"] = [({"signature_id": confirmed}, "ada@example.org")]
        # An update, to a signer and to each kind of sign-on's contact.
        update = Update(action_kind="letter", action_id=letter_id, title="News", body_markdown="Hi",
                        body_html="<p>Hi</p>")
        db.session.add(update)
        db.session.flush()
        records = [("s", confirmed, "ada@example.org")] + [
            ("o" if signer_kind == "organization" else "i", s.id, s.email_key) for signer_kind, s in sign_ons]
        cases["update.mail"] = []
        for n, (record_kind, record_id, key) in enumerate(records):
            recipient = UpdateRecipient(update_id=update.id, record_kind=record_kind, record_id=record_id,
                                        outbox_message_id=-1 - n)
            db.session.add(recipient)
            db.session.flush()
            cases["update.mail"].append(({"recipient_id": recipient.id}, key))
        db.session.commit()
    # Updates first: an update is not rendered for a mailbox that opted out, as the others make them.
    return {"update.mail": cases.pop("update.mail"), **cases}


def test_every_mail_to_a_signer_has_the_unsubscribe_link_and_headers(app, client, signers_of_every_kind):
    from campaign.base.outbox import emails, transports
    from campaign.base.outbox.models import OutboxMessage

    assert set(signers_of_every_kind) == set(emails.kinds()) - set(NOT_TO_SIGNERS), "a mail kind to classify"
    for kind, cases in signers_of_every_kind.items():
        for params, email_key in cases:
            with app.app_context(), app.test_request_context(base_url=app.config["BASE_URL"]):
                rendered = emails.render(kind, params)
                message = transports.build_message(OutboxMessage(id=1, recipient="x@example.org"), rendered)
                parsed = message_from_bytes(message, policy=policy.default)
            assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click", kind
            path = unsubscribe_path(parsed)
            assert f"http://campaign.test{path}" in parsed.get_body(preferencelist=("plain",)).get_content(), kind
            assert f'href="http://campaign.test{path}"' in parsed.get_body(preferencelist=("html",)).get_content()
            assert client.post(path, data={"List-Unsubscribe": "One-Click"}).status_code == 200, kind
            assert (email_key, "one-click") in opt_outs(app), kind


def test_a_letter_signer_unsubscribes_from_the_confirmation_mail(app, client, create_letter, smtp, deliver_mail):
    from ..letters.helpers import sign_person

    create_letter()
    sign_person(client)
    deliver_mail()
    [message] = smtp.to("sam@example.org")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    client.post(unsubscribe_path(message), data={"List-Unsubscribe": "One-Click"})
    assert opt_outs(app) == [("sam@example.org", "one-click")]
