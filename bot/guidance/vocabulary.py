"""What the matcher knows about language, read from data: chat English shared by every policy, plus each
policy's own concepts, and the organisation's names.

The shared file (``bot/guidance/language/chat-english.yaml``) holds what is true of how staff write whatever the
policy: shorthand, spellings, stop words, question forms (a definition, whom to tell), look-up forms, product
advice and the everyday logistics no policy is about. A policy may add its own ``vocabulary:`` section to its
file: concept groups (synonyms folded into one ``@token``), phrases, the forms it declines, and which of
its tokens say where rather than what. ``{org}`` in a phrase stands for any name of the organisation, which
comes from the deployment file and from the policy's own ``organisation`` names.

One :class:`Vocabulary` is built per policy from the shared file and the policy's own; within a file, a key
in two tables or a phrasing in two groups is a :class:`~bot.yamlfile.Problem`, never a silent win. Across
the two, the policy's own meaning of a word replaces the shared one for that policy alone ("abuse" in a
social media policy is abuse posted online), which is what a policy's vocabulary is for.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.yamlfile import ConfigError, LocatedDocument, PathKey, Problem, load_located

SHARED_FILE = Path(__file__).parent / "language" / "chat-english.yaml"
OFF_TOPIC_TOKEN = "@offtopic"
LOOKUP_TOKEN = "@lookup"
ORG_TOKEN = "@org"
ATTENDEE_WORD = "attendee"  # what a name on the roster reads as in a question
KINDS: tuple[str, ...] = ("definition", "report", "explain", "action")  # the order questions are tried in

_WORD = re.compile(r"[a-z0-9@]+")
_APOSTROPHES = re.compile(r"['’‘`]")
# "the charity's": the name, not a new word; but "what's" is "what is"
_POSSESSIVE = re.compile(r"\b(?!(?:what|who|it|that|there|he|she|where|how|here|let)['’]s\b)(\w+)['’]s\b")
_VOWELS = frozenset("aeiouy")
_PLUS = re.compile(r"\b(\d+)\s?\+")
AMPERSAND = re.compile(r"\b([a-z])\s?&\s?([a-z])\b")  # "h&s", "A & E": one word of their initials
FILE_KEYS = {
    "shorthand", "spellings", "stopwords", "intensifiers", "off_topic", "roles", "kinds", "lookups", "defines",
    "decline", "organisation", "weak", "people", "rewrites", "phrases", "concepts", "topics",
}  # fmt: skip


def joined(patterns: Iterable[str]) -> str:
    """Regular expressions as one alternation (each group kept apart)."""
    return "|".join(f"(?:{p})" for p in patterns)


def stem(word: str) -> str:
    """A deliberately light stemmer: plurals, -ing/-ed, a final e, doubled consonants.

    It only has to map a word's forms onto one token consistently on both sides,
    not produce a real root, so it stays a few lines rather than a dependency.
    """
    if len(word) <= 3 or word.startswith("@") or word.isdigit():
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) >= 6 and set(word[:-3]) & _VOWELS:
        word = word[:-3]
    elif word.endswith("ed") and len(word) >= 5 and set(word[:-2]) & _VOWELS:
        word = word[:-2]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in _VOWELS:
        word = word[:-1]
    return word


def plain(text: str) -> str:
    """Lower case, possessives and apostrophes gone: the form names and phrases are compared in."""
    return _APOSTROPHES.sub("", _POSSESSIVE.sub(r"\1", text.lower()))


@dataclass(frozen=True, slots=True)
class Rewrite:
    """When every token of ``when`` is in a question, ``drop`` leaves it and ``add`` joins it."""

    when: tuple[str, ...]
    drop: str
    add: str


@dataclass(frozen=True, slots=True)
class DeclineGroup:
    """Question forms no clause of the policy answers, whatever words they share with it."""

    about: str
    forms: tuple[str, ...]
    case_sensitive: bool = False


@dataclass(frozen=True, slots=True)
class VocabularyFile:
    """One vocabulary file as written, with where each key is for messages."""

    file: str
    shorthand: dict[str, str] = field(default_factory=dict)
    spellings: dict[str, str] = field(default_factory=dict)
    stopwords: tuple[str, ...] = ()
    intensifiers: tuple[str, ...] = ()
    off_topic: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    kinds: dict[str, str] = field(default_factory=dict)
    lookups: tuple[str, ...] = ()
    defines: tuple[str, ...] = ()  # forms of a clause that defines a term, over its text as written
    decline: tuple[DeclineGroup, ...] = ()
    organisation: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    rewrites: tuple[Rewrite, ...] = ()
    phrases: dict[str, str] = field(default_factory=dict)  # phrasing as written -> replacement
    concepts: dict[str, str] = field(default_factory=dict)  # word as written -> tokens
    topics: tuple[str, ...] = ()  # what staff ask about besides any one policy, a short description each
    lines: dict[tuple[str, str], int] = field(default_factory=dict, compare=False)  # (table, key) -> line

    def line(self, table: str, key: str) -> int:
        return self.lines.get((table, key), 0)


class _Reader:
    """Reads a vocabulary: a whole file, or the ``vocabulary:`` section of a policy file (``base`` is its path)."""

    def __init__(self, doc: LocatedDocument, base: PathKey = ()) -> None:
        self.doc = doc
        self.base = base
        self.problems: list[Problem] = []
        self.lines: dict[tuple[str, str], int] = {}

    def problem(self, path: PathKey, message: str) -> None:
        self.problems.append(self.doc.problem((*self.base, *path), message))

    def line(self, path: PathKey) -> int:
        return self.doc.line((*self.base, *path))

    def strings(self, value: Any, path: PathKey, what: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(path, f"{what} must be a list")
            return ()
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.problem((*path, i), f"every item of {what} must be non-empty text")
            else:
                out.append(item.strip())
        return tuple(out)

    def patterns(self, value: Any, path: PathKey, what: str, flags: int = 0) -> tuple[str, ...]:
        out = self.strings(value, path, what)
        try:
            re.compile(joined(out), flags)  # the form the vocabulary compiles (one compile, cached by re)
        except re.error:
            for i, pattern in enumerate(out):  # only when something is wrong: which pattern, on which line
                try:
                    re.compile(pattern, flags)
                except re.error as exc:
                    self.problem((*path, i), f"{what}: not a valid regular expression ({exc})")
        return out

    def mapping(self, value: Any, path: PathKey, what: str) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(path, f"{what} must be a mapping")
            return {}
        return value

    def pairs(self, value: Any, table: str) -> dict[str, str]:
        """``word: replacement`` tables (shorthand, spellings)."""
        out: dict[str, str] = {}
        for key, replacement in self.mapping(value, (table,), f"'{table}'").items():
            if not isinstance(key, str) or not isinstance(replacement, str | None):
                self.problem((table, str(key)), f"'{table}': {key!r} must map a word to text")
                continue
            out[key.lower()] = (replacement or "").lower()
            self.lines[(table, key.lower())] = self.line((table, key))
        return out

    def groups(self, value: Any, table: str) -> dict[str, str]:
        """``replacement: [phrasings]`` tables (phrases, concepts); a phrasing in two groups is a problem."""
        out: dict[str, str] = {}
        for target, items in self.mapping(value, (table,), f"'{table}'").items():
            target_text = "" if target is None else str(target)
            for i, item in enumerate(self.strings(items, (table, target), f"'{table}' group {target_text!r}")):
                key = item.lower()
                line = self.line((table, target, i))
                if key in out and out[key] != target_text:
                    first = self.lines[(table, key)]
                    self.problem(
                        (table, target, i),
                        f"{table}: {item!r} is in two groups, {out[key]!r} (line {first}) and {target_text!r}",
                    )
                    continue
                if key in out:
                    self.problem((table, target, i), f"{table}: {item!r} is listed twice in group {target_text!r}")
                    continue
                out[key] = target_text
                self.lines[(table, key)] = line
        return out

    def read(self) -> VocabularyFile:
        data: Any = self.doc.data
        for key in self.base:
            data = data.get(key) if isinstance(data, dict) else None
        if data is None:
            data = {}
        if not isinstance(data, dict):
            self.problem((), "a vocabulary file must be a mapping")
            return VocabularyFile(self.doc.file)
        for key in data:
            if key not in FILE_KEYS:
                self.problem((str(key),), f"unknown key {key!r} (expected one of: {', '.join(sorted(FILE_KEYS))})")
        kinds = {}
        for name, pattern in self.mapping(data.get("kinds"), ("kinds",), "'kinds'").items():
            if name not in KINDS:
                self.problem(("kinds", name), f"unknown kind {name!r} (one of: {', '.join(KINDS)})")
            elif self.patterns([pattern], ("kinds", name), f"kind {name!r}"):
                kinds[name] = str(pattern)
        decline: list[DeclineGroup] = []
        paths: list[PathKey] = []
        for i, group in enumerate(data.get("decline") or []):
            path: PathKey = ("decline", i)
            if not isinstance(group, dict) or not isinstance(group.get("about"), str):
                self.problem(path, "each decline group needs 'about' (what it is) and 'forms' (regular expressions)")
                continue
            sensitive = bool(group.get("case_sensitive", False))
            forms = self.strings(group.get("forms"), (*path, "forms"), "'forms'")
            decline.append(DeclineGroup(group["about"], forms, sensitive))
            paths.append((*path, "forms"))
        for sensitive in (False, True):  # validated as the vocabulary compiles them: every form of the file at once
            chosen = [(g, where) for g, where in zip(decline, paths, strict=True) if g.case_sensitive is sensitive]
            try:
                re.compile(joined(p for g, _ in chosen for p in g.forms))
            except re.error:
                for g, where in chosen:
                    self.patterns(list(g.forms), where, "'forms'")
        rewrites = []
        for i, rule in enumerate(data.get("rewrites") or []):
            if not isinstance(rule, dict) or not {"when", "drop", "add"} <= set(rule):
                self.problem(("rewrites", i), "each rewrite needs 'when' (tokens), 'drop' and 'add'")
                continue
            when = self.strings(rule["when"], ("rewrites", i, "when"), "'when'")
            rewrites.append(Rewrite(when, str(rule["drop"]), str(rule["add"])))
        return VocabularyFile(
            file=self.doc.file,
            shorthand=self.pairs(data.get("shorthand"), "shorthand"),
            spellings=self.pairs(data.get("spellings"), "spellings"),
            stopwords=self.strings(data.get("stopwords"), ("stopwords",), "'stopwords'"),
            intensifiers=self.strings(data.get("intensifiers"), ("intensifiers",), "'intensifiers'"),
            off_topic=self.listed(data.get("off_topic"), "off_topic"),
            roles=self.strings(data.get("roles"), ("roles",), "'roles'"),
            kinds=kinds,
            lookups=self.patterns(data.get("lookups"), ("lookups",), "'lookups'"),
            defines=self.patterns(data.get("defines"), ("defines",), "'defines'"),
            decline=tuple(decline),
            organisation=self.strings(data.get("organisation"), ("organisation",), "'organisation'"),
            weak=self.strings(data.get("weak"), ("weak",), "'weak'"),
            people=self.strings(data.get("people"), ("people",), "'people'"),
            rewrites=tuple(rewrites),
            phrases=self.groups(data.get("phrases"), "phrases"),
            concepts=self.groups(data.get("concepts"), "concepts"),
            topics=self.listed(data.get("topics"), "topics"),
            lines=self.lines,
        )

    def listed(self, value: Any, table: str) -> tuple[str, ...]:
        out = self.strings(value, (table,), f"'{table}'")
        for i, item in enumerate(out):
            self.lines.setdefault((table, item.lower()), self.line((table, i)))
        return tuple(item.lower() for item in out)


def read_vocabulary(path: str | Path) -> VocabularyFile:
    """Read one vocabulary file; raise :class:`ConfigError` with every problem in it."""
    reader = _Reader(load_located(path))
    vocabulary = reader.read()
    if reader.problems:
        raise ConfigError(reader.problems)
    return vocabulary


def read_vocabulary_section(doc: LocatedDocument, key: str = "vocabulary") -> tuple[VocabularyFile, list[Problem]]:
    """The ``vocabulary:`` section of a policy file, and the problems in it (file and line of the policy file)."""
    reader = _Reader(doc, (key,))
    return reader.read(), reader.problems


def _plain_names(names: Iterable[str]) -> tuple[str, ...]:
    """Names as the text they are looked for in reads: plain words, lower case, each name once."""
    return tuple(dict.fromkeys(n for n in (" ".join(_WORD.findall(plain(x))) for x in names) if n))


def _alternation(names: Iterable[str]) -> str:
    """Plain names as one alternation, longest first, with anything but letters and digits between their words
    ("acme youth", "acmeyouth.org.uk" as typed, "st. anne's hall")."""
    return "|".join(re.escape(n).replace(r"\ ", r"[^a-z0-9@]+") for n in sorted(names, key=len, reverse=True))


def _names_pattern(names: Iterable[str], common: frozenset[str] = frozenset()) -> re.Pattern[str] | None:
    """People's full names, and first names of three letters or more that only one of them has, as one pattern.

    A first name that is also a word in ``common`` is left to its full name: "will" in "staff will never" or "will
    I get in trouble" is no attendee called Will, and "Helen" is whom the policy itself names as its lead.
    """
    full = _plain_names(names)
    if not full:
        return None
    firsts = [n.split()[0] for n in full if " " in n]
    unique = [f for f in dict.fromkeys(firsts) if firsts.count(f) == 1 and len(f) >= 3 and f not in common]
    return re.compile(r"\b(?:" + _alternation({*full, *unique}) + r")(?:s)?\b")


@lru_cache(maxsize=1)
def shared_vocabulary() -> VocabularyFile:
    """Chat English, the same for every policy (read once per process)."""
    return read_vocabulary(SHARED_FILE)


_TYPED: dict[tuple[str, ...], dict[str, str]] = {}  # phrase as written -> as typed, per set of shorthand files


class Vocabulary:
    """Turns a chat question (or a clause, or a curated phrasing) into matching tokens.

    The same object runs over the knowledge at start-up and over each question, so both sides meet
    in one vocabulary: lower case, no punctuation, shorthand expanded, US spellings made UK, the
    organisation's names made one token, multi-word expressions joined, stop words dropped, words
    stemmed, and synonyms folded into ``@concept`` tokens.
    """

    def __init__(
        self,
        files: Sequence[VocabularyFile],
        organisation: Iterable[str] = (),
        exempt: frozenset[str] = frozenset(),
        attendees: Iterable[str] = (),
        common_words: Iterable[str] = (),
    ) -> None:
        self.files = tuple(files)
        self.exempt = exempt  # stems of shared off-topic words the policy itself uses: not off-topic for it
        self.problems: list[Problem] = []
        self._shorthand = self._merge_pairs("shorthand")
        self._spellings = self._merge_pairs("spellings")
        self._cross_check(self._shorthand, "shorthand", self._spellings, "spellings")
        self._rewritten = frozenset(self._shorthand) | frozenset(self._spellings)
        self.stopwords = frozenset(w for f in self.files for w in f.stopwords)
        self.intensifiers = frozenset(w for f in self.files for w in f.intensifiers)
        self.roles: tuple[str, ...] = tuple(dict.fromkeys(r for f in self.files for r in f.roles))
        self.weak = frozenset(t for f in self.files for t in f.weak)
        self.people = frozenset({"@" + role for role in self.roles} | {t for f in self.files for t in f.people})
        self.rewrites = tuple(r for f in self.files for r in f.rewrites)
        self.topics = tuple(dict.fromkeys(t for f in self.files for t in f.topics))
        self._kinds = self._merge_kinds()
        # one alternation per file and table, as each file's reader compiled it (so re's cache has it already)
        self._lookup = self._compile(f.lookups for f in self.files)
        self._defines = self._compile(f.defines for f in self.files)
        self._decline = self._compile(
            tuple(p for g in f.decline if not g.case_sensitive for p in g.forms) for f in self.files
        )
        self._decline_cased = self._compile(
            tuple(p for g in f.decline if g.case_sensitive for p in g.forms) for f in self.files
        )
        names = [*organisation, *(n for f in self.files for n in f.organisation)]
        self.organisation = _plain_names(names)
        self._org = (
            # "the Quayside Centre" is the organisation as "Quayside Centre" is: the article goes with the name
            re.compile(r"\b(?:the\s+)?(?:" + _alternation(self.organisation) + r")\b") if self.organisation else None
        )
        # the roster's names (and first names no one else on it shares) are an attendee: "can I text Jamie Fletcher"
        # asks about texting an attendee; the names themselves never become tokens. A first name that is a stop word
        # or a word of the loaded policies (``common_words``: "will", "may", the lead the policy names) is read only
        # in its full name
        self._attendee = _names_pattern(attendees, frozenset(common_words) | self.stopwords)
        # vocabularies with the same shorthand read each phrase the same way: read it once per process
        shorthand_from = tuple(f.file for f in self.files if f.shorthand or f.spellings)
        self._typed = _TYPED.setdefault(shorthand_from, {})
        self._phrases, self._longest = self._build_phrases()
        self._concepts = self._build_concepts()
        self.word_tokens = lru_cache(maxsize=8192)(self._word_tokens)
        # a question is read by every policy sharing this vocabulary, and twice by each: read it once
        self._cached_words = lru_cache(maxsize=256)(self._words)
        self._cached_declines = lru_cache(maxsize=256)(self._declines)
        self._cached_lookup = lru_cache(maxsize=256)(self._is_lookup)
        self._cached_kind = lru_cache(maxsize=256)(self._kind)

    # ---- building -------------------------------------------------------------------------------
    def _conflict(self, file: VocabularyFile, table: str, key: str, message: str) -> None:
        self.problems.append(Problem(file.file, file.line(table, key), message))

    def _merge_pairs(self, table: str) -> dict[str, str]:
        merged: dict[str, str] = {}
        where: dict[str, VocabularyFile] = {}
        for f in self.files:
            for key, value in getattr(f, table).items():
                if key in merged:
                    first = where[key]
                    self._conflict(f, table, key, f"{table}: {key!r} is also in {first.file}:{first.line(table, key)}")
                    continue
                merged[key], where[key] = value, f
        return merged

    def _cross_check(self, one: dict[str, str], one_name: str, other: dict[str, str], other_name: str) -> None:
        for key in one.keys() & other.keys():
            f = next(f for f in self.files if key in getattr(f, other_name))
            self._conflict(f, other_name, key, f"{other_name}: {key!r} is also in '{one_name}'")

    def _merge_kinds(self) -> dict[str, re.Pattern[str]]:
        patterns: dict[str, list[str]] = {}
        for f in self.files:
            for name, pattern in f.kinds.items():
                patterns.setdefault(name, []).append(pattern)
        # tried in the order of KINDS: whom to tell before what to do
        return {name: re.compile(joined(patterns[name])) for name in KINDS if name in patterns}

    @staticmethod
    def _compile(per_file: Iterable[tuple[str, ...]]) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(joined(patterns)) for patterns in per_file if patterns)

    def _expand(self, token: str) -> str:
        token = self._shorthand.get(token, token)
        return self._spellings.get(token, token)

    def _as_typed(self, phrase: str) -> str:
        """A phrase as it reads after shorthand expansion, so "slid into my dms" meets "slid into my messages"."""
        typed = self._typed.get(phrase)
        if typed is None:
            words = _WORD.findall(phrase.lower().replace("{org}", ORG_TOKEN))
            if self._rewritten.isdisjoint(words):  # most phrases: nothing to expand
                typed = " ".join(words)
            else:
                once = " ".join(self._expand(w) for w in words)
                typed = " ".join(self._expand(w) for w in once.split())
            self._typed[phrase] = typed
        return typed

    def _build_phrases(self) -> tuple[dict[str, str], dict[str, int]]:
        """Typed phrase -> replacement, and per first word the longest phrase (in words) starting with it."""
        mapping: dict[str, str] = {}
        origin: dict[str, tuple[VocabularyFile, str]] = {}
        for f in self.files:
            for phrasing, replacement in f.phrases.items():
                key = self._as_typed(phrasing)
                if not key:
                    continue
                if key in mapping and mapping[key] != replacement and origin[key][0] is f:
                    first, written = origin[key]
                    self._conflict(
                        f,
                        "phrases",
                        phrasing,
                        f"phrases: {phrasing!r} (as typed {key!r}) is in group {replacement!r} and in group "
                        f"{mapping[key]!r} ({first.file}:{first.line('phrases', written)})",
                    )
                    continue
                mapping[key] = replacement  # a policy's own file refines chat English for that policy
                origin[key] = (f, phrasing)
        longest: dict[str, int] = {}
        for key in mapping:
            first_word, size = key.split(" ", 1)[0], key.count(" ") + 1
            longest[first_word] = max(longest.get(first_word, 0), size)
        return mapping, longest

    def _build_concepts(self) -> dict[str, tuple[str, ...]]:
        """Stemmed word -> its concept tokens; a word (or two words with one stem) in two groups is a problem."""
        concepts: dict[str, tuple[str, ...]] = {}
        origin: dict[str, tuple[VocabularyFile, str, str]] = {}

        def add(f: VocabularyFile, table: str, written: str, value: tuple[str, ...]) -> None:
            for word in self._as_typed(written).split():
                key = stem(word)
                if key in concepts and concepts[key] != value and origin[key][0] is f:
                    first, first_table, first_written = origin[key]
                    self._conflict(
                        f,
                        table,
                        written,
                        f"{table}: {written!r} means {' '.join(value)!r} but {first_written!r} "
                        f"({first.file}:{first.line(first_table, first_written)}) means {' '.join(concepts[key])!r}",
                    )
                    continue
                concepts[key] = value  # a policy's own file refines chat English for that policy
                origin[key] = (f, table, written)

        for f in self.files:
            for word in f.off_topic:
                if f.file == str(SHARED_FILE) and stem(word) in self.exempt:
                    continue
                add(f, "off_topic", word, (OFF_TOPIC_TOKEN,))
        for f in self.files:
            for word, value in f.concepts.items():
                if " " in word:
                    self._conflict(f, "concepts", word, f"concepts: {word!r} has several words: list it in 'phrases'")
                    continue
                add(f, "concepts", word, tuple(value.split()))
        return concepts

    # ---- using ----------------------------------------------------------------------------------
    def _join_phrases(self, expanded: list[str]) -> list[str]:
        """Replace the longest known phrase at each position, left to right (a dict look-up per length)."""
        out: list[str] = []
        i, count = 0, len(expanded)
        while i < count:
            size = self._longest.get(expanded[i], 0)
            for n in range(min(size, count - i), 0, -1):
                key = " ".join(expanded[i : i + n])
                if key in self._phrases:
                    out.append(self._phrases[key])
                    i += n
                    break
            else:
                out.append(expanded[i])
                i += 1
        return out

    def _word_tokens(self, word: str) -> tuple[str, ...]:
        stemmed = stem(word)
        if stemmed not in self._concepts and word.endswith("ies"):  # "selfies" is "selfie"+s, not "selfy"
            stemmed = stem(word[:-1]) if stem(word[:-1]) in self._concepts else stemmed
        return self._concepts.get(stemmed, (stemmed,))

    def concept_tokens(self) -> frozenset[str]:
        """Every token a phrase or a concept group produces ("@harm", "safeguardlead"), not a plain word's stem."""
        produced = {t for value in self._phrases.values() for t in value.split()}
        produced |= {t for value in self._concepts.values() for t in value}
        return frozenset(t for t in produced if t != OFF_TOPIC_TOKEN)

    def known_words(self) -> set[str]:
        """The stemmed single words the vocabulary knows, for correcting misspellings onto."""
        return {w for w in self._concepts if " " not in w}

    def words(self, text: str) -> list[str]:
        """Lower-cased words with shorthand expanded and phrases joined, before stemming (do not change the list)."""
        return self._cached_words(text)

    def _words(self, text: str) -> list[str]:
        text = _PLUS.sub(r" \1 plus ", plain(text))  # "18+" is "18 plus" (adult material), not a bare number
        text = AMPERSAND.sub(r"\1\2", text)  # "h&s" is "hs", which a policy's own text may spell out
        text = text.replace("@", " ")
        if self._attendee is not None:
            text = self._attendee.sub(f" {ATTENDEE_WORD} ", text)
        if self._org is not None:
            text = self._org.sub(f" {ORG_TOKEN} ", text)
        expanded = " ".join(self._expand(w) for w in _WORD.findall(text))
        expanded = " ".join(self._expand(w) for w in expanded.split())  # "whats" -> "what is" may feed a phrase
        joined = " ".join(self._join_phrases([w for w in expanded.split() if w not in self.intensifiers]))
        return [w for w in joined.split() if w not in self.stopwords]

    def tokens(self, text: str) -> list[str]:
        """The matching tokens of ``text``, in order, duplicates kept."""
        out: list[str] = []
        for word in self.words(text):
            out.extend(self.word_tokens(word))
        return out

    def is_lookup(self, text: str) -> bool:
        """Whether ``text`` has the form of a look-up or a how-to (a number, a name, setting up a page)."""
        return self._cached_lookup(text)

    def _is_lookup(self, text: str) -> bool:
        text = _APOSTROPHES.sub("'", text.lower())
        return any(pattern.search(text) for pattern in self._lookup)

    def declines(self, question: str) -> bool:
        """Whether ``question`` has a form no clause of the policy answers (a fact, a procedure, advice)."""
        return self._cached_declines(question)

    def _declines(self, question: str) -> bool:
        text = _APOSTROPHES.sub("", question)
        lowered = text.lower() if self._org is None else self._org.sub("{org}", text.lower())
        return any(p.search(lowered) for p in self._decline) or any(p.search(text) for p in self._decline_cased)

    def kind(self, question: str) -> str | None:
        """Whether the question asks for a definition, whom to tell, how a risk works, what to do, or none."""
        return self._cached_kind(question)

    def _kind(self, question: str) -> str | None:
        text = question.lower().strip()
        for name, pattern in self._kinds.items():
            if pattern.search(text):
                return name
        return None

    def clause_kind(self, text: str) -> str:
        """The kind of a clause read from its own words: "definition" when it defines a term, else ""."""
        return "definition" if any(p.search(text) for p in self._defines) else ""

    def person(self, tokens: Iterable[str]) -> str | None:
        """The role the question is about: the most specific role among its tokens."""
        present = set(tokens)
        for role in self.roles:
            if "@" + role in present:
                return role
        return None


ACRONYM_GLUE = frozenset({"and", "of", "the", "for", "at", "in", "on", "to"})  # words an acronym's initials skip


def acronyms(
    texts: Iterable[str], skip: frozenset[str] = frozenset(), lengths: range = range(2, 6)
) -> dict[str, tuple[str, ...]]:
    """The phrases a text spells out, by their initials: "designated safeguarding lead" as "dsl".

    A policy written as a charity writes it uses "Health and Safety" where staff type "h&s". A phrase counts when
    the text uses it at least twice and none of its words is in ``skip`` (words too common to be part of a term);
    only an acronym one phrase makes more often than any other is kept.
    """
    counts: Counter[tuple[str, ...]] = Counter()

    def count(run: list[str]) -> None:
        for start in range(len(run)):
            for size in lengths:
                if start + size > len(run):
                    break
                counts[tuple(run[start : start + size])] += 1

    for text in texts:
        run: list[str] = []  # content words in a row, with at most one glue word between neighbours
        last = 0
        for i, word in enumerate(_WORD.findall(AMPERSAND.sub(r"\1 and \2", plain(text)))):
            if word in ACRONYM_GLUE:
                continue
            if word in skip or word.isdigit() or i - last > 2:
                count(run)
                run = []
            if word not in skip and not word.isdigit():
                run.append(word)
            last = i
        count(run)
    found: dict[str, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
    for phrase, times in counts.items():
        if times >= 2:
            found["".join(w[0] for w in phrase)].append((times, phrase))
    table: dict[str, tuple[str, ...]] = {}
    for key, phrases in found.items():
        phrases.sort(reverse=True)
        if len(phrases) == 1 or phrases[0][0] > phrases[1][0]:
            table[key] = phrases[0][1]
    return table
