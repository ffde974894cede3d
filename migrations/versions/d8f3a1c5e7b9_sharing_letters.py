"""sharing letters: referral codes on sign-ons, share visits of any action

Revision ID: d8f3a1c5e7b9
Revises: a4c2e8f61b93
Create Date: 2026-12-03 12:50:00

A letter's sign-ons (organizations and individuals) keep their own referral code and the channel
and code of the link that brought them, as signatures do. share_visits counts the visits of any
action's page, named by (action_kind, action_id) as updates are: the petitions' rows become
('petition', petition id).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd8f3a1c5e7b9'
down_revision = 'a4c2e8f61b93'
branch_labels = None
depends_on = None

SIGN_ONS = ('organization_sign_ons', 'individual_sign_ons')


def _visits_table(key, *constraints):
    """share_visits keyed by `key` (its first primary-key columns)."""
    return op.create_table(
        'share_visits', *key, *constraints,
        sa.Column('channel', sa.String(length=20), nullable=False),
        sa.Column('referral_code', sa.String(length=16), nullable=False),
        sa.Column('count', sa.BigInteger(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint(*(column.name for column in key), 'channel', 'referral_code',
                                name=op.f('pk_share_visits')),
    )


def _rows(*key):
    """The visits counted so far (one row per action, channel and code: few), read before the table goes."""
    table = sa.table('share_visits', *map(sa.column, (*key, 'channel', 'referral_code', 'count')),
                     sa.column('updated_at', sa.DateTime(timezone=True)))
    return [dict(row._mapping) for row in op.get_bind().execute(sa.select(table))]


def upgrade():
    for table in SIGN_ONS:
        op.add_column(table, sa.Column('share_code', sa.String(length=16), nullable=True))
        op.add_column(table, sa.Column('share_channel', sa.String(length=20), server_default='', nullable=False))
        op.add_column(table, sa.Column('referred_by', sa.String(length=16), server_default='', nullable=False))
    # A new key: the table is made again (a batch on SQLite would lose its primary key), its rows kept.
    rows = _rows('petition_id')
    op.drop_table('share_visits')
    table = _visits_table([sa.Column('action_kind', sa.String(length=20), nullable=False),
                           sa.Column('action_id', sa.Integer(), nullable=False, autoincrement=False)])
    op.bulk_insert(table, [dict(row, action_kind='petition', action_id=row.pop('petition_id')) for row in rows])


def downgrade():
    rows = [row for row in _rows('action_kind', 'action_id') if row.pop('action_kind') == 'petition']
    op.drop_table('share_visits')
    table = _visits_table([sa.Column('petition_id', sa.Integer(), nullable=False, autoincrement=False)],
                          sa.ForeignKeyConstraint(['petition_id'], ['petitions.id'], ondelete='CASCADE',
                                                  name=op.f('fk_share_visits_petition_id_petitions')))
    op.bulk_insert(table, [dict(row, petition_id=row.pop('action_id')) for row in rows])
    for table_name in SIGN_ONS:
        op.drop_column(table_name, 'referred_by')
        op.drop_column(table_name, 'share_channel')
        op.drop_column(table_name, 'share_code')
