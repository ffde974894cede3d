"""Signing a letter again with the same mailbox: the visitor sees the usual page; the mailbox's
owner gets the confirmation again (pending) or "you already signed" (confirmed), throttled."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import update

from campaign.base.extensions import db
from campaign.base.timeutil import utcnow
from campaign.core.letters.models import IndividualSignOn, Letter

from ..conftest import Mailbox
from .helpers import confirm_from_mail, sign_person

SAM = "sam@example.org"


def subjects(smtp):
    return [mail["Subject"] for mail in smtp.to(SAM)]


def allow_another_mail(app):
    with app.app_context():
        db.session.execute(update(IndividualSignOn).values(last_mailed_at=utcnow() - timedelta(hours=1)))
        db.session.commit()


def test_the_owner_of_the_mailbox_is_told_and_the_visitor_learns_nothing(app, client, create_letter, smtp,
                                                                         deliver_mail):
    create_letter()
    first = sign_person(client)
    again = sign_person(client, first_name="Samuel")
    assert again.status_code == first.status_code == 200
    # The same page, but for the share links' referral code: a fresh one each time, kept nowhere for the repeat.
    assert re.sub(r"ref(=|%3D)[\w-]{10}", "", again.text) == re.sub(r"ref(=|%3D)[\w-]{10}", "", first.text)
    deliver_mail()
    assert subjects(smtp) == ["Please confirm: Letter to the Acme board"]  # throttled: one mail

    allow_another_mail(app)
    sign_person(client)
    deliver_mail()
    assert subjects(smtp) == ["Please confirm: Letter to the Acme board"] * 2  # pending: the link again

    confirm_from_mail(client, smtp, deliver_mail, SAM)
    allow_another_mail(app)
    sign_person(client)
    sign_person(client)
    deliver_mail()
    assert subjects(smtp)[-1] == "You have already signed: Letter to the Acme board"
    assert subjects(smtp).count("You have already signed: Letter to the Acme board") == 1


@pytest.mark.parametrize("confirmed", [True, False])
def test_a_rejected_signer_who_signs_again_is_told_it_was_not_accepted(app, client, login, create_letter, smtp,
                                                                        deliver_mail, confirmed):
    from campaign.core.accounts.models import Organizer, Role

    create_letter()
    sign_person(client)
    if confirmed:
        confirm_from_mail(client, smtp, deliver_mail, SAM)
    login(Role.ORGANIZER)
    with app.app_context():
        organizer = db.session.scalar(db.select(Organizer))
        db.session.execute(update(Letter).values(created_by_id=organizer.id))
        db.session.commit()
        organizer_email, person = organizer.email, db.session.scalar(db.select(IndividualSignOn.id))
    client.post(f"/organize/sign-ons/individual/{person}/reject", data={"message": ""})
    allow_another_mail(app)
    sign_person(client)
    deliver_mail()  # unconfirmed, the first confirmation goes with it, over another connection
    told = [m for m in smtp.to(SAM) if m["Subject"] == "You have already signed: Letter to the Acme board"]
    assert len(told) == 1
    text = Mailbox.text(told[0])
    assert "counts once" not in text and "not accepted" in text
    assert organizer_email in text  # whom to ask
