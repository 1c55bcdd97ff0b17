"""Slack payloads to core events, over recorded-style payloads in tests/fixtures/slack/*.json.

Each fixture holds the payload as Slack sends it and what the adapter must make
of it: an event (compared field by field), nothing (``null``: not the core's
business) or ``"malformed"`` (rejected, so the adapter logs and skips it).
"""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

from adapters.slack.inbound import MalformedPayload, parse_command, parse_event
from adapters.slack.modal import parse_submission, snapshot_from_shortcut

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "slack").glob("*.json"))
TEAM_URL = "https://leaps.slack.com/"


def plain(value: Any) -> Any:
    """Events as JSON-like data, so fixtures can state them."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def translate(kind: str, payload: dict[str, Any]) -> Any:
    if kind == "event":
        return parse_event(payload, "U0BOT", TEAM_URL)
    if kind == "command":
        return parse_command(payload)
    if kind == "shortcut":
        return snapshot_from_shortcut(payload)
    if kind == "submission":
        return parse_submission(payload)
    raise AssertionError(f"unknown fixture kind {kind}")


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in FIXTURES])
def test_fixture_translates_as_recorded(path: Path) -> None:
    """Each recorded payload becomes exactly the event (or nothing, or a rejection) its fixture states."""
    fixture = json.loads(path.read_text(encoding="utf-8"))
    expect = fixture["expect"]
    if expect == "malformed":
        with pytest.raises(MalformedPayload):
            translate(fixture["kind"], fixture["payload"])
        return
    result = translate(fixture["kind"], fixture["payload"])
    if expect is None:
        assert result is None
        return
    got = plain(result)
    expected = dict(expect)
    if "type" in expected:
        assert type(result).__name__ == expected.pop("type")
    for key, value in expected.items():
        assert got[key] == value, key


def test_fixtures_cover_every_payload_kind() -> None:
    """The fixture set includes each payload kind and malformed ones, so none goes untested."""
    kinds = {json.loads(p.read_text(encoding="utf-8"))["kind"] for p in FIXTURES}
    malformed = [p for p in FIXTURES if json.loads(p.read_text(encoding="utf-8"))["expect"] == "malformed"]
    assert kinds == {"event", "command", "shortcut", "submission"}
    assert len(malformed) >= 5


def test_the_event_does_not_depend_on_the_raw_payload_afterwards() -> None:
    """Events are frozen copies: changing the payload after translation changes nothing."""
    fixture = json.loads((Path(__file__).parent / "fixtures" / "slack" / "event_message_im.json").read_text())
    event = parse_event(fixture["payload"], "U0BOT")
    fixture["payload"]["event"]["text"] = "changed"
    assert event is not None and event.text != "changed"
