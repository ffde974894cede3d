"""exports, opt-outs, api tokens, reminders and erasure

Revision ID: 2ce962fcda5f
Revises: 42985cd175db
Create Date: 2026-11-26 04:23:14.906658

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '2ce962fcda5f'
down_revision = '42985cd175db'
branch_labels = None
depends_on = None

def upgrade():

    op.create_table('opt_outs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email_key', sa.String(length=254), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opt_outs')),
    sa.UniqueConstraint('email_key', name=op.f('uq_opt_outs_email_key'))
    )
    op.create_table('api_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organizer_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('prefix', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['organizer_id'], ['organizers.id'], name=op.f('fk_api_tokens_organizer_id_organizers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_tokens_token_hash'))
    )
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_tokens_organizer_id'), ['organizer_id'], unique=False)

    op.create_table('export_logs',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('organizer_id', sa.Integer(), nullable=True),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('action_kind', sa.String(length=20), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('preset', sa.String(length=20), nullable=False),
    sa.Column('filters', sa.JSON(), nullable=False),
    sa.Column('row_count', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organizer_id'], ['organizers.id'], name=op.f('fk_export_logs_organizer_id_organizers'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_export_logs'))
    )
    with op.batch_alter_table('export_logs', schema=None) as batch_op:
        batch_op.create_index('ix_export_logs_action_kind_action_id', ['action_kind', 'action_id'], unique=False)

    with op.batch_alter_table('petitions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('keep_personal_data', sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table('signatures', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('erased_at', sa.DateTime(timezone=True), nullable=True))

def downgrade():

    with op.batch_alter_table('signatures', schema=None) as batch_op:
        batch_op.drop_column('erased_at')
        batch_op.drop_column('reminded_at')

    with op.batch_alter_table('petitions', schema=None) as batch_op:
        batch_op.drop_column('keep_personal_data')

    with op.batch_alter_table('export_logs', schema=None) as batch_op:
        batch_op.drop_index('ix_export_logs_action_kind_action_id')

    op.drop_table('export_logs')
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_tokens_organizer_id'))

    op.drop_table('api_tokens')
    op.drop_table('opt_outs')

