"""The one database every feature keeps its records in: engine, schema, migrations, one error type.

The schema is described once (:mod:`bot.storage.tables`) and migrated at
start-up; each feature reads and writes its own tables through its own store
(:class:`bot.reports.CaseStore` for cases, :class:`bot.moderation.WarningStore`
for warnings), so no feature imports another to keep its records.
"""

from __future__ import annotations

import logging

from bot.storage.database import Database, StoreUnavailable
from bot.storage.engine import is_sqlite, make_engine, sqlite_file
from bot.storage.migrate import SchemaTooNew, migrate

__all__ = ["Database", "SchemaTooNew", "StoreUnavailable", "open_database"]

log = logging.getLogger(__name__)


async def open_database(url: str, *, schema: str = "") -> Database:
    """Open (creating the SQLite file and its folder if needed) and migrate; raise StoreUnavailable."""
    if is_sqlite(url) and (path := sqlite_file(url)) is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreUnavailable(f"cannot create the store folder: {type(exc).__name__}") from None
    db = Database(make_engine(url, schema=schema), schema=schema)
    try:
        version = await migrate(db.engine, schema=schema)
    except Exception as exc:
        await db.engine.dispose()
        if isinstance(exc, StoreUnavailable | SchemaTooNew):
            raise
        raise StoreUnavailable(f"cannot open the store: {type(exc).__name__}") from None
    log.info("case store open (%s, schema version %d)", db.dialect, version)
    return db
