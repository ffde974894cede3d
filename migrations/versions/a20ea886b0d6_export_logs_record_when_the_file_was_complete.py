"""export logs record when the file was complete

Revision ID: a20ea886b0d6
Revises: a16601b0173d
Create Date: 2026-11-26 11:20:00

An export's rows are now counted as they are written, and the entry records when the last one
went out; the entries made before this counted their rows up front, so they count as finished
when they were made.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a20ea886b0d6'
down_revision = 'a16601b0173d'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('export_logs', sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE export_logs SET finished_at = created_at")


def downgrade():
    op.drop_column('export_logs', 'finished_at')
