"""Turn a chat question (or a clause, or a curated phrasing) into matching tokens.

The same function runs over the knowledge at start-up and over each question,
so both sides meet in one vocabulary: lower case, no punctuation, chat
shorthand expanded, US spellings made UK, multi-word expressions joined,
stop words dropped, words stemmed, and synonyms folded into ``@concept``
tokens (see :mod:`bot.guidance._lexicon`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.guidance._concepts import LOOKUPS, concept_phrases, concept_words
from bot.guidance._lexicon import ABBREVIATIONS, CONCEPTS, OFF_TOPIC, PHRASES, SPELLINGS, STOPWORDS

_WORD = re.compile(r"[a-z0-9@]+")
_APOSTROPHES = re.compile(r"['’‘`]")
# "LEAPS's", "the charity's": the name, not a new word; but "what's" is "what is"
_POSSESSIVE = re.compile(r"\b(?!(?:what|who|it|that|there|he|she|where|how|here|let)['’]s\b)(\w+)['’]s\b")
_VOWELS = frozenset("aeiouy")
_PLUS = re.compile(r"\b(\d+)\s?\+")


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


def _expand(token: str) -> str:
    token = ABBREVIATIONS.get(token, token)
    return SPELLINGS.get(token, token)


def _as_typed(phrase: str) -> str:
    """A phrase as it reads after shorthand expansion, so "slid into my dms" meets "slid into my messages"."""
    once = " ".join(_expand(w) for w in _WORD.findall(phrase.lower()))
    return " ".join(_expand(w) for w in once.split())


def _build_phrases() -> tuple[dict[str, str], dict[str, int]]:
    """Phrase -> replacement, and per first word the longest phrase (in words) starting with it."""
    mapping = {_as_typed(k): v for k, v in concept_phrases().items()}
    mapping.update({_as_typed(k): v for k, v in PHRASES.items()})  # the curated lexicon wins
    mapping = {k: v for k, v in mapping.items() if k}
    longest: dict[str, int] = {}
    for key in mapping:
        first, size = key.split(" ", 1)[0], key.count(" ") + 1
        longest[first] = max(longest.get(first, 0), size)
    return mapping, longest


def _join_phrases(expanded: list[str]) -> list[str]:
    """Replace the longest known phrase at each position, left to right (a dict look-up per length).

    Hundreds of phrasings compiled into one regular expression cost a tenth of a second at start-up;
    looking up the few word runs that begin with a phrase's first word costs microseconds per question.
    """
    out: list[str] = []
    i, count = 0, len(expanded)
    while i < count:
        size = _PHRASE_LONGEST.get(expanded[i], 0)
        for n in range(min(size, count - i), 0, -1):
            key = " ".join(expanded[i : i + n])
            if key in _PHRASE_MAP:
                out.append(_PHRASE_MAP[key])
                i += n
                break
        else:
            out.append(expanded[i])
            i += 1
    return out


_PHRASE_MAP, _PHRASE_LONGEST = _build_phrases()
#: Words that only add emphasis, dropped before phrases are joined so "who can actually see" meets "who can see".
_INTENSIFIERS = frozenset(
    {"actually", "literally", "basically", "really", "honestly", "definitely", "totally", "properly", "ever"}
)
OFF_TOPIC_TOKEN = "@offtopic"
LOOKUP_TOKEN = "@lookup"
_LOOKUP_RE = re.compile("|".join(f"(?:{p})" for p in LOOKUPS))
_CONCEPTS: dict[str, tuple[str, ...]] = {stem(w): (OFF_TOPIC_TOKEN,) for w in OFF_TOPIC}
for _key, _value in CONCEPTS.items():
    _CONCEPTS.setdefault(stem(_key), tuple(_value.split()))
for _key, _value in concept_words().items():
    for _word in _as_typed(_key).split():
        _CONCEPTS.setdefault(stem(_word), tuple(_value.split()))


@lru_cache(maxsize=4096)
def word_tokens(word: str) -> tuple[str, ...]:
    """Stem one word and fold it into its concept tokens (cached: words repeat)."""
    stemmed = stem(word)
    if stemmed not in _CONCEPTS and word.endswith("ies"):  # "selfies" is "selfie"+s, not "selfy"
        stemmed = stem(word[:-1]) if stem(word[:-1]) in _CONCEPTS else stemmed
    return _CONCEPTS.get(stemmed, (stemmed,))


def lexicon_words() -> set[str]:
    """The stemmed single words the lexicon knows, for correcting misspellings onto."""
    return {w for w in _CONCEPTS if " " not in w}


def words(text: str) -> list[str]:
    """Lower-cased words with shorthand expanded and phrases joined, before stemming."""
    text = _APOSTROPHES.sub("", _POSSESSIVE.sub(r"\1", text.lower()))
    text = _PLUS.sub(r" \1 plus ", text)  # "18+" is "18 plus" (adult material), not a bare number
    expanded = " ".join(_expand(w) for w in _WORD.findall(text.replace("@", " ")))
    expanded = " ".join(_expand(w) for w in expanded.split())  # "whats" -> "what is" may feed a phrase
    joined = " ".join(_join_phrases([w for w in expanded.split() if w not in _INTENSIFIERS]))
    return [w for w in joined.split() if w not in STOPWORDS]


def is_lookup(text: str) -> bool:
    """Whether ``text`` has the form of a look-up or a how-to (a number, a name, setting up a page)."""
    return _LOOKUP_RE.search(_APOSTROPHES.sub("'", text.lower())) is not None


def tokens(text: str) -> list[str]:
    """The matching tokens of ``text``, in order, duplicates kept."""
    out: list[str] = []
    for word in words(text):
        out.extend(word_tokens(word))
    return out
