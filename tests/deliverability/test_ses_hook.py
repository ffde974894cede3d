"""Amazon SES notifications through SNS at /hooks/mail/ses, signed with a certificate the test
makes and serves itself: genuine ones suppress, anything else gets 400 and changes nothing."""
import base64
import datetime
import http.server
import json
import logging
import threading

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID
from sqlalchemy import select

from campaign.base.extensions import db
from campaign.base.mail.models import MailReturn, ReturnKind, Suppression
from campaign.core.consent.models import OptOut

TOPIC = "arn:aws:sns:us-east-1:123456789012:campaign-ses"
HOOK = "/hooks/mail/ses"


def _certificate(key):
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "sns.us-east-1.amazonaws.com")])
    now = datetime.datetime.now(datetime.UTC)
    return (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30)).sign(key, hashes.SHA256()))


@pytest.fixture(scope="module")
def signing_key():
    """A key and its certificate, served over HTTP on 127.0.0.1 as SNS serves its own."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = _certificate(key).public_bytes(serialization.Encoding.PEM)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.end_headers()
            self.wfile.write(pem)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield key, f"http://127.0.0.1:{server.server_port}/SimpleNotificationService-test.pem"
    server.shutdown()


@pytest.fixture
def sns(app, monkeypatch, signing_key):
    """sns(payload dict, **fields) -> the hook's response to a message signed as SNS signs."""
    key, cert_url = signing_key
    monkeypatch.setitem(app.config, "SES_SNS_TOPIC_ARNS", TOPIC)
    monkeypatch.setitem(app.config, "SNS_CERT_URL_PATTERN", r"http://127\.0\.0\.1:\d+/[A-Za-z-]+\.pem")
    client = app.test_client()

    def post(event=None, *, version="1", tamper=None, **fields):
        message = {"Type": "Notification", "MessageId": "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324", "TopicArn": TOPIC,
                   "Message": json.dumps(event), "Timestamp": "2026-12-03T08:00:00.000Z",
                   "SignatureVersion": version, "SigningCertURL": cert_url, **fields}
        fields_signed = {"Notification": ("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")}.get(
            message["Type"], ("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"))
        text = "".join(f"{name}\n{message[name]}\n" for name in fields_signed if name in message)
        digest = hashes.SHA1() if version == "1" else hashes.SHA256()
        message["Signature"] = base64.b64encode(key.sign(text.encode(), padding.PKCS1v15(), digest)).decode()
        if tamper:
            message.update(tamper)
        return client.post(HOOK, data=json.dumps(message), content_type="text/plain; charset=UTF-8")

    return post


def bounce(kind, *addresses, source="no-reply@campaign.test"):
    return {"notificationType": "Bounce", "mail": {"source": source, "destination": list(addresses)},
            "bounce": {"bounceType": kind, "bouncedRecipients": [
                {"emailAddress": address, "status": "5.1.1" if kind == "Permanent" else "4.2.2"}
                for address in addresses]}}


def _returns(app):
    with app.app_context():
        rows = [(r.kind, r.email_key, r.source) for r in db.session.scalars(select(MailReturn).order_by(MailReturn.id))]
        suppressed = {s.email_key: s.reason for s in db.session.scalars(select(Suppression))}
        db.session.remove()
    return rows, suppressed


@pytest.mark.parametrize("version", ["1", "2"])
def test_a_permanent_bounce_suppresses(app, sns, version):
    assert sns(bounce("Permanent", "ada@example.org"), version=version).status_code == 200
    assert _returns(app) == ([(ReturnKind.HARD, "ada@example.org", "ses")], {"ada@example.org": ReturnKind.HARD})


def test_transient_bounces_count_as_soft(app, sns, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SOFT_BOUNCE_LIMIT", 2)
    assert sns(bounce("Transient", "full@example.com")).status_code == 200
    assert _returns(app)[1] == {}
    assert sns(bounce("Transient", "full@example.com")).status_code == 200
    assert _returns(app)[1] == {"full@example.com": ReturnKind.SOFT}


def test_a_complaint_suppresses_and_unsubscribes(app, sns):
    event = {"notificationType": "Complaint", "mail": {"source": "no-reply@campaign.test"},
             "complaint": {"complainedRecipients": [{"emailAddress": "Ada@Example.org"}],
                           "complaintFeedbackType": "abuse"}}
    assert sns(event, version="2").status_code == 200
    assert _returns(app)[1] == {"ada@example.org": ReturnKind.COMPLAINT}
    with app.app_context():
        assert db.session.scalar(select(OptOut.method).where(OptOut.email_key == "ada@example.org")) == "complaint"


def test_a_subscription_is_logged_for_the_organizer_to_confirm(app, sns, caplog):
    url = "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=x&Token=abc"
    with caplog.at_level(logging.WARNING):
        response = sns(None, Type="SubscriptionConfirmation", Token="abc", SubscribeURL=url,
                       Message="You have chosen to subscribe to the topic.")
    assert response.status_code == 200
    assert url in caplog.text


@pytest.mark.parametrize("tamper", [
    {"Message": json.dumps(bounce("Permanent", "victim@example.org"))},  # a changed message
    {"TopicArn": "arn:aws:sns:us-east-1:999999999999:someone-elses"},  # signed, but not our topic
    {"SignatureVersion": "3"},
    {"Signature": "not base64!"},
    {"SigningCertURL": "https://attacker.example/SimpleNotificationService-x.pem"},
    {"SigningCertURL": "file:///etc/passwd"},
    {"Type": "Nonsense"},
    {"Message": 12},
])
def test_a_message_not_genuinely_ours_is_refused(app, sns, tamper):
    assert sns(bounce("Permanent", "ada@example.org"), tamper=tamper).status_code == 400
    assert _returns(app) == ([], {})


def test_the_default_certificate_rule_wants_https_on_amazonaws(app, client, monkeypatch):
    """Without a test's pattern, only https://sns.<region>.amazonaws.com/ certificates are fetched."""
    monkeypatch.setitem(app.config, "SES_SNS_TOPIC_ARNS", TOPIC)
    for url in ("http://sns.us-east-1.amazonaws.com/cert.pem", "https://sns.us-east-1.amazonaws.com.evil.example/c.pem",
                "https://127.0.0.1/SimpleNotificationService-x.pem"):
        message = {"Type": "Notification", "MessageId": "1", "TopicArn": TOPIC, "Message": "{}", "Timestamp": "t",
                   "SignatureVersion": "1", "Signature": "AAAA", "SigningCertURL": url}
        assert client.post(HOOK, data=json.dumps(message)).status_code == 400


@pytest.mark.parametrize("body", [b"", b"null", b"[]", b"{", b"\xff\xfe", b'{"Type": ["x"]}', b"\x00" * 10,
                                  b'{"Type": "Notification", "SignatureVersion": "1", "TopicArn": {"a": 1}}'])
def test_garbage_gets_400(app, client, monkeypatch, body):
    monkeypatch.setitem(app.config, "SES_SNS_TOPIC_ARNS", TOPIC)
    assert client.post(HOOK, data=body).status_code == 400


def test_without_topics_the_hook_takes_nothing(app, client, sns, monkeypatch):
    monkeypatch.setitem(app.config, "SES_SNS_TOPIC_ARNS", "")
    assert sns(bounce("Permanent", "ada@example.org")).status_code == 400


def test_the_return_path_names_the_message(app, open_petition, sign, bouncing_smtp, deliver_mail, sns):
    """SES reports the envelope sender as mail.source: the VERP address names the outbox message."""
    sign(email="ada@example.org")
    deliver_mail()
    source = bouncing_smtp.messages[0].envelope_from
    assert sns(bounce("Permanent", "ada+petitions@example.org", source=source)).status_code == 200
    with app.app_context():
        entry = db.session.scalar(select(MailReturn))
        assert entry.outbox_message_id is not None and entry.email_key == "ada@example.org"


def test_the_hook_is_rate_limited(app, sns, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_HOOK_RATE_LIMIT", "2 per minute")
    assert [sns(bounce("Permanent", "ada@example.org")).status_code for _ in range(3)] == [200, 200, 429]


def test_addresses_nobody_could_have_mailed_are_left_out(app, sns):
    event = bounce("Permanent", "x@" + "a" * 300 + ".example", "not an address@", "ada@example.org")
    assert sns(event).status_code == 200
    assert _returns(app)[1] == {"ada@example.org": ReturnKind.HARD}
