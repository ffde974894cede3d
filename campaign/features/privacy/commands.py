"""`flask privacy ...`: erasure on request, and the retention period (for cron)."""
import click
from flask.cli import with_appcontext

from campaign.base.extensions import db

from . import operations

group = click.Group("privacy", help="Personal data: erasure and retention.")


@group.command("forget")
@click.argument("email")
@with_appcontext
def forget(email):
    """Erase a person's personal data across all actions (counts stay right)."""
    if "@" not in email:
        raise click.BadParameter("give an email address", param_hint="EMAIL")
    rows, actions = operations.forget(email.strip())
    db.session.commit()
    click.echo(f"Erased {rows} signature{'' if rows == 1 else 's'} "
               f"across {actions} action{'' if actions == 1 else 's'}.")


@group.command("retention")
@with_appcontext
def retention():
    """Erase personal data past SIGNATURE_RETENTION_DAYS and IP addresses past IP_RETENTION_DAYS.

    Safe to run from cron as often as you like.
    """
    done = operations.apply_retention()
    db.session.commit()
    click.echo("Erased {signatures} signatures of {actions} closed actions; dropped {ip_addresses} IP addresses; "
               "blanked {mail} addresses of old mail; dropped {returns} old bounces and complaints.".format(**done))
