"""Reading what reporters and leads type: an optional category word, and ``/case`` arguments.

Pure functions, so every accepted spelling is a table-driven test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.categories import BY_KEY

#: Words a reporter may put before a colon, e.g. ``/report bullying: ...``.
CATEGORY_WORDS: dict[str, str] = {
    **{key: key for key in BY_KEY},
    "attendee": "attendee-concern",
    "concern": "attendee-concern",
    "welfare": "attendee-concern",
    "bullying": "cyberbullying",
    "trolling": "cyberbullying",
    "prevent": "radicalisation",
    "radicalization": "radicalisation",
    "extremism": "radicalisation",
    "images": "indecent-images",
    "indecent": "indecent-images",
    "contact": "contact-outside-protocol",
    "protocol": "contact-outside-protocol",
    "breach": "other",
}

_LEADING_WORD = re.compile(r"^\s*\[?([A-Za-z][A-Za-z -]{0,30}?)\]?\s*:\s*(.*)$", re.DOTALL)
_REF = re.compile(r"^SG-(\d{4})-(\d{1,9})$", re.IGNORECASE)


def category_key(word: str) -> str:
    """The category key for a word or key ("" when it names none)."""
    return CATEGORY_WORDS.get(re.sub(r"[\s_]+", "-", word.strip().lower()), "")


def split_category(text: str) -> tuple[str, str]:
    """``"bullying: they said..."`` -> ``("cyberbullying", "they said...")``; otherwise ``("", text)``.

    Only a known word before the colon counts, so "Tuesday: ..." keeps its text whole.
    """
    match = _LEADING_WORD.match(text)
    if match:
        key = category_key(match.group(1))
        if key:
            return key, match.group(2).strip()
    return "", text.strip()


def normalise_ref(token: str) -> str:
    """``sg-2026-42`` -> ``SG-2026-0042``; "" when the token is not a case reference."""
    match = _REF.match(token.strip())
    if not match:
        return ""
    return f"SG-{match.group(1)}-{int(match.group(2)):04d}"


@dataclass(frozen=True, slots=True)
class CaseCommand:
    ref: str  # normalised; "" when missing or malformed
    action: str  # show, note, resolve, reply, or "" for something unrecognised
    text: str = ""


def parse_case_command(text: str) -> CaseCommand:
    """``REF``, ``REF note ...``, ``REF resolve ...`` or ``REF reply ...``."""
    parts = text.strip().split(maxsplit=2)
    if not parts:
        return CaseCommand("", "")
    ref = normalise_ref(parts[0])
    if len(parts) == 1:
        return CaseCommand(ref, "show")
    verb = parts[1].lower()
    rest = parts[2].strip() if len(parts) > 2 else ""
    if verb in {"note", "resolve", "reply"}:
        return CaseCommand(ref, verb, rest)
    return CaseCommand(ref, "")


#: What makes a report anonymous when typed: ``/report --anonymous what happened`` (or the flag at the end).
ANONYMOUS_FLAGS = frozenset({"--anonymous", "--anon"})


def split_anonymous(text: str) -> tuple[bool, str]:
    """``"--anonymous bullying: ..."`` -> ``(True, "bullying: ...")``; the flag counts first or last only."""
    words = text.strip().split(maxsplit=1)
    if words and words[0].lower() in ANONYMOUS_FLAGS:
        return True, words[1].strip() if len(words) > 1 else ""
    head, _, last = text.strip().rpartition(" ")
    if head and last.lower() in ANONYMOUS_FLAGS:
        return True, head.strip()
    return False, text.strip()


@dataclass(frozen=True, slots=True)
class ReplyCommand:
    ref: str  # normalised; "" when missing or malformed
    text: str = ""


def parse_reply(text: str) -> ReplyCommand:
    """``/reply REF message``."""
    parts = text.strip().split(maxsplit=1)
    if not parts:
        return ReplyCommand("")
    return ReplyCommand(normalise_ref(parts[0]), parts[1].strip() if len(parts) > 1 else "")
