"""`flask deliveries milestones`: send the deliveries whose milestone has been reached (run it from cron)."""
import click

from campaign.base.plurals import counted
from campaign.base.workers import add_due_command

from . import operations

group = click.Group("deliveries", help="Deliveries of results to targets.")

milestones = add_due_command(
    group, "milestones", "Queue every scheduled delivery whose action's confirmed count has reached its milestone.",
    operations.due_milestones,
    lambda delivery: f"deliveries: delivery {delivery.id} reached {delivery.milestone:,} and is queued",
    lambda count: f"deliveries: {counted(count, '%(num)s milestone delivery', '%(num)s milestone deliveries')} queued")
