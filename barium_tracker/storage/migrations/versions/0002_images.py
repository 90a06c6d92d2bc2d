"""Films and photographs: the image contents (stored once by SHA-256), their attachments to a TBE study's minute or
an endoscopy, and where each length of a film record came from (typed, or measured on an image with a calibration).

Revision ID: 0002_images
Revises: 0001_initial
Create Date: 2026-12-03 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_images"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "image",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("media_type", sa.String(length=80), nullable=False),
        sa.Column("byte_size", sa.BigInteger(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=True),
        sa.Column("columns", sa.Integer(), nullable=True),
        sa.Column("photometric", sa.String(length=40), nullable=False),
        sa.Column("thumbnail_png", sa.LargeBinary(), nullable=True),
        sa.Column("identity_json", sa.Text(), nullable=True),
        sa.Column("calibration_json", sa.Text(), nullable=True),
        sa.Column("stored_at", sa.DateTime(), nullable=False),
        sa.Column("stored_by", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_image")),
    )
    op.create_table(
        "image_content",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sha256"], ["image.sha256"], name=op.f("fk_image_content_sha256_image"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_image_content")),
    )
    op.create_table(
        "image_attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("image_sha256", sa.String(length=64), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("study_id", sa.Integer(), nullable=True),
        sa.Column("minute", sa.Integer(), nullable=True),
        sa.Column("endoscopy_id", sa.Integer(), nullable=True),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("attached_at", sa.DateTime(), nullable=False),
        sa.Column("attached_by", sa.String(length=120), nullable=False),
        sa.Column("confirmed_mismatch", sa.Text(), nullable=True),
        sa.Column("removed", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("removed_at", sa.DateTime(), nullable=True),
        sa.Column("removed_by", sa.String(length=120), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["endoscopy_id"],
            ["endoscopy.id"],
            name=op.f("fk_image_attachment_endoscopy_id_endoscopy"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["image_sha256"], ["image.sha256"], name=op.f("fk_image_attachment_image_sha256_image")
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patient.id"], name=op.f("fk_image_attachment_patient_id_patient"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["study_id"], ["tbe_study.id"], name=op.f("fk_image_attachment_study_id_tbe_study"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_image_attachment")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("image_attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_image_attachment_endoscopy_id"), ["endoscopy_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_image_attachment_image_sha256"), ["image_sha256"], unique=False)
        batch_op.create_index(batch_op.f("ix_image_attachment_patient_id"), ["patient_id"], unique=False)
        batch_op.create_index("ix_image_attachment_study_minute", ["study_id", "minute"], unique=False)

    with op.batch_alter_table("column_measurement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("height_source", sa.String(length=10), server_default="typed", nullable=False))
        batch_op.add_column(sa.Column("width_source", sa.String(length=10), server_default="typed", nullable=False))
        batch_op.add_column(sa.Column("image_attachment_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("calibration_json", sa.Text(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_column_measurement_image_attachment_id"), ["image_attachment_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_column_measurement_image_attachment_id_image_attachment"),
            "image_attachment",
            ["image_attachment_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("column_measurement", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_column_measurement_image_attachment_id_image_attachment"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_column_measurement_image_attachment_id"))
        batch_op.drop_column("calibration_json")
        batch_op.drop_column("image_attachment_id")
        batch_op.drop_column("width_source")
        batch_op.drop_column("height_source")
    op.drop_table("image_attachment")
    op.drop_table("image_content")
    op.drop_table("image")
