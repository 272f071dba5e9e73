"""translated segments of free text (a human translator's work, per language and English source)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa
import tafdesk.models.orm.base


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('translated_segments',
    sa.Column('lang', sa.String(length=16), nullable=False),
    sa.Column('source_hash', sa.String(length=64), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('translation', sa.Text(), nullable=False),
    sa.Column('source_entity', sa.String(length=64), nullable=False),
    sa.Column('source_record', sa.String(length=36), nullable=False),
    sa.Column('source_field', sa.String(length=64), nullable=False),
    sa.Column('translator', sa.String(length=200), nullable=False),
    sa.Column('translated_on', sa.Date(), nullable=False),
    sa.Column('imported_in', sa.String(length=36), nullable=False),
    sa.Column('imported_at', tafdesk.models.orm.base.UTCDateTime(), nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_translated_segments_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_translated_segments')),
    sa.UniqueConstraint('case_id', 'lang', 'source_hash', name=op.f('uq_translated_segments_case_id'))
    )
    with op.batch_alter_table('translated_segments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_translated_segments_case_id'), ['case_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('translated_segments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_translated_segments_case_id'))

    op.drop_table('translated_segments')
