"""`flask mail dns`: the SPF, DKIM and DMARC records to publish, the DKIM one good for real mail."""
import re

import dkim as dkimpy
import pytest

from .conftest import dns_answering


def published(output):
    """{record name: the record's text, joined from its strings}, and every string's length."""
    records, lengths = {}, []
    for name, value in re.findall(r"^(\S+)\. IN TXT (.+)$", output, re.MULTILINE):
        strings = re.findall(r'"([^"]*)"', value)
        lengths += [len(s.encode()) for s in strings]
        records[name] = "".join(strings)
    return records, lengths


@pytest.fixture
def sender(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_DEFAULT_SENDER", "Campaign <no-reply@campaign.test>")


def test_the_dkim_record_verifies_mail_the_app_sent(runner, sender, open_petition, sign, smtp, deliver_mail,
                                                    dkim_signing):
    result = runner.invoke(args=["mail", "dns"])
    assert result.exit_code == 0, result.output
    records, lengths = published(result.output)
    record = records["mail2026._domainkey.campaign.test"]
    assert record.startswith("v=DKIM1; k=rsa; p=MII")
    assert max(lengths) <= 255 and len(record) > 255  # a 2048-bit key needs two strings
    assert "Warning" not in result.output
    sign()
    deliver_mail()
    assert dkimpy.verify(smtp.received[0], dnsfunc=dns_answering("mail2026._domainkey.campaign.test", record))


def test_spf_and_dmarc_for_the_sending_domain(app, runner, sender, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "203.0.113.25")
    records, _ = published(runner.invoke(args=["mail", "dns"]).output)
    assert records["campaign.test"] == "v=spf1 ip4:203.0.113.25 ~all"
    assert records["_dmarc.campaign.test"] == "v=DMARC1; p=none; rua=mailto:dmarc-reports@campaign.test"

    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.relay.example")
    monkeypatch.setitem(app.config, "DMARC_REPORT_ADDRESS", "reports@dmarc.example")
    records, _ = published(runner.invoke(args=["mail", "dns"]).output)
    assert records["campaign.test"] == "v=spf1 a:smtp.relay.example ~all"
    assert records["_dmarc.campaign.test"] == "v=DMARC1; p=none; rua=mailto:reports@dmarc.example"

    monkeypatch.setitem(app.config, "SPF_INCLUDE", "amazonses.com, _spf.example.net")
    records, _ = published(runner.invoke(args=["mail", "dns"]).output)
    assert records["campaign.test"] == "v=spf1 include:amazonses.com include:_spf.example.net ~all"


def test_a_mail_server_on_this_machine_gives_base_urls_host(app, runner, sender, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "localhost")
    output = runner.invoke(args=["mail", "dns"]).output
    assert published(output)[0]["campaign.test"] == "v=spf1 a:campaign.test ~all"
    assert "MAIL_SERVER is this machine" in output


def test_without_dkim_settings_it_says_how_to_set_them_up(runner, sender):
    result = runner.invoke(args=["mail", "dns"])
    assert result.exit_code == 0
    assert "_domainkey" not in result.output
    assert "DKIM: not set up" in result.output and "DKIM_PRIVATE_KEY_FILE" in result.output


def test_a_dkim_domain_that_cannot_align_with_the_from_address_is_warned_of(app, runner, dkim_signing, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_DEFAULT_SENDER", "Campaign <no-reply@act.example.org>")
    output = runner.invoke(args=["mail", "dns"]).output
    assert "Warning: DKIM_DOMAIN campaign.test and the From address's domain act.example.org" in output


def test_a_base_url_on_an_ip_address_gives_an_ip_mechanism(app, runner, sender, monkeypatch):
    """`a:` takes a name; an address is written ip4:/ip6: (make run's BASE_URL is 127.0.0.1)."""
    monkeypatch.setitem(app.config, "MAIL_SERVER", "localhost")
    monkeypatch.setitem(app.config, "BASE_URL", "http://198.51.100.7:5000")
    output = runner.invoke(args=["mail", "dns"]).output
    assert published(output)[0]["campaign.test"] == "v=spf1 ip4:198.51.100.7 ~all"
