"""Questions about people: who the Safeguard Lead (or the deputy) is, how to reach them, whom to tell.

The policy cannot answer these (it names titles, not people); the deployment file can. What counts as such a
question is data (``language/people.yaml``: the words any charity's staff use for the role and for asking),
plus the deployment's own lead names and ``titles``; nothing here names an organisation or a clause.

A question made only of people words ("who is the DSL?", "how do I reach the safeguarding lead") is answered
with the people first. One with a topic too ("who do I tell if a kid shares extremist videos") keeps the
clause that covers the topic first and gets the people beside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.deployment import Deployment, SafeguardLead, usable_phone
from bot.guidance.vocabulary import plain, shared_vocabulary
from bot.yamlfile import ConfigError, Problem, load_located

DATA_FILE = Path(__file__).parent / "language" / "people.yaml"
_LISTS = ("roles", "deputy", "asks", "tell", "anyone", "filler")
_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> tuple[str, ...]:
    """Lower-case words with apostrophes gone and a plural "s" dropped: the form phrases are compared in."""
    shorthand = shared_vocabulary().shorthand
    out: list[str] = []
    for word in _WORD.findall(plain(text)):
        out.extend(_WORD.findall(shorthand.get(word, word)))
    return tuple(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in out)


@dataclass(frozen=True, slots=True)
class PeopleWords:
    """``language/people.yaml`` as read: each list as tuples of words."""

    roles: tuple[tuple[str, ...], ...]
    deputy: tuple[tuple[str, ...], ...]
    asks: tuple[tuple[str, ...], ...]
    tell: tuple[tuple[str, ...], ...]
    anyone: tuple[tuple[str, ...], ...]
    filler: frozenset[str]
    window: int


@lru_cache(maxsize=1)
def people_words() -> PeopleWords:
    """The shared people words, read once; a broken file stops start-up with file and line."""
    doc = load_located(DATA_FILE)
    data = doc.data if isinstance(doc.data, dict) else {}
    problems: list[Problem] = []
    lists: dict[str, tuple[tuple[str, ...], ...]] = {}
    for key in _LISTS:
        value = data.get(key)
        if not isinstance(value, list):
            problems.append(doc.problem((key,) if key in data else (), f"'{key}' must be a list of phrases"))
            value = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not words(item):
                problems.append(doc.problem((key, i), f"'{key}': every item must be a word or phrase (quote it)"))
        lists[key] = tuple(words(v) for v in value if isinstance(v, str) and words(v))
    window = data.get("window")
    if not isinstance(window, int) or isinstance(window, bool) or window < 1:
        problems.append(doc.problem(("window",) if "window" in data else (), "'window' must be a whole number"))
        window = 1
    if problems:
        raise ConfigError(problems)
    filler = frozenset(w for phrase in lists["filler"] for w in phrase)
    return PeopleWords(lists["roles"], lists["deputy"], lists["asks"], lists["tell"], lists["anyone"], filler, window)


def _spans(tokens: Sequence[str], phrases: Iterable[tuple[str, ...]]) -> list[range]:
    """Where each phrase occurs in ``tokens``, as ranges of positions."""
    found: list[range] = []
    for phrase in phrases:
        n = len(phrase)
        found.extend(range(i, i + n) for i in range(len(tokens) - n + 1) if tuple(tokens[i : i + n]) == phrase)
    return found


@dataclass(frozen=True, slots=True)
class PeopleQuestion:
    """What a question asks about people: ``pure`` when it asks nothing else; ``deputy`` when it asks for one."""

    pure: bool
    deputy: bool


def lead_phrases(deployment: Deployment) -> tuple[tuple[str, ...], ...]:
    """Each lead's full name and ``titles``, as the deployment gives them."""
    texts = [t for lead in deployment.safeguard_leads for t in (lead.name, *lead.titles)]
    return tuple(w for w in (words(t) for t in texts) if len(w) > 1 or (w and len(w[0]) > 2))


def asks_about_people(question: str, deployment: Deployment, data: PeopleWords | None = None) -> PeopleQuestion | None:
    """Whether ``question`` asks who the Safeguard Lead or the deputy is, how to reach them, or whom to tell."""
    data = data or people_words()
    tokens = words(question)
    if not tokens:
        return None
    own = (*lead_phrases(deployment), *(words(n) for n in deployment.organisation.names))
    role = _spans(tokens, (*data.roles, *lead_phrases(deployment)))
    deputy = _spans(tokens, data.deputy)
    asks = _spans(tokens, data.asks)
    tell_at = _spans(tokens, data.tell)
    who = [i for i, t in enumerate(tokens) if t in {"who", "whom", "whos"}]
    anyone = [a.start for a in _spans(tokens, data.anyone)]
    # "who do I tell", and "do I need to tell anyone" / "does anybody need to know": whom to tell, either way
    tell = [
        s
        for s in tell_at
        if any(0 < s.start - w <= data.window for w in who) or any(abs(a - s.start) <= data.window for a in anyone)
    ]
    covered = {i for span in (*role, *deputy, *asks, *tell, *_spans(tokens, own)) for i in span}
    rest = [t for i, t in enumerate(tokens) if i not in covered and t not in data.filler]
    pure = not rest
    if tell or (role and (asks or pure)) or (deputy and asks and pure):
        return PeopleQuestion(pure=pure, deputy=bool(deputy))
    return None


def is_deputy(lead: SafeguardLead, data: PeopleWords | None = None) -> bool:
    """A lead whose ``titles`` name them a deputy ("Deputy DSL")."""
    data = data or people_words()
    return any(_spans(words(title), data.deputy) for title in lead.titles)


@dataclass(frozen=True, slots=True)
class Contact:
    """One Safeguard Lead as an answer shows them: name, titles, and how to reach them."""

    name: str
    titles: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""
    deputy: bool = False

    def details(self, *, private: bool = True) -> str:
        """``Designated Safeguarding Lead · 01632 960000 · sam@example.org``; no phone or e-mail when not private."""
        parts = [*(self.titles or ("Safeguard Lead",))]
        if private:
            parts.extend(p for p in (self.phone if usable_phone(self.phone) else "", self.email) if p)
        return " · ".join(parts)


def contacts(deployment: Deployment) -> tuple[Contact, ...]:
    """The deployment's Safeguard Leads as contacts, in its order."""
    return tuple(
        Contact(lead.name, lead.titles, lead.phone, lead.email, is_deputy(lead)) for lead in deployment.safeguard_leads
    )
