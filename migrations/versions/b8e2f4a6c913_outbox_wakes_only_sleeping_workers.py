"""outbox: the wake-up call goes only to workers that sleep

Revision ID: b8e2f4a6c913
Revises: e7b41c9d2a6f
Create Date: 2026-12-03 10:10:00

PostgreSQL serialises the commits of transactions that NOTIFY (each holds a lock on the
notification queue through its commit, flush to disk included), so a NOTIFY in every signing
transaction made signings commit one at a time. A worker that has been idle a while now writes
its id into outbox_sleepers before it waits on LISTEN, and deletes it when it has mail again; the
trigger notifies only while a worker sleeps. Busy or lightly napping workers need no call.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b8e2f4a6c913'
down_revision = 'e7b41c9d2a6f'
branch_labels = None
depends_on = None


def _notify_function(body):
    op.execute(f"""
        CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            {body}
            RETURN NULL;
        END $$
    """)


def upgrade():
    op.create_table(
        'outbox_sleepers',
        sa.Column('worker_id', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('worker_id', name=op.f('pk_outbox_sleepers')),
    )
    if op.get_bind().dialect.name == 'postgresql':
        _notify_function("IF EXISTS (SELECT 1 FROM outbox_sleepers) THEN PERFORM pg_notify('outbox', ''); END IF;")


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        _notify_function("PERFORM pg_notify('outbox', '');")
    op.drop_table('outbox_sleepers')
