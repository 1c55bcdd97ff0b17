"""Organisation, venue, website and attendee names, taken from the deployment and nothing else."""

from __future__ import annotations

import pytest

from bot.deployment import Deployment, Organisation, SafeguardLead
from bot.scanner import Scanner


@pytest.fixture(scope="module")
def leaps() -> Scanner:
    from bot.deployment import load_deployment
    from tests.conftest import FIXTURES

    return Scanner(load_deployment(FIXTURES / "deployment.yaml"))


@pytest.fixture(scope="module")
def other() -> Scanner:
    """A different organisation and roster, to check nothing is tied to the evaluation's names."""
    organisation = Organisation(
        name="Brightwater Youth Trust",
        aliases=("BYT", "Brightwater"),
        website="https://www.brightwater-youth.org/",
        venues=("The Old Forge", "Riverside Community Centre", "St Mary's Church Hall", "St Peter & St Paul Hall"),
    )
    roster = (
        "Sophie O'Neill",
        "Kai van der Berg",
        "Ella-Rose Patel",
        "Tomasz Nowak",
        "Aisha Rahman",
        "Mason Wright",
        "Will Turner",
        "Chloe Smith",
    )
    return Scanner(Deployment(organisation, (SafeguardLead("Lead", slack="U0"),), attendees=roster))


def kinds(scanner: Scanner, text: str) -> list[str]:
    return scanner.kinds(scanner.scan(text))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Great night at Brightwater Youth Trust", id="full-name"),
        pytest.param("brightwater youth trust rocks", id="lower-case"),
        pytest.param("Volunteering at BYT again", id="acronym"),
        pytest.param("Thanks to the B.Y.T crew", id="dotted-acronym"),
        pytest.param("#BrightwaterYouthTrust", id="hashtag"),
        pytest.param("Had fun with Brightwater tonight", id="one-word-alias-as-proper-noun"),
        pytest.param("Sign up at brightwater-youth.org/join", id="website-in-url"),
        pytest.param("mail jo@brightwater-youth.org", id="website-in-email"),
        pytest.param("See you at the old forge", id="venue-lower-case"),
        pytest.param("St. Mary's Church Hall car park", id="venue-dotted-abbreviation"),
        pytest.param("Saint Marys Church Hall", id="venue-saint-spelled-out"),
        pytest.param("Riversde Community Centre", id="venue-misspelt"),
        pytest.param("st peter & st paul hall", id="venue-with-ampersand"),
        pytest.param("brightwater youth trsut", id="name-misspelt"),
        pytest.param("#ILoveBrightwaterYouthTrust", id="name-inside-hashtag"),
        pytest.param("great night at brightwater", id="one-word-alias-lower-case-after-at"),
        pytest.param("thanks brightwater and everyone who came", id="one-word-alias-before-and-a-clause"),
        pytest.param("the brightwater team were ace", id="one-word-alias-before-team"),
        pytest.param("Riverside Community Ctr", id="venue-abbreviated"),
        pytest.param("see you at St Mary's tonight", id="saint-venue-shortened"),
        pytest.param("#BrightwaterLife", id="one-word-alias-in-camel-case-hashtag"),
    ],
)
def test_other_organisation_is_found(other: Scanner, text: str):
    """Another deployment's organisation, aliases, website and venues are found the same ways."""
    assert "organisation" in kinds(other, text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("the brightwater was lovely", id="one-word-alias-as-ordinary-word"),
        pytest.param("Brightwater is a lovely word", id="sentence-start-ambiguous"),
        pytest.param("visit brightwater-fans.example.org/youth", id="other-website"),
        pytest.param("The forge was hot", id="part-of-venue"),
        pytest.param("The blacksmith's old forge is a museum", id="venue-words-as-a-common-noun"),
        pytest.param("we grew with brightwater and bounds", id="one-word-alias-in-an-idiom"),
    ],
)
def test_other_organisation_quiet(other: Scanner, text: str):
    """A one-word alias used as an ordinary word, or part of a venue's name, is not the organisation."""
    assert "organisation" not in kinds(other, text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Sophie O'Neill was great", id="apostrophe-name"),
        pytest.param("sophie oneill", id="apostrophe-dropped"),
        pytest.param("O'Neill, Sophie - pick up at 5", id="surname-first"),
        pytest.param("Kai Van Der Berg did well", id="surname-particles"),
        pytest.param("Ella Rose Patel", id="hyphen-as-space"),
        pytest.param("EllaRose Patel", id="hyphen-dropped"),
        pytest.param("Ella-Rose P was a star", id="double-first-name-initial"),
        pytest.param("@ella.rose.patel", id="handle"),
        pytest.param("Tomasz Nowack", id="surname-misspelt"),
        pytest.param("Aishah Rahman", id="first-name-misspelt"),
        pytest.param("Rahman, Aisha", id="surname-first-comma"),
        pytest.param("Mason W is back", id="initial"),
        pytest.param("С\u200bһ\u200bl\u200bо\u200bе Smith", id="cyrillic-and-zero-width"),
        pytest.param("#ChloeSmith", id="hashtag"),
        pytest.param("Chloe Smith’s mum", id="curly-possessive"),
        pytest.param("#TeamChloeSmith", id="inside-hashtag"),
        pytest.param("@chloesmiht", id="misspelt-handle"),
        pytest.param("Chlo-e Sm.ith", id="split-inside-words"),
        pytest.param("Kai Berg", id="surname-without-particles"),
        pytest.param("Ki Berg was late", id="short-first-name-misspelt"),
        pytest.param("Kai Ber was late", id="short-surname-misspelt"),
        pytest.param("Ela-Rose Patel", id="double-first-name-misspelt"),
        pytest.param("Sophie O'N is here", id="surname-abbreviated"),
        pytest.param("sophie o'neill is here", id="all-lower-case"),
        pytest.param("follow chloesmith_07 on insta", id="name-run-together-in-a-username"),
    ],
)
def test_other_roster_is_found(other: Scanner, text: str):
    """Another roster's names are found in every form a careless or deliberate poster uses."""
    assert kinds(other, text) == ["attendee"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Will Smith film night", id="two-roster-words-two-people"),
        pytest.param("I will turn her round", id="ordinary-words"),
        pytest.param("Mason is here", id="first-name-alone"),
        pytest.param("mason w is back", id="initial-must-be-capital"),
        pytest.param("Chloe, Smith and the rest", id="comma-separated-list"),
        pytest.param("Sophie's mum is lovely", id="possessive-first-name"),
        pytest.param("Aisha Rahmanova", id="too-different"),
        pytest.param("#smithsonian #chloesworld", id="hashtags-of-other-things"),
        pytest.param("When will Turner's van be back?", id="lower-case-word-before-a-surname"),
        pytest.param("Mr Turner will open up", id="surname-then-lower-case-word"),
        pytest.param("Ask the smith, Chloe said", id="lower-case-word-comma-first-name"),
        pytest.param("The market on Chloe Smith Road reopens", id="street-named-after-someone"),
        pytest.param("we asked the smiht, Chloe said", id="lower-case-misspelt-word-comma-first-name"),
    ],
)
def test_other_roster_quiet(other: Scanner, text: str):
    """First names alone, ordinary words and lists are not attendees."""
    assert "attendee" not in kinds(other, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Another great night at LEAPS", ["organisation"], id="acronym-caps"),
        pytest.param("#TeamLeaps #LEAPSfamily", ["organisation"], id="acronym-word-in-hashtag"),
        pytest.param("#leapsfamily", ["organisation"], id="acronym-with-tag-word-lower-case"),
        pytest.param("#QuantumLeaps #leapsandbounds", [], id="acronym-as-ordinary-word-in-hashtag"),
        pytest.param("the leaps team are amazing", ["organisation"], id="acronym-lower-case-before-team"),
        pytest.param("quantum leaps in science", [], id="acronym-as-ordinary-noun"),
        pytest.param("Attendance has gone up in leaps and bounds", [], id="verb"),
        pytest.param("LEAPS AND BOUNDS THIS TERM", [], id="shouted-verb"),
        pytest.param("Anyone know a caterer in Suffolk?", [], id="county-alone"),
        pytest.param("Whitaker, Noah - medication at 7pm", ["attendee"], id="surname-first"),
        pytest.param("Noah a lot better now", [], id="lower-case-a"),
        pytest.param("So proud of Reuben A this week", ["attendee"], id="capital-initial"),
        pytest.param("Freya I think was off", [], id="pronoun-i-is-not-an-initial"),
        pytest.param("Amelia Earhart flew solo", [], id="famous-namesake"),
        pytest.param("Jayden, Moss and the rest", [], id="list"),
        pytest.param("Lily Mae Carter is moving", ["attendee"], id="hyphen-spaced"),
    ],
)
def test_fixture_deployment(leaps: Scanner, text: str, expected: list[str]):
    """The evaluation deployment's tricky cases, written differently from the development set."""
    assert kinds(leaps, text) == expected


def test_roster_of_one_word_is_ignored():
    """A roster entry with only a first name cannot be told from the ordinary word, so it is not matched."""
    scanner = Scanner(Deployment(Organisation("Acme Club"), (SafeguardLead("L"),), attendees=("Grace",)))
    assert scanner.scan("Grace was here") == []


def test_middle_names_are_optional():
    """A roster name with a middle name is also found without it, and with the first name only plus initial."""
    scanner = Scanner(Deployment(Organisation("Acme Club"), (SafeguardLead("L"),), attendees=("Amelia Rose Hart",)))
    for text in ("Amelia Rose Hart", "Amelia Hart is here", "Hart, Amelia", "Amelia H did well"):
        assert kinds(scanner, text) == ["attendee"], text


def test_name_run_together_surname_first_counts_only_as_a_tag_or_in_camel_case():
    """A roster name run into one word, surname first, is a name as a tag or in camel case, not an ordinary word."""
    scanner = Scanner(Deployment(Organisation("Acme Club"), (SafeguardLead("L"),), attendees=("Jack Black",)))
    assert kinds(scanner, "Blackjack night for the parents") == []
    for text in ("#jackblack did well", "JackBlack did well", "@blackjack did well", "BlackJack did well"):
        assert kinds(scanner, text) == ["attendee"], text
    assert kinds(scanner, "follow jackblack on tiktok") == ["attendee"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("great night at spring", ["organisation"], id="after-at"),
        pytest.param("at spring tonight", ["organisation"], id="after-at-before-tonight"),
        pytest.param("volunteering for spring", ["organisation"], id="for-after-a-verb-that-takes-an-organisation"),
        pytest.param("part of the spring family", ["organisation"], id="the-name-family"),
        pytest.param("Can't wait for Spring", [], id="for-the-season"),
        pytest.param("from spring onwards we open later", [], id="from-the-season"),
        pytest.param("helping kids to spring into action", [], id="to-before-a-verb"),
        pytest.param("with spring flowers", [], id="with-a-noun-phrase-going-on"),
        pytest.param("spring sessions start monday", [], id="the-word-before-a-noun"),
    ],
)
def test_one_word_alias_that_is_a_common_word(text: str, expected: list[str]):
    """A capitals-only alias that is a common word is the organisation in lower case only where only a name fits."""
    scanner = Scanner(Deployment(Organisation("SPRING Youth", aliases=("SPRING",)), (SafeguardLead("L"),)))
    assert kinds(scanner, text) == expected


def test_two_letter_word_is_not_a_misspelt_short_first_name():
    """A capitalised two-letter word before a roster surname is not a misspelt three-letter first name."""
    scanner = Scanner(Deployment(Organisation("Acme Club"), (SafeguardLead("L"),), attendees=("Ian Smith",)))
    assert kinds(scanner, "In Smith's view it went well") == []
    assert kinds(scanner, "Ia Smith did well") == ["attendee"]


def test_saint_venue_is_shortened_only_when_possessive():
    """A venue "St Mary's Church Hall" is also "St Mary's", but "St Ives Methodist Hall" is not "St Ives", a town."""
    org = Organisation("Acme Club", venues=("St Mary's Church Hall", "St Ives Methodist Hall"))
    scanner = Scanner(Deployment(org, (SafeguardLead("L"),)))
    assert kinds(scanner, "the church hall at St Mary's") == ["organisation"]
    assert kinds(scanner, "St Ives was heaving with tourists") == []
    assert kinds(scanner, "st ives methodist hall is booked") == ["organisation"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("tomasz nowack said thanks for the lift", ["attendee"], id="all-lower-surname-misspelt"),
        pytest.param("mason wrigth forgot his bag again", ["attendee"], id="all-lower-transposed"),
        pytest.param("We hope tomasz nowack is ok", [], id="capitals-elsewhere-lower-misspelling-quiet"),
        pytest.param("mason wrote the rota", [], id="all-lower-first-name-and-ordinary-word"),
    ],
)
def test_writers_who_never_use_capitals(other: Scanner, text: str, expected: list[str]) -> None:
    """A post with no capital letter anywhere still names someone when the surname is slightly misspelt."""
    assert other.kinds(other.scan(text)) == expected
