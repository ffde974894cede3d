"""`flask mail ...`: the sender's DNS records, and the bounces and complaints that come back."""
import click
from flask import current_app
from flask.cli import with_appcontext

from . import records

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
