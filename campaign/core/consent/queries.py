"""Read-side questions about consent: who opted out."""
from sqlalchemy import exists, select

from campaign.base.extensions import db

from .models import OptOut


def opted_out(email_key_column):
    """An SQL condition: the mailbox in `email_key_column` has opted out (for exports, mailings)."""
    return exists().where(OptOut.email_key == email_key_column)


def is_opted_out(email_key):
    return db.session.scalar(select(OptOut.id).where(OptOut.email_key == email_key)) is not None
