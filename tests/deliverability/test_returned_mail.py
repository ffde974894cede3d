"""Bounces and complaints through `flask mail bounces`: a real SMTP server refuses or bounces,
its DSNs reach the command by pipe or Maildir, and the mailbox is no longer mailed."""
import email
import mailbox

from sqlalchemy import select

from campaign.base.extensions import db
from campaign.base.mail.models import MailReturn, ReturnKind, Suppression
from campaign.base.outbox.models import OutboxMessage, OutboxStatus
from campaign.core.consent.models import OptOut

from ..conftest import detached
from .conftest import BOUNCE_ADDRESS, arf, dsn


def _rows(app, model, *conditions):
    return detached(app, select(model).where(*conditions).order_by(model.id))


def _pipe(runner, data):
    result = runner.invoke(args=["mail", "bounces"], input=data)
    assert result.exit_code == 0, result.output
    return result.output


def test_each_message_leaves_with_a_return_path_of_its_own(app, open_petition, create_petition, sign, bouncing_smtp,
                                                          deliver_mail):
    create_petition(slug="second", title="Second")
    sign(email="ada@example.org")
    sign("second", email="ada@example.org")
    deliver_mail()
    senders = [message.envelope_from for message in bouncing_smtp.messages]  # in any order: several connections
    named = set()
    for sender in senders:
        local, _, domain = sender.partition("@")
        assert domain == "campaign.test" and local.startswith("bounces+")
        assert len(local) <= 64 and local == local.lower()
        named.add(int(local.removeprefix("bounces+").split("-", 1)[0]))
    assert named == {row.id for row in _rows(app, OutboxMessage)}


def test_without_a_bounce_address_mail_leaves_from_its_sender(app, open_petition, sign, smtp, deliver_mail):
    sign()
    deliver_mail()
    assert smtp.messages[0].envelope_from == "no-reply@localhost"  # MAIL_DEFAULT_SENDER, as before


def test_a_recipient_refused_with_550_is_never_mailed_again(app, client, login, open_petition, create_petition, sign,
                                                           bouncing_smtp, deliver_mail):
    bouncing_smtp.refuse["gone@example.com"] = (550, "5.1.1 No such user")
    sign(email="gone@example.com")
    deliver_mail()
    assert [s.reason for s in _rows(app, Suppression)] == [ReturnKind.HARD]
    create_petition(slug="second", title="Second")
    sign("second", email="Gone@Example.com")
    deliver_mail()
    assert bouncing_smtp.messages == []
    assert _rows(app, OutboxMessage)[-1].status is OutboxStatus.SUPPRESSED


def test_a_refusal_of_the_sender_by_policy_suppresses_nobody(app, open_petition, sign, bouncing_smtp, deliver_mail):
    bouncing_smtp.refuse["ada@example.org"] = (550, "5.7.1 Client host blocked")
    sign(email="ada@example.org")
    deliver_mail()
    assert _rows(app, OutboxMessage)[0].status is OutboxStatus.FAILED
    assert _rows(app, Suppression) == []


def test_a_hard_bounce_piped_in_suppresses_the_mailbox_its_return_path_names(
        app, client, login, open_petition, create_petition, sign, bouncing_smtp, deliver_mail, runner):
    # The DSN names a forwarding address; the return path still names the signer's message.
    bouncing_smtp.bounce["ada@example.org"] = "5.1.1"
    bouncing_smtp.forwards["ada@example.org"] = "ada.lovelace@old-employer.example"
    sign(email="ada@example.org")
    sign(email="grace@example.org")
    deliver_mail()
    assert len(bouncing_smtp.messages) == 2 and len(bouncing_smtp.returned) == 1
    output = _pipe(runner, bouncing_smtp.returned[0])
    assert "1 hard bounces" in output
    [entry] = _rows(app, Suppression)
    assert entry.email_key == "ada@example.org" and entry.reason is ReturnKind.HARD

    login()
    page = client.get(f"/organize/petitions/{open_petition}/signatures").get_data(as_text=True)
    ada_row = next(row for row in page.split("<tr>") if "ada@example.org" in row)
    grace_row = next(row for row in page.split("<tr>") if "grace@example.org" in row)
    assert "undeliverable" in ada_row and "undeliverable" not in grace_row

    create_petition(slug="second", title="Second")
    sign("second", email="ada@example.org")
    sign("second", email="grace@example.org")
    deliver_mail()
    assert [m["To"] for m in bouncing_smtp.messages[2:]] == ["grace@example.org"]
    statuses = {row.recipient: row.status for row in _rows(app, OutboxMessage)[2:]}
    assert statuses == {"ada@example.org": OutboxStatus.SUPPRESSED, "grace@example.org": OutboxStatus.SENT}


def test_a_forged_return_path_names_nobody_but_the_failed_address(app, open_petition, sign, bouncing_smtp,
                                                                   deliver_mail, runner):
    bouncing_smtp.bounce["ada@example.org"] = "5.1.1"
    bouncing_smtp.forwards["ada@example.org"] = "ada.lovelace@old-employer.example"
    sign(email="ada@example.org")
    deliver_mail()
    forged = bouncing_smtp.returned[0].replace(b"bounces+1-", b"bounces+1-x").replace(b"bounces+", b"bounces+9")
    _pipe(runner, forged)
    assert [s.email_key for s in _rows(app, Suppression)] == ["ada.lovelace@old-employer.example"]


def test_soft_bounces_suppress_after_the_limit_read_from_a_maildir(app, open_petition, create_petition, sign,
                                                                   bouncing_smtp, deliver_mail, runner, tmp_path,
                                                                   monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SOFT_BOUNCE_LIMIT", 2)
    folder = mailbox.Maildir(tmp_path / "bounces", create=True)
    bouncing_smtp.bounce["full@example.com"] = "4.2.2"
    sign(email="full@example.com")
    deliver_mail()
    folder.add(bouncing_smtp.returned[0])
    result = runner.invoke(args=["mail", "bounces", "--maildir", str(tmp_path / "bounces")])
    assert "Read 1 message: 0 hard bounces, 1 soft bounces" in result.output
    assert _rows(app, Suppression) == []

    # Read again: nothing new; the message was marked seen.
    result = runner.invoke(args=["mail", "bounces", "--maildir", str(tmp_path / "bounces")])
    assert "Read 0 messages" in result.output
    assert len(_rows(app, MailReturn)) == 1

    create_petition(slug="second", title="Second")
    sign("second", email="full@example.com")
    deliver_mail()
    folder.add(bouncing_smtp.returned[1])
    runner.invoke(args=["mail", "bounces", "--maildir", str(tmp_path / "bounces")])
    assert [s.reason for s in _rows(app, Suppression)] == [ReturnKind.SOFT]


def test_soft_bounces_outside_the_window_do_not_add_up(app, open_petition, sign, bouncing_smtp, deliver_mail, runner,
                                                        monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SOFT_BOUNCE_LIMIT", 2)
    monkeypatch.setitem(app.config, "MAIL_SOFT_BOUNCE_DAYS", 0)
    bouncing_smtp.bounce["full@example.com"] = "4.2.2"
    sign(email="full@example.com")
    deliver_mail()
    _pipe(runner, bouncing_smtp.returned[0])
    _pipe(runner, bouncing_smtp.returned[0])
    assert len(_rows(app, MailReturn)) == 2 and _rows(app, Suppression) == []


def test_a_complaint_suppresses_and_unsubscribes(app, open_petition, sign, bouncing_smtp, deliver_mail, runner):
    sign(email="ada@example.org")
    deliver_mail()
    received = bouncing_smtp.messages[0]
    original = email.message_from_bytes(received.as_bytes())
    original["Return-Path"] = f"<{received.envelope_from}>"
    # Feedback loops report to the sender's abuse address, not to the return path.
    output = _pipe(runner, arf("abuse@campaign.test", original))
    assert "1 complaints" in output
    assert [s.reason for s in _rows(app, Suppression)] == [ReturnKind.COMPLAINT]
    assert [(o.email_key, o.method) for o in _rows(app, OptOut)] == [("ada@example.org", "complaint")]


def test_mail_that_is_no_bounce_changes_nothing(app, runner):
    assert "1 not understood" in _pipe(runner, b"From: someone@example.com\nTo: " + BOUNCE_ADDRESS.encode()
                                       + b"\nSubject: Out of office\n\nBack on Monday.\n")
    assert "1 not understood" in _pipe(runner, b"\x00\xff garbage")
    assert _rows(app, MailReturn) == []


def test_an_organizer_sees_the_rates_and_lifts_a_suppression(app, client, login, open_petition, create_petition, sign,
                                                              create_letter, bouncing_smtp, deliver_mail, runner,
                                                              html_pages):
    from campaign.core.organizations.models import OrganizationSignOn

    bouncing_smtp.bounce["ada@example.org"] = "5.1.1"
    sign(email="ada@example.org")
    sign(email="grace@example.org")
    letter_id = create_letter()
    with app.app_context():
        db.session.add(OrganizationSignOn(letter_id=letter_id, name="Org", name_key="org", contact_name="Ada",
                                          email="ada@example.org", email_key="ada@example.org"))
        db.session.commit()
    deliver_mail()
    _pipe(runner, bouncing_smtp.returned[0])
    login()
    assert "/organize/mail" in client.get("/organize/").get_data(as_text=True)
    page = client.get("/organize/mail").get_data(as_text=True)
    html_pages.record("GET /organize/mail", page.encode())
    rows = page.split("<tr>")
    # example.org got two messages, one bounced; the petition has two signers, one bounced; the letter one.
    assert "50.0%" in next(row for row in rows if "<td>example.org</td>" in row)
    assert "1 (50.0%)" in next(row for row in rows if "Stop the data grab" in row)
    assert "1 (100.0%)" in next(row for row in rows if "(letter)" in row)
    spanish = client.get("/organize/mail?lang=es").get_data(as_text=True).split("<tr>")  # rates written for Spanish
    assert "1 (50,0%)" in next(row for row in spanish if "Stop the data grab" in row)
    assert "Rebote permanente" in next(row for row in spanish if "ada@example.org" in row)
    client.get("/organize/mail?lang=en")
    [entry] = _rows(app, Suppression)
    assert client.post(f"/organize/mail/suppressions/{entry.id}/lift").status_code == 302
    assert _rows(app, Suppression)[0].lifted_at is not None

    create_petition(slug="second", title="Second")
    sign("second", email="ada@example.org")
    deliver_mail()
    assert bouncing_smtp.messages[-1]["To"] == "ada@example.org"


def test_forget_clears_the_suppression(app, open_petition, sign, bouncing_smtp, deliver_mail, runner):
    bouncing_smtp.refuse["gone@example.com"] = (550, "5.1.1 No such user")
    sign(email="gone@example.com")
    deliver_mail()
    assert _rows(app, Suppression)
    assert runner.invoke(args=["privacy", "forget", "gone@example.com"]).exit_code == 0
    assert _rows(app, Suppression) == [] and _rows(app, MailReturn) == []


def test_undeliverable_signers_are_marked_where_organizers_see_them(app, client, login, open_petition, create_letter,
                                                                      create_signature, runner):
    from campaign.core.organizations.models import OrganizationSignOn
    from campaign.core.signatures.models import SignatureState

    letter_id = create_letter()
    create_signature(open_petition, email="ada@example.org", state=SignatureState.FLAGGED, flag_reasons="fast")
    create_signature(open_petition, email="grace@example.org", state=SignatureState.FLAGGED, flag_reasons="fast")
    with app.app_context():
        db.session.add(OrganizationSignOn(letter_id=letter_id, name="Org", name_key="org", contact_name="Ada",
                                          email="Ada@Example.org", email_key="ada@example.org"))
        db.session.commit()
    bounced = dsn_to("ada@example.org")
    _pipe(runner, bounced)
    login()
    for url in (f"/organize/petitions/{open_petition}/flagged", f"/organize/letters/{letter_id}/queue"):
        page = client.get(url).get_data(as_text=True)
        assert page.count("undeliverable") == 1, url
    page = client.get(f"/organize/petitions/{open_petition}/signatures").get_data(as_text=True)
    assert "undeliverable" in next(row for row in page.split("<tr>") if "ada@example.org" in row)
    assert "undeliverable" not in next(row for row in page.split("<tr>") if "grace@example.org" in row)


def dsn_to(address):
    """A bounce of `address` with no return path of ours (as from a server that rewrote it)."""
    return dsn("postmaster@campaign.test", address, "5.1.1", b"To: " + address.encode() + b"\r\n\r\n")


def test_retention_drops_old_bounces_and_keeps_the_suppression(app, open_petition, sign, bouncing_smtp, deliver_mail,
                                                                 runner, create_petition):
    from datetime import timedelta

    from campaign.base.timeutil import utcnow

    bouncing_smtp.refuse["gone@example.com"] = (550, "5.1.1 No such user")
    sign(email="gone@example.com")
    deliver_mail()
    create_petition(slug="second", title="Second")
    sign("second", email="gone@example.com")
    deliver_mail()
    with app.app_context():
        long_ago = utcnow() - timedelta(days=app.config["SIGNATURE_RETENTION_DAYS"] + 1)
        for model in (MailReturn, OutboxMessage):
            for row in db.session.scalars(select(model)):
                row.created_at = long_ago
        db.session.commit()
    output = runner.invoke(args=["privacy", "retention"]).output
    assert "dropped 1 old bounces and complaints" in output
    assert _rows(app, MailReturn) == [] and len(_rows(app, Suppression)) == 1
    assert [(row.status, row.recipient) for row in _rows(app, OutboxMessage)] == [
        (OutboxStatus.FAILED, "gone@example.com"), (OutboxStatus.SUPPRESSED, "")]
