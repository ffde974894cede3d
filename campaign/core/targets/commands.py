"""`flask targets ...`: import members of Congress and their offices' email addresses."""
import time

import click
from flask.cli import with_appcontext

from campaign.base.extensions import db

from . import operations
from .congress import read_members

group = click.Group("targets", help="Targets: companies, agencies and congressional offices.")


@group.command("import-congress")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@with_appcontext
def import_congress(path):
    """Create or update every member of Congress from FILE (legislators-current.yaml or .csv)."""
    started = time.monotonic()
    members = read_members(path)
    created, updated, deactivated = operations.import_members(members)
    db.session.commit()
    senators = sum(1 for m in members if m.kind.value == "senator")
    click.echo(
        f"targets: {len(members)} members ({senators} senators, {len(members) - senators} representatives): "
        f"{created} new, {updated} updated, {deactivated} no longer listed and marked inactive "
        f"({time.monotonic() - started:.1f} s)."
    )


@group.command("import-contacts")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@with_appcontext
def import_contacts(path):
    """Add the email addresses of congressional offices from FILE (bioguide_id,email,name)."""
    rows = operations.read_contacts(path)
    added, renamed = operations.import_contacts(path, rows)
    db.session.commit()
    click.echo(f"targets: {added} addresses added, {renamed} renamed, {len(rows) - added - renamed} already known.")
