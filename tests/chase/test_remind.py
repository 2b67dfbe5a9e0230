"""remind: chase lists, e-mail drafts and the index, read back as HR and a mail program would."""

from __future__ import annotations

import email
import io
import json
from datetime import date
from email import policy
from email.message import EmailMessage
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from tests.chase.conftest import AS_OF, INJECTION
from xltools.cli import app
from xltools.core.outputs import OutputKind
from xltools.io.outputs import output_kind
from xltools.remind import ChaseOutcome, RemindResult, remind
from xltools.rollup import rollup

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
runner = CliRunner()


def _run(plans: Path, out: Path, **options: object) -> RemindResult:
    return remind([plans], out, as_of=AS_OF, jobs=2, **options)  # type: ignore[arg-type]


def _entries(result: RemindResult) -> dict[str, object]:
    return {e.department or Path(e.source).name: e for e in result.entries}


def _message(path: Path, strict: bool = True) -> EmailMessage:
    data = path.read_bytes()
    if strict:
        # a mail program's view with no tolerance: any defect raises
        strict_message = email.message_from_bytes(data, policy=policy.strict)
        for part in strict_message.walk():
            part.get_content_type()
    return email.message_from_bytes(data, policy=policy.default)  # type: ignore[return-value]


def _attachment(message: EmailMessage) -> tuple[str, bytes]:
    [part] = list(message.iter_attachments())
    assert part.get_content_type() == XLSX
    return part.get_filename() or "", part.get_content()


def _rows(data: bytes) -> list[list[object]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    try:
        return book.get_sheet_by_index(0).to_python()
    finally:
        book.close()


def test_every_department_gets_its_outcome_and_only_late_ones_get_files(
        plans: Path, tmp_path: Path) -> None:
    result = _run(plans, tmp_path / "out")
    entries = _entries(result)
    assert {name: e.outcome for name, e in entries.items()} == {  # type: ignore[attr-defined]
        "Hjemmeplejen": ChaseOutcome.WRITTEN, "Ekonomi": ChaseOutcome.WRITTEN,
        "IT Support": ChaseOutcome.NOTHING, INJECTION: ChaseOutcome.WRITTEN,
        "Skolen": ChaseOutcome.WRITTEN, "broken.xlsx": ChaseOutcome.FAILED}
    home = entries["Hjemmeplejen"]
    assert (home.overdue, home.due_soon, home.errors, home.most_days_late) == (3, 1, 1, 83)  # type: ignore[attr-defined]
    assert result.skipped == [(str(plans / "~$ekonomi.xlsx"), "excel_lock")]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted([
        "Påmindelse - Hjemmeplejen.xlsx", "Påmindelse - Hjemmeplejen.eml",
        "Påminnelse - Ekonomi.xlsx", "Påminnelse - Ekonomi.eml",
        "Påmindelse - Skolen.xlsx", "Påmindelse - Skolen.eml",
        "Reminder - Drift =-utf-8-b-QmNjOiBldmlsQHguY29t-= = Service.xlsx",
        "Reminder - Drift =-utf-8-b-QmNjOiBldmlsQHguY29t-= = Service.eml",
        "Reminders - index.xlsx"])
    assert not result.ok  # one file could not be read


def test_the_draft_is_addressed_worded_in_its_language_and_carries_the_list(
        plans: Path, tmp_path: Path) -> None:
    _run(plans, tmp_path / "out")
    message = _message(tmp_path / "out" / "Påmindelse - Hjemmeplejen.eml")
    assert message["To"] == "Mette Hansen <mette@nordby.dk>"
    assert message["X-Unsent"] == "1"
    assert message["Subject"].strip() == \
        "Handleplaner, Hjemmeplejen: 3 overskredne, 1 med snart deadline, 1 fejl"
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    text = text.replace("\r\n", "\n")  # lines end in CRLF on the wire, as SMTP wants
    assert text.startswith("Kære Mette Hansen\n")
    assert "- 3 punkter har overskredet deadline\n- 1 punkt har deadline inden for 14 dage\n" \
           "- 1 fejl i projektmappen skal rettes\n" in text
    most = text.split("De mest overskredne:\n")[1].split("\n\n")[0].splitlines()
    assert most == [
        "- Kommunikationsplan, ID 1: Nyt skema – deadline 01-09-2026, 83 dage over "
        "(ansvarlig: Ole Dahl)",
        "- Handleplan, ID 1: Fælles vagtplan – deadline 01-10-2026, 53 dage over "
            "(ansvarlig: Mette Hansen)",
        "- Aktivitetsplan, ID A1: Kortlæg besøg – deadline 13-11-2026, 10 dage over "
        "(ansvarlig: Mette Hansen)"]
    assert text.rstrip().endswith("Venlig hilsen\nNordby Kommune")
    name, data = _attachment(message)
    assert name == "Påmindelse - Hjemmeplejen.xlsx"
    assert data == (tmp_path / "out" / name).read_bytes()
    assert _rows(data)[4] == ["Type", "Ark", "Celle", "ID", "Hvad", "Deadline",
                              "Over / tilbage", "Status", "Det skal gøres"]  # in Danish
    # openpyxl opens the attachment too, and it is marked as a chase list
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.properties.keywords == "xltools:chase-list"


def test_the_list_holds_the_right_rows_grouped_by_person(plans: Path, tmp_path: Path) -> None:
    _run(plans, tmp_path / "out")
    rows = _rows((tmp_path / "out" / "Påmindelse - Hjemmeplejen.xlsx").read_bytes())
    assert rows[0][0] == "Påmindelse: Hjemmeplejen"
    assert rows[2][0] == ("3 punkter har overskredet deadline · 1 punkt har deadline inden "
                          "for 14 dage · 1 fejl i projektmappen skal rettes")
    body = [[c for c in row if c != ""] for row in rows[5:]]
    assert body[0] == ["Ansvarlig: Mette Hansen  (2 overskredne)"]
    assert body[1][:4] == ["Overskredet", "Handleplan", "J2", "1"]
    assert body[1][6:] == ["53 dage over", "I gang", "Opdatér status, eller aftal en ny deadline."]
    assert body[2][:4] == ["Overskredet", "Aktivitetsplan", "G2", "A1"]
    assert body[3] == ["Ansvarlig: Ole Dahl  (1 overskredet, 1 med snart deadline, 1 fejl)"]
    assert [row[0] for row in body[4:]] == ["Overskredet", "Snart deadline", "Fejl"]
    error = body[6]
    assert error[1:4] == ["Handleplan", "J5", "4"] and "'snart' er ikke en dato" in error[-1]


def test_the_list_is_readable_and_printable(plans: Path, tmp_path: Path) -> None:
    _run(plans, tmp_path / "out")
    path = tmp_path / "out" / "Påmindelse - Hjemmeplejen.xlsx"
    assert output_kind(path) is OutputKind.CHASE_LIST
    ws = openpyxl.load_workbook(path).active
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    # one page wide (1 is the file format's default, so a writer may leave it out), any tall
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$5:$5"
    assert ws.freeze_panes == "A6"
    assert ws["A5"].alignment.wrap_text and ws["A5"].font.b
    deadline = ws["F7"]
    assert deadline.value.date() == date(2026, 10, 1)
    assert deadline.number_format == "dd-mm-yyyy"  # as the Danish template writes dates
    assert ws["A7"].fill.fgColor.rgb.endswith("F8CBAD")  # overdue: the templates' red
    error_row = next(r for r in range(6, 20) if ws.cell(r, 1).value == "Fejl")
    assert ws.row_dimensions[error_row].height > 15  # the wrapped message is not cut off
    assert ws.column_dimensions["I"].width > 30


def test_a_department_without_a_valid_address_gets_a_draft_without_recipient(
        plans: Path, tmp_path: Path) -> None:
    result = _run(plans, tmp_path / "out")
    for name in ("Påminnelse - Ekonomi.eml", "Påmindelse - Skolen.eml"):
        message = _message(tmp_path / "out" / name)
        assert message["To"] is None and message["X-Unsent"] == "1"
    assert _message(tmp_path / "out" / "Påminnelse - Ekonomi.eml")["Subject"].strip() == \
        "Handlingsplaner, Ekonomi: 1 försenad"
    skolen = _entries(result)["Skolen"]
    assert skolen.address_value == "skolen(at)nordby.dk"  # type: ignore[attr-defined]
    index = _rows((tmp_path / "out" / "Reminders - index.xlsx").read_bytes())
    header = index[0]
    by_department = {row[0]: dict(zip(header, row, strict=True)) for row in index[1:]}
    assert by_department["Hjemmeplejen"]["E-mail to"] == "mette@nordby.dk"
    assert by_department["Ekonomi"]["E-mail to"] == \
        "none in the About sheet: the draft has no recipient"
    assert by_department["Skolen"]["E-mail to"] == \
        "'skolen(at)nordby.dk' is not a valid address: the draft has no recipient"
    assert by_department["Hjemmeplejen"]["Chase list and e-mail draft"] == \
        "Påmindelse - Hjemmeplejen.xlsx\nPåmindelse - Hjemmeplejen.eml"
    assert (by_department["Hjemmeplejen"]["Overdue"], by_department["Hjemmeplejen"]["Due soon"],
            by_department["Hjemmeplejen"]["Errors"]) == (3, 1, 1)
    assert by_department["IT Support"]["Outcome"] == "nothing to chase"
    failed = index[-1]
    assert failed[header.index("Source file")] == "broken.xlsx"
    assert str(failed[header.index("Outcome")]).startswith("could not be read: ")


def test_a_department_name_cannot_add_or_disguise_a_header(plans: Path, tmp_path: Path) -> None:
    _run(plans, tmp_path / "out")
    path = tmp_path / "out" / "Reminder - Drift =-utf-8-b-QmNjOiBldmlsQHguY29t-= = Service.eml"
    message = _message(path)
    assert sorted(message.keys()) == ["Content-Type", "MIME-Version", "Subject", "To",
                                      "X-Mailer", "X-Unsent"]
    assert "evil" not in str(message["Subject"])  # never decoded as an encoded word
    assert message["Subject"].strip() == \
        "Action plans, Drift = ?utf-8?b?QmNjOiBldmlsQHguY29t?= = Service: 1 overdue"
    # the manager's name with a comma and quotes stays the display name of one recipient
    [to] = message["To"].addresses
    assert (to.display_name, to.addr_spec) == ('Hansen, "Ops" Lead', "ops@xn--k-5ga.dk")


def test_a_name_with_a_line_break_stays_in_its_header() -> None:
    from xltools.core.chase import ChaseLine, DepartmentChase, LineKind, ReadOutcome
    from xltools.core.chase_message import subject
    from xltools.io.mail import draft_message

    chase = DepartmentChase("x.xlsx", ReadOutcome.READ, department="Drift\r\nBcc: evil@x.dk",
                            lines=[ChaseLine(LineKind.ERROR, None, "Plan", 2, "A2")])
    message = draft_message(subject=subject(chase, "en"), body="text\n", to=("a@b.dk",),
                            display_name="Ole\nCc: evil@x.dk", attachment=b"PK",
                            attachment_name="x.xlsx")
    parsed = email.message_from_bytes(message.as_bytes(), policy=policy.strict)
    assert parsed["Bcc"] is None and parsed["Cc"] is None
    assert parsed["Subject"].strip() == "Action plans, Drift Bcc: evil@x.dk: 1 error"
    assert str(parsed["To"]) == '"Ole Cc: evil@x.dk" <a@b.dk>'


def test_the_roll_up_skips_chase_lists_and_the_index(plans: Path, tmp_path: Path) -> None:
    before = rollup([plans], tmp_path / "before.xlsx", as_of=AS_OF, jobs=2)
    _run(plans, plans / "påmindelser")  # HR keeps them beside the plans
    after = rollup([plans], tmp_path / "after.xlsx", as_of=AS_OF, jobs=2)
    assert after.totals == before.totals
    skipped = {Path(f.source).name: f.reason for f in after.files if f.outcome == "skipped"}
    assert skipped["Påmindelse - Hjemmeplejen.xlsx"] == \
        "an xltools chase list, not a department workbook"
    assert "Reminders - index.xlsx" in skipped


def test_a_rerun_replaces_its_own_outputs_and_names_stale_ones(plans: Path,
                                                               tmp_path: Path) -> None:
    out = plans / "chase"  # inside the folder being read: its own outputs are skipped
    first = _run(plans, out)
    assert first.index is not None
    (plans / "ekonomi.xlsx").unlink()  # Ekonomi is no longer in the folder
    again = _run(plans, out)
    assert again.count(ChaseOutcome.WRITTEN) == first.count(ChaseOutcome.WRITTEN) - 1
    assert {Path(s).name for s, why in again.skipped if why == "xltools_chase_list"} >= {
        "Påmindelse - Hjemmeplejen.xlsx", "Reminders - index.xlsx"}
    assert sorted(p.name for p in again.stale) == ["Påminnelse - Ekonomi.eml",
                                                   "Påminnelse - Ekonomi.xlsx"]


def test_a_file_xltools_did_not_write_is_replaced_only_with_force(plans: Path,
                                                                 tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "Påmindelse - Hjemmeplejen.eml").write_text("HR's own notes", encoding="utf-8")
    result = _run(plans, out)
    home = _entries(result)["Hjemmeplejen"]
    assert home.outcome is ChaseOutcome.NOT_WRITTEN  # type: ignore[attr-defined]
    assert "--force" in home.reason  # type: ignore[attr-defined]
    assert (out / "Påmindelse - Hjemmeplejen.eml").read_text(encoding="utf-8") == "HR's own notes"
    forced = _run(plans, out, force=True)
    assert _entries(forced)["Hjemmeplejen"].outcome is ChaseOutcome.WRITTEN  # type: ignore[attr-defined]


def test_lang_puts_every_list_email_and_the_index_in_one_language(plans: Path,
                                                                  tmp_path: Path) -> None:
    result = _run(plans, tmp_path / "out", lang="sv")
    assert result.index == tmp_path / "out" / "Påminnelser - översikt.xlsx"
    message = _message(tmp_path / "out" / "Påminnelse - Hjemmeplejen.eml")
    assert message["Subject"].strip().startswith("Handlingsplaner, Hjemmeplejen: 3 försenade")
    index = _rows(result.index.read_bytes())
    assert index[0][0] == "Avdelning"


@pytest.mark.parametrize("writer", ["xlsxwriter", "rvgsrust"])
def test_both_writers_write_the_same_chase_list(plans: Path, tmp_path: Path,
                                                writer: str) -> None:
    result = _run(plans, tmp_path / writer, writer=writer)
    assert result.index is not None
    reference = tmp_path / "reference"
    if not reference.exists():
        _run(plans, reference, writer="xlsxwriter")
    for name in ("Påmindelse - Hjemmeplejen.xlsx", "Reminders - index.xlsx"):
        assert _rows((tmp_path / writer / name).read_bytes()) == \
            _rows((reference / name).read_bytes())
        assert output_kind(tmp_path / writer / name) in (OutputKind.CHASE_LIST,
                                                         OutputKind.CHASE_INDEX)


def test_libreoffice_opens_the_chase_list_and_the_index(plans: Path, tmp_path: Path,
                                                        convert) -> None:  # type: ignore[no-untyped-def]
    _run(plans, tmp_path / "out")
    files = [tmp_path / "out" / "Påmindelse - Hjemmeplejen.xlsx",
             tmp_path / "out" / "Reminders - index.xlsx"]
    chase_pdf, index_pdf = convert(files, "pdf", tmp_path / "pdf")
    assert chase_pdf.read_bytes().startswith(b"%PDF") and index_pdf.stat().st_size > 1000
    [csv_file] = convert(files[:1], "csv:Text - txt - csv (StarCalc):59,34,76,1", tmp_path / "csv")
    text = csv_file.read_text(encoding="utf-8")
    assert "Påmindelse: Hjemmeplejen" in text and "Ansvarlig: Mette Hansen" in text


def test_the_command_line(plans: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["remind", str(plans), "--out-dir", str(out), "--as-of",
                                 "2026-11-23", "--json", "--jobs", "1"])
    assert result.exit_code == 1  # broken.xlsx could not be read
    payload = json.loads(result.output)
    assert payload["written"] == 4 and payload["failed"] == 1
    assert payload["nothing_to_chase"] == 1 and payload["without_address"] == 2
    assert payload["index"] == str(out / "Reminders - index.xlsx")
    (plans / "broken.xlsx").unlink()
    text = runner.invoke(app, ["remind", str(plans), "--out-dir", str(out), "--as-of",
                               "2026-11-23", "--lang", "da"])
    assert text.exit_code == 0, text.output
    assert "Hjemmeplejen: påmindelse og e-mailkladde skrevet (3 overskredne, 1 med snart " \
           "deadline, 1 fejl) -> Påmindelse - Hjemmeplejen.xlsx, Påmindelse - " \
           "Hjemmeplejen.eml [mette@nordby.dk]" in text.output
    assert "IT Support: intet at følge op på" in text.output
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = runner.invoke(app, ["remind", str(empty), "--out-dir", str(out)])
    assert nothing.exit_code == 2
    assert runner.invoke(app, ["remind", str(plans), "--out-dir", str(out), "--lang",
                               "tysk"]).exit_code == 2


def test_settings_give_the_index_language_due_soon_window_and_signature(
        plans: Path, tmp_path: Path) -> None:
    config = tmp_path / "xltools.toml"
    config.write_text('[organisation]\nname = "Norrby kommun"\nlanguage = "sv"\n'
                      "due_soon_days = 120\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["remind", str(plans), "--out-dir", str(out), "--as-of",
                                 "2026-11-23", "--config", str(config), "--json"])
    payload = json.loads(result.output)
    assert payload["index"] == str(out / "Påminnelser - översikt.xlsx")
    it = next(d for d in payload["departments"] if d["department"] == "IT Support")
    assert (it["outcome"], it["due_soon"]) == ("written", 1)  # 98 days ahead, within 120
    text = _message(out / "Påminnelse - Ekonomi.eml").get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert text.replace("\r\n", "\n").rstrip().endswith("Vänliga hälsningar\nNorrby kommun")
