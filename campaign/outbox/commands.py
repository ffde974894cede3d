"""`flask outbox ...`: run the worker, look at the queue, retry failed mail."""
import signal
import threading

import click
from flask.cli import with_appcontext
from sqlalchemy import func, select

from ..extensions import db
from . import worker
from .models import OutboxMessage, OutboxStatus
from .operations import requeue_failed

group = click.Group("outbox", help="The outbox of email.")


@group.command("work")
@click.option("--once", is_flag=True, help="Send what is due, then exit (for cron).")
@with_appcontext
def work(once):
    """Send queued email through Flask-Mail; runs until stopped (SIGTERM or Ctrl-C)."""
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    sent = worker.run(once=once, stop=stop)
    click.echo(f"outbox: processed {sent} messages")


@group.command("status")
@with_appcontext
def status():
    """Count the messages in each state."""
    rows = db.session.execute(
        select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
    ).all()
    counts = {state: n for state, n in rows}
    for state in OutboxStatus:
        click.echo(f"{state.value:10} {counts.get(state, 0)}")


@group.command("retry")
@click.argument("ids", nargs=-1, type=int)
@click.option("--all-failed", is_flag=True, help="Queue every failed message again.")
@with_appcontext
def retry(ids, all_failed):
    """Queue failed messages again (by id, or all of them)."""
    if not ids and not all_failed:
        raise click.UsageError("name message ids or pass --all-failed")
    count = requeue_failed(None if all_failed else list(ids))
    db.session.commit()
    click.echo(f"outbox: {count} messages queued again")
