"""users of a shared database and the practitioners each manager oversees

Revision ID: 0007
Revises: 0003
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa
import tafdesk.models.orm.base


revision = '0007'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('users',
    sa.Column('login', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('professional_id', sa.String(length=36), nullable=True),
    sa.Column('manages_all', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', tafdesk.models.orm.base.UTCDateTime(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['professional_id'], ['professionals.id'], name=op.f('fk_users_professional_id_professionals'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('login', name=op.f('uq_users_login'))
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_users_professional_id'), ['professional_id'], unique=False)

    op.create_table('managed_professionals',
    sa.Column('manager_id', sa.String(length=36), nullable=False),
    sa.Column('professional_id', sa.String(length=36), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['manager_id'], ['users.id'], name=op.f('fk_managed_professionals_manager_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['professional_id'], ['professionals.id'], name=op.f('fk_managed_professionals_professional_id_professionals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_managed_professionals')),
    sa.UniqueConstraint('manager_id', 'professional_id', name=op.f('uq_managed_professionals_manager_id'))
    )
    with op.batch_alter_table('managed_professionals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_managed_professionals_manager_id'), ['manager_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_managed_professionals_professional_id'), ['professional_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('managed_professionals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_managed_professionals_professional_id'))
        batch_op.drop_index(batch_op.f('ix_managed_professionals_manager_id'))

    op.drop_table('managed_professionals')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_users_professional_id'))

    op.drop_table('users')
