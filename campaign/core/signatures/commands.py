"""`flask signatures ...`: the signature chores cron runs."""
import click
from flask.cli import with_appcontext

from campaign.base.extensions import db

from . import reminders

group = click.Group("signatures", help="Signatures.")
BATCH = 500


@group.command("remind")
@with_appcontext
def remind():
    """Queue one reminder for each signature pending longer than SIGNATURE_REMINDER_DELAY_HOURS.

    Safe to run from cron as often as you like: nobody is reminded twice.
    """
    total = 0
    while ids := reminders.due(BATCH):
        total += reminders.remind(ids)
        db.session.commit()
    click.echo(f"Queued {total} reminder{'' if total == 1 else 's'}.")
