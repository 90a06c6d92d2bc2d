"""Backup rotation: what the policy keeps on generated sets of names and dates, and what it never touches."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from barium_tracker.storage.backup import (
    DEFAULT_ROTATION,
    BackupKind,
    BackupName,
    RotationPolicy,
    backup_sqlite,
    find_backups,
    parse_backup_name,
    plan_rotation,
    rotate_backups,
)
from barium_tracker.storage.database import open_database

STEM = "clinic"
EPOCH = dt.datetime(2023, 1, 1)


def _name(when: dt.datetime, reason: str, stem: str = STEM) -> str:
    return f"{stem}-{when:%Y%m%d-%H%M%S}-{reason}.sqlite3"


def _backups(whens: list[dt.datetime], reason: str, kind: BackupKind) -> list[BackupName]:
    return [BackupName(Path(_name(when, reason)), when, kind) for when in whens]


def _reference_kept_dailies(whens: list[dt.datetime], policy: RotationPolicy) -> set[dt.datetime]:
    """The policy written out the long way: the newest backup of each of the newest N days, weeks and months."""
    newest_of: dict[tuple[str, object], dt.datetime] = {}
    for when in whens:
        for key in (("day", when.date()), ("week", when.isocalendar()[:2]), ("month", (when.year, when.month))):
            newest_of[key] = max(newest_of.get(key, when), when)
    kept: set[dt.datetime] = set()
    for rule, limit in (("day", policy.daily), ("week", policy.weekly), ("month", policy.monthly)):
        buckets = sorted((key for key in newest_of if key[0] == rule), key=lambda k: newest_of[k], reverse=True)
        kept |= {newest_of[key] for key in buckets[:limit]}
    return kept


moments = st.datetimes(min_value=EPOCH, max_value=EPOCH + dt.timedelta(days=800)).map(
    lambda when: when.replace(microsecond=0)
)


@settings(max_examples=200, deadline=None)
@given(
    dailies=st.lists(moments, unique=True, max_size=80),
    upgrades=st.lists(moments, unique=True, max_size=12),
    manuals=st.lists(moments, unique=True, max_size=10),
    replaced=st.lists(moments, unique=True, max_size=5),
    policy=st.builds(
        RotationPolicy,
        daily=st.integers(0, 10),
        weekly=st.integers(0, 6),
        monthly=st.integers(0, 14),
        before_upgrade=st.integers(0, 7),
    )
    | st.just(DEFAULT_ROTATION),
)
def test_rotation_keeps_exactly_what_the_policy_says(
    dailies: list[dt.datetime],
    upgrades: list[dt.datetime],
    manuals: list[dt.datetime],
    replaced: list[dt.datetime],
    policy: RotationPolicy,
) -> None:
    backups = (
        _backups(dailies, "daily", BackupKind.DAILY)
        + [
            BackupName(Path(_name(when, f"before-upgrade-from-000{i % 3}_x")), when, BackupKind.BEFORE_UPGRADE)
            for i, when in enumerate(upgrades)
        ]
        + _backups(manuals, "manual", BackupKind.MANUAL)
        + _backups(replaced, "replaced-by-restore", BackupKind.REPLACED)
    )
    doomed = plan_rotation(backups, policy)
    by_path = {b.path: b for b in backups}

    assert all(by_path[path].kind in (BackupKind.DAILY, BackupKind.BEFORE_UPGRADE) for path in doomed)
    kept_dailies = {b.when for b in backups if b.kind is BackupKind.DAILY and b.path not in doomed}
    assert kept_dailies == _reference_kept_dailies(dailies, policy)
    kept_upgrades = {b.when for b in backups if b.kind is BackupKind.BEFORE_UPGRADE and b.path not in doomed}
    assert kept_upgrades == set(sorted(upgrades, reverse=True)[: policy.before_upgrade])
    assert len(kept_dailies) <= policy.daily + policy.weekly + policy.monthly
    if dailies and policy.daily:
        assert max(dailies) in kept_dailies
        assert len(kept_dailies) >= min(policy.daily, len({when.date() for when in dailies}))


def test_default_policy_on_a_year_of_daily_backups() -> None:
    whens = [dt.datetime(2024, 1, 1, 8, 30) + dt.timedelta(days=n) for n in range(366)]
    doomed = plan_rotation(_backups(whens, "daily", BackupKind.DAILY))
    kept = sorted(set(whens) - {when for when in whens if Path(_name(when, "daily")) in doomed})
    newest_seven = whens[-7:]
    assert set(newest_seven) <= set(kept)
    # 7 days + the newest of 4 weeks (3 beyond the last 7 days at most) + 12 months (11 older month ends at most)
    assert 7 + 11 <= len(kept) <= 7 + 4 + 12
    assert dt.datetime(2024, 11, 30, 8, 30) in kept  # the newest of November
    assert dt.datetime(2024, 1, 31, 8, 30) in kept  # the newest of the twelfth month back
    assert dt.datetime(2024, 6, 15, 8, 30) not in kept


def test_names_are_parsed_and_other_files_are_not_ours() -> None:
    when = dt.datetime(2025, 3, 4, 5, 6, 7)
    assert parse_backup_name(Path(_name(when, "daily")), STEM) == BackupName(
        Path(_name(when, "daily")), when, BackupKind.DAILY
    )
    upgrade = parse_backup_name(Path(_name(when, "before-upgrade-from-0001_initial")), STEM)
    assert upgrade is not None and upgrade.from_revision == "0001_initial"
    assert upgrade.kind is BackupKind.BEFORE_UPGRADE
    second = parse_backup_name(Path(_name(when, "manual-2")), STEM)
    assert second is not None and second.kind is BackupKind.MANUAL
    for other in (
        _name(when, "daily", stem="other"),
        _name(when, "daily") + ".partial",
        _name(when, "daily") + "-wal",
        _name(when, "weekly"),
        "clinic-notes.sqlite3",
        "clinic-20251399-000000-daily.sqlite3",  # not a date
        "clinic.sqlite3",
    ):
        assert parse_backup_name(Path(other), STEM) is None, other


def _good_database(path: Path) -> Path:
    open_database(path).dispose()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
    return path


def test_rotate_deletes_only_our_automatic_files_and_never_the_newest_good_one(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    template = _good_database(tmp_path / "template.sqlite3")
    days = [dt.datetime(2025, 1, 1, 9) + dt.timedelta(days=n) for n in range(10)]
    for when in days[:-1]:
        backup_sqlite(template, folder / _name(when, "daily"))
    (folder / _name(days[-1], "daily")).write_bytes(b"not a database at all" * 100)  # the newest one is damaged
    untouchable = [
        folder / _name(days[0], "manual"),
        folder / _name(days[0], "replaced-by-restore"),
        folder / _name(days[0], "daily", stem="another-clinic"),
        folder / "clinic-notes.sqlite3",
        folder / "README.txt",
    ]
    for path in untouchable:
        path.write_bytes(b"x")

    deleted = rotate_backups(folder, STEM, RotationPolicy(daily=0, weekly=0, monthly=0, before_upgrade=0))

    remaining = {b.path.name for b in find_backups(folder, STEM) if b.kind is BackupKind.DAILY}
    assert remaining == {_name(days[-2], "daily")}  # the newest *good* daily survives a keep-nothing policy
    assert folder / _name(days[-1], "daily") in deleted
    assert all(path.exists() for path in untouchable)


def test_rotate_with_nothing_to_do_checks_no_file(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / _name(EPOCH, "daily")).write_bytes(b"x")
    asked: list[Path] = []
    assert rotate_backups(folder, STEM, is_good=lambda path: bool(asked.append(path))) == []
    assert asked == []
    assert rotate_backups(tmp_path / "missing", STEM) == []
