"""Held-out sets: posts written against other invented deployments, to catch regressions in generalisation.

The development set and ``tests/fixtures/deployment.yaml`` share one organisation and
roster; tuning to them can hide rules that only work for those names. Each set in
tests/fixtures/heldout/<set>/ has its own deployment.yaml (another organisation,
other venues, another roster) and posts.yaml, labelled as a careful safeguarding
reviewer would label them per ../shared/eval/README.md.
"""

from __future__ import annotations

import pytest
import yaml

from bot.deployment import load_deployment
from bot.scanner import Scanner
from tests.conftest import FIXTURES

HELDOUT = FIXTURES / "heldout"
SETS = sorted(path.name for path in HELDOUT.iterdir() if (path / "posts.yaml").exists())


def _load(name: str) -> tuple[Scanner, list[dict]]:
    cases = yaml.safe_load((HELDOUT / name / "posts.yaml").read_text(encoding="utf-8"))
    return Scanner(load_deployment(HELDOUT / name / "deployment.yaml")), cases


def _scores(scanner: Scanner, cases: list[dict]) -> tuple[float, float]:
    """F1 over (post, kind) pairs and the share of quiet posts that were warned about, as score.py counts them."""
    tp = fp = fn = alarms = quiet = 0
    for case in cases:
        got = set(scanner.kinds(scanner.scan(case["text"], case["images"])))
        want = set(case["expect"])
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        if not want:
            quiet += 1
            alarms += bool(got)
    return 2 * tp / (2 * tp + fp + fn), alarms / quiet


def test_heldout_sets_are_big_and_balanced():
    """The held-out sets hold at least 150 posts together, a third needing no warning, and every kind."""
    cases = [case for name in SETS for case in _load(name)[1]]
    kinds = {kind for case in cases for kind in case["expect"]}
    assert len(SETS) >= 2 and len(cases) >= 150
    assert sum(not case["expect"] for case in cases) >= len(cases) // 3
    assert kinds == {"organisation", "attendee", "phone", "email", "address", "image"}


@pytest.mark.parametrize("name", SETS)
def test_heldout_deployment_is_not_the_fixture_one(name: str):
    """A held-out deployment shares no organisation, venue or attendee name with the fixture deployment."""
    heldout = load_deployment(HELDOUT / name / "deployment.yaml")
    fixture = load_deployment(FIXTURES / "deployment.yaml")
    names = {heldout.organisation.name, *heldout.organisation.venues, *heldout.attendees}
    assert not names & {fixture.organisation.name, *fixture.organisation.venues, *fixture.attendees}


@pytest.mark.parametrize("name", SETS)
def test_heldout_set_meets_the_bar(name: str):
    """On each held-out set, F1 over all kinds is at least 95% and false alarms at most 3%."""
    f1, false_alarms = _scores(*_load(name))
    assert f1 >= 0.95, f"F1 {f1:.1%}"
    assert false_alarms <= 0.03, f"false alarms {false_alarms:.1%}"
