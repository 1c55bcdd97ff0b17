"""``python -m bot ask`` and ``check`` for knowledge, through a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

# Without PYTHONUNBUFFERED, so the streaming test proves the bot flushes each answer itself.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"} | {"PYTHONPATH": str(ROOT)}


def bot(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=60, **kwargs
    )


SENT = [
    '{"question": "a dad wants to be friends on facebook"}',
    "this is not json",
    '{"question": "where do I park my car"}',
    '["a list, not an object"]',
    '{"question": 42}',
    '{"question": "what is trolling"}',
]


def test_ask_jsonl_streams_one_answer_per_line_in_order() -> None:
    """Each line is answered (and flushed) before the next is sent; a bad line gets an error and the stream goes on."""
    received = []
    with subprocess.Popen(
        [sys.executable, "-m", "bot", "ask", "--jsonl"],
        cwd=ROOT,
        env=ENV,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as proc:
        assert proc.stdin and proc.stdout
        for line in SENT:
            proc.stdin.write(line + "\n")
            proc.stdin.flush()
            received.append(json.loads(proc.stdout.readline()))  # blocks until this very line is answered
        proc.stdin.close()
        proc.wait(timeout=30)
    assert proc.returncode == 0
    first, bad, parking, not_object, not_text, trolling = received
    best = first["answers"][0]
    assert (set(best), best["policy"], best["clause"]) == ({"policy", "clause", "score"}, "social-media", "6.9")
    assert isinstance(best["score"], float) and 0 < best["score"] <= 100
    assert set(bad) == {"error"} and set(not_object) == {"error"} and set(not_text) == {"error"}
    assert parking == {"answers": []}
    assert trolling["answers"][0]["clause"] == "8.3"


def test_ask_prints_the_answer() -> None:
    """``ask "question"`` prints the short answer, then the cited, quoted clause."""
    result = bot("ask", "can", "i", "share", "photos", "of", "attendees", "on", "my", "instagram")
    assert result.returncode == 0
    first, _, rest = result.stdout.partition("\n\n")
    assert first.startswith("In short: ") and "\n" not in first
    assert rest.startswith("6.14 · Responsibilities when using social media")


def test_ask_names_the_safeguard_lead_from_the_deployment() -> None:
    """``ask "who is the safeguarding lead"`` answers with the deployment's lead, not a policy clause alone."""
    result = bot("ask", "--deployment", "examples/deployment.yaml", "who is the safeguarding lead")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Your Safeguard Lead is Sam Lead (01632 960000).")


def test_check_passes_on_the_shipped_knowledge() -> None:
    """``check`` exits 0 and summarises the policy, including its passed review date."""
    result = bot("check", "--knowledge", "knowledge", "--deployment", "tests/fixtures/deployment.yaml")
    assert result.returncode == 0, result.stderr
    assert "Social Media Policy, 52 clauses; review date April 2024 has passed" in result.stdout


def test_check_fails_on_broken_knowledge_with_file_and_line(tmp_path: Path) -> None:
    """``check`` exits non-zero and prints each problem as file:line on stderr."""
    good = (ROOT / "knowledge" / "social-media-policy.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "social-media-policy.yaml"
    broken.write_text(good.replace('id: "6.10"', 'id: "6.9"', 1), encoding="utf-8")
    line = 1 + good[: good.index('id: "6.10"')].count("\n")
    result = bot("check", "--knowledge", str(tmp_path), "--deployment", "tests/fixtures/deployment.yaml")
    assert result.returncode != 0
    assert f"{broken}:{line}: duplicate clause id '6.9'" in result.stderr


def test_check_holds_each_summary_to_one_line_of_text(tmp_path: Path) -> None:
    """``check`` refuses a summary that is not text, runs over two lines, or is too long for one line of chat."""
    good = (ROOT / "knowledge" / "social-media-policy.yaml").read_text(encoding="utf-8")
    clause_69 = good.index('id: "6.9"')
    start = good.index("summary: ", clause_69)
    end = good.index("\n", start)
    cases = {
        "summary: [no, friends]": "clause 6.9: 'summary' must be one line of text",
        "summary: |-\n          Be cautious.\n          Always.": "clause 6.9: 'summary' must be one line",
        "summary: " + "x" * 111: "clause 6.9: 'summary' is 111 characters; at most 110 fit on one line of chat",
    }
    line = 1 + good[:start].count("\n")
    for replacement, message in cases.items():
        broken = tmp_path / "social-media-policy.yaml"
        broken.write_text(good[:start] + replacement + good[end:], encoding="utf-8")
        result = bot("check", "--knowledge", str(tmp_path), "--deployment", "tests/fixtures/deployment.yaml")
        assert result.returncode == 1 and f"{broken}:{line}: {message}" in result.stderr, result.stderr


def test_ask_refuses_to_start_on_broken_knowledge(tmp_path: Path) -> None:
    """``ask`` with broken knowledge prints the problem and exits non-zero instead of answering."""
    (tmp_path / "p.yaml").write_text("policy: [\n", encoding="utf-8")
    result = bot("ask", "--knowledge", str(tmp_path), "anything")
    assert result.returncode != 0 and f"{tmp_path / 'p.yaml'}:" in result.stderr


def test_ask_answers_when_the_deployment_does_not_load(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A deployment whose roster file is not on this machine costs the organisation's names, not the answer."""
    from bot.cli import main

    broken = tmp_path / "deployment.yaml"
    broken.write_text(
        "organisation: {name: Acme Youth}\nsafeguard_leads: [{name: A Lead, phone: '01632 960000'}]\n"
        "attendees_file: missing-roster.yaml\n",
        encoding="utf-8",
    )
    assert main(["ask", "--deployment", str(broken), "can a parent be my friend on facebook"]) == 0
    captured = capsys.readouterr()
    assert "6.9" in captured.out
    assert "missing-roster.yaml" in captured.err and "without the organisation's names" in captured.err
