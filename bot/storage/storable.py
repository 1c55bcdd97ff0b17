"""Text as the database can hold it, and a record of every place where that differs from what was given.

A report must never be lost to its content: a lone surrogate (``\\ud800``, which
no UTF-8 database can hold), a NUL (which PostgreSQL refuses in text) or a name
longer than its column would otherwise fail the insert, and with it the report.
Such text is stored with the offending code points replaced by U+FFFD (NUL, on
PostgreSQL only, removed) or cut to the column, and each change is returned as
a :class:`Change` for the row's ``altered`` column, so a lead can see that what
is stored is not exactly what was sent. Text the database can hold is kept as
given: SQLite keeps a NUL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import Table

REPLACEMENT = "\ufffd"

#: How a value was changed on its way in: the words a lead reads are in :mod:`bot.reports.render`.
REPLACED = "replaced"  # code points no UTF-8 database can hold (lone surrogates) became U+FFFD
DROPPED = "dropped"  # NUL removed: PostgreSQL cannot hold it in text
CUT = "cut"  # longer than the column: the start is kept

_SURROGATES = re.compile("[\ud800-\udfff]")


class Change(NamedTuple):
    field: str  # the column, e.g. "text", "reporter_name", "post_attachments"
    how: str  # REPLACED, DROPPED or CUT

    def __str__(self) -> str:
        return f"{self.field}:{self.how}"


@dataclass(frozen=True, slots=True)
class Fitted:
    values: dict[str, Any]
    changes: tuple[Change, ...] = ()

    @property
    def altered(self) -> str:
        """The ``altered`` column's value: every change, space-separated ("" when the text is as given)."""
        return encode_changes(self.changes)


def storable(value: str, dialect: str) -> tuple[str, tuple[str, ...]]:
    """``value`` as ``dialect`` can hold it, and how it was changed (REPLACED, DROPPED), if at all."""
    how: list[str] = []
    if _SURROGATES.search(value):
        value = _SURROGATES.sub(REPLACEMENT, value)
        how.append(REPLACED)
    if dialect == "postgresql" and "\x00" in value:
        value = value.replace("\x00", "")
        how.append(DROPPED)
    return value, tuple(how)


def fit_values(table: Table, values: dict[str, Any], dialect: str) -> Fitted:
    """Every text value (and every text item of a list, and the text in a list's dicts) made storable on
    ``dialect`` and cut to its column.

    The changes are returned, not written: the caller puts :attr:`Fitted.altered` in the row's ``altered``
    column where the table has one.
    """
    out = dict(values)
    changes: list[Change] = []
    for key, value in values.items():
        if isinstance(value, str):
            value, how = storable(value, dialect)
            length = getattr(table.c[key].type, "length", None)
            if length and len(value) > length:
                value, how = value[:length], (*how, CUT)
            out[key] = value
            changes.extend(Change(key, h) for h in how)
        elif isinstance(value, list | tuple) and any(isinstance(item, str | dict) for item in value):
            items, found = _storable_items(value, dialect)
            out[key] = items
            changes.extend(Change(key, h) for h in found)
    return Fitted(out, tuple(dict.fromkeys(changes)))


def _storable_items(items: Iterable[Any], dialect: str) -> tuple[list[Any], tuple[str, ...]]:
    out: list[Any] = []
    found: list[str] = []
    for item in items:
        if isinstance(item, str):
            item, how = storable(item, dialect)
            found.extend(h for h in how if h not in found)
        elif isinstance(item, dict):  # a file's description (name, type, size, link): its text values
            fitted = {}
            for key, value in item.items():
                if isinstance(value, str):
                    value, how = storable(value, dialect)
                    found.extend(h for h in how if h not in found)
                fitted[key] = value
            item = fitted
        out.append(item)
    return out, tuple(found)


def fit(table: Table, values: dict[str, Any], dialect: str = "postgresql") -> dict[str, Any]:
    """:func:`fit_values` for rows with nothing to record (the values come from the platform or the deployment).

    Without a dialect the rules of the stricter database (PostgreSQL) apply.
    """
    return fit_values(table, values, dialect).values


def encode_changes(changes: Iterable[Change]) -> str:
    return " ".join(str(c) for c in changes)


def decode_changes(altered: str | None) -> tuple[Change, ...]:
    """The changes an ``altered`` column records; () for a row stored as given (or one older than the column)."""
    out = []
    for word in (altered or "").split():
        field, _, how = word.partition(":")
        out.append(Change(field, how))
    return tuple(out)
