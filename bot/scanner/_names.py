"""Names from the deployment: the organisation, its venues and website, and the attendee roster.

Matching never loops over the roster. Every name is indexed once by the
concatenation of its words ("ameliahart", "hartamelia", "springtrust"), with a
set of every prefix of those keys, so a post is matched by walking its words and
extending a candidate only while it is still a prefix: a handful of set look-ups
per word, whatever the roster's size. Concatenation makes hashtags and handles
("#IslaPryce", "@ameliahart"), spelled-out names ("A m e l i a") and names split
inside a word ("Ame-lia") the same case as ordinary ones.

Looser forms (a small misspelling, first name with surname initial) are tried
only next to a word that is exactly a roster first name or surname, against the
few roster entries that share it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from bot.deployment import Organisation
from bot.scanner._loose import fuzzy_organisation, loose_attendees, tags
from bot.scanner._match import NameHit, gap_ok
from bot.scanner._text import Folded, fold
from bot.scanner._tokens import Token, tokens

#: Words that belong to the surname that follows them ("van der Berg", "de la Cruz").
_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "la", "le", "du", "da", "di", "del", "al", "bin", "ibn", "st"}
)
#: Punctuation that ends a sentence: a capital letter after it says nothing about a proper noun.
_SENTENCE_END = frozenset('.!?:;\n\r"“”()[]')
_MIN_KEY = 3


@dataclass(frozen=True, slots=True)
class _Phrase:
    kind: str  # "organisation" or "attendee"
    words: int  # how many words the configured name has
    acronym: bool  # a one-word name configured in capitals ("SPRING"): may also be an ordinary word
    comma_ok: bool = False  # surname first: "Hart, Amelia"; elsewhere a comma separates two things


def _words(text: str) -> list[str]:
    return [t.norm for t in tokens(fold(text))]


def _spellings(text: str) -> list[list[str]]:
    """The words of a configured name, plus a variant keeping possessive s ("St Mary's" -> "marys")."""
    words = _words(text)
    if "'" not in text and "’" not in text:
        return [words]
    kept = _words(text.replace("'", "").replace("’", ""))
    return [words, kept] if kept != words else [words]


#: Words of place names that people abbreviate or spell another way ("Wickham Rd Studio", "St Mary's").
_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "road": ("rd",), "street": ("st",), "avenue": ("ave", "av"), "lane": ("ln",), "drive": ("dr",),
    "square": ("sq",), "centre": ("center", "ctr"), "center": ("centre", "ctr"), "mount": ("mt",),
    "saint": ("st",), "st": ("saint", "street"), "rd": ("road",), "ave": ("avenue",), "and": ("",),
}  # fmt: skip
_MAX_VARIANTS = 16


def _variants(words: list[str]) -> list[list[str]]:
    """``words`` and its spellings with place-name abbreviations swapped in or out ("and" may be left out)."""
    out: list[list[str]] = [[]]
    for word in words:
        options = (word, *_ABBREVIATIONS.get(word, ()))
        out = [[*done, option] if option else done for done in out for option in options][:_MAX_VARIANTS]
    return out


def _possessive_second_word(name: str) -> bool:
    """The second word of ``name`` is a possessive ("St Mary's ..."): a saint's church, not a town."""
    parts = name.split()
    return len(parts) > 1 and parts[1].lower().endswith(("'s", "’s"))


class NameIndex:
    """Every name of the deployment, indexed for look-up by concatenated words."""

    def __init__(self, organisation: Organisation, attendees: Iterable[str]) -> None:
        self.phrases: dict[str, list[_Phrase]] = defaultdict(list)
        self.prefixes: set[str] = set()
        self.given: dict[str, set[str]] = defaultdict(set)  # first name(s) -> surnames
        self.given_prefixes: set[str] = set()
        self.surnames: dict[str, set[str]] = defaultdict(set)  # surname -> first names
        self.initials: dict[str, set[str]] = defaultdict(set)  # first name(s) -> surname initials
        self.org_words: dict[str, list[tuple[tuple[str, ...], int]]] = defaultdict(list)  # word -> (name, position)
        for name in (organisation.name, *organisation.aliases):
            self._add_organisation(name)
        for venue in organisation.venues:
            self._add_organisation(venue, venue=True)
        label = "".join(_words(website_host(organisation.website).split(".")[0]))
        if len(label) >= _MIN_KEY and label not in self.phrases:
            self._add(label, _Phrase("organisation", 2 if len(label) >= 8 else 1, False))
        for name in attendees:
            self._add_attendee(name)
        self.given = dict(self.given)
        self.surnames = dict(self.surnames)
        self.initials = dict(self.initials)
        self.phrases = dict(self.phrases)
        self.org_words = dict(self.org_words)
        #: Multi-word names by their first three letters, for misspelt hashtags and handles.
        self.by_start: dict[str, list[str]] = defaultdict(list)
        for key, found in self.phrases.items():
            if any(p.words > 1 for p in found):
                self.by_start[key[:3]].append(key)
        self.by_start = dict(self.by_start)
        self.tag_lengths = sorted({len(k) for ks in self.by_start.values() for k in ks})

    def _add(self, key: str, phrase: _Phrase) -> None:
        if len(key) < _MIN_KEY or phrase in self.phrases.get(key, ()):
            return
        self.phrases[key].append(phrase)
        # Every prefix, not only those at word boundaries: "Ame-lia Hart" and "Is la Pryce" split words too.
        self.prefixes.update(key[:i] for i in range(1, len(key) + 1))

    def _add_organisation(self, name: str, *, venue: bool = False) -> None:
        for words in _spellings(name):
            if venue and len(words) > 1 and words[0] == "the":
                words = words[1:]
            if not words:
                continue
            stripped = "".join(ch for ch in name if ch.isalpha())
            acronym = len(words) == 1 and stripped.isupper() and len(stripped) > 1
            phrase = _Phrase("organisation", len(words), acronym)
            for variant in _variants(words):
                self._add("".join(variant), phrase)
            if venue and len(words) > 2 and words[0] in {"st", "saint"} and _possessive_second_word(name):
                # "St Mary's Church Hall" is also "St Mary's"; "St Ives Methodist Hall" is not "St Ives", a town
                for variant in _variants(words[:2]):
                    self._add("".join(variant), _Phrase("organisation", 2, False))
            if len(words) > 1:
                for k, word in enumerate(words):
                    self.org_words[word].append((tuple(words), k))

    def _add_attendee(self, name: str) -> None:
        words = _words(name)
        if len(words) < 2:
            return  # a lone first name cannot be told from the ordinary word or a namesake
        split = len(words) - 1
        while split > 1 and words[split - 1] in _PARTICLES:
            split -= 1
        given, surname = words[:split], words[split:]
        self._add("".join(given + surname), _Phrase("attendee", len(words), False))
        self._add("".join(surname + given), _Phrase("attendee", len(words), False, comma_ok=True))
        self._index_parts(given, surname)
        if len(given) > 1:  # "Amelia Rose Hart" is also "Amelia Hart"; "Lily-Mae Carter" also "Lily Carter"
            short = [given[0], *surname]
            self._add("".join(short), _Phrase("attendee", 2, False))
            self._add("".join(surname) + given[0], _Phrase("attendee", 2, False, comma_ok=True))
            self._index_parts(given[:1], surname)
        if len(surname) > 1 and len(surname[-1]) >= _MIN_KEY:  # "Kai van der Berg" is also "Kai Berg"
            self._add("".join(given) + surname[-1], _Phrase("attendee", 2, False))
            self._add(surname[-1] + "".join(given), _Phrase("attendee", 2, False, comma_ok=True))
            self._index_parts(given, surname[-1:])

    def _index_parts(self, given: list[str], surname: list[str]) -> None:
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
        # In a post written all in capitals, capitals say nothing about a proper noun ("SPRING INTO SUMMER").
        shouting = len(toks) > 1 and folded.cased == folded.cased.upper()
        self._exact(folded.cased, toks, hits, used, shouting)
        if self.given:
            loose_attendees(self, folded.cased, toks, hits, used)
        if self.org_words:
            fuzzy_organisation(self, folded.cased, toks, hits, used)
        if "#" in folded.cased or "@" in folded.cased:
            tags(self, folded.cased, toks, hits, used)
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
                if j >= n or not gap_ok(cased, toks[j - 1], toks[j]):
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


def _accept(phrase: _Phrase, cased: str, toks: list[Token], i: int, j: int, shouting: bool) -> bool:
    """Whether a match of ``phrase`` over words i..j is a use of the name rather than an ordinary word."""
    if i != j and not phrase.comma_ok and "," in cased[toks[i].end : toks[j].start]:
        return False  # "Jayden, Moss and the others" lists two things
    if phrase.words > 1:
        if phrase.kind == "attendee":
            return _attendee_case_ok(phrase, cased, toks, i, j)
        return not _common_noun(cased, toks, i, j)
    if i != j:
        return all(t.single or t.spelled for t in toks[i : j + 1])
    tok = toks[i]
    if tok.spelled or tok.marked(cased) or (tok.upper(cased) and not shouting):
        return True
    if _after_cue(cased, toks, i):
        return True  # "a great night at spring", "volunteering with brightside"
    if phrase.acronym or not tok.capital(cased) or shouting:
        return False
    return not _sentence_start(cased, toks, i)


def _attendee_case_ok(phrase: _Phrase, cased: str, toks: list[Token], i: int, j: int) -> bool:
    """Case as written is consistent with a person's name, not an ordinary word beside a proper noun.

    "We hope Williams can fix it", "the park, Chloe said" (lower-case first word, capitalised next) and
    "Mr Turner will open up" (surname first, no comma, lower-case first name) are ordinary words; "rose taylor",
    "Hope Williams", "Hart, Amelia" and "JONES Summer" are names. A single word made of a whole name,
    surname first ("blackjack"), counts only as a tag, a handle, in camel case or inside an address.
    """
    first, last = toks[i], toks[j]
    if i == j:  # surname first and run together is more often an ordinary word ("blackjack") than a handle
        marked = first.spelled or first.marked(cased) or _camel(cased, first) or _in_address(cased, first)
        return marked or not phrase.comma_ok
    if j + 1 < len(toks) and toks[j + 1].norm in _STREET_WORDS and toks[j + 1].capital(cased):
        return False  # "April Moore Street": a street named after someone
    if not (first.capital(cased) or first.spelled) and any(toks[k].capital(cased) for k in range(i + 1, j + 1)):
        return False  # "we hope Williams", "the park, Chloe said"
    if phrase.comma_ok and "," not in cased[first.end : toks[i + 1].start]:
        return last.capital(cased) or all(t.spelled for t in toks[i : j + 1])
    return True


def _camel(cased: str, tok: Token) -> bool:
    """Capital letters inside the word ("KaiPatel"): someone wrote a name, not an ordinary word."""
    return any(ch.isupper() for ch in cased[tok.start + 1 : tok.end])


def _in_address(cased: str, tok: Token) -> bool:
    """Part of an e-mail address, a URL or a handle ("kaipatel@...", ".../kaipatel", "kaipatel_07")."""
    before = cased[tok.start - 1] if tok.start else " "
    after = cased[tok.end] if tok.end < len(cased) else " "
    dotted = after == "." and cased[tok.end + 1 : tok.end + 2].isalnum()
    return before in "@./_" or after in "@_" or after.isdigit() or dotted


#: Words that make a person's name into a street's ("Moore Street").
_STREET_WORDS = frozenset({"street", "road", "avenue", "close", "drive", "crescent", "terrace", "mews", "grove", "way"})
#: Words after which a one-word name that is also an ordinary word is the organisation ("a night at spring").
_CUES = frozenset({"at", "with", "join", "joined", "joining", "joins", "via", "thanks", "cheers"})
#: "to", "for" and "from" only after these: "to thrive", "ready for spring" and "from spring on" are ordinary words.
_LINKED_CUES = {
    "to": frozenset({"welcome", "thanks", "went", "came", "come", "coming", "back", "moved", "referred", "invited"}),
    "for": frozenset({"work", "works", "worked", "working", "volunteer", "volunteers", "volunteered", "volunteering",
                      "raised", "raising", "fundraising", "donated", "donate", "donating"}),
    "from": frozenset({"hello", "hi", "greetings", "love", "everyone", "staff", "volunteers", "kids"}),
}  # fmt: skip
#: Words that may follow a name at the end of a noun phrase: "at spring tonight", "with brightside again".
_FOLLOWERS = frozenset(
    {"tonight", "today", "tomorrow", "yesterday", "this", "last", "next", "again", "on", "in", "at", "for", "is",
     "was", "were", "are", "has", "have", "had", "will", "so", "too", "lol", "x", "xx", "now", "ever", "since",
     "every", "each", "all", "but", "because", "when", "where", "who", "which", "with", "to", "from", "as", "or"}
)  # fmt: skip
#: Words after which a one-word name is the organisation's: "the spring team", "brightside volunteers".
_MEMBERS = frozenset(
    {"team", "staff", "crew", "volunteers", "trustees", "minibus", "office", "hq", "website", "newsletter", "committee"}
)
#: The same after "the" or "our" only: "our spring family", not "spring family fun day".
_FAMILY = frozenset({"family", "kids", "youth", "lot", "gang"})
#: Words that start a new clause after "and", so the word before "and" ends the previous one.
_CLAUSE_STARTS = frozenset({"i", "im", "ive", "we", "he", "she", "they", "it", "you", "the", "then", "so", "everyone"})
#: Words before an ordinary noun phrase: "the blacksmith's old forge", "a community centre".
_DETERMINERS = frozenset({"a", "an", "his", "her", "their", "my", "its", "another", "every", "any", "some"})


def _after_cue(cased: str, toks: list[Token], i: int) -> bool:
    """A one-word name in a place only a name fits: "a night at spring, ...", "the spring team".

    Before the word: "at", "with", "join", "thanks" ("to", "for", "from" only after a verb that takes an
    organisation: "welcome to", "volunteering for"). After it: the end of the phrase (punctuation, the end,
    "tonight", "and i..."), so "with spring and summer" and "with spring flowers" stay ordinary words.
    """
    if i + 1 < len(toks) and cased[toks[i].end : toks[i + 1].start] == " ":
        after = toks[i + 1].norm
        if after in _MEMBERS or (after in _FAMILY and i > 0 and toks[i - 1].norm in {"the", "our"}):
            return True  # "the spring team", "brightside volunteers", "part of the oyc family"
    if i == 0 or cased[toks[i - 1].end : toks[i].start] != " ":
        return False
    cue = toks[i - 1].norm
    if cue not in _CUES and not (i > 1 and toks[i - 2].norm in _LINKED_CUES.get(cue, ())):
        return False
    return _phrase_ends(cased, toks, i)


def _phrase_ends(cased: str, toks: list[Token], i: int) -> bool:
    """Word i ends its noun phrase: punctuation or the end follows, or a word that cannot continue it."""
    if i + 1 >= len(toks) or cased[toks[i].end : toks[i + 1].start].strip():
        return True
    after = toks[i + 1].norm
    if after == "and":
        return i + 2 < len(toks) and toks[i + 2].norm in _CLAUSE_STARTS  # "at spring and i loved it"
    return after in _FOLLOWERS


def _common_noun(cased: str, toks: list[Token], i: int, j: int) -> bool:
    """A name of ordinary words written in lower case after "a", "his", "the blacksmith's"...: not the name."""
    if i == 0 or any(t.capital(cased) for t in toks[i : j + 1]):
        return False
    prev = toks[i - 1]
    if cased[prev.end : toks[i].start] != " ":
        return False
    written = cased[prev.start : prev.end].lower()
    return prev.norm in _DETERMINERS or (len(prev.norm) > 1 and written.endswith(("'s", "’s")))


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
