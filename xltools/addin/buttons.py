"""The ribbon's controls as data: id, labels and tips in da/sv/en, icon, dialogs — the one
place a label is spelled. ``macros/customUI14.xml`` holds only the layout and the ids."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from xltools.core.filenames import template_name
from xltools.core.schema import ABOUT, PLANS, Labels, PlanKind
from xltools.core.texts import addin as texts

Language = Literal["da", "sv", "en"]
LANGUAGES: tuple[Language, ...] = ("da", "sv", "en")
Kind = Literal["tab", "group", "menu", "button"]
PickKind = Literal["folder", "save"]
# What the VBA splits a button's tag on (see macros/XltoolsRibbon.bas): no text may hold them,
# nor a double quote (the Mac folder dialog's title is an AppleScript string).
TAG_STEP, TAG_FIELD = "|", ";"
TAG_LIMIT = 1024  # the customUI schema's limit for a tag
# The VBA callbacks (macros/XltoolsRibbon.bas) a button's onAction names
ON_BUTTON, ON_PICK_BUTTON = "XltoolsRibbon.OnButton", "XltoolsRibbon.OnPickButton"


def text(labels: Labels, lang: str) -> str:
    """One label in one language, refusing a language the ribbon is not written in.

    Args:
        labels: the text in every language.
        lang: ``"da"``, ``"sv"`` or ``"en"``.

    Returns:
        The translation.

    Raises:
        KeyError: ``lang`` is not a supported language.
    """
    if lang not in LANGUAGES:
        raise KeyError(f"unsupported language {lang!r}; choose one of {LANGUAGES}")
    return labels[lang]


@dataclass(frozen=True)
class Picker:
    """A dialog Excel shows before the button's Python runs; the chosen path is handed over.

    ``folder`` is Excel's folder picker, ``save`` its Save As dialog (which suggests
    ``file_name``).
    """

    kind: PickKind
    title: Labels
    file_name: Labels | None = None

    def tag(self, lang: str) -> str:
        """This dialog as the VBA reads it from the button's tag: ``kind;title[;file name]``.

        Raises:
            ValueError: a text holds a character the VBA splits on, or a double quote.
        """
        fields = [self.kind, text(self.title, lang)]
        if self.file_name is not None:
            fields.append(text(self.file_name, lang))
        for field in fields:
            if any(c in field for c in (TAG_STEP, TAG_FIELD, '"')):
                raise ValueError(f"a dialog text cannot hold {TAG_STEP} {TAG_FIELD} or a quote: "
                                 f"{field!r}")
        return TAG_FIELD.join(fields)


@dataclass(frozen=True)
class Control:
    """A ribbon element with an ``id`` in ``customUI14.xml``.

    A ``button``'s id is also what the VBA passes to ``xltools.addin.dispatch``, which runs
    the Python function the dispatch table names for it. A button with ``pickers`` is wired
    to the VBA ``OnPickButton``, which shows the dialogs first; every other button to
    ``OnButton``.
    """

    id: str
    kind: Kind
    label: Labels
    tip: Labels | None = None
    image_mso: str | None = None
    pickers: tuple[Picker, ...] = ()

    def tag(self, lang: str) -> str:
        """The dialogs as the VBA reads them from the button's ``tag``; '' for none."""
        return TAG_STEP.join(picker.tag(lang) for picker in self.pickers)

    @property
    def on_action(self) -> str | None:
        """The VBA callback the button's ``onAction`` must name (None for other controls)."""
        if self.kind != "button":
            return None
        return ON_PICK_BUTTON if self.pickers else ON_BUTTON


def _plan_file_names() -> Labels:
    """The file name New plan workbook suggests, per language."""
    return Labels(template_name("en"), template_name("da"), template_name("sv"))


CONTROLS: tuple[Control, ...] = (
    Control("xltools_tab", "tab", Labels("Action plans", "Handleplaner", "Handlingsplaner")),
    Control("plans_group", "group", Labels("Plans", "Planer", "Planer")),
    Control(
        "new_workbook",
        "button",
        Labels("New plan workbook", "Ny planprojektmappe", "Ny planarbetsbok"),
        Labels(
            "Open a new workbook with action, activity and communication plan sheets.",
            "Åbn en ny projektmappe med ark til handleplan, aktivitetsplan og kommunikationsplan.",
            "Öppna en ny arbetsbok med blad för handlingsplan, aktivitetsplan och kommunikationsplan.",
        ),
        "FileNew",
        (Picker("save", texts.SAVE_NEW_WORKBOOK, _plan_file_names()),),
    ),
    Control(
        "add_sheet",
        "menu",
        Labels("Add sheet", "Tilføj ark", "Lägg till blad"),
        Labels(
            "Add a plan sheet to the open workbook.",
            "Tilføj et planark til den åbne projektmappe.",
            "Lägg till ett planblad i den öppna arbetsboken.",
        ),
        "SheetInsert",
    ),
    Control(
        "add_action_plan",
        "button",
        PLANS[PlanKind.ACTION].titles,
        Labels(
            "Add an action plan sheet: problem, action, owner, deadline, status.",
            "Tilføj et handleplanark: problem, handling, ansvarlig, frist, status.",
            "Lägg till ett handlingsplansblad: problem, åtgärd, ansvarig, deadline, status.",
        ),
    ),
    Control(
        "add_activity_plan",
        "button",
        PLANS[PlanKind.ACTIVITY].titles,
        Labels(
            "Add an activity plan sheet: how, who and when for each activity.",
            "Tilføj et aktivitetsplanark: hvordan, hvem og hvornår for hver aktivitet.",
            "Lägg till ett aktivitetsplansblad: hur, vem och när för varje aktivitet.",
        ),
    ),
    Control(
        "add_communication_plan",
        "button",
        PLANS[PlanKind.COMMUNICATION].titles,
        Labels(
            "Add a communication plan sheet: who is involved, who is informed, how and when.",
            "Tilføj et kommunikationsplanark: hvem inddrages, hvem informeres, hvordan og hvornår.",
            "Lägg till ett kommunikationsplansblad: vem involveras, vem informeras, hur och när.",
        ),
    ),
    Control("check_group", "group", Labels("Check", "Kontrol", "Kontroll")),
    Control(
        "validate",
        "button",
        Labels("Validate", "Valider", "Validera"),
        Labels(
            "Check every plan sheet, mark problem cells and refresh the Issues sheet.",
            "Kontrollér alle planark, markér problemceller og opdatér arket med fejl.",
            "Kontrollera alla planblad, markera problemceller och uppdatera bladet med fel.",
        ),
        "ErrorChecking",
    ),
    Control(
        "highlight_overdue",
        "button",
        Labels("Highlight overdue", "Fremhæv overskredne", "Markera försenade"),
        Labels(
            "Mark the deadlines that have passed, or come soon, without the item being done.",
            "Markér de frister, der er overskredet eller snart nås, uden at punktet er afsluttet.",
            "Markera de deadlines som har passerats eller snart nås utan att punkten är klar.",
        ),
        "ConditionalFormattingMenu",
    ),
    Control(
        "clear_marks",
        "button",
        Labels("Clear marks", "Ryd markeringer", "Rensa markeringar"),
        Labels(
            "Remove the colours and comments that Validate and Highlight overdue added.",
            "Fjern de farver og kommentarer, som Valider og Fremhæv overskredne tilføjede.",
            "Ta bort färger och kommentarer som Validera och Markera försenade lade till.",
        ),
        "ClearFormats",
    ),
    # the group of buttons for the whole organisation: the About sheet's word for it
    Control("organisation_group", "group",
            next(f.labels for f in ABOUT.fields if f.key == "organisation")),
    Control(
        "rollup_folder",
        "button",
        Labels("Roll up folder…", "Opsummér mappe…", "Sammanställ mapp…"),
        Labels(
            "Pick a folder of department workbooks and write the organisation summary.",
            "Vælg en mappe med afdelingernes projektmapper og skriv organisationens sammenfatning.",
            "Välj en mapp med avdelningarnas arbetsböcker och skriv organisationens sammanställning.",
        ),
        "Consolidate",
        (Picker("folder", texts.PICK_PLANS_FOLDER),
         Picker("save", texts.SAVE_SUMMARY, texts.SUMMARY_FILE)),
    ),
    Control(
        "chase_lists",
        "button",
        Labels("Chase lists…", "Rykkerlister…", "Påminnelselistor…"),
        Labels(
            "Pick a folder of department workbooks and a folder for the results: a chase list "
            "and an e-mail draft for every department with overdue items or errors.",
            "Vælg en mappe med afdelingernes projektmapper og en mappe til resultatet: en "
            "rykkerliste og en e-mailkladde til hver afdeling med overskredne punkter eller fejl.",
            "Välj en mapp med avdelningarnas arbetsböcker och en mapp för resultatet: en "
            "påminnelselista och ett e-postutkast för varje avdelning med försenade punkter "
            "eller fel.",
        ),
        "FileSendAsAttachment",
        (Picker("folder", texts.PICK_PLANS_FOLDER), Picker("folder", texts.PICK_CHASE_FOLDER)),
    ),
    Control(
        "help",
        "button",
        Labels("Help", "Hjælp", "Hjälp"),
        Labels(
            "Show the xltools version, where the documentation is, which settings are used "
            "and where the log of problems is.",
            "Vis xltools-versionen, hvor dokumentationen findes, hvilke indstillinger der bruges "
            "og hvor loggen over problemer ligger.",
            "Visa xltools-versionen, var dokumentationen finns, vilka inställningar som används "
            "och var loggen över problem finns.",
        ),
        "Help",
    ),
)

_BY_ID = {control.id: control for control in CONTROLS}
BUTTON_IDS: tuple[str, ...] = tuple(c.id for c in CONTROLS if c.kind == "button")


def control(control_id: str) -> Control:
    """Look a control up by its ribbon id.

    Args:
        control_id: The ``id`` attribute in ``customUI14.xml`` (for buttons, what VBA
            passes as ``control.Id``).

    Returns:
        The control's entry.

    Raises:
        KeyError: No control has that id.
    """
    try:
        return _BY_ID[control_id]
    except KeyError:
        raise KeyError(f"no ribbon control with id {control_id!r}") from None
