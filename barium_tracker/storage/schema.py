"""The schema this version of the app ships: where its migration scripts are, and which revisions they hold.

The database (is a file current, older or newer? upgrade it) and the backups (is this file a sound backup that this
version can open?) both ask this module, and neither asks the other. Only the standard library is imported here:
the scripts' text is read by :func:`plain_revisions` (which the window's first look at the file, in
:mod:`storage.fast_reader`, uses before SQLAlchemy is imported); Alembic only when the scripts are unusual.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CORE_TABLES", "MIGRATIONS", "Revisions", "alembic_revisions", "plain_revisions", "shipped_revisions"]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

#: Tables every schema of ours has had and will have: an unknown revision over them is a newer app's; without them,
#: another program's Alembic-managed database.
CORE_TABLES = frozenset({"patient", "tbe_study", "column_measurement", "audit_event"})


@dataclass(frozen=True, slots=True)
class Revisions:
    """The shipped migrations' revision ids, read from the scripts' text instead of through Alembic."""

    head: str
    known: frozenset[str]


# A migration script's own ``revision = "..."`` and ``down_revision = ...`` lines, as Alembic writes them.
_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(.+?)\s*$", re.MULTILINE)


def plain_revisions(migrations: Path) -> Revisions | None:
    """Head and known revisions of the migration scripts, without Alembic; None when they are unusual.

    Only the scripts' ``revision`` and ``down_revision`` lines are read (ast.parse of each script would cost ~3 ms).
    Anything unusual (a merge point, more than one head, a script that cannot be read this way) gives None: then
    only Alembic's own ScriptDirectory can say (:func:`shipped_revisions` falls back to it).
    """
    parents: dict[str, object] = {}
    try:
        for script in sorted((migrations / "versions").glob("*.py")):
            if script.name.startswith(("__init__", ".#")):
                continue
            found: dict[str, object] = {}
            for name, literal in _REVISION_LINE.findall(script.read_text(encoding="utf-8")):
                found.setdefault(name, ast.literal_eval(literal))
            revision = found.get("revision")
            if not isinstance(revision, str) or revision in parents or "down_revision" not in found:
                return None
            parents[revision] = found["down_revision"]
    except (OSError, SyntaxError, ValueError):
        return None
    if not parents or not all(parent is None or isinstance(parent, str) for parent in parents.values()):
        return None
    heads = set(parents) - set(parents.values())
    if len(heads) != 1:
        return None
    return Revisions(head=heads.pop(), known=frozenset(parents))


def shipped_revisions(migrations: Path | None = None) -> Revisions:
    """Head and known revisions of the migration scripts (default :data:`MIGRATIONS`, read at call time).

    Checked at every open and every backup check, so Alembic's own ScriptDirectory is used only when the scripts are
    unusual (a merge point, more than one head, a script that cannot be read as plain text).
    """
    scripts = MIGRATIONS if migrations is None else migrations
    return plain_revisions(scripts) or alembic_revisions(scripts)


def alembic_revisions(migrations: Path) -> Revisions:
    """The same answer as :func:`shipped_revisions`, from Alembic (~110 ms to import: only when needed)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(migrations))
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    assert head is not None, "the package ships no migrations"
    return Revisions(head=head, known=frozenset(rev.revision for rev in script.walk_revisions()))
