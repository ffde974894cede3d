"""INSERT … ON CONFLICT, whichever database the session uses (PostgreSQL and SQLite both have it)."""
from sqlalchemy.dialects import postgresql, sqlite

from campaign.base.extensions import db


def insert(table):
    """The INSERT … ON CONFLICT construct of the session's database, for `table`."""
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(table)
