"""The shipped knowledge base: the whole policy, verbatim, with curated phrasings."""

from __future__ import annotations

import re

import pytest

from bot.guidance import check_library, load_library
from bot.guidance.check import squash
from tests.conftest import ROOT, SHARED

KNOWLEDGE = ROOT / "knowledge"
SOURCE = KNOWLEDGE / "sources" / "social-media-policy.txt"


@pytest.fixture(scope="module")
def policy():
    return load_library(KNOWLEDGE).policy("social-media")


def test_every_clause_text_is_verbatim_from_the_source(policy) -> None:
    """Each clause's text appears word for word (whitespace aside) in the policy's source copy."""
    source = squash(SOURCE.read_text(encoding="utf-8"))
    missing = [c.id for c in policy.clauses if squash(c.text) not in source]
    assert missing == []


def test_every_numbered_clause_of_the_source_is_present(policy) -> None:
    """Every clause number printed in the source has an entry with exactly that id."""
    printed = re.findall(r"^(\d+\.\d+)\.?\s", SOURCE.read_text(encoding="utf-8"), re.MULTILINE)
    assert len(printed) == 51
    assert set(printed) <= {c.id for c in policy.clauses}


def test_section_four_and_misnumbered_clauses_keep_their_printed_ids(policy) -> None:
    """Section 4 (unnumbered lists) is clause "4"; 6.24 and 11.3 stay as printed."""
    by_id = {c.id: c for c in policy.clauses}
    assert len(by_id) == 52
    assert by_id["4"].section_title == "Roles and responsibilities"
    assert "never, in any circumstances, abuse or misuse their position of trust" in by_id["4"].text
    assert by_id["6.24"].section == "6"
    assert by_id["11.3"].section == "10"


def test_every_clause_is_curated(policy) -> None:
    """Every clause has curated asks and terms for matching, and none repeats another clause's ask."""
    assert all(c.asks and c.terms for c in policy.clauses)
    asks = [a.lower() for c in policy.clauses for a in c.asks]
    assert len(asks) == len(set(asks))


def test_policy_metadata_and_overdue_review(policy) -> None:
    """The policy's dates are as printed, and the review month is known to have passed."""
    assert (policy.title, policy.issued, policy.review, policy.owner) == (
        "Social Media Policy",
        "April 2023",
        "April 2024",
        "Karen Double",
    )
    assert str(policy.review_by) == "2024-04-30"


def test_check_passes_on_the_shipped_knowledge() -> None:
    """``check_library`` validates the shipped folder, reports the passed review date and what is cited."""
    line, *cited = check_library(KNOWLEDGE)
    assert "Social Media Policy, 52 clauses; review date April 2024 has passed" in line
    assert cited == [
        "citations: moderation warnings cite social-media for 6 of 6",
        "citations: report categories cite social-media for 6 of 6",
    ]


def test_source_copy_matches_the_shared_policy() -> None:
    """The copy in knowledge/sources is the shared policy text, unchanged."""
    shared = SHARED / "policy" / "social-media-policy.txt"
    if not shared.exists():
        pytest.skip("no ../shared/policy beside the project")
    assert SOURCE.read_bytes() == shared.read_bytes()


def test_curated_asks_are_not_copies_of_the_dev_questions(policy) -> None:
    """No curated phrasing is a near-copy of an evaluation dev question (they must teach ideas, not answers)."""
    import yaml
    from rapidfuzz import fuzz, process

    dev = SHARED / "eval" / "questions-dev.yaml"
    if not dev.exists():
        pytest.skip("no ../shared/eval beside the project")
    questions = [c["q"].lower() for c in yaml.safe_load(dev.read_text(encoding="utf-8"))]
    close = [
        (ask, hit[0])
        for clause in policy.clauses
        for ask in clause.asks
        if (hit := process.extractOne(ask.lower(), questions, scorer=fuzz.ratio, score_cutoff=85))
    ]
    assert close == []
