"""Names from the deployment: the organisation, its venues and website, and the attendee roster.

Matching never loops over the roster. Every name is indexed once by the
concatenation of its words ("ameliahart", "hartamelia", "leapssuffolk"), with a
set of every word-boundary prefix of those keys, so a post is matched by walking
its words and extending a candidate only while it is still a prefix: a handful
of set look-ups per word, whatever the roster's size. Concatenation makes
hashtags and handles ("#IslaPryce", "@ameliahart") and spelled-out names
("A m e l i a") the same case as ordinary ones.

Looser forms (a small misspelling, first name with surname initial) are tried
only next to a word that is exactly a roster first name or surname, against the
few roster entries that share it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from bot.deployment import Organisation
from bot.scanner._text import Folded, fold
from bot.scanner._tokens import Token, tokens

#: Words that belong to the surname that follows them ("van der Berg", "de la Cruz").
_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "la", "le", "du", "da", "di", "del", "al", "bin", "ibn", "st"}
)
#: Separators that may stand between two words of one name ("Lily-Mae", "amelia.hart", "Hart, Amelia").
_NAME_GAP = frozenset(" \t,._-·\u00a0")
_NAME_GAP_RE = re.compile(r"[ \t,._\-·\u00a0]{0,3}")
#: Punctuation that ends a sentence: a capital letter after it says nothing about a proper noun.
_SENTENCE_END = frozenset('.!?:;\n\r"“”()[]')
_MIN_KEY = 3


@dataclass(frozen=True, slots=True)
class _Phrase:
    kind: str  # "organisation" or "attendee"
    words: int  # how many words the configured name has
    acronym: bool  # a one-word name configured in capitals ("LEAPS"): may also be an ordinary word
    comma_ok: bool = False  # surname first: "Hart, Amelia"; elsewhere a comma separates two things


@dataclass(frozen=True, slots=True)
class NameHit:
    kind: str
    start: int  # offsets into the folded text
    end: int


def _words(text: str) -> list[str]:
    return [t.norm for t in tokens(fold(text))]


def _spellings(text: str) -> list[list[str]]:
    """The words of a configured name, plus a variant keeping possessive s ("St Mary's" -> "marys")."""
    words = _words(text)
    if "'" not in text and "’" not in text:
        return [words]
    kept = _words(text.replace("'", "").replace("’", ""))
    return [words, kept] if kept != words else [words]


def _close(written: str, known: str) -> bool:
    """A small misspelling: same first letter, one edit (two for long names)."""
    if written == known or written[0] != known[0]:
        return False
    shortest = min(len(written), len(known))
    if shortest < 4:
        return False
    limit = 2 if shortest >= 8 else 1
    return OSA.distance(written, known, score_cutoff=limit) <= limit


def _gap_ok(cased: str, a: Token, b: Token) -> bool:
    """Whether two words are close enough to be one name (no sentence break, no other words)."""
    if b.start - a.end == 1:
        return cased[a.end] in _NAME_GAP
    if _NAME_GAP_RE.fullmatch(cased, a.end, b.start) is None:
        return False
    gap = cased[a.end : b.start]
    return not ("." in gap and " " in gap and len(a.norm) > 2 and not a.spelled)


class NameIndex:
    """Every name of the deployment, indexed for look-up by concatenated words."""

    def __init__(self, organisation: Organisation, attendees: Iterable[str]) -> None:
        self.phrases: dict[str, list[_Phrase]] = defaultdict(list)
        self.prefixes: set[str] = set()
        self.given: dict[str, set[str]] = defaultdict(set)  # first name(s) -> surnames
        self.given_prefixes: set[str] = set()
        self.surnames: dict[str, set[str]] = defaultdict(set)  # surname -> first names
        self.initials: dict[str, set[str]] = defaultdict(set)  # first name(s) -> surname initials
        for name in (organisation.name, *organisation.aliases):
            self._add_organisation(name)
        for venue in organisation.venues:
            self._add_organisation(venue, venue=True)
        label = "".join(_words(website_host(organisation.website).split(".")[0]))
        if len(label) >= _MIN_KEY and label not in self.phrases:
            self._add(label, [label], _Phrase("organisation", 2 if len(label) >= 8 else 1, False))
        for name in attendees:
            self._add_attendee(name)
        self.given = dict(self.given)
        self.surnames = dict(self.surnames)
        self.initials = dict(self.initials)
        self.phrases = dict(self.phrases)

    def _add(self, key: str, words: list[str], phrase: _Phrase) -> None:
        if len(key) < _MIN_KEY or phrase in self.phrases.get(key, ()):
            return
        self.phrases[key].append(phrase)
        for i in range(1, len(words) + 1):
            self.prefixes.add("".join(words[:i]))

    def _add_organisation(self, name: str, *, venue: bool = False) -> None:
        for words in _spellings(name):
            if venue and len(words) > 1 and words[0] == "the":
                words = words[1:]
            if not words:
                continue
            stripped = "".join(ch for ch in name if ch.isalpha())
            acronym = len(words) == 1 and stripped.isupper() and len(stripped) > 1
            phrase = _Phrase("organisation", len(words), acronym)
            self._add("".join(words), words, phrase)
            if words[0] in {"st", "saint"}:
                other = ["saint" if words[0] == "st" else "st", *words[1:]]
                self._add("".join(other), other, phrase)

    def _add_attendee(self, name: str) -> None:
        words = _words(name)
        if len(words) < 2:
            return  # a lone first name cannot be told from the ordinary word or a namesake
        split = len(words) - 1
        while split > 1 and words[split - 1] in _PARTICLES:
            split -= 1
        given, surname = words[:split], words[split:]
        self._add("".join(given + surname), given + surname, _Phrase("attendee", len(words), False))
        self._add("".join(surname + given), surname + given, _Phrase("attendee", len(words), False, comma_ok=True))
        g, s = "".join(given), "".join(surname)
        self.given[g].add(s)
        self.surnames[s].add(g)
        self.initials[g].add(s[0])
        for i in range(1, len(given) + 1):
            self.given_prefixes.add("".join(given[:i]))

    def find(self, folded: Folded, toks: list[Token]) -> list[NameHit]:
        """Every organisation, venue and attendee name among ``toks``."""
        hits: list[NameHit] = []
        used = [False] * len(toks)
        # In a post written all in capitals, capitals say nothing about a proper noun ("LEAPS AND BOUNDS").
        shouting = len(toks) > 1 and folded.cased == folded.cased.upper()
        self._exact(folded.cased, toks, hits, used, shouting)
        if self.given:
            self._loose(folded.cased, toks, hits, used)
        return hits

    def _exact(self, cased: str, toks: list[Token], hits: list[NameHit], used: list[bool], shouting: bool) -> None:
        prefixes, phrases = self.prefixes, self.phrases
        n = len(toks)
        i = 0
        while i < n:
            key = toks[i].norm
            if key not in prefixes:
                i += 1
                continue
            best_end, best = -1, None
            j = i
            while True:
                found = phrases.get(key)
                if found:
                    accepted = [p for p in found if _accept(p, cased, toks, i, j, shouting)]
                    if accepted:
                        best_end, best = j, accepted
                j += 1
                if j >= n or not _gap_ok(cased, toks[j - 1], toks[j]):
                    break
                key += toks[j].norm
                if key not in prefixes:
                    break
            if best is None:
                i += 1
                continue
            for kind in dict.fromkeys(p.kind for p in best):
                hits.append(NameHit(kind, toks[i].start, toks[best_end].end))
            for k in range(i, best_end + 1):
                used[k] = True
            i = best_end + 1

    def _loose(self, cased: str, toks: list[Token], hits: list[NameHit], used: list[bool]) -> None:
        """First name with surname initial, and one of the two words slightly misspelt."""
        given, surnames = self.given, self.surnames
        n = len(toks)
        prefixes = self.given_prefixes
        for i in range(n - 1):
            if used[i]:
                continue
            a, b = toks[i].norm, toks[i + 1].norm
            if not (a in prefixes or a in surnames or b in surnames or b in given):
                continue
            end = self._match_loose(cased, toks, i, given, surnames)
            if end >= 0 and not any(used[i : end + 1]):
                hits.append(NameHit("attendee", toks[i].start, toks[end].end))
                for k in range(i, end + 1):
                    used[k] = True

    def _match_loose(
        self, cased: str, toks: list[Token], i: int, given: dict[str, set[str]], surnames: dict[str, set[str]]
    ) -> int:
        a = toks[i]
        j = i
        first = a.norm
        if first not in given and first in self.given_prefixes and i + 2 < len(toks):
            joined = first + toks[i + 1].norm
            if joined in given and _gap_ok(cased, a, toks[i + 1]):
                first, j = joined, i + 1
        if j + 1 >= len(toks):
            return -1
        b = toks[j + 1]
        if not _gap_ok(cased, toks[j], b):
            return -1
        comma = "," in cased[toks[j].end : b.start]
        if first in given and not comma:
            a_cap, b_cap = a.capital(cased), b.capital(cased)
            if b.single and a_cap and b_cap and b.norm in self.initials[first]:
                after = cased[b.end : b.end + 1]
                if b.norm != "i" or after == ".":
                    return j + 1
            if not b.single and (a_cap or b_cap) and any(_close(b.norm, s) for s in given[first]):
                return j + 1
        if j != i or b.single or not (a.capital(cased) or b.capital(cased)):
            return -1
        if a.norm in surnames and any(_close(b.norm, g) for g in surnames[a.norm]):
            return i + 1  # surname first, first name misspelt
        if not comma and b.norm in surnames and any(_close(a.norm, g) for g in surnames[b.norm]):
            return i + 1  # first name misspelt
        if b.norm in given and any(_close(a.norm, s) for s in given[b.norm]):
            return i + 1  # surname misspelt, surname first
        return -1


def _accept(phrase: _Phrase, cased: str, toks: list[Token], i: int, j: int, shouting: bool) -> bool:
    """Whether a match of ``phrase`` over words i..j is a use of the name rather than an ordinary word."""
    if i != j and not phrase.comma_ok and "," in cased[toks[i].end : toks[j].start]:
        return False  # "Jayden, Moss and the others" lists two things
    if phrase.words > 1:
        return True
    if i != j:
        return all(t.single or t.spelled for t in toks[i : j + 1])
    tok = toks[i]
    if tok.spelled or tok.marked(cased) or (tok.upper(cased) and not shouting):
        return True
    if phrase.acronym or not tok.capital(cased) or shouting:
        return False
    return not _sentence_start(cased, toks, i)


def _sentence_start(cased: str, toks: list[Token], i: int) -> bool:
    if i == 0:
        return True
    gap = cased[toks[i - 1].end : toks[i].start]
    return any(ch in _SENTENCE_END for ch in gap)


def website_host(website: str) -> str:
    """``https://www.example.org/path`` -> ``example.org``."""
    host = website.strip().lower()
    for scheme in ("https://", "http://"):
        if host.startswith(scheme):
            host = host[len(scheme) :]
    host = host.split("/", 1)[0]
    return host.removeprefix("www.")


def find_website(lower: str, host: str) -> list[tuple[int, int]]:
    """Where ``host`` appears in ``lower`` as a whole domain (inside a URL or an e-mail address too)."""
    if not host:
        return []
    spans = []
    start = lower.find(host)
    while start >= 0:
        end = start + len(host)
        before = lower[start - 1] if start else " "
        after = lower[end] if end < len(lower) else " "
        if not (before.isalnum() or before == "-") and not (after.isalnum() or after == "-"):
            spans.append((start, end))
        start = lower.find(host, end)
    return spans
