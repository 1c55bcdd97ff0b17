"""Rank clauses for a question: IDF-weighted concept overlap plus rapidfuzz, with abstention.

Each clause is known by three things: its verbatim text, its curated ``asks``
(how people put the question) and ``terms`` (the words they use). A question
scores against a clause by

* coverage: how much of the question's weight (IDF over clauses; words the
  knowledge has never seen weigh in too, so an off-topic question cannot
  borrow a high score from one shared word) the clause's words account for,
  curated words counting fully and policy-text words half;
* closeness to the single nearest curated phrasing (weighted cosine);
* rapidfuzz ``token_set_ratio`` against the nearest phrasings, for word order
  and near-miss spellings the tokens do not catch.

Words of everyday chat that no policy is about (wifi, rota, parking) weigh
heavily against every clause. Below ``threshold``, or when the best clause
shares too little with the question, the matcher abstains: it returns no
clause rather than a guess. Everything is precomputed at start-up; a question touches only the
clauses and phrasings that share a token with it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from bot.guidance.model import Clause, Match
from bot.guidance.normalise import OFF_TOPIC_TOKEN, lexicon_words, tokens, word_tokens, words

THRESHOLD = 45.0  # below this best score the question is "not covered"
UNKNOWN_WEIGHT = 1.6  # weight of a question word the knowledge has never seen
OFF_TOPIC_WEIGHT = 8.0  # weight of a word no policy is about (wifi, rota, parking): it counts against
TEXT_CREDIT = 0.5  # a word found only in the policy text counts half
WEIGHTS = (0.45, 0.40, 0.15)  # coverage, nearest phrasing, rapidfuzz
RELATIVE_FLOOR = 0.45  # further answers must score at least this share of the best
ASKS_ONLY = 0.5  # weight of a word found only in curated phrasings, not in terms or policy text
EVIDENCE = 0.34  # weight the best clause must share with the question, as a share of the highest IDF
TYPO_SIMILARITY = 0.8  # one edit (or swap) in a word of six letters or more
SOLO = 0.5  # a question sharing one word with the best clause needs it this specific (share of top IDF)
CANDIDATES = 8  # clauses that get the (costlier) rapidfuzz comparison


@dataclass(frozen=True, slots=True)
class _Scored:
    index: int  # of the clause
    score: float  # 0-100
    evidence: float  # question weight the clause accounts for (curated words fully, policy text half)
    shared: int  # distinct question tokens the clause shares
    strongest: float  # weight of the most specific of them


@dataclass(frozen=True, slots=True)
class _Ask:
    clause: int
    tokens: frozenset[str]
    weight: float
    text: str  # normalised words, for rapidfuzz


class Matcher:
    """A precomputed index over clauses; :meth:`match` is a pure function of the question."""

    def __init__(self, clauses: Sequence[Clause], threshold: float | None = None) -> None:
        self.clauses = tuple(clauses)
        self.threshold = THRESHOLD if threshold is None else threshold
        strong: list[set[str]] = []
        text: list[set[str]] = []
        ask_tokens: list[tuple[int, list[str], str]] = []
        for index, clause in enumerate(self.clauses):
            curated = [clause.section_title, *clause.terms]
            bag = {t for phrase in (*curated, *clause.asks) for t in tokens(phrase)}
            strong.append(bag - {OFF_TOPIC_TOKEN})
            text.append(set(tokens(clause.text)) - {OFF_TOPIC_TOKEN})
            for ask in clause.asks:
                ask_tokens.append((index, tokens(ask), " ".join(words(ask))))
        df: dict[str, int] = defaultdict(int)
        for s, t in zip(strong, text, strict=True):
            for token in s | t:
                df[token] += 1
        n = max(1, len(self.clauses))
        # A word seen only in curated phrasings may be incidental ("check", "say"): it counts for less
        # than a concept or a word of the policy or its terms.
        grounded = {t for t in df if t.startswith("@")}
        for clause, words_of_text in zip(self.clauses, text, strict=True):
            grounded |= words_of_text | {t for term in (clause.section_title, *clause.terms) for t in tokens(term)}
        self.idf = {
            t: max(0.1, math.log((n + 1) / (d + 0.5))) * (1.0 if t in grounded else ASKS_ONLY) for t, d in df.items()
        }
        self.min_evidence = EVIDENCE * math.log((n + 1) / 1.5)  # in IDF units of this knowledge
        self.min_solo = SOLO * math.log((n + 1) / 1.5)
        self._by_length: dict[int, list[str]] = defaultdict(list)  # one edit changes length by at most one
        for word in sorted({t for t in self.idf if not t.startswith("@")} | lexicon_words()):
            for length in (len(word) - 1, len(word), len(word) + 1):
                self._by_length[length].append(word)
        self._strong: dict[str, list[int]] = defaultdict(list)
        self._text: dict[str, list[int]] = defaultdict(list)
        for index, (s, t) in enumerate(zip(strong, text, strict=True)):
            for token in s:
                self._strong[token].append(index)
            for token in t - s:
                self._text[token].append(index)
        self._asks: list[_Ask] = []
        self._ask_postings: dict[str, list[int]] = defaultdict(list)
        self._clause_asks: dict[int, list[int]] = defaultdict(list)
        for clause_index, toks, text_words in ask_tokens:
            unique = frozenset(toks) - {OFF_TOPIC_TOKEN}
            if not unique:
                continue
            ask_id = len(self._asks)
            self._asks.append(_Ask(clause_index, unique, sum(self.idf[t] for t in unique), text_words))
            self._clause_asks[clause_index].append(ask_id)
            for token in unique:
                self._ask_postings[token].append(ask_id)
        self._correct = lru_cache(maxsize=2048)(self._correct_uncached)

    def _correct_uncached(self, token: str) -> tuple[str, ...]:
        """Map a misspelt word the knowledge does not know onto one it does, if one is one edit away."""
        if token in self.idf or token.startswith("@") or len(token) < 6:
            return (token,)
        candidates = self._by_length.get(len(token), ())
        best = process.extractOne(
            token, candidates, scorer=DamerauLevenshtein.normalized_similarity, score_cutoff=TYPO_SIMILARITY
        )
        return word_tokens(best[0]) if best else (token,)

    def question_tokens(self, question: str) -> dict[str, float]:
        """The question's distinct tokens with their weights."""
        weights: dict[str, float] = {}
        for token in tokens(question):
            for corrected in self._correct(token):
                if corrected == OFF_TOPIC_TOKEN:
                    weights[corrected] = weights.get(corrected, 0.0) + OFF_TOPIC_WEIGHT
                else:
                    weights[corrected] = self.idf.get(corrected, UNKNOWN_WEIGHT)
        return weights

    def scores(self, question: str) -> list[_Scored]:
        """Every clause that shares a token with the question, best first."""
        q = self.question_tokens(question)
        total = sum(q.values())
        if total <= 0:
            return []
        coverage: dict[int, float] = defaultdict(float)
        matched: dict[int, list[float]] = defaultdict(list)  # weights of the question words a clause shares
        for token, weight in q.items():
            for index in self._strong.get(token, ()):
                coverage[index] += weight
                matched[index].append(weight)
            for index in self._text.get(token, ()):
                coverage[index] += TEXT_CREDIT * weight
                matched[index].append(weight)
        overlap: dict[int, float] = defaultdict(float)
        for token, weight in q.items():
            for ask_id in self._ask_postings.get(token, ()):
                overlap[ask_id] += weight
        nearest: dict[int, float] = defaultdict(float)
        for ask_id, shared in overlap.items():
            ask = self._asks[ask_id]
            similarity = shared / math.sqrt(total * ask.weight)
            if similarity > nearest[ask.clause]:
                nearest[ask.clause] = similarity
        w_cov, w_ask, w_fuzz = WEIGHTS
        base = {i: w_cov * coverage[i] / total + w_ask * nearest.get(i, 0.0) for i in coverage}
        ranked = sorted(base.items(), key=lambda item: item[1], reverse=True)
        question_words = " ".join(words(question))
        final: list[_Scored] = []
        for rank, (index, value) in enumerate(ranked):
            if rank < CANDIDATES and question_words:
                asks = self._clause_asks.get(index, ())
                best = max((fuzz.token_set_ratio(question_words, self._asks[a].text) for a in asks), default=0.0)
                value += w_fuzz * best / 100
            final.append(_Scored(index, 100 * value, coverage[index], len(matched[index]), max(matched[index])))
        final.sort(key=lambda item: item.score, reverse=True)
        return final

    def match(self, question: str, limit: int = 5) -> list[Match]:
        """Best clauses first; ``[]`` when the best is below the threshold (the policy does not cover it)."""
        ranked = self.scores(question)
        if not ranked or not self.covers(ranked[0]):
            return []
        floor = ranked[0].score * RELATIVE_FLOOR
        return [
            Match(self.clauses[s.index].policy, self.clauses[s.index].id, round(s.score, 1))
            for s in ranked[:limit]
            if s.score >= floor
        ]

    def covers(self, best: _Scored) -> bool:
        """Whether the best clause is evidence that the policy covers the question at all.

        Its score must reach the threshold, and the words it shares with the question must weigh
        enough: a platform name, "attendee" or "what is" alone is no evidence that a question
        about the weather or the minibus is covered.
        """
        if best.score < self.threshold or best.evidence < self.min_evidence:
            return False
        return best.shared >= 2 or best.strongest >= self.min_solo
