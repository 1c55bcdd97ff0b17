"""Telephone numbers, told apart from the many other numbers in a post.

A cheap pattern picks out candidates shaped like a dialled number: a leading
``+`` or ``00`` (international) or ``0`` (UK national), then at least nine more
digits with the usual spacing, dashes, dots or brackets. Dates, times, money,
years, scores, order and charity numbers, codes and versions fail that shape
already (no leading 0 or +, too few digits, slashes and colons are not part of
a number). Each candidate is then parsed with ``phonenumbers`` (GB by default):
it must be a valid number, or, for UK numbers, a possible one in a real UK
number range (Ofcom's drama ranges such as 07700 900xxx are "possible" but not
"valid", and people type them too). A number labelled as something else
("booking ref", "account no.", "tracking number") is not a telephone number,
however it is shaped.
"""

from __future__ import annotations

import re

import phonenumbers

_CANDIDATE = re.compile(r"(?<![\w+])(?<!\d[-./])(?:\+|\(\+?|\b0)[\d()\s.\-]{8,22}\d(?![\d])")
_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b")
#: Geographic (01, 02) and mobile (07) numbers; other ranges must be valid outright, not just possible.
_UK_NATIONAL = re.compile(r"[127]\d{8,9}")
_REGION = "GB"
#: A label right before the number that says it is not a telephone number ("booking ref 0192837465").
_LABEL = re.compile(
    r"\b(?:ref|reference|order|invoice|inv|account|acct|a/c|tracking|booking|serial|policy|case|membership|"
    r"ticket|transaction|customer|company|charity|registration|reg|receipt|parcel|confirmation|pin|id|"
    r"sort\s+code|nhs|ni|isbn|iban)\s*(?:no\.?|number|num|#|id)?\s*[:.#\-]?\s*$",
    re.IGNORECASE,
)
_LABEL_REACH = 32


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def parse_phone(candidate: str, region: str = _REGION) -> str:
    """The E.164 form of ``candidate`` when it is a plausible telephone number, else ""."""
    digits = _digits(candidate)
    if digits < 10 or digits > 15 or _DATE.search(candidate):
        return ""
    try:
        number = phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        return ""
    if phonenumbers.is_valid_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    national = str(number.national_number)
    if number.country_code == 44 and phonenumbers.is_possible_number(number) and _UK_NATIONAL.fullmatch(national):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return ""


def find_phones(text: str, region: str = _REGION) -> list[tuple[int, int, str]]:
    """Spans of telephone numbers in ``text`` with their E.164 form."""
    out = []
    for m in _CANDIDATE.finditer(text):
        e164 = parse_phone(m.group(), region)
        if e164 and not _LABEL.search(text, max(0, m.start() - _LABEL_REACH), m.start()):
            start = m.start()
            out.append((start, m.end(), e164))
    return out
