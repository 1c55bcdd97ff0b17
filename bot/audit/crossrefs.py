"""What a policy points at that the loaded knowledge does not have, and gaps in its own numbering.

* "see section 11", "clause 6.30", "paragraph 3 of this policy": a clause or section of the same policy
  (a warning when it does not exist: a reader is sent nowhere). "section 26 of the Counter-Terrorism and
  Security Act 2015" points elsewhere and is left alone.
* "the Mobile Phone Policy": another document, by the last words of its name (a note when no loaded
  policy has that title: the bot cannot answer questions about it).
* 6.21 followed by 6.24: clauses missing from the numbering (a note).

The words that introduce a reference and end a document's name are data (``cross_references`` in
``bot/audit/data/policy-english.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.audit.findings import Finding, clause_list
from bot.audit.text import alternation, listed, normal
from bot.audit.vocabulary import CrossReferenceWords
from bot.guidance.model import Policy

_NUMBER = r"(?P<number>\d+(?:\.\d+)*)(?![.\d]*\d)"
_TOKEN = re.compile(r"[A-Za-z][\w'’/-]*|&|[^\w\s]")
_NUMBERED = re.compile(r"^(\d+)\.(\d+)$")
SHOWN = 6  # missing numbers listed one by one up to this many; more are given as a range


class CrossReferences:
    def __init__(self, words: CrossReferenceWords) -> None:
        self.words = words
        self._internal = re.compile(rf"(?:{alternation(words.words)})\s+{_NUMBER}", re.IGNORECASE)
        self._of = re.compile(r"\s*,?\s*of\s+", re.IGNORECASE)
        self._this = re.compile(alternation(words.this_document), re.IGNORECASE)
        self._documents = re.compile(alternation((), words.documents))
        self._name_words = {normal(w) for w in words.name_words}
        self._not_names = set(words.not_names)
        self._terminal_words = {w for d in words.documents for w in d.split()}

    def internal(self, text: str) -> list[str]:
        """Numbers of clauses or sections of this policy that the text refers to."""
        out = []
        for m in self._internal.finditer(text):
            of = self._of.match(text, m.end())
            if of and not self._this.match(text, of.end()):
                continue  # "section 26 of the ... Act": another document's numbering
            out.append(m.group("number"))
        return out

    def documents(self, text: str) -> list[str]:
        """Names of other documents the text refers to: capitalised words ending in a document word."""
        names = []
        for m in self._documents.finditer(text):
            tokens = _TOKEN.findall(text[: m.start()])
            words: list[str] = []
            for token in reversed(tokens):
                possessive = token.endswith(("'s", "’s"))
                name_word = token[:1].isupper() and not possessive and token not in self._terminal_words
                if name_word or (normal(token) in self._name_words and words):
                    words.insert(0, token)
                else:
                    break
            while words and (normal(words[0]) in self._name_words or words[0] in self._not_names):
                words.pop(0)
            if words or " " in m.group():
                names.append(" ".join([*words, m.group()]))
        return names


def _words(name: str, small: set[str]) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"\w+", name.casefold()) if w not in small)


def _missing_numbers(ids: Sequence[str]) -> list[tuple[str, list[str], str, str]]:
    """Each run of clause numbers missing in a section: (section, the missing ids, the ids either side).

    Only below the highest number of a section: a policy's last clause cannot be known to be missing.
    """
    by_section: dict[int, set[int]] = {}
    for clause_id in ids:
        if m := _NUMBERED.match(clause_id):
            by_section.setdefault(int(m.group(1)), set()).add(int(m.group(2)))
    gaps = []
    for section, present in by_section.items():
        run: list[int] = []
        for n in range(1, max(present) + 1):
            if n not in present:
                run.append(n)
                continue
            if run:
                before = f"{section}.{run[0] - 1}" if run[0] > 1 else ""
                gaps.append((str(section), [f"{section}.{k}" for k in run], before, f"{section}.{n}"))
                run = []
    return gaps


def crossref_findings(policy: Policy, loaded: Sequence[Policy], refs: CrossReferences) -> list[Finding]:
    findings: list[Finding] = []
    ids = {c.id for c in policy.clauses}
    sections = {c.section for c in policy.clauses} | {c.id.split(".")[0] for c in policy.clauses}
    small = {normal(w) for w in refs.words.name_words}
    titles = [_words(p.title, small) for p in loaded]
    documents: dict[str, tuple[str, list[str], list[int]]] = {}
    for clause in policy.clauses:
        for number in dict.fromkeys(refs.internal(clause.text)):
            if number in ids or number in sections:
                continue
            text = f"Clause {clause.id} refers to {number}, which this policy does not have: a reader is sent nowhere."
            findings.append(
                Finding(policy.id, "missing-clause", "warning", text, (clause.id,), clause.line, {"refers_to": number})
            )
        for name in refs.documents(clause.text):
            cited = _words(name, small)
            if any(cited <= title or title <= cited for title in titles):
                continue
            shown, clauses, lines = documents.setdefault(normal(name), (name, [], []))
            if clause.id not in clauses:
                clauses.append(clause.id)
                lines.append(clause.line)
    for name, clauses, lines in documents.values():
        verb = "refers" if len(clauses) == 1 else "refer"
        text = (
            f"{clause_list(clauses)} {verb} to the {name}, which is not loaded: the bot cannot answer questions "
            "about it (python -m bot import-policy adds a policy)."
        )
        findings.append(
            Finding(policy.id, "missing-policy", "note", text, tuple(clauses), lines[0], {"document": name})
        )
    line_of = {c.id: c.line for c in policy.clauses}
    for section, missing, before, after in _missing_numbers([c.id for c in policy.clauses]):
        one = len(missing) == 1
        shown = listed(missing) if len(missing) <= SHOWN else f"{missing[0]} to {missing[-1]}"
        where = f"the numbering goes from {before} to {after}" if before else f"{after} is section {section}'s first"
        text = f"{'Clause' if one else 'Clauses'} {shown} {'is' if one else 'are'} missing: {where}."
        gap: dict[str, object] = {"missing": missing}
        findings.append(Finding(policy.id, "numbering-gap", "note", text, (after,), line_of.get(after, 0), gap))
    return findings
