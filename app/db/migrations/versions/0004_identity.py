"""database_identity: a uuid naming this database, given at creation (and at this upgrade to
an existing database). Keyring entries are keyed by it, so one database's distributor and
SMTP passwords are not another's.

Revision ID: 0004_identity
Revises: 0003_mail
"""
import uuid
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa


revision = '0004_identity'
down_revision = '0003_mail'
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table('database_identity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_database_identity')),
    sa.UniqueConstraint('uuid', name=op.f('uq_database_identity_uuid'))
    )
    op.bulk_insert(table, [{'id': 1, 'uuid': str(uuid.uuid4()),
                            'created_at': datetime.now(timezone.utc).replace(tzinfo=None)}])


def downgrade() -> None:
    op.drop_table('database_identity')
