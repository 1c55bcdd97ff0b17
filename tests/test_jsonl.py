"""The ``--jsonl`` streaming contract (../shared/eval/README.md): exactly one output line per input line.

Blank lines, a byte-order mark, bytes that are not UTF-8 and a reader that stops reading are each tried on a
real ``python -m bot`` process, because only a real process shows what reaches a pipe and what it prints
when the pipe closes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import ROOT
from tests.conftest import FIXTURES

ENV = {k: v for k, v in os.environ.items() if k not in {"PORT", "LOG_LEVEL", "DATABASE_URL"}}
COMMANDS = {
    "ask": (["ask", "--jsonl"], {"question": "can I accept a friend request from a parent?"}),
    "scan": (["scan", "--jsonl", "--deployment", str(FIXTURES / "deployment.yaml")], {"text": "hi Amelia Hart"}),
}


def stream(command: list[str], data: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *command], input=data, capture_output=True, timeout=60, cwd=ROOT, env=ENV
    )


def lines_of(done: subprocess.CompletedProcess[bytes]) -> list[dict]:
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    return [json.loads(line) for line in done.stdout.decode("utf-8").split("\n")[:-1]]


def good(kind: str, result: dict) -> bool:
    return "error" not in result and ("answers" in result if kind == "ask" else result.get("kinds") == ["attendee"])


@pytest.mark.parametrize("kind", COMMANDS)
def test_every_line_gets_exactly_one_answer_blank_lines_included(kind: str) -> None:
    """Blank and whitespace-only lines are answered with an error object in their place; order is kept."""
    command, item = COMMANDS[kind]
    sent = [json.dumps(item), "", "   \t", json.dumps(item), "", ""]
    out = lines_of(stream(command, ("\n".join(sent) + "\n").encode()))
    assert len(out) == len(sent)
    assert [good(kind, r) for r in out] == [True, False, False, True, False, False]
    assert out[1] == {"error": "bad input line: empty (expected a JSON object)"}


@pytest.mark.parametrize("kind", COMMANDS)
def test_a_byte_order_mark_on_the_first_line_is_accepted(kind: str) -> None:
    """A file saved with a UTF-8 BOM (Windows editors) still has a good first line; a BOM later is just bad JSON."""
    command, item = COMMANDS[kind]
    bom = "\ufeff".encode()
    data = bom + json.dumps(item).encode() + b"\n" + bom + json.dumps(item).encode() + b"\n"
    out = lines_of(stream(command, data))
    assert [good(kind, r) for r in out] == [True, False]


@pytest.mark.parametrize("kind", COMMANDS)
def test_lines_that_are_not_utf8_or_hold_a_carriage_return_keep_the_count(kind: str) -> None:
    """A stray byte or CR costs only its own line: lines are split on newline, never on CR."""
    command, item = COMMANDS[kind]
    line = json.dumps(item).encode()
    data = b"\xff\xfe broken\n" + line + b"\r" + line + b"\n" + line + b"\r\n" + line
    out = lines_of(stream(command, data))  # the last line has no newline: still a line
    assert [good(kind, r) for r in out] == [False, False, True, True]
    assert out[0] == {"error": "bad input line: not UTF-8 text"}


def test_a_lone_surrogate_escape_is_answered_with_valid_output() -> None:
    """``\\ud800`` in the JSON is legal input; the answer still goes out as valid UTF-8 JSON, in step."""
    command, _ = COMMANDS["scan"]
    data = b'{"text": "Amelia Hart \\ud800 says hi"}\n{"text": "ok"}\n'
    out = lines_of(stream(command, data))
    assert [r["kinds"] for r in out] == [["attendee"], []]


@pytest.mark.parametrize("kind", COMMANDS)
def test_a_reader_that_stops_reading_ends_the_stream_quietly(kind: str) -> None:
    """`ask --jsonl | head -1`: once stdout is closed the bot stops, exit 0, with nothing on stderr."""
    command, item = COMMANDS[kind]
    with subprocess.Popen(
        [sys.executable, "-m", "bot", *command],
        cwd=ROOT,
        env=ENV,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdin and proc.stdout and proc.stderr
        proc.stdin.write((json.dumps(item) + "\n").encode())
        proc.stdin.flush()
        first = proc.stdout.readline()
        proc.stdout.close()  # like `head -1` exiting after its line
        try:
            proc.stdin.write(((json.dumps(item) + "\n") * 50).encode())
            proc.stdin.close()
        except BrokenPipeError:  # pragma: no cover - the bot already left; that is also fine
            pass
        err = proc.stderr.read()
        proc.wait(timeout=60)
    assert good(kind, json.loads(first))
    assert err == b"", err.decode(errors="replace")
    assert proc.returncode == 0


def test_shell_pipe_into_head(tmp_path: Path) -> None:
    """The same through a real shell pipeline, as a person types it."""
    err_file = tmp_path / "err.txt"
    script = (
        'for i in $(seq 200); do echo \'{"question": "can I text a parent"}\'; done '
        f'| {sys.executable} -m bot ask --jsonl 2>{err_file} | head -1; echo "exit=${{PIPESTATUS[1]}}"'
    )
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT, env=ENV)
    first, status = done.stdout.splitlines()
    err = err_file.read_text(encoding="utf-8")
    assert "answers" in json.loads(first)
    assert status == "exit=0" and err == ""


def test_a_one_shot_answer_to_a_closed_stdout_is_quiet() -> None:
    """`python -m bot ask "..." | true`: the reader is gone before the answer is printed; exit 0, no traceback."""
    with subprocess.Popen(
        [sys.executable, "-m", "bot", "ask", "can I text a parent"],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout and proc.stderr
        proc.stdout.close()  # closed long before the bot has loaded its knowledge and printed
        err = proc.stderr.read()
        proc.wait(timeout=60)
    assert err == b"", err.decode(errors="replace")
    assert proc.returncode == 0
