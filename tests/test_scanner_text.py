"""Folding and tokenising: what the name matcher sees, and offsets back into the original text."""

from __future__ import annotations

import pytest

from bot.scanner._text import fold
from bot.scanner._tokens import normalise_word, tokens


def words(text: str) -> list[str]:
    return [t.norm for t in tokens(fold(text))]


def test_ascii_text_is_only_lower_cased():
    """Plain ASCII takes the fast path: same length, no offset table."""
    folded = fold("Hello THERE")
    assert (folded.lower, folded.offsets) == ("hello there", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Ame\u200blia", "amelia", id="zero-width-space"),
        pytest.param("Am\u00adelia", "amelia", id="soft-hyphen"),
        pytest.param("\u0410m\u0435li\u0430", "amelia", id="cyrillic-lookalikes"),
        pytest.param("\u0391\u039c\u0395LIA", "amelia", id="greek-capitals"),
        pytest.param("Ｆｒｅｙａ", "freya", id="fullwidth"),
        pytest.param("Zoë", "zoe", id="accent"),
        pytest.param("𝐍𝐨𝐚𝐡", "noah", id="mathematical-bold"),
    ],
)
def test_fold_sees_through_disguises(text: str, expected: str):
    """Invisible characters vanish; look-alike, fullwidth and accented letters become plain Latin."""
    assert fold(text).lower == expected


def test_span_maps_back_to_the_original_text():
    """A span found in folded text covers the same characters in the text as written."""
    text = "hi \u200bA\u200bm\u200be\u200bl\u200bi\u200ba!"
    folded = fold(text)
    start = folded.lower.index("amelia")
    s, e = folded.span(start, start + len("amelia"))
    assert text[s:e].replace("\u200b", "") == "Amelia"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("L.E.A.P.S team", ["leaps", "team"], id="dotted"),
        pytest.param("L E A P S Suffolk", ["leaps", "suffolk"], id="spaced"),
        pytest.param("A m e l i a  H a r t", ["amelia", "hart"], id="spelled-two-words"),
        pytest.param("Whitaker's mum", ["whitaker", "mum"], id="possessive"),
        pytest.param("O’Neill", ["oneill"], id="apostrophe-in-name"),
        pytest.param("Lily-Mae", ["lily", "mae"], id="hyphen"),
        pytest.param("@amelia.hart", ["amelia", "hart"], id="handle"),
        pytest.param("Reuben A this", ["reuben", "a", "this"], id="lone-initial-stays"),
    ],
)
def test_tokens(text: str, expected: list[str]):
    """Words are split on non-letters, spelled-out letters joined, possessives dropped."""
    assert words(text) == expected


def test_normalise_word_drops_possessive_only_at_the_end():
    """'s at the end is a possessive; an apostrophe inside a name just disappears."""
    assert (normalise_word("Hart's"), normalise_word("D'Arcy")) == ("hart", "darcy")
