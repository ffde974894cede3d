"""The demo's coalition letter (some organizations approved, some waiting) and its employee companion,
both in English and Spanish."""
import random
from datetime import timedelta

from campaign.base.extensions import db
from campaign.base.markdown import render
from campaign.base.timeutil import utcnow
from campaign.core.letters.models import IndividualSignOn, Letter, Signers
from campaign.core.organizations.models import OrganizationSignOn, Scope
from campaign.core.organizations.normalise import name_key

COALITION_SLUG = "acme-board-location-data"
EMPLOYEE_SLUG = "acme-employees-and-shareholders"

COALITION_TEXT = """\
To the Board of Directors of Acme Social, Inc.:

We, the undersigned organizations, representing millions of members across the country, call on
the Board to **end the sale of location data** to data brokers, to delete the location histories
Acme Social has already collected, and to report every government request for its users' data.

Location data reveals where people live, work, worship and seek care. It is not for sale.
"""
EMPLOYEE_TEXT = """\
We are employees and shareholders of Acme Social. We ask the Board to adopt the coalition's
requests: our company's long-term value depends on the trust of the people who use it.
"""
COALITION_ES = {
    "title": "Carta a la junta directiva de Acme Social: dejen de vender datos de ubicación",
    "addressees": "Junta Directiva\nAcme Social, Inc.",
    "body_markdown": """\
A la Junta Directiva de Acme Social, Inc.:

Las organizaciones que firmamos esta carta, y que juntas representamos a millones de personas en
todo el país, le pedimos a la Junta que **ponga fin a la venta de datos de ubicación** a empresas
de datos, que borre el historial de ubicaciones que Acme Social ya ha recopilado y que dé a conocer
cada solicitud del gobierno para obtener datos de sus usuarios.

Los datos de ubicación revelan dónde vive, trabaja, reza y recibe atención médica cada persona.
No están en venta.
""",
    "affiliation_question": "",
}
EMPLOYEES_ES = {
    "title": "Empleados y accionistas de Acme Social, a la junta directiva",
    "addressees": "Junta Directiva\nAcme Social, Inc.",
    "body_markdown": """\
Trabajamos en Acme Social o somos sus accionistas. Le pedimos a la Junta que acepte lo que pide la
coalición: el valor de nuestra empresa a largo plazo depende de la confianza de quienes la usan.
""",
    "affiliation_question": "Su puesto en Acme Social, o desde cuándo es accionista",
}
# (name, scope, city, state, website, approved)
ORGANIZATIONS = [
    ("Digital Rights Alliance", Scope.NATIONAL, "Washington", "DC", "digitalrights.example", True),
    ("Privacy Now", Scope.NATIONAL, "New York", "NY", "privacynow.example", True),
    ("Consumer Watch", Scope.NATIONAL, "Chicago", "IL", "consumerwatch.example", True),
    ("California Tech Justice", Scope.STATE, "Oakland", "CA", "catechjustice.example", True),
    ("Texas Civil Liberties Project", Scope.STATE, "Austin", "TX", "txclp.example", True),
    ("Mission District Tenants Union", Scope.LOCAL, "San Francisco", "CA", "", True),
    ("Detroit Community Tech", Scope.LOCAL, "Detroit", "MI", "detroittech.example", True),
    ("Seattle Privacy Coalition", Scope.LOCAL, "Seattle", "WA", "seattleprivacy.example", False),
    ("The Privacy Now, Inc.", Scope.NATIONAL, "New York", "NY", "privacynow.example", False),  # a duplicate
    ("Ohio Families First", Scope.STATE, "Columbus", "OH", "", False),
]
PEOPLE = [("Jordan", "Lee", "Software engineer", True), ("Priya", "Raman", "Shareholder since 2015", True),
          ("Marcus", "Bell", "Data scientist", False), ("Ana", "Costa", "Product manager", True),
          ("Wei", "Zhang", "Shareholder since 2020", False), ("Fatima", "Noor", "Designer", True)]


def create(organizer):
    """Add both demo letters, open, with their sign-ons (none of which sends mail)."""
    now = utcnow()
    coalition = _letter(organizer, COALITION_SLUG, "Letter to Acme Social's board: stop selling location data",
                        COALITION_TEXT, "The Board of Directors\nAcme Social, Inc.", Signers.ORGANIZATIONS, "",
                        COALITION_ES)
    employees = _letter(organizer, EMPLOYEE_SLUG, "Acme Social employees and shareholders to the board",
                        EMPLOYEE_TEXT, "The Board of Directors\nAcme Social, Inc.", Signers.INDIVIDUALS,
                        "Your role at Acme Social, or shareholder since", EMPLOYEES_ES)
    for n, (name, scope, city, region, website, approved) in enumerate(ORGANIZATIONS):
        sign_on = OrganizationSignOn(
            letter=coalition, name=name, name_key=name_key(name), scope=scope, city=city, region=region,
            website=f"https://{website}" if website else "", domain=website, contact_name="Demo Contact",
            email=f"contact{n}@example.org", email_key=f"contact{n}@example.org", is_listed=True,
            created_at=now - timedelta(hours=60 - n), confirmed_at=now - timedelta(hours=59 - n),
        )
        if approved:
            sign_on.approve(organizer)
        db.session.add(sign_on)
    # B311 accepted: repeatable demo data, nothing secret
    rng = random.Random(7)  # nosec B311
    for n, (first, last, affiliation, named) in enumerate(PEOPLE):
        person = IndividualSignOn(
            letter=employees, first_name=first, last_name=last, affiliation=affiliation, is_named=named,
            email=f"employee{n}@example.org", email_key=f"employee{n}@example.org",
            confirmed_at=now - timedelta(hours=rng.randint(1, 40)),
        )
        if n < 4:
            person.approve(organizer)
        db.session.add(person)


def _letter(organizer, slug, title, text, addressees, signers, question, spanish):
    letter = Letter(slug=slug, title=title, body_markdown=text, body_html=render(text), addressees=addressees,
                    signers=signers, affiliation_question=question, created_by_id=organizer.id,
                    deadline_at=utcnow() + timedelta(days=7))
    letter.set_translations({"es": spanish})
    db.session.add(letter)
    letter.open()
    return letter
