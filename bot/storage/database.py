"""The shared connection handle: one engine, transactions, and one error type.

Every database failure (driver error, unreachable server, unwritable file, a
store already closed) surfaces as :class:`StoreUnavailable`, so callers have a
single thing to catch when they must tell a reporter that a report did not go
through.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine


class StoreUnavailable(Exception):
    """The store could not be read or written; the message names the error type only."""


class Database:
    def __init__(self, engine: AsyncEngine, *, schema: str = "") -> None:
        self.engine = engine
        self.schema = schema
        self.closed = False

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @asynccontextmanager
    async def tx(self) -> AsyncIterator[AsyncConnection]:
        """One transaction: committed on success, rolled back on any error."""
        if self.closed:
            raise StoreUnavailable("the store is closed")
        try:
            async with self.engine.begin() as conn:
                yield conn
        except (SQLAlchemyError, OSError, UnicodeError) as exc:  # UnicodeError: text the driver cannot encode
            # ``from None``: a driver error's text can quote the SQL parameters, i.e. report text,
            # and a chained traceback would carry it into any log that records this error.
            orig = getattr(exc, "orig", None)
            detail = type(exc).__name__ + (f"/{type(orig).__name__}" if orig is not None else "")
            raise StoreUnavailable(detail) from None

    async def aclose(self) -> None:
        self.closed = True
        await self.engine.dispose()
