"""Property tests: no detector raises, findings stay in bounds, and scanning finishes quickly on any input.

``Scanner.scan`` catches every exception so that a detector bug cannot take the bot down: it logs the
error's type and answers as if the text had no findings. Through ``scan`` a detector that raises would
therefore look like a post with nothing in it, and these tests could not fail. They call the detectors
without that catch-all (``Scanner._scan``), so an exception fails the test with its traceback and
Hypothesis shrinks the input that caused it. The catch-all itself has its own test at the end.
"""

from __future__ import annotations

import collections
import logging
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bot.scanner._scanner as scanner_module
from bot.deployment import Deployment, load_deployment
from bot.scanner import KINDS, Finding, Scanner


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    from tests.conftest import FIXTURES

    deployment: Deployment = load_deployment(FIXTURES / "deployment.yaml")
    return Scanner(deployment)


def strict_scan(scanner: Scanner, text: str, images: int = 0) -> list[Finding]:
    """What ``scan`` finds, but a detector that raises fails the test instead of being logged and hidden."""
    return scanner._scan(text, images)


def assert_well_formed(text: str, findings: list[Finding]) -> None:
    """Every finding is of a known kind and its span lies inside ``text`` (an image's is 0, 0)."""
    for f in findings:
        assert f.kind in KINDS
        assert 0 <= f.start <= f.end <= len(text)
        assert (f.start, f.end) == (0, 0) if f.kind == "image" else f.start < f.end


_PIECES = st.sampled_from(
    ["Amelia", "Hart", "LEAPS", " ", ".", "@", "#", "0", "7", "+44", "IP4", "2AB", "\u200b", "а", "'s", ",", "-"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(), images=st.integers(min_value=0, max_value=5))
def test_any_unicode_never_raises(scanner: Scanner, text: str, images: int) -> None:
    """Any Unicode text gives findings whose spans lie inside the text, of known kinds only, and one image finding
    exactly when the post has images."""
    findings = strict_scan(scanner, text, images)
    assert_well_formed(text, findings)
    assert [f.kind for f in findings].count("image") == (1 if images > 0 else 0)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(_PIECES, max_size=40))
def test_name_like_fragments_never_raise(scanner: Scanner, parts: list[str]) -> None:
    """Text built from the fragments the detectors care about stays in bounds."""
    text = "".join(parts)
    assert_well_formed(text, strict_scan(scanner, text))


def test_empty_post(scanner: Scanner) -> None:
    """An empty post with no images has no findings."""
    assert strict_scan(scanner, "") == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param("a" * 100_000, {}, id="one-long-word"),
        pytest.param("0" * 100_000, {}, id="digits"),
        pytest.param("@" * 100_000, {}, id="at-signs"),
        pytest.param("x@" * 50_000, {}, id="at-after-letters"),
        pytest.param("A " * 50_000, {}, id="spelled-letters"),
        pytest.param(
            "Amelia Hart 07700 900123 IP4 2AB jo@x.com " * 2_500,
            {"attendee": 2_500, "phone": 2_500, "address": 2_500, "email": 2_500},
            id="findings-everywhere",
        ),
        pytest.param("\u200bа" * 50_000, {}, id="invisible-and-cyrillic"),
        pytest.param("12 Orchard " * 9_000, None, id="street-prefixes"),
    ],
)
def test_100kb_posts_finish_quickly(scanner: Scanner, text: str, found: dict[str, int] | None) -> None:
    """A 100 KB post of the worst kinds of text is scanned in seconds, not minutes (no quadratic blow-up), and
    what it holds is still found: nothing in the padding, every repetition of a name and contact details."""
    started = time.perf_counter()
    findings = strict_scan(scanner, text)
    assert time.perf_counter() - started < 5.0
    assert_well_formed(text, findings)
    if found is not None:
        assert collections.Counter(f.kind for f in findings) == found


PLANTED = "\n\nPlease call 07700 900123 now, or email jo@example.com today.\n\n"


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=200))
def test_long_random_posts_never_raise(scanner: Scanner, text: str) -> None:
    """Random text repeated to about 100 KB, with a phone number and an e-mail address written in its middle:
    both are found exactly where they were written, and every finding lies inside the post."""
    filler = (text * (100_000 // len(text) + 1))[:100_000]
    big = filler[:50_000] + PLANTED + filler[50_000:]
    findings = strict_scan(scanner, big)
    assert_well_formed(big, findings)
    phone = 50_000 + PLANTED.index("07700 900123")
    email = 50_000 + PLANTED.index("jo@example.com")
    assert Finding("phone", phone, phone + len("07700 900123"), ()) in findings
    assert Finding("email", email, email + len("jo@example.com"), ()) in findings


def test_a_detector_that_raises_is_contained_and_logged_without_the_post(
    scanner: Scanner, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The catch-all in ``scan``: a detector bug gives no text findings (the image finding is kept), and the log
    names the error's type but holds nothing of the post, not even through the exception's message."""
    secret = "Zebedee Quux lives at 12 Secret Street, 07700 900999"

    def broken(lower: str) -> list[tuple[int, int]]:
        raise ValueError(f"cannot read {lower!r}")

    monkeypatch.setattr(scanner_module, "find_emails", broken)
    caplog.set_level(logging.DEBUG)
    assert scanner.scan(secret) == []
    assert scanner.scan(secret, images=2) == [Finding("image", 0, 0, ())]
    errors = [r for r in caplog.records if r.levelno == logging.ERROR and r.name == scanner_module.__name__]
    assert len(errors) == 2 and all("ValueError" in r.getMessage() for r in errors)
    assert "Zebedee" not in caplog.text and "07700" not in caplog.text and "zebedee" not in caplog.text
