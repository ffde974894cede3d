"""The commands that run background work: a long-running worker's `work` (`flask outbox work`,
`flask webhooks work`), which runs until SIGTERM or SIGINT (Ctrl-C) let it finish what it holds,
or one round with --once; and cron's commands that queue what has come due (`flask deliveries
milestones`, `flask updates send-due`)."""
import signal
import threading

import click
from flask.cli import with_appcontext

from campaign.base.extensions import db


def stop_on_signals():
    """An Event that SIGTERM or SIGINT sets: the worker's loop ends once it is set."""
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    return stop


def add_work_command(group, run, help, done):
    """Add `work` to a CLI group: `run(once=, stop=)` is the worker's loop, returning how many items
    it handled; `done` says so ("{count}" in it)."""

    @group.command("work", help=f"{help}; runs until stopped (SIGTERM or Ctrl-C).")
    @click.option("--once", is_flag=True, help="Send what is due, then exit (for cron).")
    @with_appcontext
    def work(once):
        click.echo(done.format(count=run(once=once, stop=stop_on_signals())))

    return work


def add_due_command(group, name, help, queue_due, line, total):
    """Add a cron command to a CLI group: `queue_due()` queues what has come due and returns it,
    which is committed; then it echoes `line(item)` for each, and `total(count)`."""

    @group.command(name, help=help)
    @with_appcontext
    def due():
        queued = queue_due()
        db.session.commit()
        for item in queued:
            click.echo(line(item))
        click.echo(total(len(queued)))

    return due
