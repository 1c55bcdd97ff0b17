"""What ``DATABASE_URL`` may say, and how it reaches the driver; read with the standard library only.

Hosting platforms hand out libpq URLs (``postgres://u:p@host/db?sslmode=require``).
The bot's PostgreSQL driver, asyncpg, reads libpq's parameters only from a DSN
of its own, and SQLAlchemy would otherwise pass them on as keywords asyncpg
refuses (a TypeError at the first connection). So the URL is checked once,
when settings are read, and a mistake is one line naming ``DATABASE_URL``; the
engine then gets the URL without its parameters plus a DSN that carries them.
Messages never repeat the URL: it can hold a password.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

POSTGRES_SCHEMES = ("postgres", "postgresql", "postgresql+asyncpg", "postgresql+psycopg2", "postgresql+psycopg")
SQLITE_SCHEMES = ("sqlite", "sqlite+aiosqlite")
SSLMODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
#: libpq parameters that asyncpg reads from a DSN itself.
PASSED_ON = frozenset(
    {
        "sslmode",
        "sslrootcert",
        "sslcert",
        "sslkey",
        "sslcrl",
        "sslpassword",
        "sslnegotiation",
        "ssl_min_protocol_version",
        "ssl_max_protocol_version",
        "target_session_attrs",
        "krbsrvname",
        "gsslib",
        "passfile",
        "service",
        "application_name",
        "options",
        "host",
        "port",
        "user",
        "password",
        "dbname",
    }
)
_TRANSLATED = frozenset({"ssl", "connect_timeout", "channel_binding"})
_OTHER_DATABASES = ("mysql", "mariadb", "mssql", "oracle", "mongodb", "redis", "cockroachdb", "db2")
EXAMPLE = "postgresql://user:password@host:5432/dbname"


class DatabaseURLError(ValueError):
    """``DATABASE_URL`` cannot be used; the message says why without repeating the URL."""


@dataclass(frozen=True, slots=True)
class DatabaseTarget:
    """A checked ``DATABASE_URL``: the SQLAlchemy URL and what the driver needs beside it."""

    backend: str  # "postgresql" or "sqlite"
    url: str = field(repr=False)  # the async driver's URL, without libpq parameters (it can hold a password)
    params: tuple[tuple[str, str], ...] = field(default=(), repr=False)  # libpq parameters, for asyncpg's DSN parser
    timeout: float | None = None  # connect_timeout, in seconds
    notes: tuple[str, ...] = field(default=())  # parameters left out, and why: said at start-up

    def connect_args(self) -> dict[str, Any]:
        """Keyword arguments for ``asyncpg.connect`` (via SQLAlchemy's ``connect_args``)."""
        args: dict[str, Any] = {}
        if self.params:
            # asyncpg: "If both dsn and keyword arguments are specified, the latter override", so host, user
            # and database from the URL still apply, and the DSN only adds its parameters.
            args["dsn"] = "postgresql://?" + urlencode(self.params)
        if self.timeout is not None:
            args["timeout"] = self.timeout
        return args


def parse_database_url(raw: str) -> DatabaseTarget:
    """Check ``raw`` and translate it for the async drivers; raise :class:`DatabaseURLError` saying what is wrong."""
    url = raw.strip()
    scheme, sep, rest = url.partition("://")
    if not sep or not scheme:
        raise DatabaseURLError(f"is not a database URL: expected one such as {EXAMPLE}")
    scheme = scheme.lower()
    if scheme in SQLITE_SCHEMES:
        return DatabaseTarget("sqlite", "sqlite+aiosqlite://" + rest)
    if scheme not in POSTGRES_SCHEMES:
        raise DatabaseURLError(_unsupported(scheme))
    parts = urlsplit("postgresql://" + rest)
    if parts.fragment:
        raise DatabaseURLError("has a '#' part, which a database URL cannot have (percent-encode a '#' in a password)")
    if "," not in parts.netloc:
        try:
            parts.port  # noqa: B018 - urlsplit checks the port only when it is read
        except ValueError:
            raise DatabaseURLError("has a port that is not a number from 0 to 65535") from None
    try:
        query = parse_qsl(parts.query, keep_blank_values=True, strict_parsing=bool(parts.query))
    except ValueError:
        raise DatabaseURLError(
            "has parameters after '?' that cannot be read (expected name=value&name=value)"
        ) from None
    params, timeout, notes = _translate(query)
    base = "postgresql+asyncpg://" + parts.netloc + parts.path
    return DatabaseTarget("postgresql", base, params, timeout, notes)


def _unsupported(scheme: str) -> str:
    base = scheme.split("+", 1)[0]
    if base in _OTHER_DATABASES:
        return f"{base}:// is not supported: the bot keeps cases in PostgreSQL ({EXAMPLE}), or in SQLite when unset"
    guess = difflib.get_close_matches(base, ["postgresql", "postgres", "sqlite"], n=1, cutoff=0.6)
    hint = f" (did you mean {guess[0]}://?)" if guess else f": use {EXAMPLE}, or leave it unset for SQLite"
    return f"has an unsupported scheme '{scheme}://'{hint}"


def _translate(query: list[tuple[str, str]]) -> tuple[tuple[tuple[str, str], ...], float | None, tuple[str, ...]]:
    params: dict[str, str] = {}
    timeout: float | None = None
    notes: list[str] = []
    for name, value in query:
        if name not in PASSED_ON and name not in _TRANSLATED:
            known = ", ".join(sorted(PASSED_ON | _TRANSLATED))
            raise DatabaseURLError(f"has the parameter '{name}', which the driver does not support (known: {known})")
        if name in {"sslmode", "ssl"}:
            mode = {"true": "require", "false": "disable"}.get(value.lower(), value) if name == "ssl" else value
            if mode not in SSLMODES:
                raise DatabaseURLError(f"has {name}={value!r}; expected one of {', '.join(SSLMODES)}")
            params["sslmode"] = mode
        elif name == "connect_timeout":
            try:
                seconds = float(value)
            except ValueError:
                seconds = -1.0
            if not 0 <= seconds < 86_400:
                raise DatabaseURLError("has a connect_timeout that is not a number of seconds")
            timeout = seconds or None  # libpq: 0 waits forever; the driver's own limit (60 s) is kept instead
        elif name == "channel_binding":
            if value not in {"disable", "prefer", "require"}:
                raise DatabaseURLError(f"has channel_binding={value!r}; expected disable, prefer or require")
            if value == "require":
                notes.append(
                    "DATABASE_URL: channel_binding=require is not supported by the driver (asyncpg); "
                    "connecting with the encryption sslmode asks for, without channel binding"
                )
        else:
            params[name] = value
    return tuple(params.items()), timeout, tuple(notes)
