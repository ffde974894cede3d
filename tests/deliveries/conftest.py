"""A petition with signers in NY-13, a split ZIP and Alaska, members of Congress and a company."""
import pytest

from campaign.base.extensions import db
from campaign.base.outbox.models import OutboxMessage
from campaign.core.targets.models import Target

from ..targets.test_congress import MEMBERS_CSV

SIGNERS = [  # (first name, postcode, shares email)
    ("Ada", "10027", True), ("Bob", "10027", False), ("Cy", "10025", True), ("Dee", "99501", False)]
MESSAGE = "Dear {target_name}, {constituents} of your constituents signed; {total} in all."


@pytest.fixture
def campaign_with_targets(app, runner, tmp_path, create_petition, sign, crosswalk, confirm_all):
    """Returns {"petition": id, bioguide id or "acme": target id}."""
    petition_id = create_petition(share_email_question="Let the targets see my email address.")
    crosswalk()
    for first, postcode, shares in SIGNERS:
        answers = {"shares_email": "y"} if shares else {}
        sign(first_name=first, email=f"{first.lower()}@example.org", postcode=postcode, **answers)
    confirm_all()
    (tmp_path / "members.csv").write_text(MEMBERS_CSV)
    runner.invoke(args=["targets", "import-congress", str(tmp_path / "members.csv")])
    (tmp_path / "contacts.csv").write_text(
        "bioguide_id,email,name\nE000297,ld@espaillat.example,LD\nB001323,staff@begich.example,\n")
    runner.invoke(args=["targets", "import-contacts", str(tmp_path / "contacts.csv")])
    with app.app_context():
        acme = Target(kind=Target.kind.type.enum_class("company"), name="Acme Social, Inc.")
        db.session.add(acme)
        db.session.flush()
        from campaign.core.targets.operations import add_contact
        add_contact(acme, "jordan@acme.example", "Jordan Reyes")
        db.session.execute(db.delete(OutboxMessage))  # the signers' confirmation mails are not under test
        db.session.commit()
        ids = {t.bioguide_id or "acme": t.id for t in db.session.scalars(db.select(Target))}
        db.session.remove()
    return {"petition": petition_id, **ids}


@pytest.fixture
def compose(client):
    """POST the delivery form; returns the response."""

    def post(petition_id, target_ids=(), **fields):
        data = {"selection": "hand", "subject": "{total} signed: {action_title}", "message": MESSAGE,
                "target_ids": [str(i) for i in target_ids], **fields}
        return client.post(f"/organize/deliveries/new/petition/{petition_id}", data=data)

    return post
