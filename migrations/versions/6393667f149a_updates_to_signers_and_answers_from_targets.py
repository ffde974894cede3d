"""updates to signers and answers from targets

Revision ID: 6393667f149a
Revises: b3f1d7e2a9c4
Create Date: 2026-12-03 09:35:21

Updates on petitions and letters (shown in public, optionally mailed), the mailboxes each update
is mailed to (one row a mailbox, with the id of its outbox row), targets' answers, and the sign-on
forms' "Email me updates" answer.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6393667f149a'
down_revision = 'b3f1d7e2a9c4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('updates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_kind', sa.String(length=20), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('news', 'delivered', 'response', 'victory', name='updatekind', native_enum=False, length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body_markdown', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('mailing', sa.Enum('draft', 'scheduled', 'queued', 'cancelled', name='mailingstate', native_enum=False, length=20), nullable=False),
    sa.Column('mail_regions', sa.JSON(), nullable=False),
    sa.Column('mail_districts', sa.JSON(), nullable=False),
    sa.Column('send_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('queued_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('recipient_count', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['organizers.id'], name=op.f('fk_updates_created_by_id_organizers'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_updates'))
    )
    with op.batch_alter_table('updates', schema=None) as batch_op:
        batch_op.create_index('ix_updates_action', ['action_kind', 'action_id', 'published_at'], unique=False)

    op.create_table('update_recipients',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('update_id', sa.Integer(), nullable=False),
    sa.Column('record_kind', sa.String(length=1), nullable=False),
    sa.Column('record_id', sa.BigInteger(), nullable=False),
    sa.Column('outbox_message_id', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['update_id'], ['updates.id'], name=op.f('fk_update_recipients_update_id_updates'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_update_recipients')),
    sa.UniqueConstraint('update_id', 'record_kind', 'record_id', name=op.f('uq_update_recipients_update_id_record_kind_record_id'))
    )
    with op.batch_alter_table('update_recipients', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_update_recipients_outbox_message_id'), ['outbox_message_id'], unique=False)

    op.create_table('target_responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_kind', sa.String(length=20), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('delivery_recipient_id', sa.Integer(), nullable=True),
    sa.Column('responder_name', sa.String(length=200), nullable=False),
    sa.Column('responder_title', sa.String(length=200), nullable=False),
    sa.Column('is_declined', sa.Boolean(), nullable=False),
    sa.Column('body_text', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('state', sa.Enum('waiting', 'approved', 'rejected', name='responsestate', native_enum=False, length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('update_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['decided_by_id'], ['organizers.id'], name=op.f('fk_target_responses_decided_by_id_organizers'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['delivery_recipient_id'], ['delivery_recipients.id'], name=op.f('fk_target_responses_delivery_recipient_id_delivery_recipients'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['target_id'], ['targets.id'], name=op.f('fk_target_responses_target_id_targets'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['update_id'], ['updates.id'], name=op.f('fk_target_responses_update_id_updates'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_target_responses'))
    )
    with op.batch_alter_table('target_responses', schema=None) as batch_op:
        batch_op.create_index('ix_target_responses_action', ['action_kind', 'action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_target_responses_target_id'), ['target_id'], unique=False)

    with op.batch_alter_table('individual_sign_ons', schema=None) as batch_op:
        batch_op.add_column(sa.Column('wants_updates', sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table('organization_sign_ons', schema=None) as batch_op:
        batch_op.add_column(sa.Column('wants_updates', sa.Boolean(), server_default=sa.false(), nullable=False))



def downgrade():
    with op.batch_alter_table('organization_sign_ons', schema=None) as batch_op:
        batch_op.drop_column('wants_updates')

    with op.batch_alter_table('individual_sign_ons', schema=None) as batch_op:
        batch_op.drop_column('wants_updates')

    with op.batch_alter_table('target_responses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_target_responses_target_id'))
        batch_op.drop_index('ix_target_responses_action')

    op.drop_table('target_responses')
    with op.batch_alter_table('update_recipients', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_update_recipients_outbox_message_id'))

    op.drop_table('update_recipients')
    with op.batch_alter_table('updates', schema=None) as batch_op:
        batch_op.drop_index('ix_updates_action')

    op.drop_table('updates')
