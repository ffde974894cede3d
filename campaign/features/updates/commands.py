"""`flask updates send-due`: mail the updates whose set time has come (run it from cron, each minute)."""
import click
from flask.cli import with_appcontext

from campaign.base.extensions import db
from campaign.base.plurals import counted

from . import operations

group = click.Group("updates", help="Updates to signers.")


@group.command("send-due")
@with_appcontext
def send_due():
    """Queue the mail of every scheduled update whose time has come."""
    due = operations.send_due()
    db.session.commit()
    for update in due:
        messages = counted(update.recipient_count, "%(num)s message", "%(num)s messages")
        click.echo(f"updates: update {update.id}: {messages} queued")
    click.echo(f"updates: {counted(len(due), '%(num)s scheduled update', '%(num)s scheduled updates')} mailed")
