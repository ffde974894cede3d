"""Webhooks: registered on their page, written in the event's transaction, sent in signed batches
to a real local HTTP server, retried, switched off with mail, replayed; no request forgery."""
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from openapi_schema_validator import OAS31Validator
from sqlalchemy import select, update

import config
from campaign.base.extensions import db
from campaign.base.timeutil import utcnow
from campaign.core.signatures.models import SignatureState
from campaign.features.privacy import operations as privacy_operations
from campaign.features.webhooks import destinations, sending
from campaign.features.webhooks.models import DeliveryStatus, Webhook, WebhookDelivery

from .. import readme_snippets

DOCUMENT = json.loads((config.ROOT / "campaign/features/api/openapi.json").read_text())
EVENT_SCHEMA = OAS31Validator({"$ref": "#/components/schemas/WebhookEvent", "components": DOCUMENT["components"]})


class Receiver:
    """A local HTTP server that keeps what it is sent and answers with `status`."""

    def __init__(self):
        self.posts, self.status = [], 200
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.posts.append((dict(self.headers), body))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook?campaign=1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def events(self):
        return [event for _, body in self.posts for event in json.loads(body)]


@pytest.fixture
def receiver(app):
    app.config["WEBHOOKS_ALLOW_PRIVATE"] = True
    served = Receiver()
    served.thread.start()
    yield served
    served.server.shutdown()
    app.config["WEBHOOKS_ALLOW_PRIVATE"] = False


@pytest.fixture
def register(client, login):
    """Add a webhook on the page as an organizer (who stays logged in); returns (its id, its secret)."""
    login(email="hooks@example.org")

    def add(url, events=("signature.confirmed",)):
        page = client.post("/organize/webhooks/", data={"url": url, "events": list(events)})
        assert page.status_code == 200, page.text
        secret = page.text.split('<code id="new-secret">', 1)[1].split("</code>", 1)[0]
        with client.application.app_context():
            return db.session.scalar(select(Webhook.id).where(Webhook.secret == secret)), secret

    return add


def work(app):
    with app.app_context():
        return sending.run(once=True)


def test_confirmed_signatures_arrive_signed_and_batched(app, receiver, register, open_petition, sign, confirm):
    hook_id, secret = register(receiver.url)
    for n in range(3):
        assert sign(email=f"signer{n}@example.org").status_code in (200, 302, 303)
        confirm(f"signer{n}@example.org")
    sign(email="pending@example.org")  # not confirmed: no event
    assert work(app) == 3
    assert len(receiver.posts) == 1  # one POST for the three
    headers, body = receiver.posts[0]
    verify = readme_snippets.run("verify")["verify"]
    assert verify(secret, headers["Campaign-Webhook-Timestamp"], headers["Campaign-Webhook-Signature"], body)
    assert not verify(secret, headers["Campaign-Webhook-Timestamp"], headers["Campaign-Webhook-Signature"],
                      body + b" ")
    assert not verify("whsec_other", headers["Campaign-Webhook-Timestamp"], headers["Campaign-Webhook-Signature"],
                      body)
    events = receiver.events()
    for event in events:  # as the OpenAPI document's `webhooks` says
        EVENT_SCHEMA.validate(event)
    assert [e["event"] for e in events] == ["signature.confirmed"] * 3
    assert [e["osdi:signature"]["person"]["email_addresses"][0]["address"] for e in events] == [
        f"signer{n}@example.org" for n in range(3)]
    assert events[0]["osdi:signature"]["status"] == "confirmed"
    assert work(app) == 0 and len(receiver.posts) == 1  # sent once
    with app.app_context():
        assert {d.status for d in db.session.scalars(select(WebhookDelivery))} == {DeliveryStatus.SENT}


def test_only_the_events_a_webhook_takes_and_only_what_committed(app, receiver, register, open_petition,
                                                                 create_signature):
    register(receiver.url, events=("person.unsubscribed",))
    create_signature(open_petition, email="quiet@example.org")
    with app.app_context():
        privacy_operations.opt_out("gone@example.org")
        db.session.rollback()  # the opt-out never happened: neither did its event
        privacy_operations.opt_out("out@example.org")
        db.session.commit()
    work(app)
    assert [(e["event"], e["osdi:person"]["email_addresses"][0]["address"]) for e in receiver.events()] == [
        ("person.unsubscribed", "out@example.org")]


def test_failures_are_retried_then_the_webhook_is_switched_off_with_mail(app, client, login, receiver, register,
                                                                         open_petition, sign, confirm, smtp,
                                                                         deliver_mail):
    app.config["WEBHOOKS_MAX_FAILURES"] = 2
    try:
        hook_id, _ = register(receiver.url)
        sign(email="a@example.org")
        confirm("a@example.org")
        receiver.status = 500
        work(app)
        with app.app_context():
            row = db.session.scalar(select(WebhookDelivery))
            assert (row.status, row.attempts, row.last_status) == (DeliveryStatus.QUEUED, 1, 500)
            assert row.next_attempt_at > utcnow() + timedelta(seconds=50)  # backoff
            db.session.execute(update(WebhookDelivery).values(next_attempt_at=utcnow()))
            db.session.commit()
        work(app)
        assert len(receiver.posts) == 2
        with app.app_context():
            hook = db.session.get(Webhook, hook_id)
            assert not hook.is_active and hook.disabled_at is not None
            assert db.session.scalar(select(WebhookDelivery.status)) is DeliveryStatus.FAILED
        deliver_mail()
        [mail] = smtp.to("hooks@example.org")
        assert "switched off" in mail["Subject"] and "500" in smtp.text(mail)
        # Fixed: switch it back on, replay from the log.
        receiver.status = 200
        log = client.get(f"/organize/webhooks/{hook_id}/log")
        assert "failed" in log.text and "Replay" in log.text
        assert client.post(f"/organize/webhooks/{hook_id}/switch").status_code == 302
        with app.app_context():
            delivery_id = db.session.scalar(select(WebhookDelivery.id))
        assert client.post(f"/organize/webhooks/{hook_id}/events/{delivery_id}/replay").status_code == 302
        work(app)
        assert len(receiver.posts) == 3 and receiver.events()[-1]["id"] == delivery_id
    finally:
        app.config["WEBHOOKS_MAX_FAILURES"] = config.TestingConfig.WEBHOOKS_MAX_FAILURES


def test_a_test_send_and_someone_elses_webhook(app, client, login, receiver, register):
    hook_id, _ = register(receiver.url)
    assert client.post(f"/organize/webhooks/{hook_id}/test").status_code == 302
    work(app)
    assert [e["event"] for e in receiver.events()] == ["webhook.test"]
    client.post("/organize/logout")
    login(email="other@example.org")
    assert client.post(f"/organize/webhooks/{hook_id}/test").status_code == 403
    assert client.get(f"/organize/webhooks/{hook_id}/log").status_code == 403


def test_erasing_a_person_drops_their_events_and_tells_the_webhook(app, receiver, register, open_petition,
                                                                    create_signature, sign, confirm):
    register(receiver.url, events=("signature.confirmed", "person.erased"))
    sign(email="forget.me@example.org")
    confirm("forget.me@example.org")
    with app.app_context():
        privacy_operations.forget("forget.me@example.org")
        db.session.commit()
        assert db.session.scalars(select(WebhookDelivery.event)).all() == ["person.erased"]
    work(app)
    assert [(e["event"], e["osdi:person"]["email_addresses"][0]["address"]) for e in receiver.events()] == [
        ("person.erased", "forget.me@example.org")]


@pytest.mark.parametrize("url, message", [
    ("http://hooks.example.org/x", "https://"),
    ("https://127.0.0.1/x", "not public"),
    ("https://localhost/x", "not public"),
    ("https://10.1.2.3/x", "not public"),
    ("https://169.254.169.254/latest/meta-data", "not public"),
    ("https://[::1]/x", "not public"),
    ("https://[::ffff:192.168.0.1]/x", "not public"),
    ("https://user:pw@hooks.example.org/x", "user name"),
    ("https:///x", "names a host"),
    ("https://hooks.example.org:99999/x", "not a URL"),
])
def test_registering_refuses_what_could_forge_requests(client, login, url, message):
    login()
    page = client.post("/organize/webhooks/", data={"url": url, "events": ["signature.confirmed"]})
    assert page.status_code == 422 and message in page.text and url.split("/")[2].split("@")[-1][:8] in page.text


def test_the_send_checks_the_address_again(app, receiver, register, open_petition, sign, confirm):
    """Registered while private addresses were allowed (or a name that resolved elsewhere then):
    at send time the address is checked again, and nothing reaches it."""
    register(receiver.url)
    sign(email="a@example.org")
    confirm("a@example.org")
    app.config["WEBHOOKS_ALLOW_PRIVATE"] = False
    work(app)
    assert receiver.posts == []
    with app.app_context():
        row = db.session.scalar(select(WebhookDelivery))
        assert row.status is DeliveryStatus.QUEUED and "https://" in row.last_error


def test_a_name_is_checked_on_every_address_it_resolves_to(monkeypatch):
    monkeypatch.setattr(destinations.socket, "getaddrinfo", lambda *a, **k: [
        (2, 1, 6, "", ("93.184.216.34", 443)), (2, 1, 6, "", ("10.0.0.5", 443))])
    with pytest.raises(destinations.RefusedDestination, match="10.0.0.5"):
        destinations.resolve("rebinding.example", 443)


def test_a_claim_of_a_dead_worker_is_queued_again(app, receiver, register, open_petition, create_signature):
    register(receiver.url)
    with app.app_context():
        from campaign.core.signatures import operations

        signature_id = create_signature(open_petition, state=SignatureState.PENDING)
        operations.confirm(db.session.get(operations.Signature, signature_id))
        db.session.commit()
        [claimed] = sending.claim(10, "dead-worker")
        db.session.execute(update(WebhookDelivery).values(claimed_at=utcnow() - timedelta(hours=1)))
        db.session.commit()
    assert work(app) == 1 and len(receiver.events()) == 1


def test_approvals_and_deliveries_are_events(app, client, login, receiver, register, open_petition, create_letter,
                                              smtp, deliver_mail):
    from campaign.core.targets.models import Target, TargetKind
    from campaign.features.deliveries import operations as delivery_operations
    from campaign.features.deliveries.models import Delivery

    from ..letters.helpers import ORGANIZATION, confirm_from_mail, organization_id, sign_organization

    register(receiver.url, events=("signon.approved", "endorsement.approved", "delivery.sent"))
    # An endorsement of the petition, approved by an organizer.
    client.post("/petitions/stop-the-data-grab/endorse", data=ORGANIZATION, content_type="multipart/form-data")
    confirm_from_mail(client, smtp, deliver_mail, "rosa@privacynow.example")
    client.post(f"/organize/sign-ons/organization/{organization_id(app, 'Privacy Now')}/approve")
    # A sign-on of a letter without moderation: approved as it is confirmed.
    create_letter(is_moderated=False)
    sign_organization(client, name="Open Org", email="o@open.example", website="https://open.example")
    confirm_from_mail(client, smtp, deliver_mail, "o@open.example")
    with app.app_context():
        target = Target(kind=TargetKind.COMPANY, name="Acme")
        db.session.add(target)
        db.session.flush()
        delivery = Delivery(action_kind="petition", action_id=open_petition, subject="Our signatures", message="M",
                            target_ids=[target.id])
        db.session.add(delivery)
        db.session.flush()
        delivery_operations.queue(delivery)
        db.session.commit()
    work(app)
    events = {e["event"]: e for e in receiver.events()}
    assert set(events) == {"endorsement.approved", "signon.approved", "delivery.sent"}
    assert events["endorsement.approved"]["endorsement"]["organization"]["name"] == "Privacy Now"
    assert events["signon.approved"]["osdi:outreach"]["organization"]["name"] == "Open Org"
    assert events["delivery.sent"]["delivery"]["subject"] == "Our signatures"
    for event in events.values():
        EVENT_SCHEMA.validate(event)


def test_a_viewer_or_a_deactivated_account_gets_no_events(app, receiver, register, open_petition, sign, confirm):
    from campaign.core.accounts.models import Role

    hook_id, _ = register(receiver.url)
    with app.app_context():
        db.session.get(Webhook, hook_id).organizer.role = Role.VIEWER
        db.session.commit()
    sign(email="a@example.org")
    confirm("a@example.org")
    with app.app_context():
        organizer = db.session.get(Webhook, hook_id).organizer
        organizer.role, organizer.is_active = Role.ORGANIZER, False
        db.session.commit()
    sign(email="b@example.org")
    confirm("b@example.org")
    assert work(app) == 0 and receiver.posts == []


def test_an_account_closed_after_its_events_were_queued_is_sent_nothing(app, receiver, register, open_petition,
                                                                        sign, confirm):
    """Confirmations read the active webhooks from the process's list (kept a second in production),
    so events may be queued for an account closed a moment ago: the worker checks again and sends none."""
    hook_id, _ = register(receiver.url)
    app.config["PUBLIC_RENDER_CACHE_SECONDS"] = 60
    try:
        sign(email="early@example.org")
        confirm("early@example.org")  # the list now holds the webhook
        with app.app_context():
            db.session.get(Webhook, hook_id).organizer.is_active = False
            db.session.commit()
        sign(email="late@example.org")
        confirm("late@example.org")  # queued from the list, which still holds it
    finally:
        app.config["PUBLIC_RENDER_CACHE_SECONDS"] = 0
    assert work(app) == 2 and receiver.posts == []
    with app.app_context():
        assert {(d.status, d.last_error) for d in db.session.scalars(select(WebhookDelivery))} == {
            (DeliveryStatus.FAILED, "its organizer's account is closed or may no longer edit")}
