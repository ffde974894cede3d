"""OSDI: modified dates on signatures and sign-ons; webhooks and their deliveries

Revision ID: b3f1d7e2a9c4
Revises: b8e2f4a6c913
Create Date: 2026-12-03 09:40:00

Signatures and both kinds of sign-on get `updated_at` (the API's modified_date, which
`filter=modified_date gt '…'` syncs by), filled from what the row already says: its decision,
its confirmation or its creation. Webhooks are organizers' URLs with a secret and the events
they take; webhook_deliveries is their durable queue, written in the event's transaction.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b3f1d7e2a9c4'
down_revision = 'b8e2f4a6c913'
branch_labels = None
depends_on = None

# What the new column says of the rows already there.
UPDATED = {
    'signatures': 'COALESCE(confirmed_at, created_at)',
    'organization_sign_ons': 'COALESCE(decided_at, confirmed_at, created_at)',
    'individual_sign_ons': 'COALESCE(decided_at, confirmed_at, created_at)',
}


def upgrade():
    postgres = op.get_bind().dialect.name == 'postgresql'
    # NOT NULL needs a default for the rows already there (SQLite cannot add it later without
    # copying the table); the UPDATE then gives each row its own, and the models set it since.
    placeholder = sa.text('now()') if postgres else '1970-01-01 00:00:00.000000'
    for table, value in UPDATED.items():
        op.add_column(table, sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False,
                                       server_default=placeholder))
        op.execute(f'UPDATE {table} SET updated_at = {value}')
        if postgres:
            op.alter_column(table, 'updated_at', server_default=None)
    op.create_index('ix_signatures_petition_id_updated_at', 'signatures', ['petition_id', 'updated_at'])
    op.create_index('ix_organization_sign_ons_updated_at', 'organization_sign_ons', ['updated_at'])
    op.create_index('ix_individual_sign_ons_updated_at', 'individual_sign_ons', ['updated_at'])

    op.create_table(
        'webhooks',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('organizer_id', sa.Integer(), nullable=False),
        sa.Column('url', sa.String(length=2000), nullable=False),
        sa.Column('secret', sa.String(length=200), nullable=False),
        sa.Column('events', sa.String(length=500), nullable=False),
        sa.Column('is_active', sa.Boolean(), nullable=False),
        sa.Column('failures', sa.Integer(), nullable=False),
        sa.Column('disabled_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['organizer_id'], ['organizers.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_webhooks_organizer_id', 'webhooks', ['organizer_id'])
    op.create_table(
        'webhook_deliveries',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
        sa.Column('webhook_id', sa.Integer(), nullable=False),
        sa.Column('event', sa.String(length=40), nullable=False),
        sa.Column('payload', sa.JSON(), nullable=False),
        sa.Column('email_key', sa.String(length=254), nullable=True),
        sa.Column('status', sa.Enum('queued', 'sending', 'sent', 'failed', name='deliverystatus',
                                    native_enum=False, length=20), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('claimed_by', sa.String(length=64), nullable=True),
        sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('last_error', sa.Text(), nullable=True),
        sa.Column('last_status', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['webhook_id'], ['webhooks.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sqlite_autoincrement=True,
    )
    op.create_index('ix_webhook_deliveries_status_next_attempt_at', 'webhook_deliveries',
                    ['status', 'next_attempt_at'])
    op.create_index('ix_webhook_deliveries_webhook_id_id', 'webhook_deliveries', ['webhook_id', 'id'])
    op.create_index('ix_webhook_deliveries_email_key', 'webhook_deliveries', ['email_key'])


def downgrade():
    op.drop_table('webhook_deliveries')
    op.drop_table('webhooks')
    op.drop_index('ix_individual_sign_ons_updated_at', table_name='individual_sign_ons')
    op.drop_index('ix_organization_sign_ons_updated_at', table_name='organization_sign_ons')
    op.drop_index('ix_signatures_petition_id_updated_at', table_name='signatures')
    for table in UPDATED:
        # Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35 on): a batch copy of signatures would
        # have to copy its generated column, which SQLite refuses.
        op.drop_column(table, 'updated_at')
