"""`flask webhooks ...`: send webhook deliveries, replay them."""
import signal
import threading

import click
from flask.cli import with_appcontext

from campaign.base.extensions import db

from . import operations, sending

group = click.Group("webhooks", help="Webhooks: events sent to organizers' URLs.")


@group.command("work")
@click.option("--once", is_flag=True, help="Send what is due, then exit (for cron).")
@with_appcontext
def work(once):
    """Send queued webhook deliveries; runs until stopped (SIGTERM or Ctrl-C)."""
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    handled = sending.run(once=once, stop=stop)
    click.echo(f"webhooks: handled {handled} deliveries")


@group.command("replay")
@click.argument("delivery_ids", nargs=-1, type=int, required=True)
@with_appcontext
def replay(delivery_ids):
    """Queue these deliveries (sent or failed) again, by id (the log shows them)."""
    count = operations.replay(list(delivery_ids))
    db.session.commit()
    click.echo(f"webhooks: {count} deliveries queued again")
