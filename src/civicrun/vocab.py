"""Every vocabulary civicrun uses, with its normaliser and its display labels.

A leaf module: it imports nothing of civicrun but the text folding in ``_text`` (itself a
leaf), and every other module takes its vocabularies from here, so data flows one way.

* Each vocabulary is a ``StrEnum`` whose values are exactly the strings written in
  the data files.
* :func:`parse` turns friendly input into a member: the value itself in any case and spacing
  (``"Pro Choice"``), or a synonym from the vocabulary's one synonym table (``"GOP"``).
* Display labels live in one table per vocabulary (:data:`PARTY_LABELS`,
  :data:`GENDER_LABELS` ...), used by every module that writes text.

>>> parse(Party, "GOP")
<Party.REPUBLICAN: 'republican'>
>>> parse(Stance, "2A")
<Stance.GUN_RIGHTS: 'gun-rights'>
>>> parse(Party, "Whig") is None
True
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import NamedTuple, TypeVar

from ._text import fold

__all__ = [
    "BOOL_FIELDS",
    "BOOL_GROUP_LABELS",
    "BOOL_LABELS",
    "BOOL_WORDS",
    "CHAMBER_OFFICES",
    "COMMUNITY_LABELS",
    "DATE_FIELDS",
    "GENDER_GROUP_LABELS",
    "GENDER_LABELS",
    "HOW_TO_JOIN_NOTES",
    "INT_FIELDS",
    "ONE_OF_FIELDS",
    "OPEN_FIELDS",
    "PARTY_LABELS",
    "PROFESSION_LABELS",
    "QUALIFIED_OFFICE_CATEGORIES",
    "QUALIFIED_OFFICE_LABELS",
    "RACE_ETHNICITY_LABELS",
    "SYNONYMS",
    "BoolWords",
    "Chamber",
    "Community",
    "Confidence",
    "CountQualifier",
    "CountyKind",
    "CountyTerm",
    "ElectionAdministration",
    "Gender",
    "GovernmentKind",
    "HowToJoin",
    "Ideology",
    "LocalUnit",
    "MatchStatus",
    "OfficeLevel",
    "OrgKind",
    "OrgStatus",
    "Outcome",
    "Partisanship",
    "Party",
    "Profession",
    "ProfileField",
    "QualificationStatus",
    "QualifiedOffice",
    "RaceEthnicity",
    "RacePartisanship",
    "Role",
    "RuleKind",
    "Scope",
    "SourceKind",
    "Stance",
    "StateKind",
    "Support",
    "choices",
    "parse",
]

E = TypeVar("E", bound=StrEnum)


class Party(StrEnum):
    """A political party a person belongs to.

    Besides the national parties, the territories' own: Puerto Rico's New Progressive (PNP),
    Popular Democratic (PPD), Independence (PIP), Citizens' Victory (MVC) and Dignity Project
    parties, and the Virgin Islands' ICM.
    """

    DEMOCRATIC = "democratic"
    REPUBLICAN = "republican"
    LIBERTARIAN = "libertarian"
    GREEN = "green"
    NEW_PROGRESSIVE = "new-progressive"
    POPULAR_DEMOCRATIC = "popular-democratic"
    PUERTO_RICAN_INDEPENDENCE = "puerto-rican-independence"
    CITIZENS_VICTORY = "citizens-victory"
    DIGNITY_PROJECT = "dignity-project"
    INDEPENDENT_CITIZENS_MOVEMENT = "independent-citizens-movement"
    INDEPENDENT = "independent"
    OTHER = "other"


class Gender(StrEnum):
    """A person's gender."""

    WOMAN = "woman"
    MAN = "man"
    NONBINARY = "nonbinary"


class RaceEthnicity(StrEnum):
    """Race and ethnicity categories a person may identify with (any number of them)."""

    BLACK = "black"
    LATINO = "latino"
    ASIAN_AMERICAN = "asian-american"
    PACIFIC_ISLANDER = "pacific-islander"
    NATIVE_AMERICAN = "native-american"
    ALASKA_NATIVE = "alaska-native"
    NATIVE_HAWAIIAN = "native-hawaiian"
    MIDDLE_EASTERN_NORTH_AFRICAN = "middle-eastern-north-african"
    WHITE = "white"


class Ideology(StrEnum):
    """A self-described political leaning."""

    PROGRESSIVE = "progressive"
    LIBERAL = "liberal"
    MODERATE = "moderate"
    CONSERVATIVE = "conservative"
    LIBERTARIAN = "libertarian"


class Stance(StrEnum):
    """A position on a contested issue that groups select candidates by.

    Each stance has an :attr:`opposite`. A profile lists the stances a person holds; a stance
    not listed is unknown, never a "no".

    >>> Stance.PRO_LIFE.opposite
    <Stance.PRO_CHOICE: 'pro-choice'>
    """

    PRO_CHOICE = "pro-choice"
    PRO_LIFE = "pro-life"
    GUN_SAFETY = "gun-safety"
    GUN_RIGHTS = "gun-rights"

    @property
    def opposite(self) -> Stance:
        """The contradicting stance (holding one rules out the other)."""
        return _STANCE_OPPOSITES[self]


_STANCE_OPPOSITES: dict[Stance, Stance] = {
    Stance.PRO_CHOICE: Stance.PRO_LIFE,
    Stance.PRO_LIFE: Stance.PRO_CHOICE,
    Stance.GUN_SAFETY: Stance.GUN_RIGHTS,
    Stance.GUN_RIGHTS: Stance.GUN_SAFETY,
}


class Community(StrEnum):
    """A community some groups exist for that no other profile field describes.

    A profile lists the communities a person belongs to; one not listed is unknown, never a
    "no", so a group aimed at a community is ``possible`` for anyone who does not say.
    """

    MUSLIM = "muslim"
    DISABILITY = "disability"


class Profession(StrEnum):
    """A line of work some groups recruit candidates from.

    Read open-world like :class:`Community`: a profession the profile does not list is
    unknown, never a "no".
    """

    STEM = "stem"
    HEALTH_CARE = "health-care"
    EDUCATOR = "educator"
    AGRICULTURE = "agriculture"


class SourceKind(StrEnum):
    """What kind of page a source is."""

    OWN_SITE = "own-site"
    GOVERNMENT = "government"
    PRESS = "press"
    REFERENCE = "reference"
    OTHER = "other"


class OfficeLevel(StrEnum):
    """The level of government of an office."""

    LOCAL = "local"
    STATE = "state"
    FEDERAL = "federal"


class Support(StrEnum):
    """A kind of help an organization gives."""

    ONLINE_TRAINING = "online-training"
    IN_PERSON_TRAINING = "in-person-training"
    FELLOWSHIP = "fellowship"
    ENDORSEMENT = "endorsement"
    MONEY = "money"
    VOLUNTEERS = "volunteers"
    NETWORK = "network"
    MENTORSHIP = "mentorship"
    STAFF_TRAINING = "staff-training"
    RESOURCES = "resources"


class Partisanship(StrEnum):
    """Where an organization stands between the parties."""

    DEMOCRATIC = "democratic"
    REPUBLICAN = "republican"
    LIBERTARIAN = "libertarian"
    GREEN = "green"
    NEW_PROGRESSIVE = "new-progressive"
    POPULAR_DEMOCRATIC = "popular-democratic"
    PUERTO_RICAN_INDEPENDENCE = "puerto-rican-independence"
    CITIZENS_VICTORY = "citizens-victory"
    DIGNITY_PROJECT = "dignity-project"
    INDEPENDENT_CITIZENS_MOVEMENT = "independent-citizens-movement"
    PROGRESSIVE = "progressive"
    CONSERVATIVE = "conservative"
    NONPARTISAN = "nonpartisan"
    CROSS_PARTISAN = "cross-partisan"


class Role(StrEnum):
    """Whom a group's programs are for: people running, or the people who staff campaigns."""

    CANDIDATES = "candidates"
    STAFF = "staff"


class HowToJoin(StrEnum):
    """How a person gets an organization's help."""

    APPLY = "apply"
    NOMINATED = "nominated"
    ENDORSEMENT = "endorsement"
    MEMBERSHIP = "membership"
    OPEN = "open"


class OrgStatus(StrEnum):
    """Whether an organization is still operating."""

    ACTIVE = "active"
    INACTIVE = "inactive"
    DEFUNCT = "defunct"
    UNKNOWN = "unknown"


class Confidence(StrEnum):
    """How sure a record is overall, given its sources."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class OrgKind(StrEnum):
    """What sort of organization a record describes."""

    NATIONAL_GROUP = "national-group"
    NATIONAL_PARTY = "national-party"
    STATE_PARTY = "state-party"
    STATE_PROGRAM = "state-program"
    LOCAL_PARTY = "local-party"


class Scope(StrEnum):
    """Geographic scope of an organization."""

    NATIONAL = "national"
    STATES = "states"
    COUNTIES = "counties"


class ProfileField(StrEnum):
    """The profile fields that eligibility conditions can test, and the places (``state``,
    ``county``, ``town``) that coverage is checked against."""

    PARTY = "party"
    GENDER = "gender"
    AGE = "age"
    BIRTH_DATE = "birth_date"
    RACE_ETHNICITY = "race_ethnicity"
    LGBTQ = "lgbtq"
    VETERAN = "veteran"
    NATIONAL_SERVICE = "national_service"
    IMMIGRANT_GENERATION = "immigrant_generation"
    PARENT_OF_MINOR = "parent_of_minor"
    UNION_MEMBER = "union_member"
    STUDENT = "student"
    STANCES = "stances"
    COMMUNITIES = "communities"
    PROFESSIONS = "professions"
    IDEOLOGY = "ideology"
    OFFICE_LEVEL = "office_level"
    PRIOR_RUNS = "prior_runs"
    STATE = "state"
    COUNTY = "county"
    TOWN = "town"


class CountyTerm(StrEnum):
    """What a state calls its county-equivalents."""

    COUNTY = "county"
    PARISH = "parish"
    BOROUGH = "borough"
    DISTRICT = "district"
    PLANNING_REGION = "planning-region"
    MUNICIPIO = "municipio"
    ISLAND = "island"
    MUNICIPALITY = "municipality"


class StateKind(StrEnum):
    """What sort of jurisdiction a state record is: one of the 50 states, the District of
    Columbia, or an inhabited territory."""

    STATE = "state"
    DISTRICT = "district"
    TERRITORY = "territory"


class ElectionAdministration(StrEnum):
    """Who runs elections locally in a state."""

    COUNTY = "county"
    MUNICIPAL = "municipal"
    STATE = "state"
    MIXED = "mixed"
    UNKNOWN = "unknown"


class LocalUnit(StrEnum):
    """The unit a party organizes by locally."""

    COUNTY = "county"
    PARISH = "parish"
    TOWN = "town"
    CITY_AND_TOWN = "city-and-town"
    WARD = "ward"
    LEGISLATIVE_DISTRICT = "legislative-district"
    HOUSE_DISTRICT = "house-district"
    ORGANIZING_UNIT = "organizing-unit"
    COUNTY_AND_LEGISLATIVE_DISTRICT = "county-and-legislative-district"
    MUNICIPIO = "municipio"
    TERRITORY = "territory"
    UNKNOWN = "unknown"


class RacePartisanship(StrEnum):
    """Whether races for a kind of office usually carry party labels."""

    USUALLY_PARTISAN = "usually-partisan"
    USUALLY_NONPARTISAN = "usually-nonpartisan"
    VARIES = "varies"


class CountQualifier(StrEnum):
    """How exact a published count is."""

    EXACTLY = "exactly"
    ABOUT = "about"
    MORE_THAN = "more-than"
    AT_LEAST = "at-least"


class Chamber(StrEnum):
    """A chamber of a state legislature (Nebraska's single chamber is recorded as senate)."""

    SENATE = "senate"
    HOUSE = "house"


class QualifiedOffice(StrEnum):
    """An office whose qualifications a state record lists (see
    :class:`~civicrun.records.Qualification`)."""

    US_HOUSE = "us-house"
    US_SENATE = "us-senate"
    GOVERNOR = "governor"
    STATE_SENATE = "state-senate"
    STATE_HOUSE = "state-house"
    COUNTY_COMMISSION = "county-commission"
    MAYOR = "mayor"
    SCHOOL_BOARD = "school-board"


#: The office category each qualified office belongs to (a category id of
#: ``data/offices``): a state's legislature has two chambers, the governor is one of the
#: statewide executives.
QUALIFIED_OFFICE_CATEGORIES: Mapping[QualifiedOffice, str] = {
    QualifiedOffice.US_HOUSE: "us-house",
    QualifiedOffice.US_SENATE: "us-senate",
    QualifiedOffice.GOVERNOR: "statewide-executive",
    QualifiedOffice.STATE_SENATE: "state-legislature",
    QualifiedOffice.STATE_HOUSE: "state-legislature",
    QualifiedOffice.COUNTY_COMMISSION: "county-commission",
    QualifiedOffice.MAYOR: "mayor",
    QualifiedOffice.SCHOOL_BOARD: "school-board",
}

#: Each qualified office's name in a sentence.
QUALIFIED_OFFICE_LABELS: Mapping[QualifiedOffice, str] = {
    QualifiedOffice.US_HOUSE: "U.S. House",
    QualifiedOffice.US_SENATE: "U.S. Senate",
    QualifiedOffice.GOVERNOR: "Governor",
    QualifiedOffice.STATE_SENATE: "State senate",
    QualifiedOffice.STATE_HOUSE: "State house or assembly",
    QualifiedOffice.COUNTY_COMMISSION: "County commission",
    QualifiedOffice.MAYOR: "Mayor",
    QualifiedOffice.SCHOOL_BOARD: "School board",
}

#: The qualified office of each legislative chamber (Nebraska's single chamber is a senate).
CHAMBER_OFFICES: Mapping[Chamber, QualifiedOffice] = {
    Chamber.SENATE: QualifiedOffice.STATE_SENATE,
    Chamber.HOUSE: QualifiedOffice.STATE_HOUSE,
}


class QualificationStatus(StrEnum):
    """Whether a person meets an office's published qualifications where they live.

    ``meets``: every qualification recorded for the office (for one of its offices, such as a
    legislature's two chambers) holds for the profile. ``does-not-meet``: a recorded
    qualification fails for every one of them (too young, say). ``unknown``: nothing fails
    but something is not known: a fact the profile leaves out (its age), one civicrun does not
    ask (citizenship, years of residence, voter registration), or qualifications not recorded
    yet. A fact that is not known is never a "does not meet".
    """

    MEETS = "meets"
    DOES_NOT_MEET = "does-not-meet"
    UNKNOWN = "unknown"


class GovernmentKind(StrEnum):
    """A kind of local government the Census of Governments counts."""

    COUNTY = "county"
    MUNICIPAL = "municipal"
    TOWNSHIP = "township"
    SPECIAL_DISTRICT = "special-district"
    SCHOOL_DISTRICT = "school-district"


class MatchStatus(StrEnum):
    """How a profile stands with one organization.

    ``eligible``: every requirement and audience rule holds. ``possible``: nothing fails, but
    some rules turn on facts the profile leaves unknown. ``outside-audience``: no requirement
    fails, but the profile is known to be outside the audience the group says it serves.
    ``ineligible``: a published requirement fails (or the group no longer runs programs).
    """

    ELIGIBLE = "eligible"
    POSSIBLE = "possible"
    OUTSIDE_AUDIENCE = "outside-audience"
    INELIGIBLE = "ineligible"


class RuleKind(StrEnum):
    """What a reason in a :class:`~civicrun.Match` is about.

    ``requirement``, ``audience`` and ``priority`` are the three kinds of rule a record writes;
    ``coverage`` (the states a group works in), ``office-level``, ``role`` (candidates or
    staff), ``status`` (active or not) and ``how-to-join`` are checked for every group alike.
    """

    REQUIREMENT = "requirement"
    AUDIENCE = "audience"
    PRIORITY = "priority"
    COVERAGE = "coverage"
    OFFICE_LEVEL = "office-level"
    ROLE = "role"
    STATUS = "status"
    HOW_TO_JOIN = "how-to-join"


class Outcome(StrEnum):
    """How one rule came out for one profile; ``note`` marks a caveat, not a test."""

    MET = "met"
    FAILED = "failed"
    UNKNOWN = "unknown"
    NOTE = "note"


#: Which profile fields accept a ``one_of`` test, and the values allowed in it.
ONE_OF_FIELDS: dict[ProfileField, type[StrEnum]] = {
    ProfileField.PARTY: Party,
    ProfileField.GENDER: Gender,
    ProfileField.RACE_ETHNICITY: RaceEthnicity,
    ProfileField.IDEOLOGY: Ideology,
    ProfileField.OFFICE_LEVEL: OfficeLevel,
    ProfileField.STANCES: Stance,
    ProfileField.COMMUNITIES: Community,
    ProfileField.PROFESSIONS: Profession,
}
#: Set fields read open-world (a value the profile does not list is unknown, not a "no").
OPEN_FIELDS = frozenset({ProfileField.STANCES, ProfileField.COMMUNITIES, ProfileField.PROFESSIONS})
INT_FIELDS = frozenset(
    {ProfileField.AGE, ProfileField.PRIOR_RUNS, ProfileField.IMMIGRANT_GENERATION}
)
DATE_FIELDS = frozenset({ProfileField.BIRTH_DATE})


class CountyKind(StrEnum):
    """What sort of county-equivalent a county record is."""

    COUNTY = "county"
    PARISH = "parish"
    BOROUGH = "borough"
    CENSUS_AREA = "census-area"
    CITY_AND_BOROUGH = "city-and-borough"
    MUNICIPALITY = "municipality"
    INDEPENDENT_CITY = "independent-city"
    PLANNING_REGION = "planning-region"
    DISTRICT = "district"
    MUNICIPIO = "municipio"
    ISLAND = "island"


# --- synonyms: one table per vocabulary, keyed by folded text -----------------------------

#: Friendly words accepted for each vocabulary, besides its own values (compared folded).
SYNONYMS: Mapping[type[StrEnum], Mapping[str, StrEnum]] = {
    Party: {
        "democrat": Party.DEMOCRATIC,
        "democrats": Party.DEMOCRATIC,
        "dem": Party.DEMOCRATIC,
        "dems": Party.DEMOCRATIC,
        "d": Party.DEMOCRATIC,
        "dfl": Party.DEMOCRATIC,
        "democratic farmer labor": Party.DEMOCRATIC,
        "democratic npl": Party.DEMOCRATIC,
        "dem npl": Party.DEMOCRATIC,
        "republicans": Party.REPUBLICAN,
        "rep": Party.REPUBLICAN,
        "repub": Party.REPUBLICAN,
        "r": Party.REPUBLICAN,
        "gop": Party.REPUBLICAN,
        "libertarians": Party.LIBERTARIAN,
        "lib": Party.LIBERTARIAN,
        "l": Party.LIBERTARIAN,
        "lp": Party.LIBERTARIAN,
        "greens": Party.GREEN,
        "g": Party.GREEN,
        "pnp": Party.NEW_PROGRESSIVE,
        "ppd": Party.POPULAR_DEMOCRATIC,
        "pip": Party.PUERTO_RICAN_INDEPENDENCE,
        "mvc": Party.CITIZENS_VICTORY,
        "icm": Party.INDEPENDENT_CITIZENS_MOVEMENT,
        "ind": Party.INDEPENDENT,
        "i": Party.INDEPENDENT,
        "unaffiliated": Party.INDEPENDENT,
        "no party": Party.INDEPENDENT,
        "no party preference": Party.INDEPENDENT,
        "none": Party.INDEPENDENT,
        "decline to state": Party.INDEPENDENT,
    },
    Gender: {
        "women": Gender.WOMAN,
        "female": Gender.WOMAN,
        "f": Gender.WOMAN,
        "w": Gender.WOMAN,
        "men": Gender.MAN,
        "male": Gender.MAN,
        "m": Gender.MAN,
        "non binary": Gender.NONBINARY,
        "nb": Gender.NONBINARY,
        "enby": Gender.NONBINARY,
    },
    RaceEthnicity: {
        "african american": RaceEthnicity.BLACK,
        "hispanic": RaceEthnicity.LATINO,
        "latina": RaceEthnicity.LATINO,
        "latinx": RaceEthnicity.LATINO,
        "latine": RaceEthnicity.LATINO,
        "asian": RaceEthnicity.ASIAN_AMERICAN,
        "mena": RaceEthnicity.MIDDLE_EASTERN_NORTH_AFRICAN,
        # Labels as forms word them (folded: "Hispanic/Latino" is "hispanic latino").
        "black or african american": RaceEthnicity.BLACK,
        "black african american": RaceEthnicity.BLACK,
        "african american black": RaceEthnicity.BLACK,
        "hispanic latino": RaceEthnicity.LATINO,
        "hispanic or latino": RaceEthnicity.LATINO,
        "hispanic latina": RaceEthnicity.LATINO,
        "hispanic latinx": RaceEthnicity.LATINO,
        "hispanic latine": RaceEthnicity.LATINO,
        "latino hispanic": RaceEthnicity.LATINO,
        "latino or hispanic": RaceEthnicity.LATINO,
        "latina hispanic": RaceEthnicity.LATINO,
        "latinx hispanic": RaceEthnicity.LATINO,
        "latino a": RaceEthnicity.LATINO,
        "latina o": RaceEthnicity.LATINO,
        "latino a x": RaceEthnicity.LATINO,
        "latina o x": RaceEthnicity.LATINO,
        "latino a e": RaceEthnicity.LATINO,
        "latina o e": RaceEthnicity.LATINO,
        "asian or asian american": RaceEthnicity.ASIAN_AMERICAN,
        "middle eastern or north african": RaceEthnicity.MIDDLE_EASTERN_NORTH_AFRICAN,
        "american indian": RaceEthnicity.NATIVE_AMERICAN,
    },
    Stance: {
        "prochoice": Stance.PRO_CHOICE,
        "abortion rights": Stance.PRO_CHOICE,
        "reproductive rights": Stance.PRO_CHOICE,
        "prolife": Stance.PRO_LIFE,
        "anti abortion": Stance.PRO_LIFE,
        "gun control": Stance.GUN_SAFETY,
        "gun violence prevention": Stance.GUN_SAFETY,
        "second amendment": Stance.GUN_RIGHTS,
        "2a": Stance.GUN_RIGHTS,
        "pro gun": Stance.GUN_RIGHTS,
    },
    Community: {
        "muslim american": Community.MUSLIM,
        "american muslim": Community.MUSLIM,
    },
    Ideology: {"centrist": Ideology.MODERATE},
    OfficeLevel: {"national": OfficeLevel.FEDERAL},
}


def parse(vocabulary: type[E], value: object) -> E | None:
    """The member of ``vocabulary`` that ``value`` names, or None if it names none.

    Accepts a member, its value in any case, spacing or punctuation, a synonym from
    :data:`SYNONYMS`, and (for parties) a trailing "party": ``"Green Party"``.
    """
    if isinstance(value, vocabulary):
        return value
    if not isinstance(value, str):
        return None
    key = fold(value)
    synonyms = SYNONYMS.get(vocabulary, {})
    for candidate in (key, key.removesuffix(" party")):
        for member in vocabulary:
            if candidate == fold(member.value):
                return member
        found = synonyms.get(candidate)
        if found is not None:
            return found  # type: ignore[return-value]  # the table's values are members
    return None


def choices(vocabulary: type[StrEnum]) -> str:
    """``"one of a, b, c"``: the values of ``vocabulary``, for messages."""
    return "one of " + ", ".join(m.value for m in vocabulary)


# --- display labels: one table per vocabulary --------------------------------------------

#: A party as an adjective ("Democratic candidates", "the Green party").
PARTY_LABELS: Mapping[Party, str] = {
    Party.DEMOCRATIC: "Democratic",
    Party.REPUBLICAN: "Republican",
    Party.LIBERTARIAN: "Libertarian",
    Party.GREEN: "Green",
    Party.NEW_PROGRESSIVE: "New Progressive",
    Party.POPULAR_DEMOCRATIC: "Popular Democratic",
    Party.PUERTO_RICAN_INDEPENDENCE: "Puerto Rican Independence",
    Party.CITIZENS_VICTORY: "Citizens' Victory",
    Party.DIGNITY_PROJECT: "Dignity Project",
    Party.INDEPENDENT_CITIZENS_MOVEMENT: "Independent Citizens Movement",
    Party.INDEPENDENT: "independent",
    Party.OTHER: "other-party",
}
#: A gender, said of one person ("a woman").
GENDER_LABELS: Mapping[Gender, str] = {
    Gender.WOMAN: "a woman",
    Gender.MAN: "a man",
    Gender.NONBINARY: "nonbinary",
}
#: What each way of joining means for the person ("you may apply; the group selects ...").
HOW_TO_JOIN_NOTES: Mapping[HowToJoin, str] = {
    HowToJoin.APPLY: "you may apply; the group selects participants",
    HowToJoin.NOMINATED: "participation is by nomination, not open application",
    HowToJoin.ENDORSEMENT: "this is an endorsement process: you may seek its endorsement",
    HowToJoin.MEMBERSHIP: "open to members: you may join",
    HowToJoin.OPEN: "open to anyone who meets the criteria",
}
#: A gender, said of a group ("women").
GENDER_GROUP_LABELS: Mapping[Gender, str] = {
    Gender.WOMAN: "women",
    Gender.MAN: "men",
    Gender.NONBINARY: "nonbinary people",
}
#: A race or ethnicity as an adjective ("Black candidates").
RACE_ETHNICITY_LABELS: Mapping[RaceEthnicity, str] = {
    RaceEthnicity.BLACK: "Black",
    RaceEthnicity.LATINO: "Latino",
    RaceEthnicity.ASIAN_AMERICAN: "Asian American",
    RaceEthnicity.PACIFIC_ISLANDER: "Pacific Islander",
    RaceEthnicity.NATIVE_AMERICAN: "Native American",
    RaceEthnicity.ALASKA_NATIVE: "Alaska Native",
    RaceEthnicity.NATIVE_HAWAIIAN: "Native Hawaiian",
    RaceEthnicity.MIDDLE_EASTERN_NORTH_AFRICAN: "Middle Eastern or North African",
    RaceEthnicity.WHITE: "white",
}
#: A community as an adjective ("Muslim American candidates").
COMMUNITY_LABELS: Mapping[Community, str] = {
    Community.MUSLIM: "Muslim American",
    Community.DISABILITY: "disability",
}
#: A profession as a noun for the people in it ("scientists, engineers and others in STEM").
PROFESSION_LABELS: Mapping[Profession, str] = {
    Profession.STEM: "people in science, technology, engineering or math",
    Profession.HEALTH_CARE: "health-care workers",
    Profession.EDUCATOR: "educators",
    Profession.AGRICULTURE: "people in farming and agriculture",
}


class BoolWords(NamedTuple):
    """How a yes/no fact reads: of one person, and of a group, when true and when false."""

    person_yes: str
    person_no: str
    group_yes: str
    group_no: str


#: Every yes/no profile field and its words, in one place. A new yes/no field is its
#: ``Profile`` attribute, its ``ProfileField`` member and one entry here; ``BOOL_FIELDS``,
#: ``BOOL_LABELS`` and ``BOOL_GROUP_LABELS`` are read from it.
BOOL_WORDS: Mapping[ProfileField, BoolWords] = {
    ProfileField.LGBTQ: BoolWords(
        "LGBTQ+", "not LGBTQ+", "LGBTQ+ candidates", "candidates who are not LGBTQ+"
    ),
    ProfileField.VETERAN: BoolWords(
        "a military veteran", "not a veteran", "military veterans", "people who are not veterans"
    ),
    ProfileField.NATIONAL_SERVICE: BoolWords(
        "a national-service alum (such as AmeriCorps or the Peace Corps)",
        "not a national-service alum",
        "national-service alums",
        "people without national service",
    ),
    ProfileField.PARENT_OF_MINOR: BoolWords(
        "a parent of a child under 18",
        "not a parent of a minor",
        "parents of children under 18",
        "people without minor children",
    ),
    ProfileField.UNION_MEMBER: BoolWords(
        "a union member", "not a union member", "union members", "people who are not union members"
    ),
    ProfileField.STUDENT: BoolWords(
        "a college or university student",
        "not a college student",
        "college students",
        "people who are not college students",
    ),
}
#: Profile fields answered yes or no.
BOOL_FIELDS = frozenset(BOOL_WORDS)
#: A yes/no fact said of one person, as (when true, when false).
BOOL_LABELS: Mapping[ProfileField, tuple[str, str]] = {
    field: (words.person_yes, words.person_no) for field, words in BOOL_WORDS.items()
}
#: A yes/no fact said of a group, as (when true, when false).
BOOL_GROUP_LABELS: Mapping[ProfileField, tuple[str, str]] = {
    field: (words.group_yes, words.group_no) for field, words in BOOL_WORDS.items()
}
