"""Can the store run a trivial query? Asked of the running bot's store and, by the health command, afresh."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from bot.storage import Database, StoreUnavailable
from bot.storage.engine import is_sqlite, make_engine, sqlite_file
from bot.storage.tables import cases

PROBE_TIMEOUT = 5.0


async def store_problem(db: Database, timeout: float = PROBE_TIMEOUT) -> str:
    """Empty when one row of the cases table can be read; otherwise what is wrong (error types only).

    The query reads a real table, not ``SELECT 1``: an SQLite file that cannot be read, or a database
    without the bot's tables, answers ``SELECT 1`` happily but could not keep a report.
    """
    try:
        async with asyncio.timeout(timeout):
            async with db.tx() as conn:
                await conn.execute(select(cases.c.id).limit(1))
    except StoreUnavailable as exc:
        return f"store: cannot run a query ({exc})"
    except TimeoutError:
        return f"store: no answer within {timeout:g} s"
    return ""


async def probe_store(url: str, *, schema: str = "") -> str:
    """:func:`store_problem` on a fresh connection, creating nothing: a missing SQLite file is a problem."""
    if is_sqlite(url):
        path = sqlite_file(url)
        if path is None or not path.is_file():
            return f"store: the SQLite file {path} does not exist (SAFEGUARDING_DB)"
    db = Database(make_engine(url, schema=schema), schema=schema)
    try:
        return await store_problem(db)
    finally:
        await db.aclose()
