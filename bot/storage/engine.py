"""One engine factory for both drivers: SQLite via aiosqlite, PostgreSQL via asyncpg.

The URL decides the driver (:mod:`bot.database_url` checks and translates it);
everything above this module is the same code.
SQLite gets WAL (readers do not block the writer), foreign keys (so a purge
cascades) and a busy timeout (so concurrent writers wait instead of failing),
set on every new connection because SQLite forgets them per connection.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.database_url import parse_database_url

log = logging.getLogger(__name__)

_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
SQLITE_BUSY_MS = 30_000

#: Loggers that write SQL parameters (report text) at DEBUG/INFO. They are held at WARNING so
#: that running the bot with LOG_LEVEL=DEBUG cannot copy a report into the logs.
_PARAMETER_LOGGERS = ("aiosqlite", "sqlalchemy.engine", "sqlalchemy.pool")


def quiet_driver_logs() -> None:
    for name in _PARAMETER_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level < logging.WARNING:
            logger.setLevel(logging.WARNING)


def normalise_url(url: str) -> str:
    """Accept what hosting platforms put in ``DATABASE_URL`` and pick the async driver (libpq parameters removed).

    Raises :class:`~bot.database_url.DatabaseURLError` for a URL the bot cannot use.
    """
    return parse_database_url(url).url


def is_sqlite(url: str) -> bool:
    return make_url(normalise_url(url)).get_backend_name() == "sqlite"


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL, or None for an in-memory database."""
    database = make_url(normalise_url(url)).database
    if not database or database == ":memory:":
        return None
    return Path(database)


def check_schema_name(schema: str) -> str:
    if not _SCHEMA_NAME.match(schema):
        raise ValueError(f"invalid schema name {schema!r}: use lower-case letters, digits and _")
    return schema


def make_engine(url: str, *, schema: str = "") -> AsyncEngine:
    """Build the engine; ``schema`` (PostgreSQL only) keeps test runs apart."""
    quiet_driver_logs()
    target = parse_database_url(url)
    if target.backend == "sqlite":
        engine = create_async_engine(target.url, pool_size=5, max_overflow=10, pool_timeout=60)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    for note in target.notes:
        log.warning("%s", note)
    connect_args: dict[str, Any] = target.connect_args()
    if schema:
        connect_args["server_settings"] = {"search_path": check_schema_name(schema)}
    return create_async_engine(
        target.url, connect_args=connect_args, pool_size=5, max_overflow=5, pool_timeout=60, pool_pre_ping=True
    )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()
