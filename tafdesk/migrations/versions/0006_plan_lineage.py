"""plan lineage: the same outcome or action across plan versions

Revision ID: 0006
Revises: 0002
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa

revision = '0006'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("outcomes", "actions"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('lineage_id', sa.String(length=36), nullable=True))
        op.execute(f"UPDATE {table} SET lineage_id = id")
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('lineage_id', existing_type=sa.String(length=36), nullable=False)
            batch_op.create_index(batch_op.f(f'ix_{table}_lineage_id'), ['lineage_id'], unique=False)


def downgrade() -> None:
    for table in ("outcomes", "actions"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{table}_lineage_id'))
            batch_op.drop_column('lineage_id')
