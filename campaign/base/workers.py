"""The `work` command of a long-running worker (`flask outbox work`, `flask webhooks work`): it
runs until SIGTERM or SIGINT (Ctrl-C), which let it finish what it holds, or one round with --once."""
import signal
import threading

import click
from flask.cli import with_appcontext


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
