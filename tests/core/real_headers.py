"""Header rows of public action-plan templates and guidance, as the sources write them.

Each ``RealTemplate`` is one source (docs/header-vocabulary.md lists the same sources):
the headers as the source writes them, the column each one must be read as (None: a column
the schema does not have, which stays an unknown column), and ``added``: the columns a
department adds because the source has none for a column xltools requires (an ID, a
status ...). ``verbatim`` says whether the source shows the headers themselves (a form, a
table, a list of fields) or says in prose what a plan must hold; then the headers are the
source's own words for each part, as departments turn them into columns.
"""

from __future__ import annotations

from dataclasses import dataclass

from xltools.core.schema import PlanKind

A, V, C = PlanKind.ACTION, PlanKind.ACTIVITY, PlanKind.COMMUNICATION


@dataclass(frozen=True)
class RealTemplate:
    """One source's header row and what each header means."""

    name: str
    url: str
    lang: str
    kind: PlanKind
    verbatim: bool
    headers: tuple[tuple[str, str | None], ...]  # (header as written, column key or None)
    added: tuple[tuple[str, str], ...] = ()  # (header, key) a department adds

    @property
    def row(self) -> list[str]:
        """The header row of a sheet made from this template: the source's, then the added."""
        return [h for h, _ in self.headers] + [h for h, _ in self.added]


TEMPLATES: tuple[RealTemplate, ...] = (
    # --- Danish ----------------------------------------------------------------------------
    RealTemplate(
        "Arbejdstilsynet's minimum content of an APV action plan (Videncenter for Arbejdsmiljø)",
        "https://www.godtarbejdsmiljo.dk/arbejdsmiljoearbejdet/apv/apv-arbejdspladsvurdering/"
        "apv-fase-4-udarbejd-en-handleplan", "da", A, False,
        (("Arbejdsmiljøproblem", "problem"), ("Tiltag", "actions"), ("Ansvarlig", "owner"),
         ("Tidsplan for gennemførelse", "deadline"), ("Tidsplan for opfølgning",
                                                       "follow_up_date")),
        (("Nr.", "id"), ("Emne", "topic"), ("Mål", "goal"), ("Opfølgning", "follow_up"),
         ("Status", "status")),
    ),
    RealTemplate(
        "Albertslund Kommune: elements of the APV action plan; carrying out and following up",
        "https://www.medarbejdersiden.albertslund.dk/vejledning-og-support/"
        "trivsel-sundhed-og-arbejdsmiljoe/arbejdspladsvurdering-apv-og-ipl/apv-trin-for-trin/"
        "indhold-i-apv/elementer-i-handlingsplanen", "da", A, False,
        (("Beskrivelse af problemet", "problem"), ("Valgt løsning", "actions"),
         ("Hvornår er løsningen gennemført", "deadline"), ("Navn på ansvarlig", "owner"),
         ("Hvordan følges op", "follow_up"), ("Hvornår følges op", "follow_up_date")),
        (("Nr.", "id"), ("Emne", "topic"), ("Mål", "goal"), ("Status", "status")),
    ),
    RealTemplate(
        "PROSA (union) working-environment handbook: the action plan",
        "https://www.prosa.dk/arbejdsmiljoe/arbejdsmiljoe-haandbogen/arbejdsplads-vurdering/"
        "handlingsplan", "da", A, False,
        (("Hvilke problemer", "problem"), ("Hvordan løses problemet?", "actions"),
         ("Hvornår skal det være løst?", "deadline"), ("Hvem har ansvaret?", "owner")),
        (("Nr.", "id"), ("Emne", "topic"), ("Mål", "goal"), ("Opfølgning", "follow_up"),
         ("Status", "status")),
    ),
    RealTemplate(
        "NFA: phase 4 action plans (the handleplansskema)",
        "https://nfatrivsel.dk/trivselspakke-fase4/", "da", A, False,
        (("Emne", "topic"), ("Mål", "goal"), ("Delmål", "sub_goals"),
         ("Indsatser", "actions"), ("Ansvarlig", "owner"), ("Deadline", "deadline"),
         ("Opfølgning", "follow_up")),
        (("Nr.", "id"), ("Status", "status")),
    ),
    RealTemplate(
        "NFA: phase 5 implementation (the implementeringsskema: who does what, and when)",
        "https://nfatrivsel.dk/trivselspakke-fase5/", "da", V, False,
        (("Hvad", "activity"), ("Hvem", "owner"), ("Hvornår", "deadline"),
         ("Opfølgning", "follow_up")),
        (("Nr.", "id"), ("Hvordan", "how"), ("Status", "status")),
    ),
    RealTemplate(
        "APV-portalen: step 3, put the action plan to work",
        "https://www.apvportalen.dk/apv-for-ledere/"
        "rammevaerktoej-for-oeverste-ledelse-til-afdaekning-af-mellemlederens-psykiske-"
        "arbejdsmiljoe/3-skridt-saet-handleplan-i-gang", "da", V, False,
        (("Hvilke aktiviteter skal gennemføres?", "activity"), ("Hovedansvarlig", "owner"),
         ("Ressourcer", None), ("Tidsramme", "deadline"), ("Evaluering", "follow_up")),
        (("Nr.", "id"), ("Hvordan", "how"), ("Status", "status")),
    ),
    RealTemplate(
        "Aarhus Universitet: communication plans; elkan.dk: what a communication plan holds",
        "http://medarbejdere.au.dk/administration/kommunikation/kommunikationsplaner/", "da", C,
        False,
        (("Målgrupper", "audience"), ("Formål", "purpose"), ("Hovedbudskaber", "message"),
         ("Kanal", "channel"), ("Hvornår", "when"), ("Ansvarlig", "owner"),
         # audience or sender? claimed by neither, so it is reported, not guessed
         ("Hvem", None)),
        (("Nr.", "id"), ("Involvering", "involvement"), ("Status", "status")),
    ),
    # --- Swedish ---------------------------------------------------------------------------
    RealTemplate(
        "Arbetsgivarverket: Åtgärda (what a written action plan can hold)",
        "https://www.arbetsgivarverket.se/ledare-i-staten/arbetsgivarguiden/ffr/forebyggande/"
        "atgarda/", "sv", A, True,
        (("Riskerna", "problem"), ("Mål. Vad ska förbättras?", "goal"),
         ("Aktivitet. Vad ska göras?", "actions"), ("Startdatum", "start"),
         ("Slutdatum", "deadline"), ("Uppskattad kostnad", "resources"), ("Ansvarig", "owner"),
         ("Avstämning, datum och vad har gjorts?", "follow_up"),
         ("Uppföljningsdatum", "follow_up_date"), ("Resultat och kommentarer", "notes")),
        (("Nr", "id"), ("Område", "topic"), ("Status", "status")),
    ),
    RealTemplate(
        "Arbetsmiljöverket's simple action plan, as summarised by Arbetsmiljöhandboken and "
        "Arbetarskydd",
        "http://arbetsmiljohandbok.se/handlingsplan-248", "sv", A, False,
        (("Risk", "problem"), ("Åtgärd", "actions"), ("Ansvarig", "owner"),
         ("När ska åtgärden vara genomförd", "deadline"),
         ("Uppföljningsdatum", "follow_up_date")),
        (("Nr", "id"), ("Område", "topic"), ("Mål", "goal"), ("Uppföljning", "follow_up"),
         ("Status", "status")),
    ),
    RealTemplate(
        "Arbetsgivaralliansen: åtgärda riskerna och skriv handlingsplan",
        "https://www.arbetsgivaralliansen.se/arbetsgivarguiden/old-fran-delat/arbetsmiljo/"
        "systematiskt-arbetsmiljoarbete/atgarda-riskerna-och-skriv-handlingsplan/", "sv", A,
        False,
        (("Vad ska göras", "actions"), ("Vem ansvarar", "owner"),
         ("När ska det vara klart", "deadline")),
        (("Nr", "id"), ("Område", "topic"), ("Mål", "goal"), ("Uppföljning", "follow_up"),
         ("Status", "status")),
    ),
    RealTemplate(
        "Motivera mera: handlingsplan (the questions a plan answers)",
        "https://www.motiveramera.nu/handlingsplan/", "sv", A, True,
        (("Vad ska göras?", "actions"), ("Varför ska det göras?", None),
         ("Vem ska göra det?", "owner"), ("När ska det göras?", "deadline"),
         ("Vilka resurser ska användas?", "resources"),
         ("Hur ska detta följas upp?", "follow_up"),
         ("När ska detta följas upp?", "follow_up_date")),
        (("Nr", "id"), ("Område", "topic"), ("Mål", "goal"), ("Status", "status")),
    ),
    RealTemplate(
        "Metodstöd: handlingsplan (example fields)",
        "https://metodstod.se/bilagor/handlingsplan/", "sv", A, True,
        (("Rubrik", "topic"), ("Syfte", None), ("Mål", "goal"), ("Aktiviteter", "actions"),
         ("Indikatorer", None), ("Tidsplan", "deadline"), ("Ansvarig", "owner")),
        (("Nr", "id"), ("Uppföljning", "follow_up"), ("Status", "status")),
    ),
    RealTemplate(
        "Suntarbetsliv OSA-kollen: ta fram en handlingsplan; följ upp handlingsplanen",
        "https://osakollen.suntarbetsliv.se/aktivitet/ta-fram-en-handlingsplan/", "sv", A,
        False,
        (("Utvecklingsområde", "topic"), ("Mål", "goal"), ("Aktivitet", "actions"),
         ("Hur", None), ("När", "deadline"), ("Uppföljning", "follow_up"),
         ("Status", "status")),
        (("Nr", "id"), ("Ansvarig", "owner")),
    ),
    RealTemplate(
        "SKR Uppföljningsguiden: aktivitetsplan för ledningssystem",
        "https://uppfoljningsguiden.se/artiklar/aktivitetsplan-for-ledningssystem/", "sv", V,
        False,
        (("Aktivitet", "activity"), ("Hur den skall göras", "how"),
         ("Vem är ansvarig", "owner"), ("När", "deadline"),
         ("Hur uppföljning ska ske", "follow_up"), ("Delmål", "sub_goal")),
        (("Nr", "id"), ("Status", "status")),
    ),
    RealTemplate(
        "SKR Uppföljningsguiden: kommunikationsplan (involved or informed, purpose, goal)",
        "https://uppfoljningsguiden.se/planering-2/ledningssystem-for-systematiskt-"
        "kvalitetsarbete/implementera/planera-for-implementeringen/", "sv", C, False,
        (("Målgrupp", "audience"), ("Delaktighet", "involvement"), ("Syfte", "purpose"),
         ("Mål", "goal")),
        (("Nr", "id"), ("Budskap", "message"), ("Kanal", "channel"),
         ("Ansvarig", "owner"), ("När", "when"), ("Status", "status")),
    ),
    RealTemplate(
        "Malmö stad (Komin): the communication action plan",
        "https://komin.malmo.se/Arbetsfalt-verksamheter/Chef/Kommunikation/"
        "Planera-din-kommunikation/5.-Handlingsplan.html", "sv", C, False,
        (("Vad ska kommuniceras", "message"), ("Till vem", "audience"), ("När", "when"),
         ("På vilket sätt", None), ("Genom vilken kanal", "channel"), ("Av vem", "owner")),
        (("Nr", "id"), ("Delaktighet", "involvement"), ("Syfte", "purpose"),
         ("Status", "status")),
    ),
    # --- English ---------------------------------------------------------------------------
    RealTemplate(
        "Project action items template (action items list with instructions)",
        "https://www.scribd.com/document/620668226/project-actions-template", "en", A, True,
        (("No.", "id"), ("Action Item", "actions"), ("Date Opened", None),
         ("Description", None), ("Priority", "priority"), ("Responsible Party", "owner"),
         ("Due Date", "deadline"), ("Completion Date", None), ("Progress Notes", "notes"),
         ("Status", "status")),
        (("Topic", "topic"), ("Goal", "goal"), ("Follow-up", "follow_up")),
    ),
    RealTemplate(
        "Action plan table of the military correspondence formats",
        "https://smesta.mod.gov.rs/formats_of_military_correspondence/action_plan.93.html",
        "en", A, True,
        (("Ser no", "id"), ("Item (or Subject)", "topic"), ("Action", "actions"),
         ("Due date", "deadline"), ("Action lead", "owner")),
        (("Goal", "goal"), ("Follow-up", "follow_up"), ("Status", "status")),
    ),
    RealTemplate(
        "MOD Health and Safety Handbook JSP 375, SHE action plan example",
        "https://pt.scribd.com/document/158249402/20100104-SHEActionPlanExample", "en", A, True,
        (("Ser (a)", "id"), ("Heading (b)", "topic"), ("Objective (c)", "goal"),
         ("Target Date (d)", "deadline"), ("Action by (e)", "owner"),
         ("Remarks (f)", "notes")),
        (("Action", "actions"), ("Follow-up", "follow_up"), ("Status", "status")),
    ),
    RealTemplate(
        "Action plan template (no, action, responsible, priority, status, finish dates)",
        "https://www.scribd.com/document/657437491/Action-Plan-Template", "en", A, True,
        (("No", "id"), ("Action", "actions"), ("Responsible", "owner"),
         ("Priority\nHigh/Med/Low", "priority"), ("Status\nNot Started / Started / Complete",
                                                 "status"),
         ("Planned Finish Date\nmm.dd.yy", "deadline"), ("Actual Finish Date\nmm.dd.yy", None),
         ("Notes", "notes")),
        (("Topic", "topic"), ("Goal", "goal"), ("Follow-up", "follow_up")),
    ),
    RealTemplate(
        "Projectoolkit: programme action log",
        "https://projectoolkit.com/actions-log/", "en", A, True,
        (("Action ID", "id"), ("Created", None), ("Category", "topic"),
         ("Action Description", "actions"), ("Update", None), ("Owner", "owner"),
         ("Due Date", "deadline"), ("Priority", "priority"), ("Days", None), ("Closed", None)),
        (("Goal", "goal"), ("Follow-up", "follow_up"), ("Status", "status")),
    ),
    RealTemplate(
        "LegalClarity: how to fill out an action plan form (core components)",
        "https://legalclarity.org/how-to-fill-out-an-action-plan-form-goals-steps-and-owners/",
        "en", A, True,
        (("Goal or objective", "goal"), ("Action step", "actions"), ("Task owner", "owner"),
         ("Start date", "start"), ("Due date", "deadline"),
         ("Resources needed", "resources"), ("Priority level", "priority"),
         ("Status", "status"), ("Success metric or KPI", None), ("Notes", "notes")),
        (("No.", "id"), ("Topic", "topic"), ("Follow-up", "follow_up")),
    ),
    RealTemplate(
        "Action log with owner and RAG status (Free PMO Templates; iwise2: RAG status)",
        "https://www.freepmotemplates.com/action-log/", "en", A, False,
        (("No.", "id"), ("Action", "actions"), ("Action owner", "owner"),
         ("By when", "deadline"), ("RAG status", None), ("Status", "status")),
        (("Topic", "topic"), ("Goal", "goal"), ("Follow-up", "follow_up")),
    ),
)
