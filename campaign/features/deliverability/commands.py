"""`flask mail ...`: the sender's DNS records, and the bounces and complaints that come back."""
import logging
import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from campaign.base.extensions import db

from . import records, returned_mail

log = logging.getLogger(__name__)
group = click.Group("mail", help="Sending domain and returned mail.")


@group.command("dns")
@with_appcontext
def dns():
    """Print the SPF, DKIM and DMARC records to publish for the sending domain."""
    config, key = current_app.config, current_app.extensions.get("dkim")
    for record in records.records(config, key):
        click.echo(record.zone_line() + "\n")
    if key is None:
        click.echo("; DKIM: not set up. Make a key (openssl genrsa -out dkim.pem 2048), set DKIM_DOMAIN, "
                   "DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE, and run this again for its record.")
    warning = records.alignment_warning(config, key)
    if warning:
        click.echo(f"; Warning: {warning}")


@group.command("bounces")
@click.option("--maildir", type=click.Path(exists=True, file_okay=False), help="Read the new messages of this "
              "Maildir folder (each is marked seen once read) instead of one message on standard input.")
@with_appcontext
def bounces(maildir):
    """Read bounces (DSNs) and complaints (ARF) and suppress the mailboxes they name.

    Without --maildir, reads one message from standard input, as an MTA's pipe delivers it; it
    exits 0 even for mail it does not understand, so the MTA does not bounce the bounce."""
    counts = returned_mail.new_counts()
    for data in returned_mail.unseen(maildir) if maildir else [sys.stdin.buffer.read()]:
        try:
            recorded = returned_mail.record(data)
            db.session.commit()
        except Exception:
            # Returned mail is written by strangers; a message nobody can read is skipped, not fatal.
            db.session.rollback()
            log.exception("flask mail bounces: a message could not be read")
            recorded = []
        returned_mail.tally(counts, recorded)
    click.echo("Read {messages} message{s}: {hard} hard bounces, {soft} soft bounces, {complaint} complaints, "
               "{ignored} not understood.".format(s="" if counts["messages"] == 1 else "s", **counts))
