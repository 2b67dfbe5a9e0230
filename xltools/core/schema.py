"""The plan workbook declared once, as data: sheets, columns, labels (da/sv/en), value lists.

Everything else — templates, readers, validation, roll-up, the add-in — derives from
the declarations in this module. A column label is spelled here and nowhere else.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache, lru_cache
from typing import Literal

Lang = Literal["da", "sv", "en"]
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

    def lookup(self, text: str) -> str | None:
        """The code of ``text`` in any language or synonym, or None."""
        return _value_index(self.key).get(normalize(text))


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


def _normalize(text: str) -> str:
    s = unicodedata.normalize("NFC", text).casefold()
    s = s.replace("\u00a0", " ").replace("_", " ")
    s = _MARKERS.sub(" ", s)
    s = _SEPARATOR_SPACE.sub(r"\1", s)
    return _SPACES.sub(" ", s).strip()


_normalize_cached = lru_cache(maxsize=16_384)(_normalize)


# --- value lists ---------------------------------------------------------------------------------

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
                     "planerad", "ny", "new"),
                ),
                Choice(
                    "in_progress",
                    Labels("In progress", "I gang", "Pågår"),
                    ("started", "ongoing", "in process", "igang", "i gang", "påbegyndt", "startet",
                     "i proces", "pågående", "påbörjad", "startad", "wip", "doing"),
                ),
                Choice(
                    "done",
                    Labels("Done", "Gennemført", "Klar"),
                    ("completed", "complete", "finished", "closed", "afsluttet", "færdig",
                     "udført", "lukket", "slutförd", "avslutad", "genomförd", "färdig", "klart",
                     "ok"),
                ),
                Choice(
                    "postponed",
                    Labels("Postponed", "Udskudt", "Uppskjuten"),
                    ("on hold", "deferred", "delayed", "sat på pause", "pause", "paused", "udsat", "pausat",
                     "uppskjutet", "pausad", "vilande"),
                ),
                Choice(
                    "cancelled",
                    Labels("Cancelled", "Aflyst", "Avbruten"),
                    ("canceled", "dropped", "annulleret", "droppet", "opgivet", "stoppet",
                     "inställd", "avbrutet", "struken", "strøget"),
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
                Choice("yes", Labels("Yes", "Ja", "Ja"), ("y", "j", "true", "x")),
                Choice("no", Labels("No", "Nej", "Nej"), ("n", "false", "nei")),
            ),
        ),
        ValueList(
            "yes_no_partly",
            (
                Choice("yes", Labels("Yes", "Ja", "Ja"), ("y", "j", "true", "x")),
                Choice("no", Labels("No", "Nej", "Nej"), ("n", "false", "nei")),
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
                       ("m", "2", "mellem", "normal", "mellan")),
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

# Topic suggestions differ by language (SPEC 2.4): NFA's seven areas in Danish (and their
# English translations), Prevent's nine OSA areas in Swedish. Organisations may replace them.
TOPIC_SUGGESTIONS: dict[str, tuple[str, ...]] = {
    "da": ("Arbejdets organisering", "Krav", "Samarbejde", "Ledelse", "Forandringer",
           "Negativ adfærd", "Trivsel i arbejdet"),
    "en": ("Organisation of work", "Demands", "Collaboration", "Management", "Change",
           "Negative behaviour", "Well-being at work"),
    "sv": ("Arbetets organisering", "Arbetsbelastning och krav", "Möjlighet att påverka",
           "Socialt stöd", "Återhämtning", "Ledarskap", "Kunskaper och utveckling",
           "Kränkande beteenden", "Psykologisk trygghet"),
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
    )
)

# --- plan sheets ---------------------------------------------------------------------------------

_FOLLOW_UP_HOW = Labels("Follow-up (how)", "Opfølgning (hvordan)", "Uppföljning (hur)")
_FOLLOW_UP_ALIASES = ("Follow-up", "Follow up", "Opfølgning", "Uppföljning", "Evaluering",
                      "Evaluation", "Utvärdering")
_WHO_ALIASES = ("Who", "Hvem", "Vem")
_OWNER_ALIASES = ("Owner", "Responsible person", "Ansvarlig person", "Ansvarshavende",
                  "Ansvarig person", "Who", "Hvem", "Vem", "Tovholder")
_STATUS_ALIASES = ("State", "Tilstand", "Läge")
_NOTES_ALIASES = ("Notes", "Comments", "Comment", "Bemærkning", "Kommentar", "Kommentarer",
                  "Noter", "Anteckningar", "Anmärkningar", "Remarks")
_START_ALIASES = ("Start date", "Startdato", "Startdatum", "Begin", "Påbegyndes", "Från")
_ID_ALIASES = ("No.", "Nr.", "Nr", "No", "#", "Id-nr", "Løbenummer", "Nummer")
_DEADLINE_ALIASES = ("Deadline", "Due", "Due date", "Frist", "Slutdato", "Færdig senest",
                     "Klar senest", "Slutdatum", "Senast", "End date", "Hvornår", "När", "When")

ACTION_PLAN = SheetSchema(
    kind=PlanKind.ACTION,
    titles=Labels("Action plan", "Handleplan", "Handlingsplan"),
    title_aliases=("Action plans", "Actions", "Handleplaner", "Handlingsplaner",
                   "Handlingsplan åtgärder", "Åtgärdsplan", "Indsatsplan"),
    table_names=Labels("ActionPlan", "Handleplan", "Handlingsplan"),
    summary_key="topic",
    follow_up_date_key="follow_up_date",
    columns=(
        Column("id", ColumnType.ID, True, Labels("ID", "ID", "ID"), _ID_ALIASES, width=7),
        Column("topic", ColumnType.TEXT, True, Labels("Topic", "Emne", "Område"),
               ("Theme", "Area", "Tema", "Indsatsområde", "Fokusområde", "Ämne"), width=22),
        Column("problem", ColumnType.TEXT, False,
               Labels("Problem / challenge", "Problem / udfordring", "Problem / utmaning"),
               ("Problem", "Challenge", "Udfordring", "Utmaning", "Problemstilling",
                "Beskrivelse af problem"), width=30),
        Column("goal", ColumnType.TEXT, True, Labels("Goal", "Mål", "Mål"),
               ("Goals", "Objective", "Målsætning", "Målsättning"), width=28),
        Column("sub_goals", ColumnType.TEXT, False, Labels("Sub-goals", "Delmål", "Delmål"),
               ("Sub-goal", "Sub goals", "Milestones", "Milepæle", "Delmål/milepæle"), width=26),
        Column("actions", ColumnType.TEXT, True, Labels("Actions", "Indsatser", "Åtgärder"),
               ("Action", "Measures", "Indsats", "Tiltag", "Handlinger", "Åtgärd", "Aktiviteter",
                "Aktivitet", "Insatser"), width=32),
        Column("owner", ColumnType.PERSON, True, Labels("Responsible", "Ansvarlig", "Ansvarig"),
               _OWNER_ALIASES, width=18),
        Column("involved", ColumnType.TEXT, False,
               Labels("Involved", "Involverede", "Involverade"),
               ("Participants", "Deltagere", "Deltagare", "Hvem involveres", "Involveres"),
               width=20),
        Column("start", ColumnType.DATE, False, Labels("Start", "Start", "Start"),
               _START_ALIASES, width=12),
        Column("deadline", ColumnType.DATE, True, Labels("Deadline", "Deadline", "Klart senast"),
               _DEADLINE_ALIASES, width=13),
        Column("resources", ColumnType.TEXT, False,
               Labels("Resources", "Ressourcer", "Resurser"),
               ("Resource", "Ressource", "Budget", "Resurs", "Tid og ressourcer"), width=20),
        Column("follow_up", ColumnType.TEXT, True, _FOLLOW_UP_HOW, _FOLLOW_UP_ALIASES, width=24),
        Column("follow_up_date", ColumnType.DATE, False,
               Labels("Next follow-up", "Næste opfølgning", "Nästa uppföljning"),
               ("Follow-up date", "Opfølgningsdato", "Uppföljningsdatum", "Next review",
                "Næste opfølgningsdato"), width=13),
        Column("status", ColumnType.STATUS, True, Labels("Status", "Status", "Status"),
               _STATUS_ALIASES, width=14, value_list="status"),
        Column("backing", ColumnType.YES_NO, False,
               Labels("Management backing", "Ledelsesopbakning", "Ledningens stöd"),
               ("Management support", "Ledelsens opbakning", "Opbakning", "Ledelsesforankring",
                "Ledningsstöd"), width=14, value_list="yes_no"),
        Column("priority", ColumnType.PRIORITY, False, Labels("Priority", "Prioritet", "Prioritet"),
               ("Prio",), width=11, value_list="priority"),
        Column("notes", ColumnType.TEXT, False, Labels("Notes", "Bemærkninger", "Kommentarer"),
               _NOTES_ALIASES, width=30),
    ),
)

ACTIVITY_PLAN = SheetSchema(
    kind=PlanKind.ACTIVITY,
    titles=Labels("Activity plan", "Aktivitetsplan", "Aktivitetsplan"),
    title_aliases=("Activity plans", "Activities", "Aktivitetsplaner", "Aktiviteter",
                   "Implementeringsplan", "Implementation plan"),
    table_names=Labels("ActivityPlan", "Aktivitetsplan", "Aktivitetsplan"),
    summary_key="activity",
    columns=(
        Column("id", ColumnType.ID, True, Labels("ID", "ID", "ID"), _ID_ALIASES, width=7),
        Column("action_id", ColumnType.REFERENCE, False,
               Labels("Action plan ID", "Handleplan-ID", "Handlingsplan-ID"),
               ("Action ID", "Handleplan ID", "Handleplan nr", "Handlingsplan ID",
                "Ref. handleplan", "Action plan"), width=12, reference=PlanKind.ACTION),
        Column("activity", ColumnType.TEXT, True, Labels("Activity", "Aktivitet", "Aktivitet"),
               ("Activities", "Aktiviteter", "What", "Hvad", "Vad"), width=30),
        Column("how", ColumnType.TEXT, True, Labels("How", "Hvordan", "Hur"),
               ("Method", "Metode", "Metod", "Fremgangsmåde"), width=28),
        Column("owner", ColumnType.PERSON, True, Labels("Responsible", "Ansvarlig", "Ansvarig"),
               _OWNER_ALIASES, width=18),
        Column("start", ColumnType.DATE, False, Labels("Start", "Start", "Start"),
               _START_ALIASES, width=12),
        Column("deadline", ColumnType.DATE, True,
               Labels("When (deadline)", "Hvornår (deadline)", "När (klart senast)"),
               _DEADLINE_ALIASES, width=14),
        Column("sub_goal", ColumnType.TEXT, False, Labels("Sub-goal", "Delmål", "Delmål"),
               ("Sub-goals", "Milestone", "Milepæl", "Delmål/milepæl"), width=24),
        Column("follow_up", ColumnType.TEXT, True, _FOLLOW_UP_HOW, _FOLLOW_UP_ALIASES, width=24),
        Column("status", ColumnType.STATUS, True, Labels("Status", "Status", "Status"),
               _STATUS_ALIASES, width=14, value_list="status"),
        Column("notes", ColumnType.TEXT, False, Labels("Notes", "Bemærkninger", "Kommentarer"),
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
        Column("id", ColumnType.ID, True, Labels("ID", "ID", "ID"), _ID_ALIASES, width=7),
        Column("audience", ColumnType.TEXT, True, Labels("Audience", "Målgruppe", "Målgrupp"),
               ("Target group", "Recipients", "Modtagere", "Mottagare"), width=22),
        Column("involvement", ColumnType.INVOLVEMENT, True,
               Labels("Involvement", "Involvering", "Delaktighet"),
               ("Involvement level", "Grad af involvering", "Inddragelse", "Involvering"),
               width=18, value_list="involvement"),
        Column("purpose", ColumnType.TEXT, True, Labels("Purpose", "Formål", "Syfte"),
               ("Why", "Hvorfor", "Varför"), width=26),
        Column("goal", ColumnType.TEXT, False, Labels("Goal", "Mål", "Mål"),
               ("Objective", "Målsætning"), width=24),
        Column("message", ColumnType.TEXT, True, Labels("Message", "Budskab", "Budskap"),
               ("Key message", "Content", "Indhold", "Innehåll", "Hovedbudskab"), width=30),
        Column("channel", ColumnType.TEXT, True, Labels("Channel", "Kanal", "Kanal"),
               ("Medium", "Media", "Form"), width=16, value_list="channel"),
        Column("owner", ColumnType.PERSON, True,
               Labels("Sender / responsible", "Afsender / ansvarlig", "Avsändare / ansvarig"),
               # "Who"/"Hvem"/"Vem" could be the audience as well as the sender here: neither
               # claims it, so such a header is reported as unknown instead of guessed
               ("Sender", "Afsender", "Avsändare", "Responsible", "Ansvarlig", "Ansvarig",
                *(a for a in _OWNER_ALIASES if a not in _WHO_ALIASES)), width=20),
        Column("when", ColumnType.DATE, True, Labels("When", "Hvornår", "När"),
               ("Date", "Dato", "Datum", "Deadline", "Tidspunkt", "Tidpunkt"), width=13),
        Column("frequency", ColumnType.TEXT, False, Labels("Frequency", "Hyppighed", "Frekvens"),
               ("How often", "Hvor ofte", "Hur ofta", "Interval"), width=14),
        Column("follow_up", ColumnType.TEXT, False,
               Labels("Follow-up", "Opfølgning", "Uppföljning"),
               ("Follow-up (how)", "Opfølgning (hvordan)", "Uppföljning (hur)", "Evaluering"),
               width=22),
        Column("status", ColumnType.STATUS, True, Labels("Status", "Status", "Status"),
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
    headers=(Labels("Field", "Felt", "Fält"), Labels("Value", "Værdi", "Värde")),
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
    LogColumn("date", Labels("Date", "Dato", "Datum"), ColumnType.DATE, 12),
    LogColumn("item_id", Labels("Item ID", "Punkt-ID", "Punkt-ID"), ColumnType.ID, 10),
    LogColumn("status", Labels("Status", "Status", "Status"), ColumnType.STATUS, 14, "status"),
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


@cache
def _value_index(list_key: str) -> dict[str, str]:
    index: dict[str, str] = {}
    for choice in VALUE_LISTS[list_key].choices:
        for text in (choice.code, *choice.labels.all(), *choice.synonyms):
            index.setdefault(normalize(text), choice.code)
    return index


@cache
def header_index(kind: PlanKind) -> dict[str, str]:
    """Normalised header text -> column key for one plan kind (labels first, then aliases)."""
    schema = PLANS[kind]
    index: dict[str, str] = {}
    for column in schema.columns:
        for text in column.labels.all():
            index.setdefault(normalize(text), column.key)
    for column in schema.columns:
        for text in column.aliases:
            index.setdefault(normalize(text), column.key)
    return index


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
