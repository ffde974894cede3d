"""quarantine states, blocklists and bulk invalidations

Revision ID: 42985cd175db
Revises: 0cbd31b5bed0
Create Date: 2026-11-26 04:27:51.927381

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '42985cd175db'
down_revision = '0cbd31b5bed0'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('blocklist_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('email_domain', 'ip_network', name='blockkind', native_enum=False, length=20), nullable=False),
    sa.Column('value', sa.String(length=254), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['organizers.id'], name=op.f('fk_blocklist_entries_created_by_id_organizers'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_blocklist_entries')),
    sa.UniqueConstraint('kind', 'value', name=op.f('uq_blocklist_entries_kind_value'))
    )
    op.create_table('invalidations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('petition_id', sa.Integer(), nullable=False),
    sa.Column('ip_range', sa.String(length=50), nullable=False),
    sa.Column('email_domain', sa.String(length=254), nullable=False),
    sa.Column('name_pattern', sa.String(length=100), nullable=False),
    sa.Column('signed_from', sa.DateTime(timezone=True), nullable=True),
    sa.Column('signed_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('source', sa.String(length=100), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('undone_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('undone_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['organizers.id'], name=op.f('fk_invalidations_created_by_id_organizers'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['petition_id'], ['petitions.id'], name=op.f('fk_invalidations_petition_id_petitions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['undone_by_id'], ['organizers.id'], name=op.f('fk_invalidations_undone_by_id_organizers'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invalidations'))
    )
    with op.batch_alter_table('invalidations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invalidations_petition_id'), ['petition_id'], unique=False)

    with op.batch_alter_table('signatures', schema=None) as batch_op:
        # Existing rows were never flagged.
        batch_op.add_column(sa.Column('flag_reasons', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('invalidation_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('invalidated_from', sa.Enum('pending', 'confirmed', 'flagged', 'invalidated', name='signaturestate', native_enum=False, length=20), nullable=True))
        batch_op.create_index(batch_op.f('ix_signatures_invalidation_id'), ['invalidation_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_signatures_invalidation_id_invalidations'), 'invalidations', ['invalidation_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('signatures', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_signatures_invalidation_id_invalidations'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_signatures_invalidation_id'))
        batch_op.drop_column('invalidated_from')
        batch_op.drop_column('invalidation_id')
        batch_op.drop_column('flag_reasons')

    with op.batch_alter_table('invalidations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invalidations_petition_id'))

    op.drop_table('invalidations')
    op.drop_table('blocklist_entries')
