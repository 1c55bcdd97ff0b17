"""The one database every feature keeps its records in: engine, schema, migrations, one error type.

The schema is described once (:mod:`bot.storage.tables`) and migrated at
start-up; each feature reads and writes its own tables through its own store
(:class:`bot.reports.CaseStore` for cases, :class:`bot.moderation.WarningStore`
for warnings), so no feature imports another to keep its records.
"""

from __future__ import annotations

import logging

from bot.storage import private
from bot.storage.database import Database, StoreUnavailable
from bot.storage.engine import is_sqlite, make_engine, sqlite_file
from bot.storage.migrate import SchemaTooNew, migrate

__all__ = ["Database", "SchemaTooNew", "StoreUnavailable", "open_database"]

log = logging.getLogger(__name__)


async def open_database(url: str, *, schema: str = "") -> Database:
    """Open (creating the SQLite file and its folder, private to this user, if needed) and migrate.

    Raises StoreUnavailable.
    """
    path = sqlite_file(url) if is_sqlite(url) else None
    if path is not None:
        try:
            private.make_folder(path.parent)
        except OSError as exc:
            raise StoreUnavailable(f"cannot create the store folder: {type(exc).__name__}") from None
        try:
            private.make_file(path)
        except OSError as exc:
            raise StoreUnavailable(f"cannot create the store file: {type(exc).__name__}") from None
        private.tighten(path)
    db = Database(make_engine(url, schema=schema), schema=schema)
    try:
        version = await migrate(db.engine, schema=schema)
    except Exception as exc:
        await db.engine.dispose()
        if isinstance(exc, StoreUnavailable | SchemaTooNew):
            raise
        raise StoreUnavailable(f"cannot open the store: {type(exc).__name__}") from None
    if path is not None:
        private.tighten(path)  # the -wal and -shm SQLite has just made take the file's mode; make sure
    log.info("case store open (%s, schema version %d)", db.dialect, version)
    return db
