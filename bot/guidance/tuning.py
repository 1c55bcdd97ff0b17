"""Every number the matcher weighs with, in one place.

Changing one changes how every policy is matched, so they live together, each with why it has its
value; :class:`~bot.guidance.matcher.Matcher` takes a :class:`Tuning` (tests and experiments pass their
own). None of them names a policy, a clause or a word: those are data.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Tuning:
    # ---- whether a policy covers the question at all
    threshold: float = 40.0  # below this best score the question is "not covered"
    evidence: float = 0.34  # weight the best clause must share with the question, as a share of the top weight
    solo: float = 0.5  # when the best clause shares one word only, that word's weight as a share of the top weight
    central: float = 0.4  # a concept in at least this share of a policy's clauses is its subject: evidence of cover
    # ---- how a question's words weigh
    unknown_weight: float = 1.6  # a question word the knowledge has never seen
    off_topic_weight: float = 8.0  # a word no policy is about (wifi, rota, parking): it counts against
    lookup_weight: float = 12.0  # against every clause, for a look-up's form ("what's the manager's number")
    form_factor: float = 0.35  # "is X covered": the scope word weighs this much when X is a topic
    text_credit: float = 0.5  # a word found only in a curated clause's policy text counts half
    text_only_cap: float = 1.6  # a word only the policy text uses ("given", "whether") weighs no more than unknown
    asks_only: float = 0.5  # weight factor of a word found only in curated phrasings, not in terms or text
    # ---- how a clause's score is made
    weights: tuple[float, float, float] = (0.45, 0.40, 0.15)  # coverage, nearest phrasing, rapidfuzz
    candidates: int = 8  # clauses that get the (costlier) rapidfuzz comparison
    policies_worth_scoring: int = 4  # with more policies loaded, those a first look finds most to do with
    worth_scoring: int = 16  # clauses scored in full: the best by words, and the best by words and meaning
    relative_floor: float = 0.45  # further answers must score at least this share of the best
    #: a clause known by its text alone gains this share of 100 times the cosine between the question's meaning and
    #: its own (static word vectors): ranking by meaning as well as words. Whether a policy covers a question is
    #: still judged on words alone; meaning overlaps too much between in- and out-of-scope questions to decide it.
    meaning_weight: float = 0.5
    #: between policies, a policy is as strong as its best score in words plus this share of what meaning added to
    #: its first answer: enough to choose between two uncurated policies, too little to outrank a curated one
    meaning_between: float = 0.25
    #: a question word no clause uses, near in meaning to a word of a clause known by its text alone ("sacked",
    #: "dismissed"), is read as that word when their vectors' cosine reaches this, weighing that word's weight
    #: times the cosine times ``soft_credit`` (1 turns it off)
    soft_similarity: float = 0.6
    soft_credit: float = 1.0
    #: for a policy with clauses known by their text alone, whether it covers a question also weighs meaning: the
    #: question's cosine to the policy's nearest clause minus its cosine to the nearest shared topic the policy is
    #: not about (a topic is the policy's own when a clause is this close to it)
    topic_covered: float = 0.65
    meaning_veto: float = 0.0  # covered by words, but nearer a topic elsewhere than this: not covered
    #: ... and for a curated policy (its phrasings say what it covers), only when nearer that topic by more than this:
    #: "what's the pay rate for sessional workers" shares a word with a clause about job titles, but it is about pay
    curated_meaning_veto: float = -0.1
    words_decide: float = 60.0  # a first answer this strong in words alone is covered, whatever meaning says
    meaning_rescue: float = 0.2  # not covered by words, but nearer the policy than elsewhere by this: covered
    rescue_tokens: int = 2  # ... when the question says at least this many things (tokens that are not weak)
    # ---- whom and what a clause is about
    match_bonus: float = 0.12  # a clause that fits the question closes this share of its gap to 100
    mismatch_factor: float = 0.7  # a clause about somebody else keeps this share of its score
    kind_factor: float = 0.85  # a definition for a what-to-do question (or the reverse) keeps this share
    #: a message of at least this many words, with several sentences, is also matched sentence by sentence when
    #: the whole finds nothing
    long_message_words: int = 20
    part_tokens: int = 3  # a sentence answers for its message only when it says this many things (tokens)
    #: a question word the policy does not know is read as the phrase of the policy's text whose initials it is
    #: ("dsl", "h&s"), when it has at least this many letters (two letters only as typed with "&")
    acronym_length: int = 2
    acronym_rarity: float = 1e-5  # ... and is rarer in English than this ("dsl", "wfh"; not "pay", "air" or "fan")
    # ---- typos
    typo_similarity: float = 0.8  # one edit (or swap) in a word of six letters or more
    typo_min_length: int = 6  # shorter unknown words are corrected only when no English word and one known word is near
    typo_short_length: int = 4  # shorter still are never corrected
    typo_two_edits_length: int = 8  # a word this long that is no English word may be two edits from the one it means


DEFAULT = Tuning()
