"""organizations' states as two-letter codes

Revision ID: c3516a9677a6
Revises: a20ea886b0d6
Create Date: 2026-12-03 07:30:00

The organization form's State is now a select of US states that stores the two-letter code. A
state typed before as its name, or as a code in lower case ("California", " ca "), becomes its
code; anything else (a province abroad, a misspelling) is kept as it was typed. No schema change.
"""
from alembic import op
import sqlalchemy as sa

from campaign.core.geo.states import code_of


# revision identifiers, used by Alembic.
revision = 'c3516a9677a6'
down_revision = 'a20ea886b0d6'
branch_labels = None
depends_on = None

sign_ons = sa.table('organization_sign_ons', sa.column('region', sa.String))


def upgrade():
    connection = op.get_bind()
    typed = connection.scalars(sa.select(sign_ons.c.region).where(sign_ons.c.region != '').distinct()).all()
    for region in typed:
        code = code_of(region)
        if code is not None and code != region:
            connection.execute(sa.update(sign_ons).where(sign_ons.c.region == region).values(region=code))


def downgrade():
    # A code is as good a way to write a state as its name: nothing to undo.
    pass
