"""`flask outbox ...`: run the worker, look at the queue, retry failed mail."""
import click
from flask.cli import with_appcontext

from campaign.base.extensions import db
from campaign.base.timeutil import utcnow
from campaign.base.workers import add_work_command

from . import queries, worker
from .models import OutboxStatus
from .operations import requeue_failed

group = click.Group("outbox", help="The outbox of email.")
work = add_work_command(group, worker.run, "Send queued email through Flask-Mail", "outbox: processed {count} messages")


@group.command("status")
@with_appcontext
def status():
    """Count the messages in each state, then per kind: queued, the oldest's age, sent a minute."""
    now = utcnow()
    totals, kinds = queries.load_by_kind(now)
    for state in OutboxStatus:
        click.echo(f"{state.value:10} {totals[state]}")
    click.echo(f"\n{'kind':28} {'queued':>8} {'oldest':>8} {'sent/min':>9} {'in doubt':>9} {'failed':>7}")
    for load in kinds:
        age = f"{(now - load.oldest_queued_at).total_seconds():.0f} s" if load.oldest_queued_at else "-"
        click.echo(f"{load.kind:28} {load.queued:>8} {age:>8} {load.sent_last_minute:>9} {load.in_doubt:>9} "
                   f"{load.failed:>7}")


@group.command("retry")
@click.argument("ids", nargs=-1, type=int)
@click.option("--all-failed", is_flag=True, help="Queue every failed message again.")
@click.option("--all-in-doubt", is_flag=True, help="Queue every message in doubt again (some may arrive twice).")
@with_appcontext
def retry(ids, all_failed, all_in_doubt):
    """Queue failed or in-doubt messages again (by id, or all of them)."""
    if not ids and not all_failed and not all_in_doubt:
        raise click.UsageError("name message ids or pass --all-failed or --all-in-doubt")
    if ids:
        count = requeue_failed(list(ids), statuses=(OutboxStatus.FAILED, OutboxStatus.IN_DOUBT))
    else:
        statuses = [s for s, wanted in ((OutboxStatus.FAILED, all_failed), (OutboxStatus.IN_DOUBT, all_in_doubt))
                    if wanted]
        count = requeue_failed(statuses=statuses)
    db.session.commit()
    click.echo(f"outbox: {count} messages queued again")
