"""`flask organizers ...`: create organizer accounts."""
import sys

import click
from flask.cli import with_appcontext
from sqlalchemy import func, select

from campaign.base.extensions import db

from .models import Organizer, Role

group = click.Group("organizers", help="Organizer accounts.")


@group.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice([role.value for role in Role]), default=Role.OWNER.value,
              show_default=True, help="owner manages organizers; organizer runs actions; viewer sees counts.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
@with_appcontext
def create(email, role, password_stdin):
    """Create an organizer account; asks for the password."""
    email = email.strip()
    if "@" not in email:
        raise click.BadParameter("give an email address", param_hint="EMAIL")
    if db.session.scalar(select(Organizer).where(func.lower(Organizer.email) == email.lower())):
        raise click.ClickException(f"an organizer with the address {email} exists already")
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    organizer = Organizer(email=email, role=Role(role))
    try:
        organizer.set_password(password)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    db.session.add(organizer)
    db.session.commit()
    click.echo(f"Created {role} {email}.")
