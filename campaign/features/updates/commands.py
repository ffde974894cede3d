"""`flask updates send-due`: mail the updates whose set time has come (run it from cron, each minute)."""
import click

from campaign.base.plurals import counted
from campaign.base.workers import add_due_command

from . import operations

group = click.Group("updates", help="Updates to signers.")

send_due = add_due_command(
    group, "send-due", "Queue the mail of every scheduled update whose time has come.", operations.send_due,
    lambda update: "updates: update {}: {} queued".format(
        update.id, counted(update.recipient_count, "%(num)s message", "%(num)s messages")),
    lambda count: f"updates: {counted(count, '%(num)s scheduled update', '%(num)s scheduled updates')} mailed")
