"""organizers have a session version

Revision ID: a4086890c5eb
Revises: c3d1e5f7a9b2
Create Date: 2026-12-03 07:10:00

Each session keeps its organizer's session version, and logging out, a password change or reset
and deactivation raise it, which ends every session of that account. Sessions made before this
kept only the account's id, so they end at the upgrade and everyone logs in once more.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a4086890c5eb'
down_revision = 'c3d1e5f7a9b2'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('organizers', sa.Column('session_version', sa.Integer(), server_default='1', nullable=False))


def downgrade():
    op.drop_column('organizers', 'session_version')
