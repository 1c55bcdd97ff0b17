"""Rank clauses for a question: IDF-weighted concept overlap plus rapidfuzz, with abstention.

A question scores against a clause by

* coverage: how much of the question's weight the clause's words account for,
  curated words (title, ``terms``, ``asks``) fully and policy-text words half.
  Words the knowledge has never seen weigh in too, so an off-topic question
  cannot borrow a high score from one shared word, and words of everyday chat
  that no policy is about (wifi, rota, parking) weigh heavily against;
* closeness to the clause's single nearest curated phrasing (weighted cosine);
* rapidfuzz ``token_set_ratio`` against the best candidates' phrasings, for
  word order and wording the tokens do not catch.

Below ``threshold``, or when the best clause shares too little with the
question, the matcher abstains: it returns no clause rather than a guess. A
question touches only the clauses and phrasings that share a token with it.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from bot.guidance.english import is_english
from bot.guidance.index import ClauseIndex, sentences, text_only
from bot.guidance.model import Clause, Match
from bot.guidance.roles import adjust
from bot.guidance.tuning import DEFAULT, Tuning
from bot.guidance.vocabulary import AMPERSAND, LOOKUP_TOKEN, OFF_TOPIC_TOKEN, Vocabulary, acronyms, plain

if TYPE_CHECKING:
    from bot.guidance.semantic import Vector, WordVectors

DEFINE_TOKEN = "@define"
SCOPE_TOKEN = "@scope"


@dataclass(frozen=True, slots=True)
class Scored:
    """A clause's score for one question, with what the abstention rule looks at."""

    index: int  # of the clause
    score: float  # 0-100
    evidence: float  # question weight the clause accounts for (curated words fully, policy text half)
    shared: int  # distinct question tokens the clause shares
    strongest: float  # weight of the most specific of them
    substance: float = 0.0  # weight of the most specific shared token that says what about (not in WEAK)
    plain: float = 0.0  # the score before weighing whom and what the clause is about, for abstention
    central: bool = False  # it shares a word the policy uses throughout (its subject), which is not in WEAK
    words: float = 0.0  # the score from words alone (after the role and kind adjustments), without meaning


class Matcher:
    """Ranks clauses for questions; :meth:`match` is a pure function of the question."""

    def __init__(self, clauses: Sequence[Clause], vocabulary: Vocabulary, tuning: Tuning = DEFAULT) -> None:
        self.vocabulary = vocabulary
        self.tuning = tuning
        self.index = ClauseIndex(clauses, vocabulary, tuning)
        self.clauses = self.index.clauses
        #: a clause's kind as curated, or for a clause with only its text, "definition" when it defines a term
        self.kinds = [c.kind or (vocabulary.clause_kind(c.text) if text_only(c) else "") for c in self.clauses]
        #: clauses known by their text alone, and their vectors of meaning (title and text), for :meth:`_meaning`
        self._bare = [i for i, c in enumerate(self.clauses) if text_only(c)]
        self._vectors: WordVectors | None = None
        self._bare_vectors = None
        meaning: Vector | None = None  # every clause's (title and text), embedded once
        if (self._bare or vocabulary.topics) and tuning.meaning_weight > 0:
            from bot.guidance.semantic import word_vectors  # numpy and the vectors only when a clause needs them

            self._vectors = word_vectors()
            meaning = self._vectors.matrix_of([f"{c.section_title}. {c.text}" for c in self.clauses])
            self._bare_vectors = meaning[self._bare] if self._bare else None
        self._soft = self._soft_targets() if tuning.soft_similarity < 1 else None
        self._soft_token = lru_cache(maxsize=4096)(self._soft_token_uncached)
        #: every clause's meaning, and the meaning of what staff ask about that this policy is not about (the shared
        #: ``topics``), to weigh whether it covers a question
        self._scope: tuple[Vector, Vector] | None = None
        self.topics_elsewhere: tuple[str, ...] = ()  # the shared topics this policy is not about
        if self._vectors is not None and meaning is not None and vocabulary.topics:
            import numpy as np  # only where the vectors are loaded already

            curated = [phrasing for c in self.clauses for phrasing in (*c.asks, *c.terms, *c.learned)]
            parts = self._vectors.matrix_of([part for c in self.clauses for part in sentences(c.text)] + curated)
            topics = self._vectors.matrix_of(vocabulary.topics)
            # a topic is the policy's own when one of its clauses, a sentence of one or a curated phrasing is near it
            elsewhere = (np.vstack([meaning, parts]) @ topics.T).max(axis=0) < tuning.topic_covered
            self._scope = (meaning, topics[elsewhere])
            self.topics_elsewhere = tuple(t for t, far in zip(vocabulary.topics, elsewhere, strict=True) if far)
        self.threshold = tuning.threshold
        self.min_evidence = tuning.evidence * self.index.top_weight
        self.min_solo = tuning.solo * self.index.top_weight
        self._correct = lru_cache(maxsize=4096)(self._correct_uncached)
        #: what the policy's own text spells out, by initials ("h&s" for "health and safety"): staff type the short form
        self._acronyms: dict[str, tuple[str, ...]] = {}
        if self._vectors is not None and self._bare:  # nobody curated its terms: their words are the ones in its text
            vectors = self._vectors
            texts = (t for c in self.clauses for t in (c.section_title, c.text))
            self._acronyms = {
                key: phrase
                for key, phrase in acronyms(texts, vectors.stopwords).items()
                if key not in self.index.idf
                and len(key) >= tuning.acronym_length
                and vectors.rare(key, tuning.acronym_rarity)
            }
        self._last: tuple[str, dict[str, float]] = ("", {})  # the first look and the full score read one question

    def _correct_uncached(self, token: str, english: bool) -> tuple[str, ...]:
        """Map a misspelt word the knowledge does not know onto one it does ("folow" onto "follow").

        Words of six letters or more are corrected one edit away (as they always were); shorter ones of four or
        five letters, and longer ones of eight or more two edits away, only when the word as typed is no English
        word ("yung" may be a name, "folow" is nothing) and one known word is nearest.
        """
        tuning = self.tuning
        size = len(token)
        if token in self.index.idf or token.startswith("@") or size < tuning.typo_short_length:
            return (token,)
        if size >= tuning.typo_min_length:
            best = process.extractOne(
                token,
                self.index.by_length.get(size, ()),
                scorer=DamerauLevenshtein.normalized_similarity,
                score_cutoff=tuning.typo_similarity,
            )
            if best:
                return self.vocabulary.word_tokens(best[0])
        if english:
            return (token,)
        edits = 2 if size >= tuning.typo_two_edits_length else 1
        choices = (self.index.by_length_2 if edits == 2 else self.index.by_length).get(size, ())
        found = process.extract(token, choices, scorer=DamerauLevenshtein.distance, score_cutoff=edits, limit=None)
        if not found:
            return (token,)
        nearest = min(distance for _, distance, _ in found)
        words = {word for word, distance, _ in found if distance == nearest}
        if size < tuning.typo_min_length:  # a short word keeps its first letter: "folow", not "below"
            words = {word for word in words if word[0] == token[0]}
        return self.vocabulary.word_tokens(words.pop()) if len(words) == 1 else (token,)

    def _soft_targets(self) -> tuple[list[str], Vector] | None:
        """The words of clauses known by their text alone, as tokens and unit vectors, for :meth:`_soft_token`."""
        if self._vectors is None or not self._bare:
            return None
        vectors, tokens, ids = self._vectors, [], []
        seen: set[str] = set()
        for i in self._bare:
            clause = self.clauses[i]
            for word in self.vocabulary.words(f"{clause.section_title} {clause.text}"):
                found = self.vocabulary.word_tokens(word)
                row = vectors.index.get(word)
                if word in seen or row is None or len(found) != 1 or vectors.weights[row] <= 0:
                    continue
                seen.add(word)
                if found[0] in self.index.idf and found[0] not in self.vocabulary.weak:
                    tokens.append(found[0])
                    ids.append(row)
        return (tokens, vectors.rows(ids)) if ids else None

    def _soft_token_uncached(self, word: str) -> tuple[str, float] | None:
        """A word the policy never uses, read as the policy's nearest word in meaning ("sacked" as "dismissed")."""
        if self._soft is None or self._vectors is None:
            return None
        row = self._vectors.index.get(word)
        if row is None or self._vectors.weights[row] <= 0:
            return None
        tokens, matrix = self._soft
        closeness = matrix @ self._vectors.rows([row])[0]
        best = int(closeness.argmax())
        similarity = float(closeness[best])
        if similarity < self.tuning.soft_similarity:
            return None
        return tokens[best], similarity

    def question_tokens(self, question: str) -> dict[str, float]:
        """The question's distinct tokens with their weights (do not change the mapping)."""
        if self._last[0] == question and question:
            return self._last[1]
        weights = self._question_tokens(question)
        self._last = (question, weights)
        return weights

    def _question_tokens(self, question: str) -> dict[str, float]:
        vocabulary = self.vocabulary
        weights: dict[str, float] = {}
        idf = self.index.idf
        for word in self._spelled_out(question):
            for token in vocabulary.word_tokens(word):
                for corrected in self._correct(token, token in idf or is_english(word)):
                    if corrected == OFF_TOPIC_TOKEN:
                        weights[corrected] = weights.get(corrected, 0.0) + self.tuning.off_topic_weight
                    elif corrected in idf:
                        weights[corrected] = idf[corrected]
                    elif soft := self._soft_token(word):
                        near, similarity = soft
                        weights[near] = max(weights.get(near, 0.0), idf[near] * similarity * self.tuning.soft_credit)
                    else:
                        weights[corrected] = self.tuning.unknown_weight
        if vocabulary.is_lookup(question):
            weights[LOOKUP_TOKEN] = self.tuning.lookup_weight
        if vocabulary.kind(question) == "definition" and DEFINE_TOKEN in self.index.idf:
            weights.setdefault(DEFINE_TOKEN, self.index.idf[DEFINE_TOKEN])  # "is discord social media" asks what X is
        ignored = vocabulary.weak | vocabulary.people
        if SCOPE_TOKEN in weights and any(w >= self.min_solo for t, w in weights.items() if t not in ignored):
            weights[SCOPE_TOKEN] *= self.tuning.form_factor  # "is radicalisation covered": the topic decides
        for rule in vocabulary.rewrites:  # e.g. insults aimed at me are bullying, not my criticising others
            if all(t in weights for t in rule.when) and rule.add in self.index.idf:
                del weights[rule.drop]
                weights.setdefault(rule.add, self.index.idf[rule.add])
        return weights

    def _spelled_out(self, question: str) -> list[str]:
        """The question's words, with an acronym of the policy's text read as its phrase ("h&s": "health safety")."""
        words = self.vocabulary.words(question)
        if not self._acronyms or not any(w in self._acronyms for w in words):
            return words
        typed_initials = {a + b for a, b in AMPERSAND.findall(plain(question))}  # "h&s", not "hs" or "ok"
        out: list[str] = []
        for word in words:
            phrase = self._acronyms.get(word)
            if (
                phrase
                and (len(word) > 2 or word in typed_initials)
                and not any(token in self.index.idf for token in self.vocabulary.word_tokens(word))
            ):
                out.extend(phrase)
            else:
                out.append(word)
        return out

    def said(self, question: str) -> set[str]:
        """What the question says: its tokens that are not weak ("tell me a joke" says one thing)."""
        return {t for t in self.question_tokens(question) if t not in self.vocabulary.weak}

    def _coverage(self, q: dict[str, float]) -> tuple[dict[int, float], dict[int, list[tuple[str, float]]]]:
        coverage: dict[int, float] = defaultdict(float)
        matched: dict[int, list[tuple[str, float]]] = defaultdict(list)  # the question tokens a clause shares
        for token, weight in q.items():
            for index in self.index.curated.get(token, ()):
                coverage[index] += weight
                matched[index].append((token, weight))
            for index in self.index.text_only.get(token, ()):
                coverage[index] += self.tuning.text_credit * weight
                matched[index].append((token, weight))
        return coverage, matched

    def _nearest(self, q: dict[str, float], total: float) -> dict[int, float]:
        """Per clause, the weighted cosine between the question and its closest curated phrasing."""
        overlap: dict[int, float] = defaultdict(float)
        for token, weight in q.items():
            for ask_id in self.index.ask_postings.get(token, ()):
                overlap[ask_id] += weight
        nearest: dict[int, float] = defaultdict(float)
        for ask_id, shared in overlap.items():
            ask = self.index.asks[ask_id]
            nearest[ask.clause] = max(nearest[ask.clause], shared / math.sqrt(total * ask.weight))
        return nearest

    def quick(self, question: str) -> float:
        """A cheap first look: the largest share of the question's weight one clause accounts for (0 when declined)."""
        if self.vocabulary.declines(question):
            return 0.0
        q = self.question_tokens(question)
        total = sum(q.values())
        if total <= 0:
            return 0.0
        coverage, _ = self._coverage(q)
        return max(coverage.values(), default=0.0) / total

    def scores(self, question: str) -> list[Scored]:
        """The clauses worth scoring (sharing a word with the question, or near it in meaning), best first."""
        q = self.question_tokens(question)
        total = sum(q.values())
        if total <= 0:
            return []
        coverage, matched = self._coverage(q)
        meaning = self._meaning(question)
        nearest = self._nearest(q, total)
        w_cov, w_ask, w_fuzz = self.tuning.weights
        base = {i: w_cov * coverage[i] / total + w_ask * nearest[i] for i in coverage}
        # only the clauses worth scoring: the best by words, and the best by words and meaning together
        worth = self.tuning.worth_scoring
        chosen = set(heapq.nlargest(worth, base, key=base.__getitem__))
        if meaning:
            chosen.update(heapq.nlargest(worth, meaning, key=lambda i: 100 * base.get(i, 0.0) + meaning[i]))
        ranked = sorted(((i, base[i]) for i in chosen if i in base), key=lambda item: item[1], reverse=True)
        question_words = " ".join(self.vocabulary.words(question))
        who, asked = self.vocabulary.person(q), self.vocabulary.kind(question)
        final: list[Scored] = []
        for rank, (index, value) in enumerate(ranked):
            if rank < self.tuning.candidates and question_words:
                texts = [self.index.asks[a].text for a in self.index.clause_asks.get(index, ())]
                best = process.extractOne(question_words, texts, scorer=fuzz.token_set_ratio) if texts else None
                value += w_fuzz * (best[1] if best else 0.0) / 100
            clause = self.clauses[index]
            score = adjust(100 * value, clause.about, who, self.kinds[index], asked, self.tuning)
            shared = matched[index]
            strongest = max(w for _, w in shared)
            substance = max((w for t, w in shared if t not in self.vocabulary.weak), default=0.0)
            central = any(t in self.index.central and t not in self.vocabulary.weak for t, _ in shared)
            by_words = score
            score += meaning.get(index, 0.0)
            final.append(
                Scored(index, score, coverage[index], len(shared), strongest, substance, 100 * value, central, by_words)
            )
        # a clause known by its text alone that shares no word with the question may still be near it in meaning;
        # it can rank, but shares no evidence that the policy covers the question
        final.extend(Scored(i, meaning[i], 0.0, 0, 0.0) for i in chosen if i not in coverage)
        final.sort(key=lambda item: item.score, reverse=True)
        return final

    def _meaning(self, question: str) -> dict[int, float]:
        """Per clause known by its text alone, the closeness in meaning of the question to it, on the score's scale."""
        if self._vectors is None or self._bare_vectors is None:
            return {}
        vector = self._vectors.embed(question)
        if vector is None:
            return {}
        closeness = self._bare_vectors @ vector
        weight = 100 * self.tuning.meaning_weight
        return {index: weight * max(0.0, float(c)) for index, c in zip(self._bare, closeness, strict=True)}

    def nearer_elsewhere(self, question: str) -> float | None:
        """How much nearer in meaning the question is to this policy's closest clause than to the closest topic
        the policy is not about (``None`` when meaning cannot tell: no shared topics, or no known word)."""
        if self._scope is None or self._vectors is None:
            return None
        vector = self._vectors.embed(question)
        if vector is None:
            return None
        clauses, elsewhere = self._scope
        near_here = float((clauses @ vector).max())
        near_elsewhere = float((elsewhere @ vector).max()) if len(elsewhere) else 0.0
        return near_here - near_elsewhere

    def covers(self, best: Scored) -> bool:
        """Whether the best clause is evidence that the policy covers the question at all.

        Its score before the role and kind adjustments must reach the threshold (those choose between
        neighbouring clauses, they are no evidence of cover), and the words it shares with the
        question must weigh enough and include one that says what about: a platform name, "attendee"
        or "what is" alone is no evidence that a question about the weather or the minibus is covered.
        """
        if best.plain < self.threshold or best.substance <= 0:
            return False
        if best.central:  # "who is the designated safeguarding lead" in a safeguarding policy: its very subject
            return True
        if best.evidence < self.min_evidence:
            return False
        return best.shared >= 2 or best.strongest >= self.min_solo

    def match(self, question: str, limit: int = 5) -> list[Match]:
        """Best clauses first; ``[]`` when the policies do not cover the question."""
        if self.vocabulary.declines(question):  # a look-up or a procedure of another policy: no clause here answers
            return []
        ranked = self.scores(question)
        # whether the policy covers the question is judged on the clause that fits best before the role and
        # kind adjustments: those choose between neighbours, so they must not turn an answer into a refusal
        if not ranked:
            return []
        best = max(ranked, key=lambda s: s.plain)
        covered = self.covers(best)
        # meaning weighs in: a question nearer a topic the policy is not about is not covered whatever words it shares
        # (for a curated policy, only when clearly nearer: its phrasings already say what it covers); for a policy known
        # by its text, one much nearer the policy is covered, whatever words it lacks
        margin = self.nearer_elsewhere(question) if covered or self._bare else None  # a curated policy only vetoes
        if margin is not None and covered:
            veto = self.tuning.meaning_veto if self._bare else self.tuning.curated_meaning_veto
            covered = margin >= veto or ranked[0].words >= self.tuning.words_decide
        elif margin is not None and margin >= self.tuning.meaning_rescue:
            # meaning answers only a question that says enough ("tell me a joke", read as "serious", does not), or
            # whose own words the policy's best clause matches strongly ("everyone must sign in and out")
            said = self.said(question)
            typed = said & set(self.vocabulary.tokens(question))
            covered = len(said) >= self.tuning.rescue_tokens or (bool(typed) and best.words >= self.tuning.words_decide)
        if not covered:
            return []
        floor = ranked[0].score * self.tuning.relative_floor
        # Meaning orders this policy's clauses; between policies, a policy is as strong as its best match in words
        # plus a little of its meaning (a policy nobody curated must not outrank a curated one on closeness of
        # meaning alone), so its scores are scaled to put its first answer there.
        strength = max(s.words for s in ranked) + self.tuning.meaning_between * (ranked[0].score - ranked[0].words)
        scale = strength / ranked[0].score if ranked[0].score > 0 else 1.0
        return [
            Match(self.clauses[s.index].policy, self.clauses[s.index].id, round(s.score * scale, 1))
            for s in ranked[:limit]
            if s.score >= floor
        ]
