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
from bot.logs import hold

log = logging.getLogger(__name__)

_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
SQLITE_BUSY_MS = 8_000

#: Loggers that write SQL and its parameters (report text) below WARNING: SQLAlchemy echoes every
#: statement at INFO whenever its logger is enabled (a root logger at INFO is enough), aiosqlite logs
#: each call with its arguments at DEBUG. Held at WARNING, so LOG_LEVEL=DEBUG cannot copy a report
#: into the logs; ``hide_parameters`` also keeps parameters out of SQLAlchemy's exception text.
LIBRARY_LOG_FLOORS = {"sqlalchemy": logging.WARNING, "aiosqlite": logging.WARNING, "asyncpg": logging.WARNING}


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


#: Seconds. A database that stops answering without refusing must fail a report within 10 s, so the
#: reporter hears at once that it did not go through (and is given the lead's phone number).
CONNECT_TIMEOUT = 5.0
STATEMENT_TIMEOUT = 8.0
POOL_TIMEOUT = 8.0


def make_engine(url: str, *, schema: str = "") -> AsyncEngine:
    """Build the engine; ``schema`` (PostgreSQL only) keeps test runs apart."""
    hold(LIBRARY_LOG_FLOORS)
    target = parse_database_url(url)
    if target.backend == "sqlite":
        engine = create_async_engine(
            target.url, pool_size=5, max_overflow=10, pool_timeout=POOL_TIMEOUT, hide_parameters=True
        )
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    for note in target.notes:
        log.warning("%s", note)
    # The URL's own connect_timeout (libpq's) wins over the default.
    connect_args: dict[str, Any] = {"timeout": CONNECT_TIMEOUT, "command_timeout": STATEMENT_TIMEOUT}
    connect_args |= target.connect_args()
    if schema:
        connect_args["server_settings"] = {"search_path": check_schema_name(schema)}
    return create_async_engine(
        target.url,
        connect_args=connect_args,
        pool_size=5,
        max_overflow=5,
        pool_timeout=POOL_TIMEOUT,
        pool_pre_ping=True,
        hide_parameters=True,
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
