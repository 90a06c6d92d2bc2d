"""Measurements on the film: the area inside the column's traced outline, and the marks (height path, width,
outline and the calibration they were measured with) as JSON text, so that a recalibration recomputes every length.

Revision ID: 0003_film_measurements
Revises: 0002_images
Create Date: 2026-12-02 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from barium_tracker.storage.types import ExactDecimal

revision = "0003_film_measurements"
down_revision = "0002_images"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("column_measurement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("traced_area_cm2", ExactDecimal(6, 2), nullable=True))
        batch_op.add_column(sa.Column("geometry_json", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("column_measurement", schema=None) as batch_op:
        batch_op.drop_column("geometry_json")
        batch_op.drop_column("traced_area_cm2")
