"""``python -m bot export-learned``: the learned phrasings as YAML ``asks``, for a person to review into the knowledge.

Taught phrasings answer from the store at once; copying them into the knowledge files (where they are
reviewed, versioned and shared by every deployment of the policy) is a person's decision. Phrasings a
clause's ``asks`` already has are left out, so what is printed is what is still to review.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import yaml

from bot.guidance.library import Library

HEADER = (
    "# Learned phrasings (python -m bot export-learned): questions Safeguard Leads taught to clauses.\n"
    "# Names, phone numbers, e-mail and postal addresses were removed before they were stored.\n"
    "# Review each, then add it to the clause's asks in the knowledge file named.\n"
)


def learned_yaml(library: Library, learned: Iterable[tuple[str, str, str]], policy: str = "") -> str:
    """YAML listing, per policy and clause, the learned phrasings its ``asks`` do not have yet."""
    by_policy: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    known = {(c.policy, c.id): set(c.asks) for p in library.policies for c in p.clauses}
    for policy_id, clause_id, phrasing in learned:
        if policy and policy_id != policy:
            continue
        asks = by_policy[policy_id][clause_id]
        if phrasing not in known.get((policy_id, clause_id), set()) and phrasing not in asks:
            asks.append(phrasing)
    files = {p.id: p.file for p in library.policies}
    out = []
    for policy_id, clauses in by_policy.items():
        listed = [{"id": clause_id, "asks": asks} for clause_id, asks in clauses.items() if asks]
        if not listed:
            continue
        entry = {"policy": policy_id, "file": files.get(policy_id, "(not loaded)"), "clauses": listed}
        out.append(entry)
    if not out:
        return HEADER + "[]  # nothing learned that the knowledge does not have\n"
    return HEADER + yaml.safe_dump(out, sort_keys=False, allow_unicode=True, width=1000)
