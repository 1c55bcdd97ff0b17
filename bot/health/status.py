"""The running bot's status file: the platform connections as the bot itself sees them, and when.

Only the process holding a connection knows whether it is up, so the bot writes
what it sees and ``python -m bot health`` reads it. The file is replaced
atomically (a reader never sees half of it), rewritten every ``REWRITE_EVERY``
seconds and at once when a connection changes; a file older than
``STALE_AFTER`` means a bot that stopped or is stuck. It holds states and
times only: no names, no message text.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bot.settings import Settings

FORMAT = 1
REWRITE_EVERY = 10.0
STALE_AFTER = 6 * REWRITE_EVERY


def status_path(settings: Settings) -> Path:
    """Beside the SQLite file (``data/safeguarding.status.json``): a folder the bot can already write to."""
    db = settings.sqlite_path
    return db.with_name(f"{db.stem}.status.json")


def moment(at: datetime) -> str:
    """A time as people and logs read it: UTC, to the second."""
    return at.strftime("%Y-%m-%d %H:%M:%SZ")


@dataclass(frozen=True, slots=True)
class PlatformState:
    connected: bool
    since: datetime  # when it last changed


@dataclass(frozen=True, slots=True)
class Status:
    state: str  # "running" or "stopped"
    written_at: datetime
    store: str = ""  # what was wrong with the store when the bot last looked; empty when it answered
    platforms: Mapping[str, PlatformState] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "state": self.state,
                "written_at": self.written_at.isoformat(),
                "store": self.store,
                "platforms": {
                    name: {"connected": p.connected, "since": p.since.isoformat()}
                    for name, p in sorted(self.platforms.items())
                },
            },
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str) -> Status:
        """Raise ValueError, naming the field, for anything but a status file this bot wrote."""
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError(f"not a format {FORMAT} status file")
            platforms = {
                str(name): PlatformState(bool(p["connected"]), _time(p["since"]))
                for name, p in dict(data["platforms"]).items()
            }
            return cls(str(data["state"]), _time(data["written_at"]), str(data["store"]), platforms)
        except (KeyError, TypeError) as exc:
            raise ValueError(f"missing or malformed field {exc}") from None


def _time(value: object) -> datetime:
    at = datetime.fromisoformat(str(value))
    if at.tzinfo is None:
        raise ValueError(f"time without a time zone: {value}")
    return at


def write_status(path: Path, status: Status) -> None:
    """Replace the file atomically; raise OSError when the folder is not writable."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_text(status.to_json() + "\n", encoding="utf-8")
    os.replace(partial, path)


def read_status(path: Path) -> Status | None:
    """The status the bot last wrote, or None when there is no file; ValueError when it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot be read: {type(exc).__name__}") from None
    return Status.from_json(text)
