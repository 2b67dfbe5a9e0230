"""The ribbon's controls as data: id, labels and tips in da/sv/en, icon — the one place
a label is spelled. ``macros/customUI14.xml`` holds only the layout and the ids."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Language = Literal["da", "sv", "en"]
LANGUAGES: tuple[Language, ...] = ("da", "sv", "en")
Kind = Literal["tab", "group", "menu", "button"]


@dataclass(frozen=True)
class Text:
    """One piece of user-facing text in every supported language."""

    en: str
    da: str
    sv: str

    def __getitem__(self, lang: str) -> str:
        """The text in ``lang``.

        Args:
            lang: ``"da"``, ``"sv"`` or ``"en"``.

        Returns:
            The translation.

        Raises:
            KeyError: ``lang`` is not a supported language.
        """
        if lang not in LANGUAGES:
            raise KeyError(f"unsupported language {lang!r}; choose one of {LANGUAGES}")
        return str(getattr(self, lang))


@dataclass(frozen=True)
class Control:
    """A ribbon element with an ``id`` in ``customUI14.xml``.

    A ``button``'s id is also what the VBA ``OnButton`` callback passes to
    ``xltools.addin.dispatch``, which runs the Python function of that name.
    """

    id: str
    kind: Kind
    label: Text
    tip: Text | None = None
    image_mso: str | None = None


CONTROLS: tuple[Control, ...] = (
    Control("xltools_tab", "tab", Text("Action plans", "Handleplaner", "Handlingsplaner")),
    Control("plans_group", "group", Text("Plans", "Planer", "Planer")),
    Control(
        "new_workbook",
        "button",
        Text("New plan workbook", "Ny planprojektmappe", "Ny planarbetsbok"),
        Text(
            "Open a new workbook with action, activity and communication plan sheets.",
            "Åbn en ny projektmappe med ark til handleplan, aktivitetsplan og kommunikationsplan.",
            "Öppna en ny arbetsbok med blad för handlingsplan, aktivitetsplan och kommunikationsplan.",
        ),
        "FileNew",
    ),
    Control(
        "add_sheet",
        "menu",
        Text("Add sheet", "Tilføj ark", "Lägg till blad"),
        Text(
            "Add a plan sheet to the open workbook.",
            "Tilføj et planark til den åbne projektmappe.",
            "Lägg till ett planblad i den öppna arbetsboken.",
        ),
        "TableInsert",
    ),
    Control(
        "add_action_plan",
        "button",
        Text("Action plan", "Handleplan", "Handlingsplan"),
        Text(
            "Add an action plan sheet: problem, action, owner, deadline, status.",
            "Tilføj et handleplanark: problem, handling, ansvarlig, frist, status.",
            "Lägg till ett handlingsplansblad: problem, åtgärd, ansvarig, deadline, status.",
        ),
    ),
    Control(
        "add_activity_plan",
        "button",
        Text("Activity plan", "Aktivitetsplan", "Aktivitetsplan"),
        Text(
            "Add an activity plan sheet: how, who and when for each activity.",
            "Tilføj et aktivitetsplanark: hvordan, hvem og hvornår for hver aktivitet.",
            "Lägg till ett aktivitetsplansblad: hur, vem och när för varje aktivitet.",
        ),
    ),
    Control(
        "add_communication_plan",
        "button",
        Text("Communication plan", "Kommunikationsplan", "Kommunikationsplan"),
        Text(
            "Add a communication plan sheet: who is involved, who is informed, how and when.",
            "Tilføj et kommunikationsplanark: hvem inddrages, hvem informeres, hvordan og hvornår.",
            "Lägg till ett kommunikationsplansblad: vem involveras, vem informeras, hur och när.",
        ),
    ),
    Control("check_group", "group", Text("Check", "Kontrol", "Kontroll")),
    Control(
        "validate",
        "button",
        Text("Validate", "Valider", "Validera"),
        Text(
            "Check every plan sheet, mark problem cells and refresh the Issues sheet.",
            "Kontrollér alle planark, markér problemceller og opdatér arket med fejl.",
            "Kontrollera alla planblad, markera problemceller och uppdatera bladet med fel.",
        ),
        "AcceptInvitation",
    ),
    Control(
        "highlight_overdue",
        "button",
        Text("Highlight overdue", "Fremhæv overskredne", "Markera försenade"),
        Text(
            "Mark the deadlines that have passed, or come soon, without the item being done.",
            "Markér de frister, der er overskredet eller snart nås, uden at punktet er afsluttet.",
            "Markera de deadlines som har passerats eller snart nås utan att punkten är klar.",
        ),
        "ConditionalFormattingMenu",
    ),
    Control(
        "clear_marks",
        "button",
        Text("Clear marks", "Ryd markeringer", "Rensa markeringar"),
        Text(
            "Remove the colours and comments that Validate and Highlight overdue added.",
            "Fjern de farver og kommentarer, som Valider og Fremhæv overskredne tilføjede.",
            "Ta bort färger och kommentarer som Validera och Markera försenade lade till.",
        ),
        "ClearFormats",
    ),
    Control("organisation_group", "group", Text("Organisation", "Organisation", "Organisation")),
    Control(
        "rollup_folder",
        "button",
        Text("Roll up folder…", "Opsummér mappe…", "Sammanställ mapp…"),
        Text(
            "Pick a folder of department workbooks and write the organisation summary.",
            "Vælg en mappe med afdelingernes projektmapper og skriv organisationens sammenfatning.",
            "Välj en mapp med avdelningarnas arbetsböcker och skriv organisationens sammanställning.",
        ),
        "FolderOpen",
    ),
    Control(
        "help",
        "button",
        Text("Help", "Hjælp", "Hjälp"),
        Text(
            "Show the xltools version and where the documentation is.",
            "Vis xltools-versionen og hvor dokumentationen findes.",
            "Visa xltools-versionen och var dokumentationen finns.",
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
