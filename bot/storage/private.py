"""The SQLite case store is for the bot's own user only: its folder 0700, the file and its -wal/-shm 0600.

Reports are in that file. A folder the bot creates is made 0700. A folder that
already exists is left as it is (it may be shared, like ``/tmp`` or a home
directory); a warning says so if other users could delete or replace the store
in it. The file is created 0600 before SQLite opens it (SQLite gives its -wal
and -shm files the same mode), and existing files that others can read are
tightened to 0600 at start-up, with one warning naming them. Not on Windows,
where file modes do not describe who can read a file.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)

FOLDER_MODE = 0o700
FILE_MODE = 0o600
#: The database file and the files SQLite keeps beside it (WAL mode uses -wal and -shm).
SUFFIXES = ("", "-wal", "-shm", "-journal")


def applies() -> bool:
    return os.name == "posix"


def make_folder(folder: Path) -> None:
    """Create ``folder`` 0700 if missing (parents with the default mode); raise OSError if that fails."""
    if folder.is_dir():
        mode = stat.S_IMODE(folder.stat().st_mode)
        if applies() and mode & 0o022 and not mode & stat.S_ISVTX:
            log.warning(
                "other users can write to the case store's folder %s (mode %03o): they could delete or replace "
                "the store; chmod 700 it, or set SAFEGUARDING_DB to a file in a private folder",
                folder,
                mode,
            )
        return
    folder.mkdir(parents=True, mode=FOLDER_MODE)
    if applies():
        folder.chmod(FOLDER_MODE)  # exactly: a umask can only have narrowed it


def make_file(path: Path) -> None:
    """Create the empty database file 0600 if it does not exist (SQLite takes an empty file as a new database)."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    except FileExistsError:
        return
    os.close(fd)
    if applies():
        path.chmod(FILE_MODE)


def tighten(path: Path) -> None:
    """Make the store's files that other users can reach 0600; one warning names what changed or could not."""
    if not applies():
        return
    tightened, stuck = [], []
    for suffix in SUFFIXES:
        companion = path.with_name(path.name + suffix)
        try:
            mode = stat.S_IMODE(companion.stat().st_mode)
        except FileNotFoundError:
            continue
        if not mode & 0o077:
            continue
        try:
            companion.chmod(FILE_MODE)
            tightened.append(f"{companion.name} (was {mode:03o})")
        except OSError as exc:
            stuck.append(f"{companion.name} ({mode:03o}, {type(exc).__name__})")
    if tightened:
        log.warning("the case store's files were readable by other users; now 0600: %s", ", ".join(tightened))
    if stuck:
        log.warning(
            "the case store's files are readable by other users and could not be made 0600: %s; chmod 600 them",
            ", ".join(stuck),
        )
