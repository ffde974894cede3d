"""outbox: priorities, the claim's index, and a wake-up call on new mail

Revision ID: e7b41c9d2a6f
Revises: e19b0c3a5d71
Create Date: 2026-12-03 08:05:00

Each outbox row has a priority (lower is sooner; 0, the default, for mail someone is waiting for),
and a partial index on the queued rows serves the worker's claim in that order. On PostgreSQL a
statement that inserts outbox rows notifies the channel `outbox` when its transaction commits,
so idle workers (LISTEN outbox) wake at once instead of polling.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e7b41c9d2a6f'
down_revision = 'e19b0c3a5d71'
branch_labels = None
depends_on = None

QUEUED = sa.text("status = 'queued'")


def upgrade():
    op.add_column('outbox_messages', sa.Column('priority', sa.SmallInteger(), server_default='0', nullable=False))
    op.create_index('ix_outbox_messages_queue', 'outbox_messages', ['priority', 'id'],
                    postgresql_where=QUEUED, sqlite_where=QUEUED)
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("""
            CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('outbox', '');
                RETURN NULL;
            END $$
        """)
        op.execute("""
            CREATE TRIGGER outbox_messages_notify AFTER INSERT ON outbox_messages
            FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()
        """)


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TRIGGER outbox_messages_notify ON outbox_messages")
        op.execute("DROP FUNCTION outbox_notify()")
    op.drop_index('ix_outbox_messages_queue', table_name='outbox_messages')
    op.drop_column('outbox_messages', 'priority')
