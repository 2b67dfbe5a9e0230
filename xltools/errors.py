"""Exceptions for misuse and unreadable input; problems in a plan's data are Issues, not errors."""


class XltoolsError(Exception):
    """Base of every error xltools raises on purpose; its message is meant for the user."""


class UnreadableWorkbookError(XltoolsError):
    """The file is not a workbook xltools can read: empty, damaged, encrypted, too large, ..."""

    def __init__(self, path: object, reason: str, *, code: str | None = None,
                 **params: object) -> None:
        self.path = str(path)
        self.reason = reason  # English, with technical detail
        self.code = code  # a key of core.texts.READ_FAILURES, when the reason has one
        self.params = params
        super().__init__(f"{self.path}: {reason}")

    def localized_reason(self, lang: str) -> str:
        """The reason in ``lang`` (English keeps its technical detail)."""
        from xltools.core.texts import READ_FAILURES

        if lang == "en" or self.code not in READ_FAILURES:
            return self.reason
        return READ_FAILURES[self.code][lang].format(**self.params)


class OutputError(XltoolsError):
    """An output file cannot be written where the user asked."""
