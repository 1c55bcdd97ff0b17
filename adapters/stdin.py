"""Lines from standard input, whatever it is: a terminal, a pipe, a file, or nothing at all.

asyncio's pipe transport refuses regular files and never sees end of input on
``/dev/null`` (it cannot be polled), so the console read ``python -m bot < script.txt``
as a crash and a service manager's ``/dev/null`` as a hang. Here each read is a
plain ``os.read`` in a short-lived daemon thread: it works on every kind of file
descriptor, returns ``b""`` at end of input, and a read still waiting on a terminal
never keeps the process alive at exit (no Python-level lock is held, unlike a read
through ``sys.stdin.buffer``).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import stat
import sys
import threading
from typing import Protocol

CHUNK = 64 * 1024


class LineSource(Protocol):
    """What the console reads from: ``asyncio.StreamReader`` and :class:`StdinLines` both fit."""

    async def readline(self) -> bytes: ...


def stdin_fd() -> int | None:
    """The file descriptor of standard input, or None when it is closed."""
    if sys.stdin is None:
        return None
    try:
        fd = sys.stdin.fileno()
        os.fstat(fd)
    except (OSError, ValueError):
        return None
    return fd


def is_interactive() -> bool:
    """Whether a person is typing at a terminal (then the console shows a prompt)."""
    fd = stdin_fd()
    return fd is not None and os.isatty(fd)


def nothing_to_read() -> bool:
    """Standard input is closed or is the null device: as under a service manager, no one can ever type."""
    fd = stdin_fd()
    if fd is None:
        return True
    try:
        here, null = os.fstat(fd), os.stat(os.devnull)
    except OSError:
        return True
    return stat.S_ISCHR(here.st_mode) and here.st_rdev == null.st_rdev


class StdinLines:
    """``await readline()`` gives the next line (with its newline) or ``b""`` at end of input."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._buffer = b""
        self._eof = False

    async def readline(self) -> bytes:
        while b"\n" not in self._buffer and not self._eof:
            chunk = await self._read_chunk()
            if chunk:
                self._buffer += chunk
            else:
                self._eof = True
        line, newline, rest = self._buffer.partition(b"\n")
        self._buffer = rest
        return line + newline

    async def _read_chunk(self) -> bytes:
        loop = asyncio.get_running_loop()
        result: asyncio.Future[bytes] = loop.create_future()

        def settle(data: bytes) -> None:
            if not result.done():
                result.set_result(data)

        def read() -> None:
            try:
                data = os.read(self._fd, CHUNK)
            except OSError:
                data = b""  # a descriptor closed under us is the end of input
            with contextlib.suppress(RuntimeError):  # the loop already closed: nobody is waiting
                loop.call_soon_threadsafe(settle, data)

        threading.Thread(target=read, name="console-stdin", daemon=True).start()
        return await result
