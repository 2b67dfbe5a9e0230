"""Exceptions for misuse and unreadable input; problems in a plan's data are Issues, not errors.

Every error xltools raises on purpose carries a stable ``code`` and its ``params``; its text
lives once, in three languages, in ``core.texts.errors`` (or ``READ_FAILURES`` for files
that cannot be read), so the command line can say it in the user's language and ``--json``
can give the code. ``str(error)`` is the English text.
"""

from __future__ import annotations


class XltoolsError(Exception):
    """Base of every error xltools raises on purpose; its message is meant for the user.

    Args:
        message: the English text, when the error has no declared code (kept for errors
            whose text carries technical detail only English has).
        code: a key of ``core.texts.errors.ERRORS``; the text is then taken from there.
        **params: the values the text's placeholders name.
    """

    def __init__(self, message: str | None = None, *, code: str | None = None,
                 **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(message if message is not None else self.localized("en"))

    def localized(self, lang: str) -> str:
        """The message in ``lang`` (falls back to the English text)."""
        from xltools.core.schema import Labels
        from xltools.core.texts.errors import ERRORS

        if self.code in ERRORS:
            # a parameter may itself be a text in three languages (e.g. the kind of output)
            params = {k: v[lang] if isinstance(v, Labels) else v for k, v in self.params.items()}
            return ERRORS[self.code][lang].format(**params)
        return str(self) if self.args else (self.code or type(self).__name__)

    @property
    def error_code(self) -> str:
        """The code tools can rely on (``--json``), also for errors without a declared one."""
        return self.code or "error"


class UnreadableWorkbookError(XltoolsError):
    """The file is not a workbook xltools can read: empty, damaged, encrypted, too large, ..."""

    def __init__(self, path: object, reason: str, *, code: str | None = None,
                 **params: object) -> None:
        self.path = str(path)
        self.reason = reason  # English, with technical detail
        self.code = code  # a key of core.texts.READ_FAILURES, when the reason has one
        self.params = params
        Exception.__init__(self, f"{self.path}: {reason}")

    def localized_reason(self, lang: str) -> str:
        """The reason in ``lang`` (English keeps its technical detail)."""
        from xltools.core.texts import READ_FAILURES

        if lang == "en" or self.code not in READ_FAILURES:
            return self.reason
        return READ_FAILURES[self.code][lang].format(**self.params)

    def localized(self, lang: str) -> str:
        """The path and the reason in ``lang``."""
        return f"{self.path}: {self.localized_reason(lang)}"

    @property
    def error_code(self) -> str:
        return f"unreadable-{self.code}" if self.code else "unreadable"


class OutputError(XltoolsError):
    """An output file cannot be written where the user asked."""


class UsageError(XltoolsError):
    """The command was asked for something it cannot do (options that do not go together)."""
