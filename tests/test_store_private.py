"""The SQLite case store is readable by the bot's own user only: folder 0700, file and its -wal/-shm 0600."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.reports.store import open_store
from tests.test_store import T0, new_case

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes describe access only on POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The umask most systems start with (022): without the bot's care, new files would be world-readable."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def warnings_from_storage(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name.startswith("bot.storage") and r.levelno >= logging.WARNING]


async def test_a_new_store_its_folder_and_its_wal_files_are_private(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A first run creates the folder 0700 and the file 0600; the -wal and -shm SQLite makes are 0600 too."""
    path = tmp_path / "data" / "cases.db"
    store = await open_store(url(path))
    try:
        await store.create_case(new_case("a report"), T0)  # the write-ahead log is in use while the store is open
        files = {p.name: mode(p) for p in path.parent.iterdir()}
        assert files == {"cases.db": 0o600, "cases.db-wal": 0o600, "cases.db-shm": 0o600}
        assert mode(path.parent) == 0o700
    finally:
        await store.aclose()
    assert warnings_from_storage(caplog) == []


async def test_existing_files_others_can_read_are_tightened_with_one_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A store left 0644 (with a 0640 -wal) by an older version is made 0600 at start-up, saying so once."""
    path = tmp_path / "cases.db"
    await (await open_store(url(path))).aclose()
    path.chmod(0o644)
    wal = path.with_name("cases.db-wal")
    wal.touch(mode=0o640)
    caplog.set_level(logging.INFO)
    store = await open_store(url(path))
    try:
        assert (mode(path), mode(wal)) == (0o600, 0o600)
        (warning,) = warnings_from_storage(caplog)
        assert "now 0600" in warning and "cases.db (was 644)" in warning and "cases.db-wal (was 640)" in warning
        assert (await store.create_case(new_case(), T0)).ref  # still a working store
    finally:
        await store.aclose()


async def test_a_folder_others_can_write_to_is_left_as_it_is_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """An existing folder may be shared, so its mode is not changed; others able to replace the store is warned of."""
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    store = await open_store(url(folder / "cases.db"))
    await store.aclose()
    assert mode(folder) == 0o777
    assert mode(folder / "cases.db") == 0o600
    (warning,) = warnings_from_storage(caplog)
    assert "can write to the case store's folder" in warning and "777" in warning
