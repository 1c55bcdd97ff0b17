"""The scanner's public surface: the contract bot/cli.py and the moderation feature rely on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import bot.scanner
from bot.citations import Citations
from bot.deployment import Deployment, load_deployment
from bot.scanner import KINDS, Finding, Scanner, describe_findings

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


@pytest.fixture(scope="module")
def deployment() -> Deployment:
    from tests.conftest import FIXTURES

    return load_deployment(FIXTURES / "deployment.yaml")


@pytest.fixture(scope="module")
def scanner(deployment: Deployment, citations: Citations) -> Scanner:
    return Scanner(deployment, citations)


def test_exports_are_sorted_and_complete() -> None:
    """__all__ is sorted and names every public object of the package."""
    public = {name for name in vars(bot.scanner) if not name.startswith("_")}
    # isort-style, as ruff's RUF022 keeps it: CONSTANTS, then Classes, then functions.
    assert bot.scanner.__all__ == sorted(bot.scanner.__all__, key=lambda n: (not n.isupper(), not n[0].isupper(), n))
    assert public == set(bot.scanner.__all__)


def test_finding_is_frozen_and_serialises() -> None:
    """A finding cannot be changed after the fact, and as_dict gives plain JSON types."""
    finding = Finding("phone", 3, 10, ("5.1", "6.1"))
    with pytest.raises(AttributeError):
        finding.kind = "email"  # type: ignore[misc]
    assert finding.as_dict() == {"kind": "phone", "start": 3, "end": 10, "clauses": ["5.1", "6.1"]}


def test_offsets_point_into_the_original_text(scanner: Scanner) -> None:
    """Even with invisible characters before it, a finding's span is the detail as written."""
    text = "\u200b\u200bhi \u200b Amelia Hart ring 07700 900123"
    spans = {f.kind: text[f.start : f.end] for f in scanner.scan(text)}
    assert spans == {"attendee": "Amelia Hart", "phone": "07700 900123"}


def test_kinds_come_in_the_fixed_order(scanner: Scanner) -> None:
    """kinds() lists each kind once, organisation first and image last, whatever the text order."""
    findings = scanner.scan("07700 900123 and 07700 900124, Amelia Hart at LEAPS", images=2)
    assert scanner.kinds(findings) == ["organisation", "attendee", "phone", "image"]
    assert [f.kind for f in findings].count("phone") == 2


def test_image_finding_has_no_span(scanner: Scanner) -> None:
    """An image is a finding of the post, not of a place in the text."""
    assert scanner.scan("", images=1) == [Finding("image", 0, 0, ("6.14",))]


#: A post with one detail of each kind, and its number of images.
ONE_OF_EACH = {
    "organisation": ("Another great night at LEAPS", 0),
    "attendee": ("so proud of Amelia Hart", 0),
    "phone": ("ring me on 07700 900123", 0),
    "email": ("write to jo.bloggs@gmail.com", 0),
    "address": ("pick up from IP4 2AB", 0),
    "image": ("what a night", 1),
}


def test_one_of_each_covers_every_kind() -> None:
    """A new kind gets a sample post here, so its clauses are checked below."""
    assert set(ONE_OF_EACH) == set(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_clauses(kind: str, scanner: Scanner, citations: Citations) -> None:
    """The shipped knowledge cites at least one clause for each kind, and a finding of that kind in a scanned post
    carries them."""
    text, images = ONE_OF_EACH[kind]
    [finding] = scanner.scan(text, images)
    assert finding.kind == kind
    assert finding.clauses and finding.clauses == citations.for_kind(kind)


def test_without_citations_findings_cite_nothing(deployment: Deployment) -> None:
    """A scanner given no citations finds the same details, each citing no clause."""
    text = "Amelia Hart, 07700 900123"
    bare = Scanner(deployment).scan(text, 1)
    assert [f.kind for f in bare] == ["attendee", "phone", "image"] and all(f.clauses == () for f in bare)
    assert "(policy" not in describe_findings(text, bare)


def test_describe_findings_for_a_person(scanner: Scanner) -> None:
    """The shell description says how many findings, which kinds and which clauses."""
    text = "Amelia Hart, 07700 900123"
    described = describe_findings(text, scanner.scan(text, 1))
    assert "3 finding(s)" in described and "attendee" in described and "6.14" in described
    assert describe_findings("hello", []).startswith("No findings")


def test_scan_of_non_text_does_not_raise(scanner: Scanner) -> None:
    """scan is total: a caller passing something odd gets no findings rather than an exception."""
    assert scanner.scan(None) == []  # type: ignore[arg-type]


def test_development_set_meets_the_bar(scanner: Scanner, moderation_dev_cases: list[dict[str, Any]]) -> None:
    """On the development set, F1 over all kinds is at least 97% and false alarms at most 2%."""
    cases = moderation_dev_cases
    tp = fp = fn = alarms = quiet = 0
    for case in cases:
        got = set(scanner.kinds(scanner.scan(case["text"], case["images"])))
        want = set(case["expect"])
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        if not want:
            quiet += 1
            alarms += bool(got)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.97 and alarms / quiet <= 0.02
