"""mail returns and suppressions

Revision ID: e19b0c3a5d71
Revises: a4086890c5eb
Create Date: 2026-12-03 08:05:00

Bounces and complaints as they come back (`flask mail bounces`, /hooks/mail/ses), and the
mailboxes the outbox no longer mails. The outbox's new state `suppressed` needs no change: its
status is a VARCHAR(20) without a CHECK constraint (campaign.base.columns.enum_type).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e19b0c3a5d71'
down_revision = 'a4086890c5eb'
branch_labels = None
depends_on = None

KINDS = ('hard', 'soft', 'complaint')


def upgrade():
    op.create_table('mail_returns',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('kind', sa.Enum(*KINDS, name='returnkind', native_enum=False, length=20), nullable=False),
    sa.Column('email_key', sa.String(length=254), nullable=False),
    sa.Column('domain', sa.String(length=254), nullable=False),
    sa.Column('outbox_message_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['outbox_message_id'], ['outbox_messages.id'], name=op.f('fk_mail_returns_outbox_message_id_outbox_messages'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_returns'))
    )
    with op.batch_alter_table('mail_returns', schema=None) as batch_op:
        batch_op.create_index('ix_mail_returns_email_key_created_at', ['email_key', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_mail_returns_domain'), ['domain'], unique=False)
        batch_op.create_index(batch_op.f('ix_mail_returns_outbox_message_id'), ['outbox_message_id'], unique=False)

    op.create_table('mail_suppressions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email_key', sa.String(length=254), nullable=False),
    sa.Column('reason', sa.Enum(*KINDS, name='returnkind', native_enum=False, length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('lifted_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_suppressions')),
    sa.UniqueConstraint('email_key', name=op.f('uq_mail_suppressions_email_key'))
    )


def downgrade():
    op.drop_table('mail_suppressions')
    with op.batch_alter_table('mail_returns', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mail_returns_outbox_message_id'))
        batch_op.drop_index(batch_op.f('ix_mail_returns_domain'))
        batch_op.drop_index('ix_mail_returns_email_key_created_at')
    op.drop_table('mail_returns')
