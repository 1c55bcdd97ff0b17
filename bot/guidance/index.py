"""What the matcher knows about the clauses before any question: token postings and weights.

Built once at start-up. Each clause contributes two bags of tokens: the curated
one (section title, ``terms`` and ``asks``) and the policy text. A token's
weight is its inverse document frequency over clauses, so "attendee" (nearly
every clause) weighs little and "trolling" (two clauses) a lot; a word seen
only in curated phrasings ("check", "say") counts half, since a phrasing
carries incidental words that a term or the policy text does not, and a rare
word of the policy's prose that no one asks with ("given", "whether") weighs
no more than a word the knowledge has never seen.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from bot.guidance.model import Clause
from bot.guidance.tuning import DEFAULT, Tuning
from bot.guidance.vocabulary import OFF_TOPIC_TOKEN, Vocabulary

_SENTENCE_END = re.compile(
    r"(?<=[.;:!?])\s+(?=[A-Za-z0-9\"'(])"  # sentences, and parts after a semicolon or colon
    r"|,\s+(?=(?:and |or |but )?(?:must|should|will|may|can|do not|does not|never|always)\b)"  # "..., must not ..."
)


def sentences(text: str) -> list[str]:
    """A clause's sentences (and semicolon-separated parts): each says one thing staff might ask about."""
    return [part for part in _SENTENCE_END.split(text) if part.strip()]


def text_only(clause: Clause) -> bool:
    """Whether the clause has only its text: no curated phrasings or terms to be found by."""
    return not clause.asks and not clause.terms


@dataclass(frozen=True, slots=True)
class Ask:
    """One curated phrasing of a clause."""

    clause: int  # index of the clause
    tokens: frozenset[str]
    weight: float  # sum of its tokens' weights
    text: str  # normalised words, for rapidfuzz


def _tokens(vocabulary: Vocabulary, *texts: str) -> set[str]:
    """Tokens of each text separately (a phrase must not run on from one text into the next)."""
    return {t for text in texts for t in vocabulary.tokens(text)} - {OFF_TOPIC_TOKEN}


class ClauseIndex:
    """Postings from token to clauses and phrasings, token weights, and the words typos are corrected to."""

    def __init__(self, clauses: Sequence[Clause], vocabulary: Vocabulary, tuning: Tuning = DEFAULT) -> None:
        self.clauses = tuple(clauses)
        self.vocabulary = vocabulary
        self.tuning = tuning
        own_text = [_tokens(vocabulary, c.text) for c in self.clauses]
        # a clause with nothing curated is known by its own words: its title and text count as curated words
        curated = [
            _tokens(vocabulary, c.section_title, *c.terms, *c.asks, *c.learned) | (words if text_only(c) else set())
            for c, words in zip(self.clauses, own_text, strict=True)
        ]
        text = [set() if text_only(c) else words for c, words in zip(self.clauses, own_text, strict=True)]
        self.idf = self._weights(curated, text)
        #: the policy's subject: words in a large share of its clauses' own text ("safeguarding" in a
        #: safeguarding policy), which weigh little for choosing a clause but show the policy covers a question
        counts: dict[str, int] = defaultdict(int)
        for words_of_clause in own_text:
            for token in words_of_clause:
                counts[token] += 1
        named = vocabulary.concept_tokens()  # a subject is a concept the vocabulary names, not any frequent word
        self.central = frozenset(
            t for t, n in counts.items() if t in named and n >= tuning.central * len(self.clauses) and n >= 2
        )
        #: token -> clauses whose curated words have it; token -> clauses whose text alone has it
        self.curated: dict[str, list[int]] = defaultdict(list)
        self.text_only: dict[str, list[int]] = defaultdict(list)
        for index, (c, t) in enumerate(zip(curated, text, strict=True)):
            for token in c:
                self.curated[token].append(index)
            for token in t - c:
                self.text_only[token].append(index)
        self.asks: list[Ask] = []
        self.ask_postings: dict[str, list[int]] = defaultdict(list)
        self.clause_asks: dict[int, list[int]] = defaultdict(list)
        for index, clause in enumerate(self.clauses):
            # a clause with nothing curated is asked about in the words of its own sentences
            for phrasing in (*(sentences(clause.text) if text_only(clause) else clause.asks), *clause.learned):
                self._add_ask(index, phrasing)
        #: known words by length +-1, since one edit changes a word's length by at most one (and +-2 for two edits)
        self.by_length: dict[int, list[str]] = defaultdict(list)
        self.by_length_2: dict[int, list[str]] = defaultdict(list)
        for word in sorted({t for t in self.idf if not t.startswith("@")} | vocabulary.known_words()):
            for length in range(len(word) - 2, len(word) + 3):
                self.by_length_2[length].append(word)
                if abs(length - len(word)) <= 1:
                    self.by_length[length].append(word)

    @property
    def top_weight(self) -> float:
        """The weight of a token found in one clause only: the scale for thresholds."""
        return math.log((len(self.clauses) + 1) / 1.5)

    def _weights(self, curated: list[set[str]], text: list[set[str]]) -> dict[str, float]:
        df: dict[str, int] = defaultdict(int)
        for curated_words, text_words in zip(curated, text, strict=True):
            for token in curated_words | text_words:
                df[token] += 1
        grounded = {t for t in df if t.startswith("@")}
        for clause, words_of_text in zip(self.clauses, text, strict=True):
            grounded |= words_of_text | _tokens(self.vocabulary, clause.section_title, *clause.terms)
        curated_any: set[str] = set().union(*curated) if curated else set()
        n = len(self.clauses)
        weights: dict[str, float] = {}
        for t, d in df.items():
            weight = max(0.1, math.log((n + 1) / (d + 0.5))) * (1.0 if t in grounded else self.tuning.asks_only)
            if t not in curated_any and not t.startswith("@"):
                weight = min(weight, self.tuning.text_only_cap)
            weights[t] = weight
        return weights

    def _add_ask(self, clause: int, phrasing: str) -> None:
        unique = frozenset(_tokens(self.vocabulary, phrasing))
        if not unique:
            return
        ask_id = len(self.asks)
        text = " ".join(self.vocabulary.words(phrasing))
        self.asks.append(Ask(clause, unique, sum(self.idf[t] for t in unique), text))
        self.clause_asks[clause].append(ask_id)
        for token in unique:
            self.ask_postings[token].append(ask_id)
