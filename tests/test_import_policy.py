"""``python -m bot import-policy``: a numbered plain-text policy becomes a knowledge file the loader accepts."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.cli import main
from bot.guidance.check import source_problems, squash
from bot.guidance.importer import (
    ImportProblem,
    ImportResult,
    derive_id,
    month_text,
    parse_policy_text,
    read_policy_text,
    render_yaml,
    write_import,
)
from bot.guidance.loader import read_policy
from bot.yamlfile import ConfigError
from tests.conftest import FIXTURES, ROOT

SOCIAL_TXT = ROOT / "knowledge" / "sources" / "social-media-policy.txt"
SOCIAL_YAML = ROOT / "knowledge" / "social-media-policy.yaml"
PORTABILITY = FIXTURES / "portability"
# Each text file with the knowledge file written by hand from it.
PAIRS = [
    pytest.param(SOCIAL_TXT, SOCIAL_YAML, id="social-media"),
    pytest.param(PORTABILITY / "safeguarding-policy.txt", PORTABILITY / "safeguarding-policy.yaml", id="safeguarding"),
    pytest.param(
        PORTABILITY / "data-protection-policy.txt", PORTABILITY / "data-protection-policy.yaml", id="data-protection"
    ),
    pytest.param(
        PORTABILITY / "health-safety-policy.txt", PORTABILITY / "health-safety-policy.yaml", id="health-safety"
    ),
    pytest.param(PORTABILITY / "transport-trips-policy.txt", PORTABILITY / "transport-trips-policy.yaml", id="trips"),
    pytest.param(
        PORTABILITY / "complaints-whistleblowing-policy.txt",
        PORTABILITY / "complaints-whistleblowing-policy.yaml",
        id="complaints",
    ),
]
DEPLOYMENT = FIXTURES / "deployment.yaml"


def imported(path: Path, policy_id: str | None = None) -> ImportResult:
    return parse_policy_text(path.read_text(encoding="utf-8"), file_name=path.name, policy_id=policy_id)


def hand_made(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def test_social_media_policy_yields_all_52_clauses_verbatim_in_order() -> None:
    """Every clause of the shipped policy, same ids in the same order, text equal to the curated file's."""
    result = imported(SOCIAL_TXT)
    curated = [c for s in hand_made(SOCIAL_YAML)["sections"] for c in s["clauses"]]
    assert len(result.clauses) == 52
    assert [c.id for c in result.clauses] == [str(c["id"]) for c in curated]
    assert [squash(c.text) for c in result.clauses] == [squash(c["text"]) for c in curated]


def test_social_media_policy_keeps_the_unnumbered_section_and_printed_typos() -> None:
    """Section 4 (lists, no numbers) is one clause "4" laid out like the curated one; 6.24 and 11.3 stay as printed."""
    result = imported(SOCIAL_TXT)
    by_id = {c.id: c for c in result.clauses}
    curated = {str(c["id"]): c["text"] for s in hand_made(SOCIAL_YAML)["sections"] for c in s["clauses"]}
    assert by_id["4"].text == curated["4"]  # same lines and blank lines, not only the same words
    assert by_id["2.4"].text == curated["2.4"]  # a numbered clause followed by unnumbered paragraphs
    assert by_id["4"].line == 49
    assert [s.number for s in result.sections if any(c.id == "11.3" for c in s.clauses)] == ["10"]
    assert "6.22" not in by_id and "6.24" in by_id


def test_social_media_policy_header_and_id() -> None:
    """The header block fills 'policy:'; the id comes from the title ("Social Media Policy" -> social-media)."""
    result = imported(SOCIAL_TXT)
    expected = {k: v for k, v in hand_made(SOCIAL_YAML)["policy"].items() if k != "source"}
    assert result.header == expected
    assert result.missing == ()
    assert result.header_lines == {"title": 7, "issued": 8, "review": 9, "owner": 10, "agreed_by": 11}


def test_social_media_policy_reports_what_it_could_not_place_with_line_numbers() -> None:
    """The capitals title line is not a header field; 6.24 and 11.3 are numbered out of sequence."""
    notes = [(n.line, n.kept, n.message) for n in imported(SOCIAL_TXT).notes]
    assert notes == [
        (5, False, "before the first section and not a header field"),
        (123, True, "clause 6.24 follows 6.21: kept as printed"),
        (165, True, "clause 11.3 is under section 10: kept as printed"),
    ]


@pytest.mark.parametrize("txt, knowledge", PAIRS[1:])
def test_portability_policies_match_their_hand_made_knowledge(txt: Path, knowledge: Path) -> None:
    """Same section numbers and titles, same clause ids and texts, same header as the hand-made file."""
    result = imported(txt)
    made = hand_made(knowledge)
    assert [(s.number, s.title) for s in result.sections] == [(s["number"], s["title"]) for s in made["sections"]]
    curated = [(c["id"], squash(c["text"])) for s in made["sections"] for c in s["clauses"]]
    assert [(c.id, squash(c.text)) for c in result.clauses] == curated
    header = {k: v for k, v in made["policy"].items() if k not in ("id", "source")}
    assert {k: v for k, v in result.header.items() if k != "id"} == header
    # The charity's name and the capitals title are above the header fields: reported, not placed.
    assert [(n.line, n.kept) for n in result.notes] == [(4, False), (6, False)]


def test_the_id_comes_from_the_title_else_the_file_name_and_an_explicit_id_wins() -> None:
    assert derive_id("Data Protection and Confidentiality Policy") == "data-protection-and-confidentiality"
    assert derive_id("", "mobile-phone-policy.txt") == "mobile-phone"
    assert derive_id("Política de Protección", "x.txt") == "politica-de-proteccion"
    assert derive_id("Policy", "") == "policy"
    assert derive_id("", "") == "policy"
    assert imported(PORTABILITY / "data-protection-policy.txt").header["id"] == "data-protection-and-confidentiality"
    assert imported(PORTABILITY / "data-protection-policy.txt", "data-protection").header["id"] == "data-protection"


@pytest.mark.parametrize("txt, knowledge", PAIRS)
def test_written_file_loads_and_passes_the_source_check(txt: Path, knowledge: Path, tmp_path: Path) -> None:
    """``read_policy`` accepts the file and ``source_problems`` finds nothing: texts verbatim, no clause missing."""
    written = write_import(imported(txt), txt, tmp_path)
    assert written.yaml_path.parent == tmp_path and written.source_path == tmp_path / "sources" / txt.name
    assert written.source_path.read_bytes() == txt.read_bytes()
    policy = read_policy(written.yaml_path)
    assert source_problems(policy) == []
    made = hand_made(knowledge)
    assert [c.id for c in policy.clauses] == [str(c["id"]) for s in made["sections"] for c in s["clauses"]]
    assert policy.review == made["policy"]["review"]


def test_text_uses_folded_blocks_and_reads_back_exactly() -> None:
    """One paragraph is ``>-`` wrapped near 100 characters; paragraphs and lists are ``|-``."""
    result = imported(SOCIAL_TXT)
    rendered = render_yaml(result, "sources/social-media-policy.txt")
    assert '      - id: "6.9"\n        text: >-\n          Adults must be cautious' in rendered
    assert '      - id: "4"\n        text: |-\n          The Director has direct responsibility:\n\n' in rendered
    assert max(len(line) for line in rendered.splitlines() if line.startswith(" " * 10) and "- " not in line) < 115
    data = yaml.safe_load(rendered)
    assert [c["text"] for s in data["sections"] for c in s["clauses"]] == [c.text for c in result.clauses]


NUMBERED = """\
Policy title\tMobile Phone Policy
Issue date\t3 March 2025
Review date:  2026-03
Author\tA. Person
Agreed by\tThe board

1. Using phones

1.1. Staff must keep their phone
in a locker during sessions
and collect it at the end, with
10 people at most in
the room.

1.2. A clause printed across a page break ends with the word

carried over.

1.10. The tenth clause has a number that is not 1.1 in YAML.
2 Calls
2.1 Calls are made from the office phone.
"""


def test_clause_numbers_with_a_trailing_dot_and_wrapped_lines() -> None:
    """``1.1.`` is id "1.1"; wrapped lines (and a sentence carried over a blank line) join with single spaces."""
    result = parse_policy_text(NUMBERED, file_name="phones.txt")
    assert [(c.id, c.line) for c in result.clauses] == [("1.1", 9), ("1.2", 15), ("1.10", 19), ("2.1", 21)]
    texts = {c.id: c.text for c in result.clauses}
    # A wrapped line starting with a number ("10 people") carries on the clause: it is no section heading.
    assert texts["1.1"] == (
        "Staff must keep their phone in a locker during sessions and collect it at the end, with 10 people at most in"
        " the room."
    )
    assert texts["1.2"] == "A clause printed across a page break ends with the word carried over."
    assert [(s.number, s.title) for s in result.sections] == [("1", "Using phones"), ("2", "Calls")]
    assert result.header == {
        "id": "mobile-phone",
        "title": "Mobile Phone Policy",
        "issued": "March 2025",
        "review": "March 2026",
        "owner": "A. Person",
        "agreed_by": "The board",
    }
    # "3 March 2025" is not a month as the loader reads it: it is written as March 2025, and said so.
    assert [(n.line, n.kept, n.message) for n in result.notes] == [
        (2, True, "issue date '3 March 2025' written as March 2025"),
        (3, True, "review date '2026-03' written as March 2026"),
        (19, True, "clause 1.10 follows 1.2: kept as printed"),
    ]
    rendered = render_yaml(result)
    assert '- id: "1.10"' in rendered  # quoted, so YAML does not read it as the number 1.1


MESSY = """\
Riverside Club
Policy title\tConduct Policy
Stray words in the header

1. Rules
This paragraph has no clause number.

1.1 Be kind: always # even online.
1.1 A second 1.1 printed by mistake.
1.3 After a gap.
1.2 Before the gap's end.
2.1 A clause before section two's heading.
3. Empty

4. Lists
- one
- two
"""


def test_unplaced_lines_are_reported_with_their_line_numbers() -> None:
    """Preamble text, orphan text, a duplicate id, an empty section: not placed; odd numbers: placed but reported."""
    result = parse_policy_text(MESSY, file_name="conduct.txt")
    assert [(n.line, n.kept, n.message) for n in result.notes] == [
        (1, False, "before the first section and not a header field"),
        (3, False, "before the first section and not a header field"),
        (6, False, "text in section 1 before its first numbered clause"),
        (9, False, "duplicate clause id 1.1 (first on line 8): left out"),
        (10, True, "clause 1.3 follows 1.1: kept as printed"),
        (11, True, "clause 1.2 follows 1.3: kept as printed"),
        (12, True, "clause 2.1 is under section 1: kept as printed"),
        (13, True, "section 3 out of sequence (expected 2): kept as printed"),
        (13, False, "section 3 has no text: left out"),
    ]
    assert result.notes[3].text == "A second 1.1 printed by mistake."
    assert [c.id for c in result.clauses] == ["1.1", "1.3", "1.2", "2.1", "4"]
    assert {c.id: c.text for c in result.clauses}["4"] == "- one\n- two"
    assert result.missing == ("issued", "review", "owner")


def test_missing_header_fields_are_left_out_and_named(tmp_path: Path) -> None:
    """No placeholder is invented: the YAML says what to add, and the loader names the missing fields."""
    source = tmp_path / "conduct.txt"
    source.write_text(MESSY, encoding="utf-8")
    written = write_import(parse_policy_text(MESSY, file_name=source.name), source, tmp_path / "out")
    text = written.yaml_path.read_text(encoding="utf-8")
    assert "  # issued: not found in the source; add it" in text and "  # owner: not found" in text
    with pytest.raises(ConfigError) as exc:
        read_policy(written.yaml_path)
    assert {p.message for p in exc.value.problems} == {
        "'policy' is missing 'issued'",
        "'policy' is missing 'review'",
        "'policy' is missing 'owner'",
    }
    # Filled in by hand, the file loads and is verbatim from its source.
    fixed = text.replace("  # issued:", "  issued: May 2025\n  review: May 2026\n  owner: A. Person\n  # was:", 1)
    written.yaml_path.write_text(fixed, encoding="utf-8")
    assert source_problems(read_policy(written.yaml_path)) == []


def test_line_numbers_count_line_feeds_only() -> None:
    """A form feed (a page break in text saved from a PDF) or a Windows line end does not shift line numbers."""
    result = parse_policy_text("1. Rules\r\n1.1 One\x0c page\r\n\r\n1.2 Two.\n", file_name="x.txt")
    assert [(c.id, c.line, c.text) for c in result.clauses] == [("1.1", 2, "One page"), ("1.2", 4, "Two.")]


def test_a_title_line_stands_in_when_there_is_no_title_field() -> None:
    result = parse_policy_text("CODE OF CONDUCT\n\n1. Rules\n1.1 Be kind.\n", file_name="x.txt")
    assert result.header["title"] == "CODE OF CONDUCT" and result.header["id"] == "code-of-conduct"
    assert [(n.line, n.kept) for n in result.notes] == [(1, True)]


@pytest.mark.parametrize(
    "printed, month",
    [
        ("April 2024", "April 2024"),
        ("2024-04", "April 2024"),
        ("12/04/2024", "April 2024"),
        ("12th Sept 2024", "September 2024"),
        ("next: 31/03/2026", "March 2026"),
        ("when needed", None),
        ("13/2024", None),
    ],
)
def test_dates_become_months(printed: str, month: str | None) -> None:
    assert month_text(printed) == month


def test_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    result = imported(SOCIAL_TXT)
    written = write_import(result, SOCIAL_TXT, tmp_path)
    written.yaml_path.write_text("# edited by hand\n", encoding="utf-8")
    with pytest.raises(ImportProblem, match="already exists; use --force"):
        write_import(result, SOCIAL_TXT, tmp_path)
    assert written.yaml_path.read_text(encoding="utf-8") == "# edited by hand\n"
    write_import(result, SOCIAL_TXT, tmp_path, force=True)
    assert read_policy(written.yaml_path).id == "social-media"


def test_refuses_to_replace_a_different_source_of_the_same_name(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / SOCIAL_TXT.name).write_text("another text\n", encoding="utf-8")
    with pytest.raises(ImportProblem, match="different text"):
        write_import(imported(SOCIAL_TXT), SOCIAL_TXT, tmp_path)
    assert not (tmp_path / "social-media.yaml").exists()


def test_refuses_an_id_another_file_in_the_folder_already_uses(tmp_path: Path) -> None:
    """The shipped file is social-media-policy.yaml with id social-media: a second one would stop the bot loading."""
    shutil.copyfile(SOCIAL_YAML, tmp_path / SOCIAL_YAML.name)
    with pytest.raises(ImportProblem, match=r"policy id 'social-media' is already used by .*social-media-policy\.yaml"):
        write_import(imported(SOCIAL_TXT), SOCIAL_TXT, tmp_path, force=True)
    assert write_import(imported(SOCIAL_TXT, "social-media-2"), SOCIAL_TXT, tmp_path).yaml_path.exists()


def test_importing_a_source_already_in_place_does_not_copy_it(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    source = tmp_path / "sources" / SOCIAL_TXT.name
    shutil.copyfile(SOCIAL_TXT, source)
    written = write_import(imported(source), source, tmp_path)
    assert not written.source_copied and source_problems(read_policy(written.yaml_path)) == []


def test_cli_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``import-policy FILE --out DIR`` writes DIR/<id>.yaml and the source; ``check --knowledge DIR`` passes."""
    source = tmp_path / "in" / "safeguarding-policy.txt"
    source.parent.mkdir()
    shutil.copyfile(PORTABILITY / "safeguarding-policy.txt", source)
    out = tmp_path / "knowledge"
    assert main(["import-policy", str(source), "--id", "safeguarding", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"wrote {out / 'safeguarding.yaml'}" in printed
    assert "9 section(s), 45 clause(s)" in printed
    assert "line 6: before the first section and not a header field: Harbour Youth Trust" in printed
    assert (out / "sources" / "safeguarding-policy.txt").read_bytes() == source.read_bytes()
    assert main(["check", "--knowledge", str(out), "--deployment", str(DEPLOYMENT)]) == 0
    assert "Safeguarding Children and Adults at Risk Policy, 45 clauses" in capsys.readouterr().out

    assert main(["import-policy", str(source), "--id", "safeguarding", "--out", str(out)]) == 2
    assert "already exists; use --force to replace it" in capsys.readouterr().err
    assert main(["import-policy", str(source), "--id", "safeguarding", "--out", str(out), "--force"]) == 0


def test_cli_default_folder_is_the_knowledge_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SAFEGUARDING_KNOWLEDGE", str(tmp_path))
    assert main(["import-policy", str(PORTABILITY / "data-protection-policy.txt")]) == 0
    assert (tmp_path / "data-protection-and-confidentiality.yaml").exists()
    assert "the file loads and every clause is verbatim" in capsys.readouterr().out


def test_cli_exits_1_when_the_written_file_does_not_load_yet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "conduct.txt"
    source.write_text(MESSY, encoding="utf-8")
    assert main(["import-policy", str(source), "--out", str(tmp_path / "out")]) == 1
    captured = capsys.readouterr()
    assert "missing from the header: issued, review, owner" in captured.out
    assert "line 9: duplicate clause id 1.1 (first on line 8): left out" in captured.out
    assert "'policy' is missing 'issued'" in captured.err
    assert (tmp_path / "out" / "conduct.yaml").exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "cannot read"),
        (b"1. Rules\n1.1 Caf\xe9 rules.\n", "is not UTF-8 text (line 2)"),
        (b"Policy title\tNotes\n\nJust prose, no numbers at all.\n", "no numbered clauses found"),
    ],
    ids=["missing", "not-utf8", "no-clauses"],
)
def test_cli_refuses_unreadable_input_or_no_clauses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, message: str
) -> None:
    source = tmp_path / "policy.txt"
    if content is not None:
        source.write_bytes(content)
    assert main(["import-policy", str(source), "--out", str(tmp_path / "out")]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_cli_refuses_an_id_that_cannot_name_a_file_or_a_folder_it_cannot_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(PORTABILITY / "safeguarding-policy.txt")
    assert main(["import-policy", source, "--id", "../escape", "--out", str(tmp_path)]) == 2
    assert "policy id '../escape' must be letters, digits" in capsys.readouterr().err
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    assert main(["import-policy", source, "--out", str(tmp_path / "a-file")]) == 2
    assert f"cannot write into {tmp_path / 'a-file'}" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_reading_strips_a_byte_order_mark(tmp_path: Path) -> None:
    source = tmp_path / "bom.txt"
    source.write_bytes("\ufeffPolicy title\tNotes\n1. Rules\n1.1 Be kind.\n".encode())
    assert parse_policy_text(read_policy_text(source)).header["title"] == "Notes"


# Characters YAML treats specially, some that need escaping, and whitespace of every kind.
_CHARS = st.sampled_from([*"ab Z9.,:;#&*!|>%@`'\"-?[]{}\\", "\t", "\x0c", "\xa0", "\u2028", "\x07", "é", "“", "🙂"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(_CHARS, min_size=1, max_size=40), min_size=1, max_size=4))
def test_any_clause_text_reads_back_exactly_and_is_found_in_its_source(lines: list[str]) -> None:
    """Whatever the characters, the YAML reads back as the parsed text, which the source check finds verbatim."""
    source = "1. Rules\n1.1 " + "\n".join(lines) + "\n"
    result = parse_policy_text(source, file_name="x.txt")
    data = yaml.safe_load(render_yaml(result, "x.txt"))
    read = [c["text"] for s in data["sections"] for c in s["clauses"]]
    assert read == [c.text for c in result.clauses]
    assert all(squash(text) in squash(source) for text in read)


def test_the_importer_knows_no_particular_policy() -> None:
    """No charity name or clause number in the code: it works from the shape of the document alone."""
    code = (ROOT / "bot" / "guidance" / "importer.py").read_text(encoding="utf-8")
    assert not re.search(r"\d+\.\d+", code)
    assert not re.search(r"LEAPS|Suffolk|Harbour|social media|safeguarding", code, re.IGNORECASE)
