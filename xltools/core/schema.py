"""The plan workbook declared once, as data: sheets, columns, labels (da/sv/en), value lists.

Everything else — templates, readers, validation, roll-up, the add-in — derives from
the declarations in this module. A column label is spelled here and nowhere else.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache, lru_cache
from typing import Literal, NamedTuple

Lang = Literal["da", "sv", "en"]
# An organisation's own words for schema things (from its settings), hashable so lookups built
# from them can be cached: ((column key or value code, (word, ...)), ...)
ExtraWords = tuple[tuple[str, tuple[str, ...]], ...]
LANGS: tuple[Lang, ...] = ("da", "sv", "en")
DEFAULT_LANG: Lang = "en"
TEMPLATE_VERSION = "1.0"


class ColumnType(StrEnum):
    """What a column holds; decides parsing, validation and template formatting."""

    ID = "id"
    TEXT = "text"
    PERSON = "person"
    DATE = "date"
    STATUS = "status"
    INVOLVEMENT = "involvement"
    YES_NO = "yes_no"
    YES_NO_PARTLY = "yes_no_partly"
    PRIORITY = "priority"
    REFERENCE = "reference"


class PlanKind(StrEnum):
    """The three plan sheets a department workbook holds."""

    ACTION = "action"
    ACTIVITY = "activity"
    COMMUNICATION = "communication"


@dataclass(frozen=True, slots=True)
class Labels:
    """One text in the three languages."""

    en: str
    da: str
    sv: str

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)

    def all(self) -> tuple[str, str, str]:
        return (self.en, self.da, self.sv)


@dataclass(frozen=True, slots=True)
class Choice:
    """One allowed value of a value list: a stable code, its labels and accepted synonyms."""

    code: str
    labels: Labels
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ValueList:
    """A closed (or, with ``open``, suggested) list of values for a drop-down."""

    key: str
    choices: tuple[Choice, ...]
    open: bool = False  # suggestions only: free text is allowed

    def labels(self, lang: str) -> list[str]:
        return [choice.labels[lang] for choice in self.choices]

    def label(self, code: str, lang: str) -> str:
        return next(c.labels[lang] for c in self.choices if c.code == code)

    def lookup(self, text: str, extra: ExtraWords = ()) -> str | None:
        """The code of ``text`` in any language or synonym, or None.

        Args:
            text: what the cell holds.
            extra: an organisation's own words, as (code, words) pairs (they win).
        """
        return _value_index(self.key, extra).get(normalize(text))

    def codes(self, extra: ExtraWords = ()) -> Mapping[str, str]:
        """Normalised text -> code: what ``lookup`` looks in, for a caller looking up many cells.

        Args:
            extra: an organisation's own words, as (code, words) pairs (they win).
        """
        return _value_index(self.key, extra)


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a plan sheet."""

    key: str
    type: ColumnType
    required: bool
    labels: Labels
    aliases: tuple[str, ...] = ()
    width: int = 18
    value_list: str | None = None  # key into VALUE_LISTS
    reference: PlanKind | None = None  # for REFERENCE columns: the sheet referred to

    def label(self, lang: str) -> str:
        return self.labels[lang]


@dataclass(frozen=True, slots=True)
class SheetSchema:
    """A plan sheet: its titles and its columns, in template order."""

    kind: PlanKind
    titles: Labels
    title_aliases: tuple[str, ...]
    columns: tuple[Column, ...]
    table_names: Labels  # Excel table names (no spaces)
    deadline_key: str = "deadline"
    # the field that says what an item is about, for lists HR sends to owners
    summary_key: str = "topic"
    follow_up_date_key: str | None = None

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)

    def title(self, lang: str) -> str:
        return self.titles[lang]


_MARKERS = re.compile(r"[*:]+")  # required markers, trailing colons
_SEPARATOR_SPACE = re.compile(r"\s*([/()\-])\s*")
_SPACES = re.compile(r"\s+")


def normalize(text: object) -> str:
    """Case-, accent-form- and whitespace-insensitive form of a header or value."""
    if isinstance(text, str):
        # Status words and headers repeat across thousands of rows and files: cache short ones.
        return _normalize_cached(text) if len(text) <= 80 else _normalize(text)
    return _normalize(str(text))


# Characters that show nothing but make two equal-looking headers differ: zero-width space,
# soft hyphen, byte-order mark (all met in text pasted from Word and PDF forms).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u00ad\ufeff"))


def _normalize(text: str) -> str:
    s = unicodedata.normalize("NFC", text).casefold().translate(_INVISIBLE)
    s = s.replace("\u00a0", " ").replace("_", " ")
    s = _MARKERS.sub(" ", s)
    s = _SEPARATOR_SPACE.sub(r"\1", s)
    return _SPACES.sub(" ", s).strip()


_normalize_cached = lru_cache(maxsize=16_384)(_normalize)


# --- words several declarations share (declared once) -----------------------------------------

ID = Labels("ID", "ID", "ID")
GOAL = Labels("Goal", "Mål", "Mål")
RESPONSIBLE = Labels("Responsible", "Ansvarlig", "Ansvarig")
START = Labels("Start", "Start", "Start")
STATUS = Labels("Status", "Status", "Status")
NOTES = Labels("Notes", "Bemærkninger", "Kommentarer")
DATE = Labels("Date", "Dato", "Datum")
VALUE = Labels("Value", "Værdi", "Värde")
_YES = Choice("yes", Labels("Yes", "Ja", "Ja"), ("y", "j", "true", "x"))
_NO = Choice("no", Labels("No", "Nej", "Nej"), ("n", "false", "nei"))

# --- value lists ---------------------------------------------------------------------------------

# Status words. Traffic-light (RAG) values — red/amber/green, rød/gul/grøn, röd/gul/grön — are
# deliberately not synonyms: they rate an item's health (on track, at risk, off track), not
# whether it is started or done, and some registers even paint finished items green. Read as
# a status they would be a guess, so they stay bad-value (docs/header-vocabulary.md).
VALUE_LISTS: dict[str, ValueList] = {
    vl.key: vl
    for vl in (
        ValueList(
            "status",
            (
                Choice(
                    "not_started",
                    Labels("Not started", "Ikke startet", "Ej påbörjad"),
                    ("not started yet", "ikke påbegyndt", "ej startad", "ikke begyndt",
                     "inte påbörjad", "ej påbörjat", "todo", "to do", "planned", "planlagt",
                     "planerad", "ny", "new", "ikke igangsat", "not begun"),
                ),
                Choice(
                    "in_progress",
                    Labels("In progress", "I gang", "Pågår"),
                    ("started", "ongoing", "in process", "igang", "i gang", "påbegyndt", "startet",
                     "i proces", "pågående", "påbörjad", "startad", "wip", "doing", "igangsat",
                     "under arbete"),
                ),
                Choice(
                    "done",
                    Labels("Done", "Gennemført", "Klar"),
                    ("completed", "complete", "finished", "closed", "afsluttet", "færdig",
                     "udført", "lukket", "slutförd", "avslutad", "genomförd", "färdig", "klart",
                     "ok", "løst", "åtgärdad", "åtgärdat", "genomfört", "implementeret",
                     "implementerad", "implemented"),
                ),
                Choice(
                    "postponed",
                    Labels("Postponed", "Udskudt", "Uppskjuten"),
                    ("on hold", "deferred", "delayed", "sat på pause", "pause", "paused", "udsat", "pausat",
                     "uppskjutet", "pausad", "vilande", "parkeret", "parkerad", "parked"),
                ),
                Choice(
                    "cancelled",
                    Labels("Cancelled", "Aflyst", "Avbruten"),
                    ("canceled", "dropped", "annulleret", "droppet", "opgivet", "stoppet",
                     "inställd", "avbrutet", "struken", "strøget", "udgået", "utgår", "withdrawn"),
                ),
            ),
        ),
        ValueList(
            "involvement",
            (
                Choice(
                    "active",
                    Labels("Actively involved", "Aktivt involveret", "Aktivt involverad"),
                    ("active", "involved", "aktiv", "involveret", "involverad", "deltager",
                     "delaktig"),
                ),
                Choice(
                    "consulted",
                    Labels("Consulted", "Høres", "Konsulteras"),
                    ("consult", "hørt", "høring", "høres", "tillfrågas", "konsulterad",
                     "samråd"),
                ),
                Choice(
                    "informed",
                    Labels("Kept informed", "Holdes informeret", "Hålls informerad"),
                    ("informed", "inform", "informeres", "orienteres", "informeras",
                     "information"),
                ),
            ),
        ),
        ValueList(
            "yes_no",
            (
                _YES,
                _NO,
            ),
        ),
        ValueList(
            "yes_no_partly",
            (
                _YES,
                _NO,
                Choice(
                    "partly",
                    Labels("Partly", "Delvist", "Delvis"),
                    ("partially", "somewhat", "til dels", "delvis", "delvist", "delvis ja"),
                ),
            ),
        ),
        ValueList(
            "priority",
            (
                Choice("high", Labels("High", "Høj", "Hög"), ("h", "1", "høj prioritet")),
                Choice("medium", Labels("Medium", "Middel", "Medel"),
                       ("m", "2", "mellem", "normal", "mellan", "med")),
                Choice("low", Labels("Low", "Lav", "Låg"), ("l", "3")),
            ),
        ),
        ValueList(
            "channel",
            (
                Choice("meeting", Labels("Meeting", "Møde", "Möte")),
                Choice("email", Labels("E-mail", "E-mail", "E-post")),
                Choice("intranet", Labels("Intranet", "Intranet", "Intranät")),
                Choice("newsletter", Labels("Newsletter", "Nyhedsbrev", "Nyhetsbrev")),
                Choice("workshop", Labels("Workshop", "Workshop", "Workshop")),
                Choice("staff_meeting", Labels("Staff meeting", "Personalemøde", "Arbetsplatsträff")),
            ),
            open=True,
        ),
    )
}

# The survey areas plans are about (SPEC 2.4): NFA's seven areas of the Danish psychosocial
# questionnaire and Prevent's nine areas of the Swedish OSA questionnaire, each named in all
# three languages, so a roll-up of Danish, Swedish and English plans groups one area once,
# in the summary's language. Areas both questionnaires share are one topic.


@dataclass(frozen=True, slots=True)
class Topic:
    """A survey area plans are about, in every language."""

    key: str
    labels: Labels
    aliases: tuple[str, ...] = ()


TOPICS: tuple[Topic, ...] = (
    Topic("organisation", Labels("Organisation of work", "Arbejdets organisering",
                                 "Arbetets organisering")),
    Topic("demands", Labels("Demands", "Krav", "Krav")),
    Topic("collaboration", Labels("Collaboration", "Samarbejde", "Samarbete")),
    Topic("management", Labels("Management", "Ledelse", "Ledarskap"),
          ("Leadership",)),
    Topic("change", Labels("Change", "Forandringer", "Förändringar")),
    Topic("negative_behaviour", Labels("Negative behaviour", "Negativ adfærd",
                                       "Negativt beteende")),
    Topic("wellbeing", Labels("Well-being at work", "Trivsel i arbejdet", "Trivsel i arbetet")),
    Topic("workload", Labels("Workload and demands", "Arbejdsbelastning og krav",
                             "Arbetsbelastning och krav")),
    Topic("influence", Labels("Influence at work", "Indflydelse", "Möjlighet att påverka")),
    Topic("social_support", Labels("Social support", "Social støtte", "Socialt stöd")),
    Topic("recovery", Labels("Recovery", "Restitution", "Återhämtning")),
    Topic("skills", Labels("Skills and development", "Kompetencer og udvikling",
                           "Kunskaper och utveckling")),
    Topic("offensive_behaviour", Labels("Offensive behaviour", "Krænkende adfærd",
                                        "Kränkande beteenden")),
    Topic("psychological_safety", Labels("Psychological safety", "Psykologisk tryghed",
                                         "Psykologisk trygghet")),
)

# Each questionnaire's areas in its own order.
NFA_TOPICS = ("organisation", "demands", "collaboration", "management", "change",
              "negative_behaviour", "wellbeing")
OSA_TOPICS = ("organisation", "workload", "influence", "social_support", "recovery",
              "management", "skills", "offensive_behaviour", "psychological_safety")

# The topic drop-down per language: NFA's areas in Danish (and their English names), OSA's
# in Swedish. Organisations may replace them (settings).
_TOPIC_ORDER = {"da": NFA_TOPICS, "en": NFA_TOPICS, "sv": OSA_TOPICS}
TOPIC_SUGGESTIONS: dict[str, tuple[str, ...]] = {
    lang: tuple(next(t for t in TOPICS if t.key == key).labels[lang] for key in keys)
    for lang, keys in _TOPIC_ORDER.items()
}

DONE_STATUSES = frozenset({"done", "cancelled"})

# Words that name a group rather than one responsible person (vague-owner): whole values,
# and phrases such as "alle ansatte" / "hele afdelingen": a quantifier, then a group noun
# (so that a person called "Alle Jensen" is not taken for a group).
GROUP_QUANTIFIERS = frozenset({"alle", "alla", "all", "hele", "hela", "whole", "the"})
GROUP_NOUNS = frozenset({
    "ansatte", "medarbejdere", "medarbejderne", "afdelingen", "teamet", "gruppen", "ledere",
    "lederne", "personalet", "anställda", "medarbetare", "medarbetarna", "avdelningen",
    "enheten", "chefer", "cheferna", "personalen", "staff", "employees", "team", "department",
    "managers", "leaders", "members", "everyone",
    # committees and working groups named in the APV/SAM guidance (docs/header-vocabulary.md)
    "udvalget", "styregruppen", "arbejdsgruppen", "kommittén", "styrgruppen", "arbetsgruppen",
    "group", "board", "committee",
})
GROUP_OWNER_WORDS = frozenset(
    normalize(w)
    for w in (
        "alle", "alle medarbejdere", "ledelsen", "ledergruppen", "teamet", "personalet",
        "medarbejderne", "afdelingen", "vi", "hr", "amr", "mudu", "arbejdsmiljøgruppen",
        "alla", "alla medarbetare", "ledningen", "ledningsgruppen", "personalen",
        "medarbetarna", "avdelningen", "gruppen", "vi alla", "chefer", "alle ledere",
        "everyone", "everybody", "all", "all staff", "all employees", "management", "the team",
        "team", "staff", "employees", "the department", "we", "us", "leaders", "managers",
        "nobody", "ingen", "tbd", "n/a", "?",
        # Bodies the public APV/SAM guidance names as doing the work (docs/header-vocabulary.md):
        # a committee or group is not one responsible person.
        "arbejdsmiljøorganisationen", "amo", "med-udvalget", "med", "lokal-med",
        "sikkerhedsorganisationen", "sikkerhedsgruppen", "hovedudvalget", "styregruppen",
        "arbejdsgruppen", "skyddskommittén", "skyddskommitten", "arbetsmiljökommittén",
        "arbetsgruppen", "styrgruppen", "referensgruppen", "samverkansgruppen", "skyddsombuden",
        "steering group", "the steering group", "project team", "the project team",
        "working group", "project board", "the board", "pmo",
    )
)

# --- plan sheets ---------------------------------------------------------------------------------

_FOLLOW_UP_HOW = Labels("Follow-up (how)", "Opfølgning (hvordan)", "Uppföljning (hur)")
# Aliases: the headers real templates and guidance use (sources and the header -> column
# table in docs/header-vocabulary.md). A header that could be two columns of one plan is
# claimed by neither: "Hvem"/"Vem"/"Who" in the communication plan (audience or sender?),
# "Dato" in the action plan (start, deadline or follow-up?), "Resultat" (goal or notes?),
# "Syfte och mål" (purpose or goal?) stay unknown columns instead of being guessed.
_FOLLOW_UP_ALIASES = ("Follow-up", "Follow up", "Opfølgning", "Uppföljning", "Evaluering",
                      "Evaluation", "Utvärdering",
                      "Hvordan følges op", "Hvordan følger vi op", "Hur ska detta följas upp",
                      "Hur ska uppföljning ske", "Hur uppföljning ska ske", "Avstämning",
                      "Avstämning, datum och vad har gjorts?")
_WHO_ALIASES = ("Who", "Hvem", "Vem")
_OWNER_ALIASES = ("Owner", "Responsible person", "Ansvarlig person", "Ansvarshavende",
                  "Ansvarig person", "Who", "Hvem", "Vem", "Tovholder",
                  "Ansvar", "Ansvarlige", "Hovedansvarlig", "Hvem er ansvarlig",
                  "Hvem har ansvaret", "Navn på ansvarlig", "Ansvariga", "Vem ansvarar",
                  "Vem är ansvarig", "Vem ska göra det", "Action owner", "Task owner",
                  "Responsible party", "Action lead", "Lead", "Accountable", "Action by",
                  "By whom")
_STATUS_ALIASES = ("State", "Tilstand", "Läge", "Aktuel status", "Aktuell status",
                   "Current status")
_NOTES_ALIASES = ("Notes", "Comments", "Comment", "Bemærkning", "Kommentar", "Kommentarer",
                  "Noter", "Anteckningar", "Anmärkningar", "Remarks", "Progress notes",
                  "Resultat och kommentarer")
_START_ALIASES = ("Start date", "Startdato", "Startdatum", "Begin", "Påbegyndes", "Från")
_ID_ALIASES = ("No.", "Nr.", "Nr", "No", "#", "Id-nr", "Løbenummer", "Nummer", "Løbenr.",
               "Ser", "Ser no", "Item no")
_DEADLINE_ALIASES = ("Deadline", "Due", "Due date", "Frist", "Slutdato", "Færdig senest",
                     "Klar senest", "Slutdatum", "Senast", "End date", "Hvornår", "När", "When",
                     "Tidsfrist", "Tidsplan", "Tidplan", "Tidsramme", "Tidsplan for gennemførelse",
                     "Hvornår skal det være løst", "Hvornår er løsningen gennemført",
                     "Gennemført senest", "När ska det vara klart", "När ska det göras",
                     "När ska åtgärden vara genomförd", "Target date", "By when", "Due by",
                     "Planned finish date", "Target completion date")

ACTION_PLAN = SheetSchema(
    kind=PlanKind.ACTION,
    titles=Labels("Action plan", "Handleplan", "Handlingsplan"),
    title_aliases=("Action plans", "Actions", "Handleplaner", "Handlingsplaner",
                   "Handlingsplan åtgärder", "Åtgärdsplan", "Indsatsplan", "Action log",
                   "Action register", "Action items"),
    table_names=Labels("ActionPlan", "Handleplan", "Handlingsplan"),
    summary_key="topic",
    follow_up_date_key="follow_up_date",
    columns=(
        # "Action ID" is the action plan's own id here; in the activity plan it refers to one
        Column("id", ColumnType.ID, True, ID,
               (*_ID_ALIASES, "Action ID"), width=7),
        Column("topic", ColumnType.TEXT, True, Labels("Topic", "Emne", "Område"),
               ("Theme", "Area", "Tema", "Indsatsområde", "Fokusområde", "Ämne",
                "Utvecklingsområde", "Rubrik", "Subject", "Item", "Heading", "Category",
                "Kategori"),
               width=22),
        Column("problem", ColumnType.TEXT, False,
               Labels("Problem / challenge", "Problem / udfordring", "Problem / utmaning"),
               ("Problem", "Challenge", "Udfordring", "Utmaning", "Problemstilling",
                "Beskrivelse af problem", "Beskrivelse af problemet", "Problembeskrivelse",
                "Arbejdsmiljøproblem", "Arbejdsmiljøproblemer", "Hvilke problemer", "Risk",
                "Risker", "Riskerna", "Risk/brist", "Brist", "Brister"), width=30),
        Column("goal", ColumnType.TEXT, True, GOAL,
               ("Goals", "Objective", "Målsætning", "Målsättning", "Objectives",
                "Goal/objective", "Goal or objective", "Hvad vil vi opnå", "Vad vill vi uppnå",
                "Vad ska förbättras", "Önskat resultat", "Avsett resultat"), width=28),
        Column("sub_goals", ColumnType.TEXT, False, Labels("Sub-goals", "Delmål", "Delmål"),
               ("Sub-goal", "Sub goals", "Milestones", "Milepæle", "Delmål/milepæle"), width=26),
        Column("actions", ColumnType.TEXT, True, Labels("Actions", "Indsatser", "Åtgärder"),
               ("Action", "Measures", "Indsats", "Tiltag", "Handlinger", "Åtgärd", "Aktiviteter",
                "Aktivitet", "Insatser", "Insats", "Handling", "Løsning", "Løsninger",
                "Valgt løsning", "Hvordan løses problemet", "Vad ska göras", "Åtgärdsförslag",
                "Action item", "Action step", "Action description", "Task", "Tasks"),
               width=32),
        Column("owner", ColumnType.PERSON, True, RESPONSIBLE,
               _OWNER_ALIASES, width=18),
        Column("involved", ColumnType.TEXT, False,
               Labels("Involved", "Involverede", "Involverade"),
               ("Participants", "Deltagere", "Deltagare", "Hvem involveres", "Involveres"),
               width=20),
        Column("start", ColumnType.DATE, False, START,
               _START_ALIASES, width=12),
        Column("deadline", ColumnType.DATE, True, Labels("Deadline", "Deadline", "Klart senast"),
               _DEADLINE_ALIASES, width=13),
        Column("resources", ColumnType.TEXT, False,
               Labels("Resources", "Ressourcer", "Resurser"),
               ("Resource", "Ressource", "Budget", "Resurs", "Tid og ressourcer",
                "Uppskattad kostnad", "Kostnad", "Estimated cost", "Cost", "Resources needed",
                "Resurser/tillgångar", "Vilka resurser ska användas"), width=20),
        Column("follow_up", ColumnType.TEXT, True, _FOLLOW_UP_HOW, _FOLLOW_UP_ALIASES, width=24),
        Column("follow_up_date", ColumnType.DATE, False,
               Labels("Next follow-up", "Næste opfølgning", "Nästa uppföljning"),
               ("Follow-up date", "Follow up date", "Opfølgningsdato", "Uppföljningsdatum",
                "Next review", "Næste opfølgningsdato", "Dato for opfølgning",
                "Tidsplan for opfølgning", "Hvornår følges op", "När ska detta följas upp",
                "Opfølgning (dato)", "Uppföljning (datum)", "Follow-up (date)", "Review date"),
               width=13),
        Column("status", ColumnType.STATUS, True, STATUS,
               _STATUS_ALIASES, width=14, value_list="status"),
        Column("backing", ColumnType.YES_NO, False,
               Labels("Management backing", "Ledelsesopbakning", "Ledningens stöd"),
               ("Management support", "Ledelsens opbakning", "Opbakning", "Ledelsesforankring",
                "Ledningsstöd"), width=14, value_list="yes_no"),
        Column("priority", ColumnType.PRIORITY, False, Labels("Priority", "Prioritet", "Prioritet"),
               ("Prio", "Priority level", "Prioritering"), width=11, value_list="priority"),
        Column("notes", ColumnType.TEXT, False, NOTES,
               _NOTES_ALIASES, width=30),
    ),
)

ACTIVITY_PLAN = SheetSchema(
    kind=PlanKind.ACTIVITY,
    titles=Labels("Activity plan", "Aktivitetsplan", "Aktivitetsplan"),
    title_aliases=("Activity plans", "Activities", "Aktivitetsplaner", "Aktiviteter",
                   "Implementeringsplan", "Implementation plan", "Implementeringsskema"),
    table_names=Labels("ActivityPlan", "Aktivitetsplan", "Aktivitetsplan"),
    summary_key="activity",
    columns=(
        Column("id", ColumnType.ID, True, ID, _ID_ALIASES, width=7),
        Column("action_id", ColumnType.REFERENCE, False,
               Labels("Action plan ID", "Handleplan-ID", "Handlingsplan-ID"),
               ("Action ID", "Handleplan ID", "Handleplan nr", "Handlingsplan ID",
                "Ref. handleplan", "Action plan"), width=12, reference=PlanKind.ACTION),
        Column("activity", ColumnType.TEXT, True, Labels("Activity", "Aktivitet", "Aktivitet"),
               ("Activities", "Aktiviteter", "What", "Hvad", "Vad", "Task", "Tasks",
                "Hvilke aktiviteter skal gennemføres"), width=30),
        Column("how", ColumnType.TEXT, True, Labels("How", "Hvordan", "Hur"),
               ("Method", "Metode", "Metod", "Fremgangsmåde", "Hur den skall göras",
                "Hur ska den göras"), width=28),
        Column("owner", ColumnType.PERSON, True, RESPONSIBLE,
               _OWNER_ALIASES, width=18),
        Column("start", ColumnType.DATE, False, START,
               _START_ALIASES, width=12),
        Column("deadline", ColumnType.DATE, True,
               Labels("When (deadline)", "Hvornår (deadline)", "När (klart senast)"),
               _DEADLINE_ALIASES, width=14),
        Column("sub_goal", ColumnType.TEXT, False, Labels("Sub-goal", "Delmål", "Delmål"),
               ("Sub-goals", "Milestone", "Milepæl", "Delmål/milepæl"), width=24),
        Column("follow_up", ColumnType.TEXT, True, _FOLLOW_UP_HOW, _FOLLOW_UP_ALIASES, width=24),
        Column("status", ColumnType.STATUS, True, STATUS,
               _STATUS_ALIASES, width=14, value_list="status"),
        Column("notes", ColumnType.TEXT, False, NOTES,
               _NOTES_ALIASES, width=30),
    ),
)

COMMUNICATION_PLAN = SheetSchema(
    kind=PlanKind.COMMUNICATION,
    titles=Labels("Communication plan", "Kommunikationsplan", "Kommunikationsplan"),
    title_aliases=("Communication plans", "Communication", "Kommunikation",
                   "Kommunikationsplaner"),
    table_names=Labels("CommunicationPlan", "Kommunikationsplan", "Kommunikationsplan"),
    deadline_key="when",
    summary_key="message",
    columns=(
        Column("id", ColumnType.ID, True, ID, _ID_ALIASES, width=7),
        Column("audience", ColumnType.TEXT, True, Labels("Audience", "Målgruppe", "Målgrupp"),
               ("Target group", "Recipients", "Modtagere", "Mottagare", "Målgrupper",
                "Modtager", "Till vem", "Interessenter", "Intressenter", "Stakeholders"),
               width=22),
        Column("involvement", ColumnType.INVOLVEMENT, True,
               Labels("Involvement", "Involvering", "Delaktighet"),
               ("Involvement level", "Grad af involvering", "Inddragelse", "Involvering",
                "Grad av delaktighet", "Involveringsgrad"),
               width=18, value_list="involvement"),
        Column("purpose", ColumnType.TEXT, True, Labels("Purpose", "Formål", "Syfte"),
               ("Why", "Hvorfor", "Varför"), width=26),
        Column("goal", ColumnType.TEXT, False, GOAL,
               ("Objective", "Målsætning", "Kommunikationsmål"), width=24),
        Column("message", ColumnType.TEXT, True, Labels("Message", "Budskab", "Budskap"),
               ("Key message", "Content", "Indhold", "Innehåll", "Hovedbudskab", "Budskaber",
                "Hovedbudskaber", "Huvudbudskap", "Kernebudskab", "Key messages",
                "Vad ska kommuniceras", "Hvad skal kommunikeres"), width=30),
        Column("channel", ColumnType.TEXT, True, Labels("Channel", "Kanal", "Kanal"),
               ("Medium", "Media", "Form", "Kanaler", "Channels", "Kanal/forum", "Forum",
                "Kanalval", "Genom vilken kanal", "Kommunikationskanal"), width=16,
               value_list="channel"),
        Column("owner", ColumnType.PERSON, True,
               Labels("Sender / responsible", "Afsender / ansvarlig", "Avsändare / ansvarig"),
               # "Who"/"Hvem"/"Vem" could be the audience as well as the sender here: neither
               # claims it, so such a header is reported as unknown instead of guessed
               ("Sender", "Afsender", "Avsändare", "Responsible", "Ansvarlig", "Ansvarig",
                "Talesperson", "Kommunikationsansvarlig", "Kommunikationsansvarig", "Av vem",
                *(a for a in _OWNER_ALIASES if a not in _WHO_ALIASES)), width=20),
        Column("when", ColumnType.DATE, True, Labels("When", "Hvornår", "När"),
               ("Date", "Dato", "Datum", "Deadline", "Tidspunkt", "Tidpunkt", "Tidsplan",
                "Tidplan"), width=13),
        Column("frequency", ColumnType.TEXT, False, Labels("Frequency", "Hyppighed", "Frekvens"),
               ("How often", "Hvor ofte", "Hur ofta", "Interval"), width=14),
        Column("follow_up", ColumnType.TEXT, False,
               Labels("Follow-up", "Opfølgning", "Uppföljning"),
               ("Follow-up (how)", "Opfølgning (hvordan)", "Uppföljning (hur)", "Evaluering",
                "Utvärdering"),
               width=22),
        Column("status", ColumnType.STATUS, True, STATUS,
               _STATUS_ALIASES, width=14, value_list="status"),
    ),
)

PLANS: dict[PlanKind, SheetSchema] = {
    s.kind: s for s in (ACTION_PLAN, ACTIVITY_PLAN, COMMUNICATION_PLAN)
}

# --- the other sheets (SPEC 2.5) -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Field:
    """A labelled entry of a two-column sheet (About) or a question (Checklist)."""

    key: str
    labels: Labels
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FormSheet:
    """A sheet of labelled rows rather than a table: About and Checklist."""

    key: str
    titles: Labels
    title_aliases: tuple[str, ...]
    fields: tuple[Field, ...]
    headers: tuple[Labels, ...] = ()
    answers: str | None = None  # value list of the answer column
    extra_columns: tuple[Labels, ...] = field(default=())

    def title(self, lang: str) -> str:
        return self.titles[lang]


ABOUT = FormSheet(
    key="about",
    titles=Labels("About", "Om planen", "Om planen"),
    title_aliases=("About the plan", "Om", "Info", "Information", "Forside"),
    headers=(Labels("Field", "Felt", "Fält"), VALUE),
    fields=(
        Field("organisation", Labels("Organisation", "Organisation", "Organisation"),
              ("Organization", "Virksomhed", "Organisation/virksomhed", "Företag")),
        Field("department", Labels("Department", "Afdeling", "Avdelning"),
              ("Unit", "Team", "Enhed", "Enhet", "Sektion")),
        # the area a department belongs to (forvaltning, förvaltning): groups the summary
        Field("area", Labels("Area", "Område", "Verksamhetsområde"),
              ("Forvaltning", "Förvaltning", "Division", "Directorate", "Sektor")),
        Field("manager", Labels("Manager", "Leder", "Chef"),
              ("Ansvarlig leder", "Ledare", "Head")),
        Field("email", Labels("Contact e-mail", "Kontakt e-mail", "Kontakt e-post"),
              ("E-mail", "Email", "E-post", "Mail")),
        Field("period", Labels("Period", "Periode", "Period"), ()),
        Field("language", Labels("Language", "Sprog", "Språk"), ()),
        Field("template_version", Labels("Template version", "Skabelonversion", "Mallversion"),
              ("Version",)),
        Field("last_updated", Labels("Last updated", "Sidst opdateret", "Senast uppdaterad"),
              ("Updated", "Opdateret", "Uppdaterad")),
    ),
)

# HR's department list (``xltools new --departments``) has a column per About field, headed
# with the field's label or alias; these further headers are common in such lists only.
DEPARTMENT_LIST_ALIASES: dict[str, tuple[str, ...]] = {
    "department": ("Department name", "Afdelingsnavn", "Avdelningsnamn", "Enhedsnavn",
                   "Enhetsnamn", "Arbejdssted", "Arbetsplats"),
    "area": ("Forvaltning", "Förvaltning", "Directorate", "Division", "Sektor"),
    "manager": ("Manager name", "Head of department", "Ledernavn", "Leders navn",
                "Lederens navn", "Afdelingsleder", "Nærmeste leder", "Chefens namn",
                "Avdelningschef", "Enhetschef", "Närmaste chef"),
    "email": ("E-mail address", "Email address", "Manager e-mail", "Contact", "E-mailadresse",
              "Mailadresse", "Leders e-mail", "Kontakt", "E-postadress", "Chefens e-post"),
    "language": ("Lang", "Workbook language", "Skabelonsprog", "Mallspråk"),
    "period": ("Plan period", "Planperiode", "Planperiod"),
    "organisation": ("Company", "Kommune", "Kommun", "Region"),
}
# About fields xltools fills in itself when it writes a workbook: never taken from a list.
WRITTEN_BY_XLTOOLS = frozenset({"template_version", "last_updated"})

CHECKLIST = FormSheet(
    key="checklist",
    titles=Labels("Checklist", "Tjekliste", "Checklista"),
    title_aliases=("Check list", "Tjekliste implementering", "Implementation checklist"),
    headers=(Labels("Question", "Spørgsmål", "Fråga"), Labels("Answer", "Svar", "Svar"),
             Labels("Comment", "Kommentar", "Kommentar")),
    answers="yes_no_partly",
    fields=(
        Field("everyday_problem", Labels(
            "Does the initiative solve an everyday problem?",
            "Løser indsatsen et problem i hverdagen?",
            "Löser insatsen ett problem i vardagen?")),
        Field("matters_most", Labels(
            "Is it about what matters most here?",
            "Handler den om det, der betyder mest hos os?",
            "Handlar den om det som betyder mest hos oss?")),
        Field("management_backing", Labels(
            "Does management back it?",
            "Bakker ledelsen op om den?",
            "Stöder ledningen den?")),
        Field("employees_involved", Labels(
            "Are all relevant employees involved?",
            "Er alle relevante medarbejdere involveret?",
            "Är alla berörda medarbetare delaktiga?")),
        Field("resources_set_aside", Labels(
            "Are resources set aside?",
            "Er der afsat ressourcer?",
            "Är resurser avsatta?")),
        Field("steering_known", Labels(
            "Do we know who steers it?",
            "Ved vi, hvem der styrer den?",
            "Vet vi vem som styr den?")),
        Field("workplace_told", Labels(
            "Do we tell the rest of the workplace about it?",
            "Fortæller vi resten af arbejdspladsen om den?",
            "Berättar vi för resten av arbetsplatsen om den?")),
        Field("plan_clear", Labels(
            "Does the plan say clearly how to work on the area?",
            "Beskriver planen tydeligt, hvordan der arbejdes med området?",
            "Beskriver planen tydligt hur vi arbetar med området?")),
        Field("fits_routines", Labels(
            "Does it fit the work routines?",
            "Passer den ind i arbejdsgangene?",
            "Passar den in i arbetsrutinerna?")),
        Field("everyone_knows", Labels(
            "Does everyone know what to do and whom to ask?",
            "Ved alle, hvad de skal gøre, og hvem de kan spørge?",
            "Vet alla vad de ska göra och vem de kan fråga?")),
    ),
)


@dataclass(frozen=True, slots=True)
class LogColumn:
    """A column of the follow-up log."""

    key: str
    labels: Labels
    type: ColumnType
    width: int = 16
    value_list: str | None = None


# Sheets xltools itself adds: drop-down sources in templates, issues in annotated copies.
LISTS_TITLES = Labels("Lists", "Lister", "Listor")
ISSUES_TITLES = Labels("Issues", "Problemer", "Problem")

FOLLOW_UP_LOG_TITLES = Labels("Follow-up log", "Opfølgningslog", "Uppföljningslogg")
FOLLOW_UP_LOG_TABLE = Labels("FollowUpLog", "Opfoelgningslog", "Uppfoljningslogg")
FOLLOW_UP_LOG: tuple[LogColumn, ...] = (
    LogColumn("date", DATE, ColumnType.DATE, 12),
    LogColumn("item_id", Labels("Item ID", "Punkt-ID", "Punkt-ID"), ColumnType.ID, 10),
    LogColumn("status", STATUS, ColumnType.STATUS, 14, "status"),
    LogColumn("what_was_done", Labels("What was done", "Hvad er gjort", "Vad har gjorts"),
              ColumnType.TEXT, 30),
    LogColumn("as_planned", Labels("Done as planned?", "Gennemført som planlagt?",
                                   "Genomfört som planerat?"),
              ColumnType.YES_NO_PARTLY, 14, "yes_no_partly"),
    LogColumn("desired_effect", Labels("Desired effect?", "Ønsket effekt?", "Önskad effekt?"),
              ColumnType.YES_NO_PARTLY, 14, "yes_no_partly"),
    LogColumn("goal_relevant", Labels("Goal still relevant?", "Er målet stadig relevant?",
                                      "Är målet fortfarande relevant?"),
              ColumnType.YES_NO, 14, "yes_no"),
    LogColumn("insights", Labels("New insights", "Nye indsigter", "Nya insikter"),
              ColumnType.TEXT, 28),
    LogColumn("next_step", Labels("Next step", "Næste skridt", "Nästa steg"), ColumnType.TEXT, 26),
    LogColumn("next_follow_up", Labels("Next follow-up date", "Næste opfølgningsdato",
                                       "Nästa uppföljningsdatum"), ColumnType.DATE, 13),
    LogColumn("by_whom", Labels("By whom", "Af hvem", "Av vem"), ColumnType.PERSON, 16),
)

# --- lookups derived from the declarations -------------------------------------------------------


@lru_cache(maxsize=64)
def _value_index(list_key: str, extra: ExtraWords = ()) -> dict[str, str]:
    index: dict[str, str] = {}
    for choice in VALUE_LISTS[list_key].choices:
        for text in (choice.code, *choice.labels.all(), *choice.synonyms):
            index.setdefault(normalize(text), choice.code)
    for code, words in extra:  # the organisation's own words win over ours
        for text in words:
            index[normalize(text)] = code
    return index


@lru_cache(maxsize=64)
def header_index(kind: PlanKind, extra: ExtraWords = ()) -> dict[str, str]:
    """Normalised header text -> column key for one plan kind.

    Labels first, then aliases, then an organisation's own header names (``extra``, as
    (column key, names) pairs from its settings), which win: the organisation said so.
    """
    schema = PLANS[kind]
    index: dict[str, str] = {}
    for column in schema.columns:
        for text in column.labels.all():
            index.setdefault(normalize(text), column.key)
    for column in schema.columns:
        for text in column.aliases:
            index.setdefault(normalize(text), column.key)
    for key, names in extra:
        for text in names:
            index[normalize(text)] = key
    return index


class HeaderLookup(NamedTuple):
    """What a header cell was understood as.

    ``exact``: the whole header is a label or alias. Otherwise it matched once a qualifier
    was set aside (numbering, a parenthesised hint, text after a dash, colon, comma or line
    break), which is kept in ``qualifier``.
    """

    key: str
    exact: bool
    qualifier: str = ""


# What people add to a header around the name of the column. Each rule takes the text apart
# into (the column name, the qualifier set aside).
_NUMBERING = re.compile(
    r"^\s*(?:\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}[.)]|\(\d{1,3}\)|[A-Za-z]\))\s*(?=\S)")
_TRAILING_BRACKETS = re.compile(r"\s*[(\[{]([^()\[\]{}]*)[)\]}]\s*$")
# a dash with a space on either side (or a long dash), colon, comma or sentence end after a
# word ("Mål. Vad ska förbättras?"; not after "No." or "Nr."); a hyphen inside a word
# ("Follow-up", "Handleplan-ID") is part of the name
_SEPARATOR = re.compile(r"\s+[-–—]\s*|\s*[–—]\s*|\s*:\s*|\s*,\s+|(?<=[^\W\d_]{3})[.?!](?=\s)")
_TRAILING_PUNCTUATION = re.compile(r"[\s?!*]+$")

# A qualifier that names the type of a column decides against a column of another type:
# "Opfølgning (dato)" is no text column, "Næste opfølgning (hvordan)" no date column, and a
# traffic light ("Status (RAG)") is not a status (see the status value list).
_DATE_HINTS = frozenset({
    "dato", "date", "datum", "hvornår", "när", "when", "deadline", "frist", "uge", "vecka",
    "week", "dd", "mm", "yy", "yyyy", "åå", "åååå", "ddmmåå", "ååååmmdd",
})
_TEXT_HINTS = frozenset({"hvordan", "hur", "how", "beskrivelse", "beskrivning", "description",
                         "tekst", "text", "hvad", "vad", "what"})
_RAG_HINTS = frozenset({"rag", "red/amber/green", "rød/gul/grøn", "röd/gul/grön", "traffic light",
                        "trafiklys", "trafikljus"})
_WORD = re.compile(r"\w+")


def header_parts(text: str) -> list[tuple[str, str]]:
    """Shorter readings of a header, nearest first, without what people add around a name.

    Args:
        text: a header cell as written, e.g. ``"1. Deadline (dato)"``.

    Returns:
        Each reading as (column name, qualifier set aside), e.g. ``("Deadline (dato)", "1.")``
        then ``("Deadline", "1. dato")``; the text itself is not among them.
    """
    found: list[tuple[str, str]] = []
    text = text.strip()
    seen = {text}
    queue = [(text, "")]
    while queue:
        current, qualifier = queue.pop(0)
        children: list[tuple[str, str]] = []
        first, _, rest = current.partition("\n")
        if rest.strip():
            children.append((first, rest))
        if numbering := _NUMBERING.match(current):
            children.append((current[numbering.end():], numbering.group()))
        if bracket := _TRAILING_BRACKETS.search(current):
            children.append((current[:bracket.start()], bracket.group(1)))
        # the rightmost cut first: it keeps the most of the name ("Løbenr. – se note")
        for separator in reversed(list(_SEPARATOR.finditer(current))):
            if separator.start() > 0:
                children.append((current[:separator.start()], current[separator.end():]))
        if trimmed := _TRAILING_PUNCTUATION.search(current):
            children.append((current[:trimmed.start()], ""))
        for name, extra in children:
            name = name.strip()
            if name and name not in seen:
                seen.add(name)
                both = f"{qualifier} {extra}".strip()
                found.append((name, both))
                queue.append((name, both))
    return found


def qualifier_fits(qualifier: str, column_type: ColumnType) -> bool:
    """Whether a qualifier set aside from a header allows a column of ``column_type``.

    Args:
        qualifier: what was set aside, e.g. ``"dato"`` from ``"Opfølgning (dato)"``.
        column_type: the type of the column the rest of the header names.

    Returns:
        False when the qualifier names another type (a date for a text column, a
        description for a date column) or a traffic light (RAG); True otherwise.
    """
    text = normalize(qualifier)
    if any(hint in text for hint in _RAG_HINTS if "/" in hint or " " in hint):
        return False
    words = set(_WORD.findall(text))
    if words & _RAG_HINTS:
        return False
    says_date, says_text = bool(words & _DATE_HINTS), bool(words & _TEXT_HINTS)
    if column_type is ColumnType.DATE:
        return not (says_text and not says_date)
    return not (says_date and not says_text)


def lookup_header(kind: PlanKind, text: str, extra: ExtraWords = ()) -> HeaderLookup | None:
    """The column a header cell names in a ``kind`` sheet, tolerating how people write headers.

    An exact label or alias (case, spaces, a required star, a trailing colon ignored) comes
    first. Otherwise the header is read without what people add around the column name:
    numbering ("1. Emne", "3) Mål"), a hint in brackets ("Budget (kr)", "Deadline (dato)"),
    text after a spaced dash, colon, comma or line break ("Ansvarlig – navn"), a question
    mark. A qualifier naming another type ("Opfølgning (dato)") or a traffic light ("RAG")
    means no match rather than a wrong one.

    Args:
        kind: the plan the sheet holds.
        text: the header cell's text as written (line breaks included).
        extra: an organisation's own header names, (column key, names) pairs.

    Returns:
        The column key and whether the match was exact, or None for an unknown column.
    """
    # headers repeat in every file of a roll-up: cache them, but not long text cells
    if len(text) <= 200:
        return _lookup_header_cached(kind, text, extra)
    return _lookup_header(kind, text, extra)


def _lookup_header(kind: PlanKind, text: str, extra: ExtraWords = ()) -> HeaderLookup | None:
    index = header_index(kind, extra)
    normalized = normalize(text)
    key = index.get(normalized)
    if key is not None:
        return HeaderLookup(key, True)
    # A name set apart from its qualifier is whole words of the header, so a header none of
    # whose words begins a known name cannot hold one: skip taking it apart. This keeps the
    # search for a header row cheap over the data cells it also looks at.
    first_words, wordless = _name_starts(kind, extra)
    if first_words.isdisjoint(_WORD.findall(normalized)) and not any(
            name in normalized for name in wordless):
        return None
    schema = PLANS[kind]
    for name, qualifier in header_parts(text):
        key = index.get(normalize(name))
        if key is not None:
            if not qualifier_fits(qualifier, schema.column(key).type):
                return None
            return HeaderLookup(key, False, qualifier)
    return None


_lookup_header_cached = lru_cache(maxsize=8192)(_lookup_header)


@lru_cache(maxsize=64)
def _name_starts(kind: PlanKind, extra: ExtraWords = ()) -> tuple[frozenset[str], tuple[str, ...]]:
    """The first word of every known header name of a plan, and the names without words."""
    first: set[str] = set()
    wordless: list[str] = []
    for name in header_index(kind, extra):
        words = _WORD.findall(name)
        if words:
            first.add(words[0])
        else:
            wordless.append(name)  # "#"
    return frozenset(first), tuple(wordless)


def column_texts(kind: PlanKind, key: str) -> tuple[str, ...]:
    """Every label (da/sv/en) and alias of one column, as declared."""
    column = PLANS[kind].column(key)
    return (*column.labels.all(), *column.aliases)


@cache
def sheet_title_index() -> dict[str, str]:
    """Normalised sheet title -> plan kind value or another role ('about', 'issues', ...)."""
    index: dict[str, str] = {}
    for schema in PLANS.values():
        for text in (*schema.titles.all(), *schema.title_aliases):
            index[normalize(text)] = schema.kind.value
    for form in (ABOUT, CHECKLIST):
        for text in (*form.titles.all(), *form.title_aliases):
            index[normalize(text)] = form.key
    for role, titles in (("follow_up_log", FOLLOW_UP_LOG_TITLES), ("lists", LISTS_TITLES),
                         ("issues", ISSUES_TITLES)):
        for text in titles.all():
            index.setdefault(normalize(text), role)
    return index


@cache
def field_index(form_key: str) -> dict[str, str]:
    """Normalised label -> field key for About or Checklist."""
    form = ABOUT if form_key == "about" else CHECKLIST
    index: dict[str, str] = {}
    for f in form.fields:
        for text in (*f.labels.all(), *f.aliases):
            index.setdefault(normalize(text), f.key)
    return index


@cache
def department_list_index() -> dict[str, str]:
    """Normalised header of a department list -> About field key.

    Every About field a list may fill (all but those xltools writes itself) is recognised by
    its labels in the three languages, its aliases and ``DEPARTMENT_LIST_ALIASES``; a field
    added to ``ABOUT`` is recognised without further code.
    """
    fields = [f for f in ABOUT.fields if f.key not in WRITTEN_BY_XLTOOLS]
    index: dict[str, str] = {}
    for f in fields:
        for text in (*f.labels.all(), *f.aliases):
            index.setdefault(normalize(text), f.key)
    for f in fields:
        for text in DEPARTMENT_LIST_ALIASES.get(f.key, ()):
            index.setdefault(normalize(text), f.key)
    return index


def lang_code(text: object) -> Lang | None:
    """A language code from how a user might write it (da, Dansk, Svenska, English...)."""
    names = {"da": ("da", "dansk", "danish", "danska", "dk"),
             "sv": ("sv", "svenska", "swedish", "svensk", "se"),
             "en": ("en", "english", "engelsk", "engelska", "uk", "gb")}
    key = normalize(text)
    for lang, options in names.items():
        if key in options:
            return lang  # type: ignore[return-value]
    return None
