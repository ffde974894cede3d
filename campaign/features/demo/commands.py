"""`flask demo seed`: a realistic demo for a newcomer, made only when the database is empty."""
import random
from datetime import timedelta

import click
from flask import current_app, url_for
from flask.cli import with_appcontext
from sqlalchemy import delete, func, select

from campaign.base.extensions import db
from campaign.base.markdown import render
from campaign.base.outbox.models import OutboxMessage
from campaign.base.timeutil import utcnow
from campaign.core.accounts.models import Organizer, Role
from campaign.core.petitions.models import FieldMode, Petition
from campaign.core.signatures import operations as signature_operations
from campaign.core.targets.models import Target, TargetContact, TargetKind
from campaign.features.deliveries.models import Delivery, Selection
from config import DEVELOPER_ENVIRONMENTS

from . import letters as demo_letters

group = click.Group("demo", help="Demo data for development.")

DEMO_EMAIL = "organizer@example.org"
# B105 accepted: the documented demo login, only for `flask demo seed`
DEMO_PASSWORD = "demo-password-123"  # nosec B105

PETITION_TEXT = """\
Acme Social collects the precise location of every person who uses its apps, and sells it to
data brokers who resell it to anyone who pays, including agencies that could never get it with
a warrant.

**We call on Acme Social to:**

1. Stop selling or sharing location data with data brokers, now.
2. Delete the location histories it has already collected.
3. Publish a yearly report of every request for its users' data.

Your location reveals where you live, work, worship and seek care. It is not for sale.
"""

# The Spanish page, written for the people who will read it rather than translated word for word.
PETITION_ES = {
    "title": "Acme Social: dejen de vender nuestra ubicación",
    "summary": "Acme Social vende la ubicación exacta de millones de personas a empresas de datos. "
               "Pídale que deje de hacerlo.",
    "body_markdown": """\
Acme Social registra la ubicación exacta de cada persona que usa sus aplicaciones y la vende a
empresas de datos que, a su vez, se la revenden a quien pague, incluso a agencias del gobierno que
sin una orden judicial nunca podrían obtenerla.

Para las familias inmigrantes esto no es una idea lejana: saber dónde dormimos, dónde trabajamos y
a qué escuela llevamos a nuestros hijos puede poner en peligro a una familia entera.

**Le pedimos a Acme Social que:**

1. Deje ya de vender o compartir datos de ubicación con empresas de datos.
2. Borre el historial de ubicaciones que ya ha recopilado.
3. Publique cada año un informe con todas las solicitudes de datos de sus usuarios.

Su ubicación dice dónde vive, dónde trabaja, dónde reza y adónde va al médico. No está en venta.
""",
    "target_text": "Jordan Reyes, director ejecutivo de Acme Social, Inc.",
    "consent_question": "Quiero recibir noticias de esta campaña por correo electrónico.",
    "share_email_question": "",
}

FIRST = ["Maria", "James", "Aisha", "Wei", "Jamal", "Sofia", "Liam", "Priya", "Diego", "Hannah",
         "Kwame", "Elena", "Noah", "Fatima", "Lucas", "Grace", "Mateo", "Chloe", "Omar", "Ava"]
LAST = ["Garcia", "Smith", "Khan", "Chen", "Johnson", "Rossi", "Murphy", "Patel", "Lopez", "Cohen",
        "Mensah", "Ivanova", "Brown", "Hassan", "Silva", "Kim", "Torres", "Martin", "Ali", "Nguyen"]
PLACES = [("10027", "New York"), ("94110", "San Francisco"), ("60614", "Chicago"), ("78704", "Austin"),
          ("98103", "Seattle"), ("02139", "Cambridge"), ("30307", "Atlanta"), ("80205", "Denver"),
          ("48201", "Detroit"), ("33139", "Miami Beach"), ("97214", "Portland"), ("20009", "Washington"),
          ("55408", "Minneapolis"), ("85004", "Phoenix"), ("19104", "Philadelphia"), ("27701", "Durham")]


@group.command("seed")
@click.option("--signatures", default=137, show_default=True, help="Confirmed demo signatures.")
@with_appcontext
def seed(signatures):
    """Create the demo organizer, petition and letters when the database is empty; print how to start."""
    if current_app.config["ENV_NAME"] not in DEVELOPER_ENVIRONMENTS:
        raise click.ClickException(
            f"The demo is for a developer's machine: its organizer logs in with a published password "
            f"({DEMO_EMAIL}). CAMPAIGN_ENV is {current_app.config['ENV_NAME']!r}; run it with "
            "CAMPAIGN_ENV=development (as `make run` does), never in production."
        )
    if db.session.scalar(select(func.count()).select_from(Petition)) == 0 and \
            db.session.scalar(select(func.count()).select_from(Organizer)) == 0:
        _create(signatures)
        click.echo("Demo data created.")
    _print_welcome()


def _create(signature_count):
    organizer = Organizer(email=DEMO_EMAIL, role=Role.OWNER)
    organizer.set_password(DEMO_PASSWORD)
    db.session.add(organizer)
    db.session.flush()
    petition = Petition(
        slug="acme-stop-selling-location-data",
        title="Acme Social: stop selling our location data",
        summary="Acme Social sells the precise location of millions of people to data brokers. Tell it to stop.",
        body_markdown=PETITION_TEXT,
        body_html=render(PETITION_TEXT),
        target_text="Jordan Reyes, CEO of Acme Social, Inc.",
        goal=1000,
        postcode_field=FieldMode.REQUIRED,
        city_field=FieldMode.OPTIONAL,
        comment_field=FieldMode.OPTIONAL,
        consent_question="Keep me updated about this campaign by email.",
        created_by_id=organizer.id,
    )
    petition.set_translations({"es": PETITION_ES})
    db.session.add(petition)
    petition.record_questions()
    petition.open()
    petition.opened_at = utcnow() - timedelta(days=6)
    db.session.flush()
    # B311 accepted: repeatable demo data, nothing secret
    rng = random.Random(2026)  # nosec B311
    for n in range(signature_count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        postcode, city = rng.choice(PLACES)
        signature = signature_operations.sign(
            petition,
            email=f"{first}.{last}.{n}@example.org".lower(),
            first_name=first,
            last_name=last,
            postcode=postcode,
            city=city,
            is_public=rng.random() < 0.6,
            has_consented=rng.random() < 0.5,
            source=rng.choice(["", "", "newsletter", "twitter", "partner-eff"]),
            ip_address="192.0.2.1",
            language="es" if rng.random() < 0.3 else "en",
        )
        signature_operations.confirm(signature)
    demo_letters.create(organizer)
    _create_delivery(petition, organizer)
    # The demo signers' confirmation mails are not for sending.
    db.session.execute(delete(OutboxMessage).where(OutboxMessage.kind == "signature.confirm"))
    db.session.commit()


def _create_delivery(petition, organizer):
    """A company target and a delivery to it, ready to preview (and send to the demo mail folder)."""
    acme = Target(kind=TargetKind.COMPANY, name="Acme Social, Inc.", address="1 Market St, San Francisco, CA 94105")
    acme.contacts.append(TargetContact(name="Jordan Reyes", email="jordan.reyes@acme-social.example"))
    db.session.add(acme)
    db.session.flush()
    db.session.add(Delivery(
        action_kind="petition", action_id=petition.id, selection=Selection.HAND, target_ids=[acme.id],
        subject="{total} people ask Acme Social to stop selling location data",
        message="Dear {target_name},\n\n{total} people have signed “{action_title}”. "
                "Their names, towns and ZIP codes are attached.\n\nWe ask you to stop selling location data now.",
        created_by_id=organizer.id,
    ))


def _print_welcome():
    base = current_app.config["BASE_URL"]
    petition = db.session.scalar(select(Petition).order_by(Petition.id))
    lines = ["", "=" * 72, f"  {current_app.config['SITE_NAME']} is starting at {base}/"]
    if petition is not None:
        lines.append(f"  Demo petition:  {url_for('petitions.show', slug=petition.slug, _external=True)}")
        for slug in (demo_letters.COALITION_SLUG, demo_letters.EMPLOYEE_SLUG):
            lines.append(f"  Demo letter:    {url_for('letters.show', slug=slug, _external=True)}")
    lines += [
        f"  Organizers:     {url_for('accounts.login', _external=True)}",
        f"  A delivery to preview: {url_for('deliveries.index', _external=True)}",
        f"                  log in as {DEMO_EMAIL} / {DEMO_PASSWORD}",
        f"  Mail is written to {current_app.config['MAIL_FILE_DIR']}/ and printed here.",
        "=" * 72,
        "",
    ]
    click.echo("\n".join(lines))
