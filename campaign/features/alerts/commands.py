"""`flask alerts send`: queue the organizers' alerts that are due (run from cron every few minutes)."""
import click
from flask.cli import with_appcontext

from campaign.base.extensions import db
from campaign.base.timeutil import utcnow

from . import operations

group = click.Group("alerts", help="Alerts for organizers.")


@group.command("send")
@with_appcontext
def send():
    """Queue the moderation alerts, milestone alerts and daily digests that are due. Safe to run
    on several hosts at once: each alert is claimed in the database."""
    queued = operations.send_due(utcnow())
    db.session.commit()
    click.echo("alerts: queued " + ", ".join(f"{count} {kind}" for kind, count in queued.items()))
