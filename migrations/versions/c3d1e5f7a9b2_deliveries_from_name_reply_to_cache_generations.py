"""deliveries have a From name and a Reply-To; cache generations

Revision ID: c3d1e5f7a9b2
Revises: c3516a9677a6
Create Date: 2026-12-03 07:20:00

A delivery's mail carries the name it comes from and the address answers go to (the organizer's
by default; deliveries made before this have neither, and keep the site's sender). The
cache_generations counters let an import (`flask geo import-zccd`) tell every server process to
drop its cached copy.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c3d1e5f7a9b2'
down_revision = 'c3516a9677a6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('deliveries') as batch:
        batch.add_column(sa.Column('from_name', sa.String(length=100), server_default='', nullable=False))
        batch.add_column(sa.Column('reply_to', sa.String(length=254), server_default='', nullable=False))
    op.create_table(
        'cache_generations',
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.Column('generation', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_cache_generations')),
    )


def downgrade():
    op.drop_table('cache_generations')
    with op.batch_alter_table('deliveries') as batch:
        batch.drop_column('reply_to')
        batch.drop_column('from_name')
