"""Property tests: the scanner never raises, stays in bounds, and finishes quickly on any input."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.deployment import Deployment, load_deployment
from bot.scanner import KINDS, Scanner


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    from tests.conftest import FIXTURES

    deployment: Deployment = load_deployment(FIXTURES / "deployment.yaml")
    return Scanner(deployment)


_PIECES = st.sampled_from(
    ["Amelia", "Hart", "LEAPS", " ", ".", "@", "#", "0", "7", "+44", "IP4", "2AB", "\u200b", "а", "'s", ",", "-"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(), images=st.integers(min_value=0, max_value=5))
def test_any_unicode_never_raises(scanner: Scanner, text: str, images: int):
    """Any Unicode text gives findings whose spans lie inside the text, of known kinds only."""
    findings = scanner.scan(text, images)
    for f in findings:
        assert f.kind in KINDS
        assert 0 <= f.start <= f.end <= len(text)
    assert ("image" in scanner.kinds(findings)) == (images > 0)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(_PIECES, max_size=40))
def test_name_like_fragments_never_raise(scanner: Scanner, parts: list[str]):
    """Text built from the fragments the detectors care about stays in bounds."""
    text = "".join(parts)
    for f in scanner.scan(text):
        assert 0 <= f.start <= f.end <= len(text)


def test_empty_post(scanner: Scanner):
    """An empty post with no images has no findings."""
    assert scanner.scan("") == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("a" * 100_000, id="one-long-word"),
        pytest.param("0" * 100_000, id="digits"),
        pytest.param("@" * 100_000, id="at-signs"),
        pytest.param("x@" * 50_000, id="at-after-letters"),
        pytest.param("A " * 50_000, id="spelled-letters"),
        pytest.param("Amelia Hart 07700 900123 IP4 2AB jo@x.com " * 2_500, id="findings-everywhere"),
        pytest.param("\u200bа" * 50_000, id="invisible-and-cyrillic"),
        pytest.param("12 Orchard " * 9_000, id="street-prefixes"),
    ],
)
def test_100kb_posts_finish_quickly(scanner: Scanner, text: str):
    """A 100 KB post of the worst kinds of text is scanned in seconds, not minutes (no quadratic blow-up)."""
    started = time.perf_counter()
    scanner.scan(text)
    assert time.perf_counter() - started < 5.0


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=200))
def test_long_random_posts_never_raise(scanner: Scanner, text: str):
    """Random text repeated to about 100 KB is scanned without error."""
    big = (text * (100_000 // len(text) + 1))[:100_000]
    assert isinstance(scanner.scan(big), list)
