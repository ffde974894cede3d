"""The ceilings the app is measured against, served by gunicorn with the app's own settings.

- ceiling A (`POST /a`): parses the same sign form and inserts the same two rows (a signature and
  an outbox mail) with SQLAlchemy Core in one transaction. Nothing else: no CSRF, no checks.
- ceiling B (`GET /b`): returns a short string.
"""
import os

from flask import Flask, request
from sqlalchemy import create_engine, insert

from campaign.base.outbox.models import OutboxMessage
from campaign.base.timeutil import utcnow
from campaign.core.signatures.models import Signature
from config import database_url

app = Flask(__name__)
engine = create_engine(database_url(os.environ["DATABASE_URL"]), pool_size=4)
PETITION_ID = int(os.environ.get("BENCH_PETITION_ID", "1"))
signatures, outbox = Signature.__table__, OutboxMessage.__table__


@app.post("/a")
def ceiling_a():
    form = request.form
    email = form["email"]
    now = utcnow()
    with engine.begin() as connection:
        signature_id = connection.execute(
            insert(signatures).returning(signatures.c.id),
            {"petition_id": PETITION_ID, "state": "pending", "email": email, "email_key": email.lower(),
             "first_name": form["first_name"], "last_name": form["last_name"], "postcode": form.get("postcode", ""),
             "city": "", "country": "", "region": "", "phone": "", "comment": "", "is_public": False,
             "has_consented": False, "source": "", "referrer": "", "ip_address": request.remote_addr,
             "created_at": now, "last_mailed_at": now, **_extra_signature_columns()},
        ).scalar_one()
        connection.execute(insert(outbox), {"kind": "signature.confirm", "recipient": email,
                                            "params": {"signature_id": signature_id}, "status": "queued",
                                            "attempts": 0, "next_attempt_at": now, "created_at": now})
    return "", 302, {"Location": "/thanks"}


@app.get("/b")
def ceiling_b():
    return "ok"


def _extra_signature_columns():
    """Values for NOT NULL columns later issues added to signatures, read from the table itself."""
    values = {}
    for column in signatures.columns:
        if column.name in ("id",) or column.nullable or column.default is None:
            continue
        if column.default.is_scalar:
            values.setdefault(column.name, column.default.arg)
    return {k: v for k, v in values.items() if k not in _BASE_COLUMNS}


_BASE_COLUMNS = {"petition_id", "state", "email", "email_key", "first_name", "last_name", "postcode", "city",
                 "country", "region", "phone", "comment", "is_public", "has_consented", "source", "referrer",
                 "ip_address", "created_at", "last_mailed_at"}
