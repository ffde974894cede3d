"""actions in languages, and the language each signer signed in

Revision ID: a4c2e8f61b93
Revises: b5d2e8f1c4a7
Create Date: 2026-12-03 09:50:00

Petitions and letters have a default language (`language`; existing ones are English, with their
text as it is) and the texts of their other languages (`translations`, JSON). Signatures and
sign-ons keep the language their signer signed in (existing ones: English), for every later mail.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a4c2e8f61b93'
down_revision = 'b5d2e8f1c4a7'
branch_labels = None
depends_on = None

ACTIONS = ('petitions', 'letters')
SIGNERS = ('signatures', 'organization_sign_ons', 'individual_sign_ons')


def upgrade():
    # Plain ADD/DROP COLUMN (SQLite has both): a batch copy of `signatures` would trip on its
    # computed column.
    for table in ACTIONS:
        op.add_column(table, sa.Column('language', sa.String(length=8), server_default='en', nullable=False))
        op.add_column(table, sa.Column('translations', sa.JSON(), server_default=sa.text("'{}'"), nullable=False))
    for table in SIGNERS:
        op.add_column(table, sa.Column('language', sa.String(length=8), server_default='en', nullable=False))


def downgrade():
    for table in SIGNERS:
        op.drop_column(table, 'language')
    for table in ACTIONS:
        op.drop_column(table, 'translations')
        op.drop_column(table, 'language')
