"""Reading a category word before a report, and the arguments of /case."""

from __future__ import annotations

import pytest

from bot.categories import CATEGORIES
from bot.citations import Citations
from bot.reports import render
from bot.reports.parse import CaseCommand, normalise_ref, parse_case_command, split_category


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("bullying: mean comments", ("cyberbullying", "mean comments"), id="alias"),
        pytest.param("Prevent: leaflets shared", ("radicalisation", "leaflets shared"), id="prevent-capitalised"),
        pytest.param("[images]: a photo", ("indecent-images", "a photo"), id="bracketed"),
        pytest.param("indecent images : photo", ("indecent-images", "photo"), id="two-words"),
        pytest.param("contact-outside-protocol: DMs", ("contact-outside-protocol", "DMs"), id="full-key"),
        pytest.param("Tuesday: he said", ("", "Tuesday: he said"), id="unknown-word-kept"),
        pytest.param("  worried about a child  ", ("", "worried about a child"), id="no-category"),
        pytest.param("concern:", ("attendee-concern", ""), id="category-only"),
        pytest.param("at 10:30 she left", ("", "at 10:30 she left"), id="colon-later"),
    ],
)
def test_split_category(text: str, expected: tuple[str, str]) -> None:
    """A known word and a colon at the start choose the category; anything else leaves the text whole."""
    assert split_category(text) == expected


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        pytest.param("SG-2026-0042", "SG-2026-0042", id="exact"),
        pytest.param("sg-2026-42", "SG-2026-0042", id="short-lower"),
        pytest.param("SG-2026-123456", "SG-2026-123456", id="long"),
        pytest.param("SG-26-1", "", id="bad-year"),
        pytest.param("42", "", id="bare-number"),
    ],
)
def test_normalise_ref(token: str, expected: str) -> None:
    """References are matched however a lead types them, and nonsense is not a reference."""
    assert normalise_ref(token) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("SG-2026-0001", CaseCommand("SG-2026-0001", "show"), id="show"),
        pytest.param("SG-2026-1 note  rang mum", CaseCommand("SG-2026-0001", "note", "rang mum"), id="note"),
        pytest.param("SG-2026-1 RESOLVE done", CaseCommand("SG-2026-0001", "resolve", "done"), id="resolve"),
        pytest.param("SG-2026-1 delete", CaseCommand("SG-2026-0001", ""), id="unknown-verb"),
        pytest.param("", CaseCommand("", ""), id="empty"),
    ],
)
def test_parse_case_command(text: str, expected: CaseCommand) -> None:
    """/case takes a reference and optionally note or resolve with text."""
    assert parse_case_command(text) == expected


def test_help_lists_every_category_with_its_clause(citations: Citations) -> None:
    """The /report help names every category key and the clauses the knowledge cites for it."""
    text = render.usage_help(citations)
    for cat in CATEGORIES:
        assert citations.for_category(cat.key), "the shipped knowledge cites a clause for every category"
        assert cat.key in text and f"{cat.label}, policy {', '.join(citations.for_category(cat.key))}" in text


def test_package_exports_are_sorted_and_importable() -> None:
    """bot.reports exports a sorted __all__, each name importable (the wiring surface)."""
    import bot.reports as package

    assert list(package.__all__) == sorted(package.__all__)
    assert all(hasattr(package, name) for name in package.__all__)
