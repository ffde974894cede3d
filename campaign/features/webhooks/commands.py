"""`flask webhooks ...`: send webhook deliveries, replay them."""
import click
from flask.cli import with_appcontext

from campaign.base.extensions import db
from campaign.base.workers import add_work_command

from . import operations, sending

group = click.Group("webhooks", help="Webhooks: events sent to organizers' URLs.")
work = add_work_command(group, sending.run, "Send queued webhook deliveries", "webhooks: handled {count} deliveries")


@group.command("replay")
@click.argument("delivery_ids", nargs=-1, type=int, required=True)
@with_appcontext
def replay(delivery_ids):
    """Queue these deliveries (sent or failed) again, by id (the log shows them)."""
    count = operations.replay(list(delivery_ids))
    db.session.commit()
    click.echo(f"webhooks: {count} deliveries queued again")
