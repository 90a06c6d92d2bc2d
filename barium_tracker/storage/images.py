"""Where an image's bytes are kept on each engine, and the check that every stored image is whole.

SQLite: the content-addressed folder beside the file (:mod:`storage.image_files`); PostgreSQL: the ``image_content``
table, so that every workstation sharing the server sees the same films (docs/decisions/0005-image-storage.md).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from barium_tracker.domain.i18n import N_
from barium_tracker.domain.messages import Joined, Message, say
from barium_tracker.storage.database import Database
from barium_tracker.storage.image_files import ImageFiles, image_folder, sha256_of
from barium_tracker.storage.models import (
    EndoscopyRow,
    ImageAttachmentRow,
    ImageContentRow,
    ImageRow,
    PatientRow,
    TbeStudyRow,
)


def image_files(db: Database) -> ImageFiles | None:
    """The folder of a SQLite clinic's images; None on PostgreSQL (the bytes are rows there)."""
    path = db.sqlite_path
    return ImageFiles(image_folder(path)) if path is not None else None


def keep_bytes(db: Database, session: Session, sha256: str, data: bytes) -> None:
    """Store an image's bytes once, before the row that names them is committed (SQLite: renamed into place at once;
    PostgreSQL: in the same transaction as the row)."""
    files = image_files(db)
    if files is not None:
        files.write(data, sha256)
    elif session.get(ImageContentRow, sha256) is None:
        session.add(ImageContentRow(sha256=sha256, content=data))


def load_bytes(db: Database, session: Session, sha256: str) -> bytes | None:
    """An image's bytes, checked against its hash; None when they are missing or damaged."""
    files = image_files(db)
    if files is not None:
        return files.read(sha256)
    content = session.scalar(select(ImageContentRow.content).where(ImageContentRow.sha256 == sha256))
    if content is None or sha256_of(bytes(content)) != sha256:
        return None
    return bytes(content)


def _problem(db: Database, session: Session, sha256: str) -> str | None:
    files = image_files(db)
    if files is not None:
        return files.problem(sha256)
    content = session.scalar(select(ImageContentRow.content).where(ImageContentRow.sha256 == sha256))
    if content is None:
        return "missing"
    return None if sha256_of(bytes(content)) == sha256 else "damaged"


def _where_attached(session: Session, sha256: str) -> list[Message]:
    rows = session.execute(
        select(PatientRow.mrn, TbeStudyRow.study_date, ImageAttachmentRow.minute, EndoscopyRow.exam_date)
        .select_from(ImageAttachmentRow)
        .join(PatientRow, PatientRow.id == ImageAttachmentRow.patient_id)
        .outerjoin(TbeStudyRow, TbeStudyRow.id == ImageAttachmentRow.study_id)
        .outerjoin(EndoscopyRow, EndoscopyRow.id == ImageAttachmentRow.endoscopy_id)
        .where(ImageAttachmentRow.image_sha256 == sha256)
        .order_by(ImageAttachmentRow.id)
    ).all()
    said = []
    for mrn, study_date, minute, exam_date in rows:
        if study_date is not None:
            said.append(say(N_("{mrn}, TBE study of {date} at {minute} min"), mrn=mrn, date=study_date, minute=minute))
        else:
            said.append(say(N_("{mrn}, endoscopy of {date}"), mrn=mrn, date=exam_date))
    return said


def image_problems(db: Database) -> list[Message]:
    """Each stored image whose bytes are missing or damaged, by its hash and where it was attached (reads them all)."""
    problems: list[Message] = []
    with db.session() as session:
        for sha256 in session.scalars(select(ImageRow.sha256).order_by(ImageRow.sha256)):
            problem = _problem(db, session, sha256)
            if problem is None:
                continue
            where = _where_attached(session, sha256)
            args = {"sha256": sha256, "where": Joined(tuple(where), "; ")}
            if problem == "missing" and where:
                problems.append(say(N_("The image {sha256} is missing; it was attached to {where}."), **args))
            elif where:
                problems.append(
                    say(
                        N_("The image {sha256} is damaged (its bytes no longer match it); attached to {where}."), **args
                    )
                )
            elif problem == "missing":
                problems.append(say(N_("The image {sha256} is missing; it is attached to nothing."), sha256=sha256))
            else:
                problems.append(
                    say(
                        N_("The image {sha256} is damaged (its bytes no longer match it); attached to nothing."),
                        sha256=sha256,
                    )
                )
    return problems
