"""Broken policy files are refused at start-up with file, line and what is wrong."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.guidance import check_library, load_library
from bot.yamlfile import ConfigError

GOOD = """\
policy:
  id: phones
  title: Mobile Phone Policy
  issued: January 2025
  review: January 2099
  owner: The Director
sections:
  - number: "1"
    title: Use of phones
    clauses:
      - id: "1.1"
        text: Staff must not use personal phones to photograph attendees.
        asks: ["can i take pictures on my own phone"]
        terms: [camera, photos]
      - id: "1.2"
        text: Phones stay in the staff room during sessions.
        terms: [staff room, locker]
"""


def write(folder: Path, text: str, name: str = "phones.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(ConfigError) as info:
        load_library(path)
    return [str(p) for p in info.value.problems]


def test_a_good_file_loads_and_answers(tmp_path: Path) -> None:
    """A minimal valid policy file loads and its clauses can be matched."""
    library = load_library(write(tmp_path, GOOD))
    assert len(library) == 2
    assert [m.clause for m in library.match("can I take photos of the kids on my personal phone?")][:1] == ["1.1"]


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        pytest.param("  title: Mobile Phone Policy\n", "  title: [Mobile\n", 4, "invalid YAML", id="broken-yaml"),
        pytest.param("  title: Mobile Phone Policy\n", "", 1, "'policy' is missing 'title'", id="missing-field"),
        pytest.param(
            '      - id: "1.2"\n',
            '      - id: "1.1"\n',
            15,
            "duplicate clause id '1.1' (first at line 11)",
            id="duplicate-clause",
        ),
        pytest.param(
            "        terms: [camera, photos]\n",
            "        terms: [camera]\n        tags: [x]\n",
            15,
            "unknown key 'tags' in a clause",
            id="unknown-key",
        ),
        pytest.param('      - id: "1.2"\n', "      - id: 1.20\n", 15, "must be quoted text", id="unquoted-id"),
        pytest.param("  review: January 2099\n", "  review: soon\n", 5, "'review' must be a month", id="bad-date"),
        pytest.param(
            "        text: Phones stay in the staff room during sessions.\n",
            "",
            15,
            "clause 1.2 is missing 'text'",
            id="missing-text",
        ),
        pytest.param(
            "  owner: The Director\n",
            "  owner: The Director\n  owner: Someone\n",
            7,
            "duplicate key 'owner'",
            id="duplicate-key",
        ),
        pytest.param(
            '        asks: ["can i take pictures on my own phone"]\n',
            "        asks: can i\n",
            13,
            "'asks' must be a list",
            id="asks-not-a-list",
        ),
        pytest.param(
            "        terms: [staff room, locker]\n",
            "        terms: [staff room, locker]\n        about: [attendee, cousin]\n",
            18,
            "unknown role 'cousin' in 'about'",
            id="unknown-role",
        ),
        pytest.param(
            "        terms: [staff room, locker]\n",
            "        terms: [staff room, locker]\n        kind: advice\n",
            18,
            "unknown kind 'advice'",
            id="unknown-kind",
        ),
        pytest.param(
            "        terms: [staff room, locker]\n",
            '        terms: [staff room, locker]\n        see_also: ["1.1", "2.3"]\n',
            18,
            "'see_also' names unknown clause '2.3'",
            id="see-also-unknown",
        ),
        pytest.param(
            "        terms: [staff room, locker]\n",
            '        terms: [staff room, locker]\n        see_also:\n          - "1.2"\n',
            19,
            "'see_also' names the clause itself",
            id="see-also-itself",
        ),
        pytest.param(
            "        terms: [staff room, locker]\n",
            "        terms: [staff room, locker]\n        see_also: 1.1\n",
            18,
            "'see_also' must be a list",
            id="see-also-not-a-list",
        ),
        pytest.param(
            "        terms: [staff room, locker]\n",
            "        terms: [staff room, locker]\n        summary: [keep, phones]\n",
            18,
            "clause 1.2: 'summary' must be one line of text",
            id="summary-not-text",
        ),
        pytest.param(
            "        terms: [staff room, locker]\n",
            "        terms: [staff room, locker]\n        summary: |\n          Phones stay away.\n          Always.\n",
            18,
            "clause 1.2: 'summary' must be one line",
            id="summary-two-lines",
        ),
        pytest.param(
            "        terms: [staff room, locker]\n",
            "        terms: [staff room, locker]\n        summary: " + "Keep phones in the staff room. " * 4 + "\n",
            18,
            "clause 1.2: 'summary' is 123 characters; at most 110 fit on one line of chat",
            id="summary-too-long",
        ),
        pytest.param(
            "        terms: [staff room, locker]\n",
            '        terms: [staff room, locker]\n        summary: ""\n',
            18,
            "clause 1.2: 'summary' must be one line of text (or left out)",
            id="summary-empty",
        ),
    ],
)
def test_each_kind_of_problem_names_file_and_line(tmp_path: Path, old: str, new: str, line: int, message: str) -> None:
    """Each kind of broken file is reported as ``file:line: message``."""
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new))
    found = problems(path)
    assert any(p.startswith(f"{path}:{line}: ") and message in p for p in found), found


def test_every_problem_of_every_file_is_reported_together(tmp_path: Path) -> None:
    """Problems are collected across a file and across the folder, not one at a time."""
    write(tmp_path, GOOD.replace("  owner: The Director\n", "").replace('id: "1.2"', 'id: "1.1"'), "a.yaml")
    write(tmp_path, GOOD.replace("  title: Mobile Phone Policy\n", "  title: [\n"), "b.yaml")
    found = problems(tmp_path)
    assert len(found) == 3
    assert {p.split(":")[0] for p in found} == {str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")}


def test_two_files_with_one_policy_id_are_refused(tmp_path: Path) -> None:
    """Policy ids must be unique across the folder."""
    write(tmp_path, GOOD, "a.yaml")
    write(tmp_path, GOOD, "b.yaml")
    assert problems(tmp_path) == [f"{tmp_path / 'b.yaml'}: policy id 'phones' is already used by {tmp_path / 'a.yaml'}"]


def test_an_empty_folder_is_refused(tmp_path: Path) -> None:
    """A knowledge folder with no policy files is a problem, not an empty bot."""
    assert problems(tmp_path) == [f"{tmp_path}: no policy files (*.yaml) found"]


def test_a_dropped_in_policy_is_answered_beside_the_social_media_policy(tmp_path: Path) -> None:
    """A second policy file adds its clauses; matches name the policy they come from."""
    from tests.conftest import ROOT

    shutil.copytree(ROOT / "knowledge", tmp_path, dirs_exist_ok=True)
    write(tmp_path, GOOD)
    library = load_library(tmp_path)
    assert len(library) == 54
    answers = library.match("can I take photos of the kids on my personal phone?")  # both policies speak to it
    assert ("phones", "1.1") in [(m.policy, m.clause) for m in answers[:3]]
    assert library.match("a parent sent me a friend request on facebook")[0].policy == "social-media"


def test_check_holds_clauses_to_their_source(tmp_path: Path) -> None:
    """``check`` reports a clause that drifted from its source and a source clause left out."""
    (tmp_path / "phones.txt").write_text(
        "1.1 Staff must not use personal phones to photograph attendees.\n"
        "1.2 Phones stay in the staff room.\n"
        "1.3 Lost phones go to the office.\n",
        encoding="utf-8",
    )
    path = write(tmp_path, GOOD.replace("  owner: The Director\n", "  owner: The Director\n  source: phones.txt\n"))
    with pytest.raises(ConfigError) as info:
        check_library(tmp_path)
    assert [str(p) for p in info.value.problems] == [
        f"{path}:16: clause 1.2: text is not verbatim from phones.txt",
        f"{path}: clause 1.3 is in phones.txt but not in the file",
    ]


def test_check_summarises_a_current_policy(tmp_path: Path) -> None:
    """A policy whose review date is in the future is reported as due, not passed."""
    write(tmp_path, GOOD)
    assert check_library(tmp_path)[0] == (
        f"{tmp_path / 'phones.yaml'}: Mobile Phone Policy, 2 clauses; review due January 2099"
    )


def test_fast_loading_reads_exactly_what_the_located_loader_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The libyaml path gives the same data and line numbers as the pure-Python parser."""
    import yaml

    from bot.yamlfile import load_located

    path = write(tmp_path, GOOD)
    fast = load_located(path)
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    slow = load_located(path)
    assert fast.data == slow.data
    for key in [("policy", "review"), ("sections", 0, "clauses", 1, "id"), ("sections", 0, "clauses", 0, "terms", 1)]:
        assert fast.line(key) == slow.line(key)


def test_without_libyaml_the_problems_are_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where libyaml is not installed, loading falls back to the pure-Python parser with the same messages."""
    import yaml

    path = write(tmp_path, GOOD.replace('id: "1.2"', 'id: "1.1"'))
    with_c = problems(path)
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    assert problems(path) == with_c == [f"{path}:15: duplicate clause id '1.1' (first at line 11)"]


def test_a_summary_opens_the_answer_and_check_names_the_clauses_without_one(tmp_path: Path) -> None:
    """A one-line summary (folded YAML too) is read; ``check`` names the clauses whose answers open with their text."""
    text = GOOD.replace(
        "        terms: [camera, photos]\n",
        "        terms: [camera, photos]\n"
        "        summary: >-\n          No photos of attendees\n          on your own phone.\n",
    )
    path = write(tmp_path, text)
    library = load_library(path)
    assert library.clause("phones", "1.1").summary == "No photos of attendees on your own phone."
    assert library.clause("phones", "1.2").summary == ""
    lines = check_library(path)
    assert "  opens answers with the clause's first sentence (no summary): 1 clause(s): 1.2" in lines
