"""`flask deliveries milestones`: send the deliveries whose milestone has been reached (run it from cron)."""
import click
from flask.cli import with_appcontext

from campaign.base.extensions import db
from campaign.base.plurals import counted

from . import operations

group = click.Group("deliveries", help="Deliveries of results to targets.")


@group.command("milestones")
@with_appcontext
def milestones():
    """Queue every scheduled delivery whose action's confirmed count has reached its milestone."""
    sent = operations.due_milestones()
    db.session.commit()
    for delivery in sent:
        click.echo(f"deliveries: delivery {delivery.id} reached {delivery.milestone:,} and is queued")
    click.echo(f"deliveries: {counted(len(sent), '%(num)s milestone delivery', '%(num)s milestone deliveries')} queued")
