"""Writing targets: Congress imports, contact imports and the organizer's form. They flush, never commit."""
import logging

from sqlalchemy import select

from campaign.base.addresses import InvalidAddress, checked
from campaign.base.extensions import db
from campaign.base.import_files import BadFile, csv_rows

from .models import CONGRESS, Target, TargetContact

log = logging.getLogger(__name__)

CONTACT_COLUMNS = ("bioguide_id", "email", "name")


def import_members(members):
    """Create or update every member by bioguide id; mark members of Congress not listed inactive.

    Returns (created, updated, deactivated). Nothing is ever deleted.
    """
    existing = {t.bioguide_id: t for t in db.session.scalars(select(Target).where(Target.bioguide_id.is_not(None)))}
    created = updated = 0
    for member in members:
        target = existing.pop(member.bioguide_id, None)
        if target is None:
            target = Target(bioguide_id=member.bioguide_id)
            db.session.add(target)
            created += 1
        else:
            updated += 1
        for name in ("kind", "name", "state", "district", "party", "phone", "address", "contact_form"):
            setattr(target, name, getattr(member, name))
        target.is_active = True
    deactivated = 0
    for target in existing.values():
        if target.kind in CONGRESS and target.is_active:
            target.is_active = False
            deactivated += 1
    db.session.flush()
    log.info("targets: %d members created, %d updated, %d marked inactive", created, updated, deactivated)
    return created, updated, deactivated


def read_contacts(path):
    """[(line, bioguide_id, email, name)] from a `bioguide_id,email,name` file, checked line by line."""
    rows = []
    for line, row in csv_rows(path, CONTACT_COLUMNS, ",".join(CONTACT_COLUMNS)):
        try:
            email = checked(row["email"])
        except InvalidAddress:
            raise BadFile(path, line, f"{row['email']!r} is not an email address") from None
        rows.append((line, row["bioguide_id"], email, row["name"][:200]))
    return rows


def import_contacts(path, rows):
    """Add (or rename) the office contacts of `rows`; BadFile for an unknown bioguide id. Returns (added, renamed)."""
    targets = {t.bioguide_id: t for t in db.session.scalars(select(Target).where(Target.bioguide_id.is_not(None)))}
    for line, bioguide_id, _, _ in rows:
        if bioguide_id not in targets:
            raise BadFile(path, line, f"no member of Congress has bioguide id {bioguide_id!r} "
                                      "(run `flask targets import-congress` first)")
    added = renamed = 0
    for _, bioguide_id, email, name in rows:
        added_now, renamed_now = add_contact(targets[bioguide_id], email, name)
        added, renamed = added + added_now, renamed + renamed_now
    db.session.flush()
    return added, renamed


def add_contact(target, email, name):
    """Add a contact to `target`, or rename the one with this address. Returns (added, renamed) as 0/1."""
    for contact in target.contacts:
        if contact.email.lower() == email.lower():
            if name and contact.name != name:
                contact.name = name
                return 0, 1
            return 0, 0
    target.contacts.append(TargetContact(email=email, name=name))
    return 1, 0


def save(target, form):
    """Apply a validated TargetForm to `target` (new or existing) and replace its contacts."""
    if not target.is_in_congress:
        target.kind = form.kind_value()
        target.name = form.name.data
        target.address = form.address.data or ""
        target.phone = form.phone.data or ""
    wanted = {email.lower(): (email, name) for email, name in form.parsed_contacts}
    for contact in list(target.contacts):
        if contact.email.lower() not in wanted:
            target.contacts.remove(contact)
    for email, name in wanted.values():
        add_contact(target, email, name)
    db.session.add(target)
    db.session.flush()
    return target
