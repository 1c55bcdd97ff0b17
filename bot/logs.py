"""Logging that names nobody and carries no content, whatever ``LOG_LEVEL`` says.

Two rules, because the logs are read by whoever runs the server, not only by
Safeguard Leads:

- Our own log lines carry ids, counts, error types and codes. A person appears
  only as :func:`user_ref`, a short stable hash of their platform and user id:
  in the console a user id *is* the person's name, and on Slack or Discord any
  member can turn an id into a name. Channel names, message text, report text
  and roster names are never logged.
- Libraries log what we cannot vet: request bodies, SQL parameters, gateway
  frames. Each module that uses such a library holds its loggers at a floor with
  :func:`hold` (below the floor nothing is emitted, even at ``DEBUG``), and a
  library whose messages can quote a payload at any level logs through a logger
  with :class:`Withheld`, which keeps that something happened and drops what.
"""

from __future__ import annotations

import hashlib
import logging
import sys
from collections.abc import Mapping

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure(level_name: str, default: int) -> None:
    """The process's logging: one stderr handler at ``LOG_LEVEL`` (``default`` when unset)."""
    level = getattr(logging, level_name, default) if level_name in LEVELS else default
    logging.basicConfig(level=level, format=FORMAT, stream=sys.stderr)


def hold(floors: Mapping[str, int]) -> None:
    """Raise each named library logger to at least its floor; children that set no level inherit it.

    A level someone set higher is kept. Called where the library is put to use, so that every way
    of running the bot (the CLI, an embedding program, the tests) gets the same floors.
    """
    for name, floor in floors.items():
        logger = logging.getLogger(name)
        if logger.level < floor:  # NOTSET (0) would inherit a DEBUG root
            logger.setLevel(floor)


def user_ref(platform: str, user_id: str) -> str:
    """How a person appears in a log line: ``user:`` and 10 hex digits of SHA-256 of platform and id.

    Stable, so an operator can follow one person across lines (and check a known id with this
    function); never the id or name itself.
    """
    digest = hashlib.sha256(f"{platform}:{user_id}".encode()).hexdigest()
    return f"user:{digest[:10]}"


class Withheld(logging.Filter):
    """Rewrites a library's records at or above ``from_level`` to say only who logged and what kind of error.

    For libraries that format payloads into their messages (slack-bolt logs a refused request's
    whole body at INFO, and an unhandled one's fields at WARNING): the level, the logger's name and
    an exception's type and place survive; the message, its arguments and the exception's text,
    which can quote the payload, do not.
    """

    def __init__(self, from_level: int = logging.NOTSET) -> None:
        super().__init__()
        self.from_level = from_level

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < self.from_level:
            return True
        summary = f"{record.levelname.lower()} from {record.name} (its text is withheld: it can quote a payload)"
        if record.exc_info and record.exc_info[1] is not None:
            summary += f": {describe_error(record.exc_info[1])}"
        record.msg, record.args = summary, ()
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True


def withheld_logger(name: str, *, level: int, from_level: int = logging.NOTSET) -> logging.Logger:
    """A logger to hand to a library: held at ``level``, with :class:`Withheld` from ``from_level`` (idempotent)."""
    logger = logging.getLogger(name)
    logger.setLevel(max(level, logger.level))
    if not any(isinstance(f, Withheld) for f in logger.filters):
        logger.addFilter(Withheld(from_level))
    return logger


def describe_error(exc: BaseException) -> str:
    """Type and place of an error, without its message: messages can carry user text (privacy)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    where = f" at {tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}" if tb is not None else ""
    return f"{type(exc).__name__}{where}"
