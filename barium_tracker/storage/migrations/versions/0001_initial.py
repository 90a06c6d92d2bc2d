"""Initial schema: patients, TBE studies with timed column measurements, procedures, Eckardt, manometry,
endoscopy, the audit trail and clinic settings.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-24 16:28:16.734653
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from barium_tracker.storage.types import ExactDecimal

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("user_name", sa.String(length=120), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("patient_id", sa.Integer(), nullable=True),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_event_occurred_at"), ["occurred_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_event_patient_id"), ["patient_id"], unique=False)

    op.create_table(
        "clinic_setting",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_clinic_setting")),
    )
    op.create_table(
        "patient",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mrn", sa.String(length=40), nullable=False),
        sa.Column("family_name", sa.String(length=120), nullable=False),
        sa.Column("given_name", sa.String(length=120), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("sex", sa.String(length=40), nullable=False),
        sa.Column("diagnosis", sa.String(length=40), nullable=False),
        sa.Column("diagnosis_date", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("search_text", sa.String(length=400), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patient")),
        sa.UniqueConstraint("mrn", name=op.f("uq_patient_mrn")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("patient", schema=None) as batch_op:
        batch_op.create_index("ix_patient_names", ["family_name", "given_name"], unique=False)
        batch_op.create_index(batch_op.f("ix_patient_search_text"), ["search_text"], unique=False)

    op.create_table(
        "eckardt_assessment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("assessment_date", sa.Date(), nullable=False),
        sa.Column("dysphagia", sa.Integer(), nullable=False),
        sa.Column("regurgitation", sa.Integer(), nullable=False),
        sa.Column("retrosternal_pain", sa.Integer(), nullable=False),
        sa.Column("weight_loss", sa.Integer(), nullable=False),
        sa.Column("weight_kg", ExactDecimal(5, 1), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patient.id"], name=op.f("fk_eckardt_assessment_patient_id_patient"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eckardt_assessment")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("eckardt_assessment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_eckardt_assessment_patient_id"), ["patient_id"], unique=False)

    op.create_table(
        "endoscopy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("exam_date", sa.Date(), nullable=False),
        sa.Column("les_opening", sa.String(length=40), nullable=False),
        sa.Column("oesophagitis", sa.String(length=40), nullable=False),
        sa.Column("residue", sa.Boolean(), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patient.id"], name=op.f("fk_endoscopy_patient_id_patient"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_endoscopy")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("endoscopy", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_endoscopy_patient_id"), ["patient_id"], unique=False)

    op.create_table(
        "manometry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("study_date", sa.Date(), nullable=False),
        sa.Column("system", sa.String(length=200), nullable=False),
        sa.Column("irp_supine_mmhg", ExactDecimal(5, 1), nullable=True),
        sa.Column("irp_upright_mmhg", ExactDecimal(5, 1), nullable=True),
        sa.Column("irp_upper_limit_mmhg", ExactDecimal(5, 1), nullable=True),
        sa.Column("subtype", sa.String(length=40), nullable=False),
        sa.Column("conclusive", sa.Boolean(), nullable=False),
        sa.Column("failed_swallows_pct", ExactDecimal(5, 1), nullable=True),
        sa.Column("pan_pressurisation_pct", ExactDecimal(5, 1), nullable=True),
        sa.Column("premature_swallows_pct", ExactDecimal(5, 1), nullable=True),
        sa.Column("dci_mmhg_s_cm", ExactDecimal(8, 1), nullable=True),
        sa.Column("les_resting_pressure_mmhg", ExactDecimal(5, 1), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patient.id"], name=op.f("fk_manometry_patient_id_patient"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_manometry")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("manometry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_manometry_patient_id"), ["patient_id"], unique=False)

    op.create_table(
        "procedure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("procedure_date", sa.Date(), nullable=False),
        sa.Column("procedure_type", sa.String(length=40), nullable=False),
        sa.Column("rescue", sa.Boolean(), nullable=False),
        sa.Column("poem_access", sa.String(length=40), nullable=True),
        sa.Column("myotomy_length_cm", ExactDecimal(5, 2), nullable=True),
        sa.Column("gastric_myotomy_length_cm", ExactDecimal(5, 2), nullable=True),
        sa.Column("knife", sa.String(length=120), nullable=False),
        sa.Column("fundoplication", sa.String(length=40), nullable=True),
        sa.Column("balloon_diameter_mm", ExactDecimal(5, 1), nullable=True),
        sa.Column("balloon_pressure_psi", ExactDecimal(5, 1), nullable=True),
        sa.Column("botox_units", ExactDecimal(6, 1), nullable=True),
        sa.Column("botox_sites", sa.Integer(), nullable=True),
        sa.Column("duration_min", sa.Integer(), nullable=True),
        sa.Column("anaesthesia", sa.String(length=120), nullable=False),
        sa.Column("length_of_stay_days", sa.Integer(), nullable=True),
        sa.Column("operator", sa.String(length=200), nullable=False),
        sa.Column("complication_grade", sa.String(length=40), nullable=False),
        sa.Column("complication_text", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patient.id"], name=op.f("fk_procedure_patient_id_patient"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_procedure")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("procedure", schema=None) as batch_op:
        batch_op.create_index("ix_procedure_patient_date", ["patient_id", "procedure_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_procedure_patient_id"), ["patient_id"], unique=False)

    op.create_table(
        "tbe_study",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("study_date", sa.Date(), nullable=False),
        sa.Column("study_time", sa.Time(), nullable=True),
        sa.Column("barium_volume_ml", ExactDecimal(6, 1), nullable=True),
        sa.Column("barium_type", sa.String(length=200), nullable=False),
        sa.Column("position", sa.String(length=40), nullable=False),
        sa.Column("tablet_result", sa.String(length=40), nullable=False),
        sa.Column("tablet_minute", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patient.id"], name=op.f("fk_tbe_study_patient_id_patient"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tbe_study")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("tbe_study", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tbe_study_patient_id"), ["patient_id"], unique=False)

    op.create_table(
        "column_measurement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("study_id", sa.Integer(), nullable=False),
        sa.Column("minute", sa.Integer(), nullable=False),
        sa.Column("height_cm", ExactDecimal(5, 2), nullable=True),
        sa.Column("width_cm", ExactDecimal(5, 2), nullable=True),
        sa.ForeignKeyConstraint(
            ["study_id"], ["tbe_study.id"], name=op.f("fk_column_measurement_study_id_tbe_study"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_column_measurement")),
        sa.UniqueConstraint("study_id", "minute", name="uq_column_measurement_study_minute"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("column_measurement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_column_measurement_study_id"), ["study_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("column_measurement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_column_measurement_study_id"))

    op.drop_table("column_measurement")
    with op.batch_alter_table("tbe_study", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tbe_study_patient_id"))

    op.drop_table("tbe_study")
    with op.batch_alter_table("procedure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_procedure_patient_id"))
        batch_op.drop_index("ix_procedure_patient_date")

    op.drop_table("procedure")
    with op.batch_alter_table("manometry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_manometry_patient_id"))

    op.drop_table("manometry")
    with op.batch_alter_table("endoscopy", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_endoscopy_patient_id"))

    op.drop_table("endoscopy")
    with op.batch_alter_table("eckardt_assessment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_eckardt_assessment_patient_id"))

    op.drop_table("eckardt_assessment")
    with op.batch_alter_table("patient", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_patient_search_text"))
        batch_op.drop_index("ix_patient_names")

    op.drop_table("patient")
    op.drop_table("clinic_setting")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_event_patient_id"))
        batch_op.drop_index(batch_op.f("ix_audit_event_occurred_at"))

    op.drop_table("audit_event")
