"""Exceptions for misuse and unreadable input; problems in a plan's data are Issues, not errors."""


class XltoolsError(Exception):
    """Base of every error xltools raises on purpose; its message is meant for the user."""


class UnreadableWorkbookError(XltoolsError):
    """The file is not a workbook xltools can read: empty, damaged, encrypted, too large, ..."""

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class OutputError(XltoolsError):
    """An output file cannot be written where the user asked."""
