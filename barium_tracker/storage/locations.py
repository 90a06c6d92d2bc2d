"""Where the clinic's database is when nobody says: names only, so that start-up can find the file without
importing SQLAlchemy (storage.database builds its URLs from these)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "barium-tracker"
DEFAULT_FILENAME = "barium-tracker.sqlite3"
ENV_VAR = "BARIUM_TRACKER_DB"


def default_database_path() -> Path:
    """The per-user data folder of the platform (e.g. ~/.local/share/barium-tracker on Linux)."""
    import platformdirs  # ~6 ms: only when the default file is wanted

    return platformdirs.user_data_path(APP_NAME, appauthor=False) / DEFAULT_FILENAME


def default_target(environ: Mapping[str, str] = os.environ) -> str:
    """What ``--db`` means when it is not given: $BARIUM_TRACKER_DB, else the default file (as resolve_url reads)."""
    return environ.get(ENV_VAR) or str(default_database_path())
