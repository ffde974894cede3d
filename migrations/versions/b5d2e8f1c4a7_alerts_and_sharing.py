"""alerts for organizers, and sharing: referral codes, channels and visits

Revision ID: b5d2e8f1c4a7
Revises: 6393667f149a
Create Date: 2026-12-03 10:00:00

Each signature gets its own random referral code (made when signed; older signatures get one
when their signer next sees the confirmed page) and keeps the channel and referral code of the
link that brought it. share_visits counts the visits shared links brought. alert_settings holds
each organizer's choice of alerts and when each was last mailed; petition_milestones the
milestones reached, each alerted once.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b5d2e8f1c4a7'
down_revision = '6393667f149a'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('signatures', sa.Column('share_code', sa.String(length=16), nullable=True))
    op.add_column('signatures', sa.Column('share_channel', sa.String(length=20), server_default='', nullable=False))
    op.add_column('signatures', sa.Column('referred_by', sa.String(length=16), server_default='', nullable=False))
    op.create_index(op.f('ix_signatures_share_code'), 'signatures', ['share_code'], unique=True)
    op.create_index('ix_signatures_petition_id_referred_by', 'signatures', ['petition_id', 'referred_by'])

    op.create_table('share_visits',
    sa.Column('petition_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('referral_code', sa.String(length=16), nullable=False),
    sa.Column('count', sa.BigInteger(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['petition_id'], ['petitions.id'], name=op.f('fk_share_visits_petition_id_petitions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('petition_id', 'channel', 'referral_code', name=op.f('pk_share_visits'))
    )
    op.create_table('alert_settings',
    sa.Column('organizer_id', sa.Integer(), nullable=False),
    sa.Column('on_waiting', sa.Boolean(), nullable=False),
    sa.Column('on_milestone', sa.Boolean(), nullable=False),
    sa.Column('daily_digest', sa.Boolean(), nullable=False),
    sa.Column('waiting_mailed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('digest_mailed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['organizer_id'], ['organizers.id'], name=op.f('fk_alert_settings_organizer_id_organizers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('organizer_id', name=op.f('pk_alert_settings'))
    )
    op.create_table('petition_milestones',
    sa.Column('petition_id', sa.Integer(), nullable=False),
    sa.Column('milestone', sa.BigInteger(), nullable=False),
    sa.Column('reached_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['petition_id'], ['petitions.id'], name=op.f('fk_petition_milestones_petition_id_petitions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('petition_id', 'milestone', name=op.f('pk_petition_milestones'))
    )


def downgrade():
    op.drop_table('petition_milestones')
    op.drop_table('alert_settings')
    op.drop_table('share_visits')
    op.drop_index('ix_signatures_petition_id_referred_by', table_name='signatures')
    op.drop_index(op.f('ix_signatures_share_code'), table_name='signatures')
    # Not a batch: SQLite (3.35 and later) drops a column itself, and a batch's copy of the table
    # could not rebuild its computed column.
    op.drop_column('signatures', 'referred_by')
    op.drop_column('signatures', 'share_channel')
    op.drop_column('signatures', 'share_code')
