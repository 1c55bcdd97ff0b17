"""Street addresses and UK postcodes.

A postcode is matched in its full form (outward and inward code, "IP4 2AB")
and only with a real UK postcode area, so flight numbers, versions and codes
do not pass. A street address is a house number followed by one to three
capitalised words and a street word ("12 Orchard Close", "4 Mill Road", "22
High St"); the street words that are rarely anything else ("Road", "Lane",
"Close", "Avenue"...) are also accepted in lower case after a word that
introduces a place ("i live at 7 church lane"), but not in "we need 5 more lane
ropes". A street with no number counts when someone is said to live there
("she lives on Orchard Close", "her house is on Mill Road") or after a house
name ("Rose Cottage, Mill Lane").
"""

from __future__ import annotations

import re

#: The 121 UK postcode areas (Royal Mail); anything else is not a postcode.
_AREA_CODES = (
    "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX "
    "FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE "
    "NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ "
    "TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE"
)
_AREAS = frozenset(_AREA_CODES.split())
# Inward codes never use C, I, K, M, O or V.
_POSTCODE = re.compile(r"(?<![a-z0-9])([a-z]{1,2})(\d[a-z\d]?)\s?(\d[abd-hjlnp-uw-z]{2})(?![a-z0-9])", re.IGNORECASE)
_STRONG = "road|rd|street|lane|ln|avenue|ave|close|drive|crescent|terrace|gardens|gdns|mews|grove|boulevard"
_WEAK = (
    "st|dr|way|court|ct|place|pl|park|hill|row|walk|square|sq|view|rise|green|parade|meadow|meadows|wharf|"
    "yard|end|gate|cres|tce"
)
_STREET = re.compile(
    r"(?<![\w.,£$€])(?:flat\s+\d+[a-z]?,?\s+)?\d{1,4}[a-z]?,?\s+"
    r"(?:(?:[A-Z][\w'’\-]*\s+){1,3}(?:" + _STRONG + "|" + _WEAK + r")"
    r"|(?:[a-z][\w'’\-]*\s+){1,3}(?:" + _STRONG + r"))\b",
    re.IGNORECASE,
)
_LIVES_ON = re.compile(
    r"\b(?:(?:live|lives|lived|living|moved|moving|staying)|(?:house|home|flat)(?:\s+is|'s)?)\s+(?:on|at|in|to)\s+"
    r"((?:[A-Z][\w'’\-]*\s+){1,3}(?:" + _STRONG.title() + "|" + _WEAK.title() + r"))\b"
)
#: A house name before a street: "Rose Cottage, Mill Lane".
_HOUSE_NAME = re.compile(
    r"\b[A-Z][\w'’\-]*\s+(?:Cottage|House|Farm|Lodge|Barn|Villa|Manor|Farmhouse|Bungalow),?\s+"
    r"(?:[A-Z][\w'’\-]*\s+){1,3}(?:" + _STRONG.title() + r")\b"
)
_PLACE_CUES = ("liv", "mov", "stay", "house", "home", "flat")
_NUMBER_AND_WORDS = re.compile(r"\d[a-z]?,?\s+((?:[^\s\d][^\s]*\s+){1,3})([^\s]+)$", re.IGNORECASE)
_CUE = re.compile(r"\b(?:at|live|lives|living|address|to|from|on|is|round|near|of|in)\W{1,3}$", re.IGNORECASE)
_STREET_WORDS = frozenset((_STRONG + "|" + _WEAK).split("|"))
_STRONG_WORDS = frozenset(_STRONG.split("|"))


def find_postcodes(text: str) -> list[tuple[int, int]]:
    """Full UK postcodes in a real postcode area."""
    return [m.span() for m in _POSTCODE.finditer(text) if m.group(1).upper() in _AREAS]


def find_streets(text: str) -> list[tuple[int, int]]:
    """House number + street name + street word; weak street words need capitalised names."""
    out = []
    for m in _STREET.finditer(text):
        parts = _NUMBER_AND_WORDS.search(m.group())
        if parts is None or parts.group(2).lower() not in _STREET_WORDS:
            continue
        names, last = parts.group(1).split(), parts.group(2)
        capitalised = all(w[0].isupper() for w in names) and last[0].isupper()
        strong = last.lower() in _STRONG_WORDS
        if capitalised or (strong and _CUE.search(text, max(0, m.start() - 12), m.start())):
            out.append(m.span())
    return out


def find_addresses(text: str, has_digit: bool = True) -> list[tuple[int, int]]:
    """Spans of street addresses and postcodes in ``text`` (case as written)."""
    spans = [m.span(1) for m in _LIVES_ON.finditer(text)] if any(cue in text for cue in _PLACE_CUES) else []
    spans += [m.span() for m in _HOUSE_NAME.finditer(text)]
    if has_digit:
        spans += find_streets(text) + find_postcodes(text)
    return spans
