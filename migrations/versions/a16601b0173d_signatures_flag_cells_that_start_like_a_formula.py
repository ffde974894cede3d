"""signatures flag the text cells that start like a formula

Revision ID: a16601b0173d
Revises: 6eb0bd139460
Create Date: 2026-11-26 10:40:00

A generated column: stored on PostgreSQL (adding it rewrites the table once, under a lock: about
five seconds a million signatures on a small server), computed when read on SQLite, where ALTER
TABLE can add (and drop) only that kind without rebuilding the table. The expression is frozen here as written on that
day (campaign.features.exports.csvfile.starts_like_formula_sql over Signature's TEXT_CELLS).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a16601b0173d'
down_revision = '6eb0bd139460'
branch_labels = None
depends_on = None

CELLS = ("first_name", "last_name", "email", "postcode", "city", "region", "country", "phone", "comment", "source",
         "referrer")
STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTED = ", ".join(f"'{start}'" for start in STARTS)
EXPRESSION = " OR ".join(f"substr({name}, 1, 1) IN ({QUOTED})" for name in CELLS)


def upgrade():
    stored = None if op.get_bind().dialect.name == "sqlite" else True
    op.add_column('signatures', sa.Column('starts_like_formula', sa.Boolean(), sa.Computed(EXPRESSION, persisted=stored),
                                          nullable=True))


def downgrade():
    op.drop_column('signatures', 'starts_like_formula')
