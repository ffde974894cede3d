"""Headers every mail from the outbox carries: Auto-Submitted, and MAIL_REPLY_TO's Reply-To."""
import pytest

from campaign.base.outbox import transports
from campaign.base.outbox.emails import Rendered
from campaign.base.outbox.models import OutboxMessage


def test_every_mail_says_it_was_sent_automatically(open_petition, sign, smtp, deliver_mail):
    sign()
    deliver_mail()
    assert smtp.messages[0]["Auto-Submitted"] == "auto-generated"


def test_mail_without_a_reply_to_of_its_own_gets_mail_reply_to(app, open_petition, sign, smtp, deliver_mail,
                                                                 monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_REPLY_TO", "Campaign team <team@campaign.test>")
    sign()
    deliver_mail()
    assert smtp.messages[0]["Reply-To"] == "Campaign team <team@campaign.test>"


def test_a_reply_to_of_its_own_wins_over_mail_reply_to(app, smtp, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_REPLY_TO", "team@campaign.test")
    rendered = Rendered(subject="Results", text="Results.", html="<p>Results.</p>", reply_to="organizer@example.org")
    row = OutboxMessage(id=3, recipient="office@house.example")
    with app.app_context():
        with transports.connect() as send:
            send(transports.envelope_sender(row, rendered), [row.recipient], transports.build_message(row, rendered))
    assert smtp.messages[0]["Reply-To"] == "organizer@example.org"
    assert smtp.messages[0]["Auto-Submitted"] == "auto-generated"  # to a target's office too


def test_without_mail_reply_to_there_is_no_reply_to(open_petition, sign, smtp, deliver_mail):
    sign()
    deliver_mail()
    assert smtp.messages[0]["Reply-To"] is None


def test_a_header_with_a_line_break_is_refused_for_good_not_sent(app, smtp):
    rendered = Rendered(subject="Results\r\nBcc: everyone@example.org", text="Results.", html="<p>Results.</p>")
    with app.app_context(), pytest.raises(transports.PermanentFailure, match="line break"):
        transports.build_message(OutboxMessage(id=4, recipient="office@house.example"), rendered)
    assert smtp.messages == []
