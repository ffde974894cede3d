"""The message's bytes: what compat32 writes, whatever the subject, names and text hold."""
import json
from email import message_from_bytes, policy
from email.utils import quote

import pytest

from campaign.base.outbox import mime

COMPAT32_SMTP = policy.compat32.clone(linesep="\r\n")


def naughty_strings(shared_data):
    return json.loads((shared_data / "naughty-strings" / "blns.json").read_text())


def parts(text, **changes):
    return {"message_id": "<outbox-7@campaign.test>", "sender": f'"{quote(text)}" <petitions@campaign.test>',
            "recipient": "ada@example.org", "subject": f"Please confirm: {text}", "text": f"Hello,\n{text}\n",
            "html": f"<p>{text}</p>", "reply_to": "team@campaign.test",
            "headers": [("List-Unsubscribe", "<https://campaign.test/unsubscribe/abc>"),
                        ("Auto-Submitted", "auto-generated")],
            "attachments": [("results é.csv", "text/csv", text.encode())], **changes}


def test_the_short_cut_for_short_ascii_headers_writes_what_compat32_writes(app, shared_data):
    with app.app_context():
        for text in naughty_strings(shared_data):
            if "\n" in text or "\r" in text:
                continue
            built = mime.message(**parts(text))
            assert built.as_bytes(policy=mime.SMTP_COMPAT) == built.as_bytes(policy=COMPAT32_SMTP), text


def test_subjects_names_and_text_arrive_as_written(app, shared_data):
    with app.app_context():
        for text in naughty_strings(shared_data):
            if "\n" in text or "\r" in text or not text.isprintable():
                continue
            received = message_from_bytes(mime.message_bytes(**parts(text)), policy=policy.default)
            assert received["Subject"] == f"Please confirm: {text}"
            # A name too long for one line is folded, and its fold may come back as a space (the
            # email package's reading of a phrase of several encoded words; Flask-Mail's as well).
            if len(text.encode()) <= 30:
                assert received["From"].addresses[0].display_name == text  # quoted as deliveries do
            assert received["To"] == "ada@example.org" and received["Message-ID"] == "<outbox-7@campaign.test>"
            # (the last line break of a text before its boundary comes back as CRLF, as ever)
            assert received.get_body(("plain",)).get_content().replace("\r\n", "\n") == f"Hello,\n{text}\n"
            assert received.get_body(("html",)).get_content() == f"<p>{text}</p>"
            [attachment] = received.iter_attachments()
            assert attachment.get_filename() == "results é.csv" and attachment.get_payload(decode=True) == text.encode()


def test_a_long_unsubscribe_link_is_written_whole_on_its_line():
    """compat32 would break the line before it: read back, the value would start with a space."""
    link = "<https://campaign.test/unsubscribe/" + "x" * 200 + ">"
    data = mime.message_bytes(**parts("fine", headers=[("List-Unsubscribe", link)]))
    assert f"\r\nList-Unsubscribe: {link}\r\n".encode() in data
    assert message_from_bytes(data, policy=policy.default)["List-Unsubscribe"] == link


@pytest.mark.parametrize("field", ["subject", "sender", "recipient", "reply_to"])
def test_a_line_break_in_a_header_is_refused(field):
    with pytest.raises(mime.BadHeader):
        mime.message(**parts("fine", **{field: "ada@example.org\r\nBcc: everyone@example.org"}))
