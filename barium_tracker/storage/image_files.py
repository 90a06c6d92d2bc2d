"""Image bytes in a folder, named by their SHA-256: written once, atomically, private, and checked when read.

A store is ``<database>.images/`` beside a SQLite clinic, or ``barium-tracker-images/`` in a backups folder (shared
by every backup there, so that a film is copied once: docs/decisions/0005-image-storage.md). An image lives at
``ab/abcdef...`` (the first two hex digits as a sub-folder); it is written as ``.<sha256>.partial-<host>-<pid>`` at
the top of the store, fsynced, then renamed into its sub-folder, so a kill at any instant leaves the whole file or
none (the scratch file is removed by the next open: storage/scratch.py). Only the standard library is imported.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from barium_tracker.storage.private import PRIVATE_FILE, private_file, private_folder
from barium_tracker.storage.scratch import fsync_folder, remove_scratch, scratch_path

log = logging.getLogger(__name__)

IMAGE_FOLDER_SUFFIX = ".images"
BACKUP_IMAGE_FOLDER = "barium-tracker-images"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_CHUNK = 1 << 20


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def image_folder(database: Path) -> Path:
    """The image store of a SQLite clinic: ``<database>.images`` beside the file."""
    return database.with_name(database.name + IMAGE_FOLDER_SUFFIX)


def backup_image_folder(backups: Path) -> Path:
    """The image store every backup in the folder ``backups`` shares."""
    return backups / BACKUP_IMAGE_FOLDER


class ImageFiles:
    """One content-addressed folder of images."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        if not _SHA256.match(sha256):
            raise ValueError(f"not a SHA-256 in hex: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def write(self, data: bytes, sha256: str | None = None) -> bool:
        """Store ``data`` under its hash; False when it was there already (the bytes are not written twice)."""
        digest = sha256 or sha256_of(data)
        final = self.path(digest)
        if final.is_file():
            return False
        private_folder(final.parent)
        partial = scratch_path(self.root / digest, "partial")
        try:
            remove_scratch(partial)
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            private_file(partial)
            os.replace(partial, final)
            fsync_folder(final.parent)
        finally:
            remove_scratch(partial)
        return True

    def problem(self, sha256: str) -> str | None:
        """None when the file is there and its bytes hash to its name; else "missing" or "damaged"."""
        try:
            digest = hashlib.sha256()
            with open(self.path(sha256), "rb") as stream:
                while chunk := stream.read(_CHUNK):
                    digest.update(chunk)
        except FileNotFoundError:
            return "missing"
        except OSError:
            return "unreadable"
        return None if digest.hexdigest() == sha256 else "damaged"

    def read(self, sha256: str) -> bytes | None:
        """The image's bytes, or None when the file is missing or its bytes no longer hash to its name."""
        try:
            data = self.path(sha256).read_bytes()
        except OSError:
            return None
        if sha256_of(data) != sha256:
            log.warning("The image file %s is damaged (its bytes do not match its hash)", self.path(sha256))
            return None
        return data


@dataclass
class CopiedImages:
    """What :func:`copy_missing` did: how many images and bytes it copied, and which it could not find whole."""

    copied: int = 0
    bytes_copied: int = 0
    already_there: int = 0
    unavailable: list[str] = field(default_factory=list)


def copy_missing(wanted: Iterable[str], source: ImageFiles, target: ImageFiles) -> CopiedImages:
    """Copy into ``target`` each of ``wanted`` that it lacks, from ``source``, verified by its hash on the way."""
    result = CopiedImages()
    for sha256 in wanted:
        if target.has(sha256):
            result.already_there += 1
            continue
        data = source.read(sha256)
        if data is None:
            result.unavailable.append(sha256)
            continue
        target.write(data, sha256)
        result.copied += 1
        result.bytes_copied += len(data)
    return result


def referenced_images(database: Path) -> list[str]:
    """The hashes of the images a SQLite file's ``image`` table names (none before schema 0002), read-only."""
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True, isolation_level=None)) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "image" not in tables:
            return []
        return [row[0] for row in conn.execute("SELECT sha256 FROM image ORDER BY sha256")]


def copy_images_of(database: Path, source: ImageFiles, target: ImageFiles) -> CopiedImages:
    """Copy the images ``database`` refers to from ``source`` into ``target`` (those it lacks); logs what it could
    not find whole (``db check`` names those by hash and attachment)."""
    wanted = referenced_images(database)
    if not wanted:
        return CopiedImages()
    result = copy_missing(wanted, source, target)
    for sha256 in result.unavailable:
        log.warning("The image %s is missing or damaged in %s; not copied to %s", sha256, source.root, target.root)
    return result
