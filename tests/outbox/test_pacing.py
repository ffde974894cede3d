"""Which mail goes first, and how fast to each receiving domain."""
from datetime import timedelta

from sqlalchemy import select

from campaign.base.extensions import db
from campaign.base.outbox import worker
from campaign.base.outbox.board import Board, Job
from campaign.base.outbox.models import OutboxMessage, OutboxStatus
from campaign.base.outbox.operations import enqueue
from campaign.base.timeutil import utcnow


def test_confirmations_are_claimed_before_deliveries_and_reminders(app, app_context):
    enqueue("signature.remind", "late@example.org", signature_id=1)
    enqueue("delivery.message", "office@house.example", recipient_id=1)
    enqueue("signature.confirm", "waiting@example.org", signature_id=2)
    db.session.commit()
    claimed = [worker.claim(1, "1")[0].recipient for _ in range(3)]
    assert claimed == ["waiting@example.org", "office@house.example", "late@example.org"]


def test_a_domain_that_answers_421_is_paused_with_all_its_mail(app, open_petition, sign, smtp, deliver_mail):
    smtp.refuse["ada@example.org"] = (421, "4.7.0 Try again later")
    for email in ("ada@example.org", "grace@example.org", "lisa@example.org", "tim@example.net"):
        sign(email=email)
    app.config.update(OUTBOX_CONNECTIONS=1, OUTBOX_BATCH_SIZE=2)
    try:
        deliver_mail()
    finally:
        app.config.update(OUTBOX_CONNECTIONS=4, OUTBOX_BATCH_SIZE=50)
    assert [m["To"] for m in smtp.messages] == ["tim@example.net"]
    with app.app_context():
        rows = {row.recipient: row for row in db.session.scalars(select(OutboxMessage))}
        db.session.remove()
    assert rows["ada@example.org"].attempts == 1 and "421" in rows["ada@example.org"].last_error
    for waiting in ("grace@example.org", "lisa@example.org"):  # held in the worker's hand, and in the queue
        assert rows[waiting].status is OutboxStatus.QUEUED and rows[waiting].attempts == 0
        assert rows[waiting].next_attempt_at > utcnow() + timedelta(seconds=50)
    assert rows["tim@example.net"].status is OutboxStatus.SENT


def test_a_domain_over_its_rate_waits_while_others_go():
    board = Board(rates="example.org=1/minute", default_rate="")
    for n, address in enumerate(["a@example.org", "b@Example.org", "c@other.test"]):
        board.add(Job(n, "k", address, 0, utcnow()))
    assert [board.take().recipient, board.take().recipient] == ["a@example.org", "c@other.test"]
    assert len(board) == 1  # b@Example.org waits for the next minute
