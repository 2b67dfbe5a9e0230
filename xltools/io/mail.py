"""E-mail drafts (``.eml``) for chase lists: the list attached, ready to open and send.

Built with the standard library's ``email`` package (``EmailMessage``, SMTP policy: CRLF line
ends, every header line within the limits mail servers accept). ``X-Unsent: 1`` makes
Outlook open the file as a draft to send; other mail programs open it as a message to
forward or edit. Nothing is sent. An earlier draft of xltools' (recognised by its
``X-Mailer`` header) is replaced by a re-run; any other file only with ``force``.
"""

from __future__ import annotations

from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

from xltools import __version__
from xltools.core.email_text import header_text
from xltools.io.atomic import atomic_output

XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
MAILER = f"xltools {__version__}"
_MAILER_MARK = b"x-mailer: xltools"
_HEAD_BYTES = 16_384


def draft_message(*, subject: str, body: str, to: tuple[str, ...] = (),
                  display_name: str | None = None, attachment: bytes | None = None,
                  attachment_name: str | None = None) -> EmailMessage:
    """An unsent e-mail with a workbook attached.

    Args:
        subject: the Subject (made safe for a header here as well).
        body: plain text.
        to: recipient addresses in header form (``core.email_text.parse_address``); none:
            no To header, the sender fills it in.
        display_name: shown before a single recipient's address (e.g. the manager).
        attachment: the workbook's bytes.
        attachment_name: its file name.

    Returns:
        The message.
    """
    message = EmailMessage(policy=policy.SMTP)
    if to:
        name = header_text(display_name or "") if len(to) == 1 else ""
        # Address objects quote a display name with commas or quotes correctly; the address
        # itself was checked and is ASCII, so nothing from a cell becomes a header of its own
        message["To"] = [Address(display_name=name, addr_spec=address) for address in to]
    message["Subject"] = header_text(subject, limit=250)
    message["X-Unsent"] = "1"
    message["X-Mailer"] = MAILER
    message.set_content(body, subtype="plain", charset="utf-8", cte="quoted-printable")
    if attachment is not None:
        message.add_attachment(attachment, maintype=XLSX_TYPE[0], subtype=XLSX_TYPE[1],
                               filename=attachment_name or "attachment.xlsx")
    return message


def is_xltools_draft(path: str | Path) -> bool:
    """Whether ``path`` is a draft xltools wrote (its headers name xltools as the mailer)."""
    try:
        with Path(path).open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError:
        return False
    headers = head.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    return any(line.strip().lower().startswith(_MAILER_MARK) for line in headers.splitlines())


def write_draft(message: EmailMessage, path: str | Path, *, force: bool = False) -> Path:
    """Write a draft as an ``.eml`` file (atomically).

    Args:
        message: from ``draft_message``.
        path: the file to write.
        force: replace an existing file that is not an earlier xltools draft.

    Returns:
        The path written.

    Raises:
        OutputError: the file may not or cannot be written.
    """
    path = Path(path)
    data = message.as_bytes(policy=policy.SMTP)
    with atomic_output(path, force=force or is_xltools_draft(path)) as temp:
        temp.write_bytes(data)
    return path
