"""The loaded knowledge: every policy, a clause lookup, and one matcher per policy.

Each policy is matched with its own vocabulary (chat English plus its own concepts) and its own word
weights, so adding a policy never changes how another policy's clauses rank among themselves; the
library then chooses between the policies' best clauses.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from bot.guidance.matcher import Matcher
from bot.guidance.model import Clause, Match, Policy
from bot.guidance.tuning import DEFAULT, Tuning
from bot.guidance.vocabulary import Vocabulary, VocabularyFile, plain, shared_vocabulary, stem
from bot.yamlfile import Problem

_PART_END = re.compile(r"(?<=[.!?])\s+|\s*\n+\s*")


def message_parts(message: str, long_words: int) -> list[str]:
    """The sentences of a message of at least ``long_words`` words that has more than one ([] otherwise)."""
    if len(message.split()) < long_words:
        return []
    parts = [part.strip() for part in _PART_END.split(message) if part and part.strip()]
    return parts if len(parts) > 1 else []


def _words_of(policy: Policy) -> set[str]:
    """Every word the policy's title, section titles and clauses use, as plain lower-case words."""
    texts = [policy.title, *(c.section_title + " " + c.text for c in policy.clauses)]
    return {w for text in texts for w in re.findall(r"[a-z0-9]+", plain(text))}


class Library:
    """All policies the bot answers from. Built once at start-up; afterwards only :meth:`learn` changes it."""

    def __init__(
        self,
        policies: Sequence[Policy],
        organisation: Iterable[str] = (),
        tuning: Tuning = DEFAULT,
        attendees: Iterable[str] = (),
    ) -> None:
        self.policies = tuple(policies)
        self.tuning = tuning
        self.organisation = tuple(organisation)
        self.attendees = tuple(attendees)  # the roster's names: in a question, each is "an attendee"
        self._policies = {p.id: p for p in self.policies}
        self._clauses = {(c.policy, c.id): c for p in self.policies for c in p.clauses}
        shared = shared_vocabulary()
        off_topic = {stem(w) for w in shared.off_topic}
        own_words = {p.id: _words_of(p) for p in self.policies}
        # a roster first name that is a word of the policies ("will", "may", the lead a policy names) is no attendee
        common = frozenset().union(*own_words.values())
        vocabularies: dict[tuple[str | None, frozenset[str]], Vocabulary] = {}
        self.problems: list[Problem] = []
        self.matchers: dict[str, Matcher] = {}
        for policy in self.policies:
            # an everyday word the policy itself uses ("expenses", "DBS") is no longer off-topic for it
            exempt = frozenset(off_topic & {stem(w) for w in own_words[policy.id]})
            key = (policy.vocabulary.file if policy.vocabulary else None, exempt)
            if key not in vocabularies:
                files: list[VocabularyFile] = [shared, *([policy.vocabulary] if policy.vocabulary else [])]
                vocabularies[key] = Vocabulary(files, self.organisation, exempt, self.attendees, common)
                self.problems.extend(vocabularies[key].problems)
            self.matchers[policy.id] = Matcher(policy.clauses, vocabularies[key], tuning)

    def learn(self, learned: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
        """Add ``(policy, clause, phrasing)`` triples to their clauses' ``learned``, used from the next question on.

        Phrasings a Safeguard Lead taught (bot.questions). Only the policies concerned are re-indexed, once
        each. A learned phrasing is matched like a curated one but adds to a clause without changing how it is
        read: a clause known by its text alone keeps its text counting in full and its ranking by meaning.
        Returns the triples whose clause the library does not have (a policy changed since they were taught).
        """
        by_policy: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        unknown = []
        for policy_id, clause_id, phrasing in learned:
            if (policy_id, clause_id) not in self._clauses:
                unknown.append((policy_id, clause_id, phrasing))
            elif phrasing.strip():
                by_policy[policy_id][clause_id].append(phrasing.strip())
        for policy_id, taught in by_policy.items():
            clauses = []
            for clause in self._policies[policy_id].clauses:
                known = {*clause.asks, *clause.learned}
                new = [p for p in dict.fromkeys(taught.get(clause.id, ())) if p not in known]
                if new:
                    clause = replace(clause, learned=(*clause.learned, *new))
                    self._clauses[(policy_id, clause.id)] = clause
                clauses.append(clause)
            policy = replace(self._policies[policy_id], clauses=tuple(clauses))
            self._policies[policy_id] = policy
            self.policies = tuple(policy if p.id == policy_id else p for p in self.policies)
            self.matchers[policy_id] = Matcher(policy.clauses, self.matchers[policy_id].vocabulary, self.tuning)
        return unknown

    def __len__(self) -> int:
        return len(self._clauses)

    def policy(self, policy_id: str) -> Policy:
        return self._policies[policy_id]

    def clause(self, policy_id: str, clause_id: str) -> Clause:
        return self._clauses[(policy_id, clause_id)]

    def match(self, question: str, limit: int = 5) -> list[Match]:
        """Clauses that answer ``question``, best first; ``[]`` when no policy covers it.

        A long message with the question at the end ("... she's lovely, so what's the rule?") is matched as a whole
        and, when the whole finds nothing, sentence by sentence: the story told before the question says what it is
        about, but its many words weigh against every clause.
        """
        found = self._match(question, limit)
        if found:
            return found
        parts = message_parts(question, self.tuning.long_message_words)
        if not parts:
            return []
        # a sentence is a less certain reading than the whole message: its answer counts only when it is strong and
        # is among the clauses the whole message comes nearest to, though not near enough to answer
        nearest = {
            (matcher.clauses[s.index].policy, matcher.clauses[s.index].id)
            for matcher in self.matchers.values()
            for s in matcher.scores(question)[: self.tuning.candidates]
        }
        answers = []
        for part in parts:
            found = self._match(part, limit)
            # ... and when the sentence says enough: "do I need to tell anyone" alone says too little
            if (
                found
                and found[0].score >= self.tuning.words_decide
                and (found[0].policy, found[0].clause) in nearest
                and len(self.matchers[found[0].policy].said(part)) >= self.tuning.part_tokens
            ):
                answers.append(found)
        return max(answers, key=lambda answer: answer[0].score, default=[])

    def _match(self, question: str, limit: int) -> list[Match]:
        matchers = list(self.matchers.values())
        worth = self.tuning.policies_worth_scoring
        if len(matchers) > worth:  # many policies: score in full only those a cheap first look finds most to do with
            first_look = {id(m): m.quick(question) for m in matchers}
            matchers = sorted(matchers, key=lambda m: first_look[id(m)], reverse=True)[:worth]
        found: list[Match] = []
        for matcher in matchers:
            found.extend(matcher.match(question, limit))
        found.sort(key=lambda m: m.score, reverse=True)
        return found[:limit]
