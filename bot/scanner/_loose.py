"""The looser ways of naming someone or something: initials, small misspellings, names inside tags.

Each is tried only where an exact word points to a few candidates (a roster
first name or surname, a word of the organisation's or a venue's name, the
first three letters of a hashtag), so the cost stays flat as the roster grows.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.scanner._match import NameHit, close, gap_ok, has_comma
from bot.scanner._tokens import Token

if TYPE_CHECKING:
    from bot.scanner._names import NameIndex


def _claim(hits: list[NameHit], used: list[bool], kind: str, toks: list[Token], i: int, end: int) -> None:
    hits.append(NameHit(kind, toks[i].start, toks[end].end))
    for k in range(i, end + 1):
        used[k] = True


def loose_attendees(index: NameIndex, cased: str, toks: list[Token], hits: list[NameHit], used: list[bool]) -> None:
    """First name with surname initial, and one of the two words slightly misspelt."""
    given, surnames, prefixes = index.given, index.surnames, index.given_prefixes
    for i in range(len(toks) - 1):
        if used[i]:
            continue
        a, b = toks[i].norm, toks[i + 1].norm
        double = i + 2 < len(toks) and toks[i + 2].norm in surnames  # "Lilly-Mae Carter"
        if not (a in prefixes or a in surnames or b in surnames or b in given or double):
            continue
        end = _match_attendee(index, cased, toks, i)
        if end >= 0 and not any(used[i : end + 1]):
            _claim(hits, used, "attendee", toks, i, end)


def _match_attendee(index: NameIndex, cased: str, toks: list[Token], i: int) -> int:
    """The last word of a loose roster name starting at word i, or -1."""
    given = index.given
    a = toks[i]
    firsts = []
    if a.norm in index.given_prefixes and i + 2 < len(toks) and gap_ok(cased, a, toks[i + 1]):
        joined = a.norm + toks[i + 1].norm
        if joined in given:
            firsts.append((joined, i + 1))  # "Ella-Rose P": the longer first name wins
    if a.norm in given:
        firsts.append((a.norm, i))
    for first, j in firsts:
        if j + 1 < len(toks) and _surname_follows(index, cased, toks, i, first, j):
            return j + 1
    if i + 1 >= len(toks) or not gap_ok(cased, a, toks[i + 1]):
        return -1
    if _misspelt_double_first_name(index, cased, toks, i):
        return i + 2
    return i + 1 if _misspelt_pair(index, cased, a, toks[i + 1], has_comma(cased, toks, i, i + 1)) else -1


def _misspelt_double_first_name(index: NameIndex, cased: str, toks: list[Token], i: int) -> bool:
    """A two-word first name slightly misspelt before an exact surname ("Lilly-Mae Carter" for Lily-Mae)."""
    if i + 2 >= len(toks) or not toks[i].capital(cased) or not gap_ok(cased, toks[i + 1], toks[i + 2]):
        return False
    joined, surname = toks[i].norm + toks[i + 1].norm, toks[i + 2].norm
    return any(close(joined, g) for g in index.surnames.get(surname, ()) if len(g) > len(toks[i].norm) + 1)


def _surname_follows(index: NameIndex, cased: str, toks: list[Token], i: int, first: str, j: int) -> bool:
    """Word j+1 is a surname initial or a slightly misspelt surname of someone called ``first``."""
    a, b = toks[i], toks[j + 1]
    if not gap_ok(cased, toks[j], b) or has_comma(cased, toks, j, j + 1):
        return False
    a_cap, b_cap = a.capital(cased), b.capital(cased)
    if b.single:
        # A capital "I" after a name is usually the pronoun ("Freya I think..."), unless it has a full stop.
        pronoun = b.norm == "i" and cased[b.end : b.end + 1] != "."
        return a_cap and b_cap and not pronoun and b.norm in index.initials[first]
    if a_cap and b_cap and _abbreviated(cased, b) and any(s.startswith(b.norm) for s in index.given[first]):
        return True  # "Mason O'B.", "Finn Mc."
    # "hope Wiliams" is the word hope before a proper noun; a name starts with a capital or is all lower case.
    shortest = 3 if a_cap and b_cap else 4  # "Jayden Mos" for Moss, when both are capitalised
    return (a_cap or not b_cap) and (a_cap or b_cap) and any(close(b.norm, s, shortest) for s in index.given[first])


def _abbreviated(cased: str, b: Token) -> bool:
    """A short surname abbreviation written as one: an apostrophe inside ("O'B") or a full stop after ("Mc.")."""
    return len(b.norm) <= 3 and ("'" in cased[b.start : b.end] or cased[b.end : b.end + 1] == ".")


def _misspelt_pair(index: NameIndex, cased: str, a: Token, b: Token, comma: bool) -> bool:
    """Two words that are one roster name with one of them slightly misspelt (the first capitalised)."""
    given, surnames = index.given, index.surnames
    a_cap, b_cap = a.capital(cased), b.capital(cased)
    if b.single:
        return False
    if not a_cap:  # "we hope Wiliams", "the parc, Chloe said": an ordinary word before a proper noun
        # Someone who never uses capitals still writes names: "bethany cartright" (exact first name, surname
        # slightly misspelt) in a post with no capital letter anywhere.
        lower_writer = not b_cap and not any(ch.isupper() for ch in cased)
        return lower_writer and not comma and a.norm in given and any(close(b.norm, s) for s in given[a.norm])
    # Surname first needs a comma or a capitalised first name ("Turner wil" is not a name).
    if (comma or b_cap) and a.norm in surnames and any(close(b.norm, g) for g in surnames[a.norm]):
        return True  # surname first, first name misspelt
    # A short first name may be misspelt too when both words are capitalised ("Ki Patel" for Kai), but not
    # into a two-letter word ("In Smith's view" is not Ian Smith).
    shortest = 2 if a_cap and b_cap and a.norm not in _SHORT_WORDS else 4
    if not comma and a_cap and b.norm in surnames and any(close(a.norm, g, shortest) for g in surnames[b.norm]):
        return True  # first name misspelt
    # surname misspelt, surname first
    return (comma or b_cap) and b.norm in given and any(close(a.norm, s) for s in given[b.norm])


def fuzzy_organisation(index: NameIndex, cased: str, toks: list[Token], hits: list[NameHit], used: list[bool]) -> None:
    """A multi-word organisation or venue name with one or more words slightly misspelt ("Kesgrave Pavillion")."""
    n = len(toks)
    for i in range(n):
        if used[i]:
            continue
        for words, k in index.org_words.get(toks[i].norm, ()):
            start, end = i - k, i - k + len(words) - 1
            if start < 0 or end >= n or any(used[start : end + 1]) or has_comma(cased, toks, start, end):
                continue
            written = [toks[start + m].norm for m in range(len(words))]
            if (
                written != list(words)  # an exact match is the exact matcher's to accept or refuse
                and all(gap_ok(cased, toks[m], toks[m + 1]) for m in range(start, end))
                and all(t == w or close(t, w) for t, w in zip(written, words, strict=True))
            ):
                _claim(hits, used, "organisation", toks, start, end)
                break


def tags(index: NameIndex, cased: str, toks: list[Token], hits: list[NameHit], used: list[bool]) -> None:
    """Hashtags and handles that contain a multi-word name, or misspell one ("#TeamIslaPryce", "@ameliahrat")."""
    for i, tok in enumerate(toks):
        if used[i] or len(tok.norm) < 6 or not tok.marked(cased):
            continue
        kinds = _tag_kinds(index, tok.norm) or _alias_in_tag(index, cased[tok.start : tok.end], tok.norm)
        for kind in kinds:
            hits.append(NameHit(kind, tok.start, tok.end))
        used[i] = used[i] or bool(kinds)


#: Two-letter words a capitalised sentence may start with, one letter away from a short first name.
_SHORT_WORDS = frozenset(
    {"in", "to", "be", "am", "at", "an", "as", "is", "it", "of", "on", "or", "so", "up", "we", "my", "me", "he", "by",
     "do", "go", "if", "no", "us", "hi", "ok", "oh"}
)  # fmt: skip
#: Words that hashtags put before or after an organisation's one-word name ("#TeamSpring", "#springfamily").
_TAG_PREFIXES = ("team", "ilove", "welove", "love", "proud", "go")
_TAG_SUFFIXES = ("family", "team", "crew", "staff", "volunteers", "rocks", "kids", "life", "love")
#: Words beside which a name that is also an ordinary word is the name in a tag ("#ILoveSpring").
_TAG_WORDS = frozenset({*_TAG_PREFIXES, *_TAG_SUFFIXES, "i", "we"})
#: Words of a camel-case hashtag, two ways for a run of capitals: "ILoveSpring" -> I, Love, Spring;
#: "STRIDEsummer" -> STRIDE, summer.
_CAMEL_PARTS = (re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+"), re.compile(r"[A-Z]{2,}|[A-Z]?[a-z]+"))


def _alias_in_tag(index: NameIndex, written: str, word: str) -> list[str]:
    """A one-word name of the organisation as a word of a hashtag, but not "#SpringClean" or "#springintostep".

    A name that is also an ordinary word ("SPRING") counts in capitals inside a tag, or beside a word tags put
    next to a name ("#TeamSpring", "#springfamily"); another one-word name counts as any word of a camel-case tag.
    """
    for pattern in _CAMEL_PARTS:
        parts = pattern.findall(written)
        for k, part in enumerate(parts if len(parts) > 1 else ()):
            found = _one_word_name(index, part.lower())
            if found is None:
                continue
            beside = {p.lower() for p in parts[max(0, k - 1) : k + 2]} - {part.lower()}
            if not found or part.isupper() or beside & _TAG_WORDS:
                return ["organisation"]
    for prefix in _TAG_PREFIXES:
        if word.startswith(prefix) and _one_word_name(index, word[len(prefix) :]) is not None:
            return ["organisation"]
    for suffix in _TAG_SUFFIXES:
        if word.endswith(suffix) and _one_word_name(index, word[: -len(suffix)]) is not None:
            return ["organisation"]
    return []


def _one_word_name(index: NameIndex, word: str) -> bool | None:
    """None when ``word`` is no one-word name of the organisation, else whether that name is also an ordinary word."""
    found = [p for p in index.phrases.get(word, ()) if p.kind == "organisation" and p.words == 1]
    return any(p.acronym for p in found) if found else None


def _tag_kinds(index: NameIndex, word: str) -> list[str]:
    for length in index.tag_lengths:
        if length > len(word):
            break
        for start in range(len(word) - length + 1):
            found = index.phrases.get(word[start : start + length])
            if found and any(p.words > 1 for p in found):
                return list(dict.fromkeys(p.kind for p in found if p.words > 1))
    for key in index.by_start.get(word[:3], ()):
        if close(word, key):
            return list(dict.fromkeys(p.kind for p in index.phrases[key] if p.words > 1))
    return []
