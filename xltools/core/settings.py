"""An organisation's own words and defaults (``xltools.toml``, SPEC 2.7), as plain data.

``Settings`` is what the rest of xltools uses: extra header names per column, extra status
words, its own topic list, extra group words, the default language and due-soon window.
``settings_from_toml`` checks a parsed ``xltools.toml`` against a pydantic model of the file
(imported only when there is a file, so a plain ``xltools validate`` does not pay for it) and
raises ``SettingsError`` naming the key that is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from xltools.core.overdue import DEFAULT_DUE_SOON_DAYS, MAX_DUE_SOON_DAYS
from xltools.core.schema import (
    DEFAULT_LANG,
    LANGS,
    PLANS,
    TOPIC_SUGGESTIONS,
    VALUE_LISTS,
    ExtraWords,
    Lang,
    PlanKind,
)

SETTINGS_FILE = "xltools.toml"


class SettingsError(ValueError):
    """A settings file that cannot be used; ``key`` is the dotted key at fault (or None)."""

    def __init__(self, problem: str, key: str | None = None, line: int | None = None) -> None:
        self.problem = problem
        self.key = key
        self.line = line
        super().__init__(problem)


@dataclass(frozen=True, slots=True)
class Settings:
    """What an organisation changes; every field has the product's default."""

    organisation: str | None = None
    language: Lang | None = None
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS
    # extra header names: plan kind -> column key -> names (all-plan aliases already spread)
    aliases: Mapping[PlanKind, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    status_synonyms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    topics: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # lang -> list
    vague_owner_words: tuple[str, ...] = ()
    source: str | None = None  # the file these came from; None: the defaults

    def topic_suggestions(self, lang: str) -> tuple[str, ...]:
        """The topic drop-down of ``lang``: the organisation's list, else the product's."""
        return self.topics.get(lang) or TOPIC_SUGGESTIONS[lang]

    def extra_aliases(self, kind: PlanKind) -> Mapping[str, tuple[str, ...]]:
        """Extra header names of one plan's columns."""
        return self.aliases.get(kind, {})

    @property
    def own_topics(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The organisation's topics as (language, topics) pairs (hashable, for lookups)."""
        return tuple(sorted(self.topics.items()))

    def header_words(self, kind: PlanKind) -> ExtraWords:
        """The organisation's header names of one plan, for ``schema.lookup_header``."""
        return tuple(sorted(self.aliases.get(kind, {}).items()))

    def status_words(self) -> ExtraWords:
        """The organisation's status words, for ``ValueList.lookup``."""
        return tuple(sorted(self.status_synonyms.items()))

    def language_or(self, lang: str | None) -> str:
        """``lang`` when given, else the organisation's language, else the product's."""
        return lang or self.language or DEFAULT_LANG


DEFAULT_SETTINGS = Settings()

_STATUS_CODES = tuple(c.code for c in VALUE_LISTS["status"].choices)
_ALL_KEYS = frozenset(key for schema in PLANS.values() for key in schema.keys)


def settings_from_toml(data: Mapping[str, Any], source: str | None = None) -> Settings:
    """Check a parsed ``xltools.toml`` and turn it into Settings.

    Args:
        data: what ``tomllib`` read.
        source: the file, recorded in the Settings (the summary says which file was used).

    Returns:
        The settings; anything the file does not set keeps its default.

    Raises:
        SettingsError: an unknown key, a wrong type or an impossible value, with its key.
    """
    from pydantic import ValidationError

    model = _file_model()
    try:
        parsed = model.model_validate(dict(data))
    except ValidationError as error:
        first = error.errors()[0]
        loc = [str(part) for part in first["loc"] if not isinstance(part, int)]
        is_key = loc[-1:] == ["[key]"]  # a table key outside its list (a status, a language)
        # a union's member ("list[str]") names a type, not a key of the file
        key = ".".join(part for part in (loc[:-1] if is_key else loc) if "[" not in part)
        problem = _problem(first)
        if is_key:
            problem = "unknown key; " + problem.removeprefix("not allowed; ")
        raise SettingsError(problem, key or None) from None
    aliases: dict[PlanKind, dict[str, tuple[str, ...]]] = {kind: {} for kind in PlanKind}
    for key, value in (parsed.aliases or {}).items():
        if key in {k.value for k in PlanKind}:
            if not isinstance(value, dict):
                raise SettingsError("must be a table of column = [names]", f"aliases.{key}")
            kind = PlanKind(key)
            for column, names in value.items():
                if column not in PLANS[kind].keys:
                    raise SettingsError(f"the {PLANS[kind].titles.en} has no column '{column}'; "
                                        "known: " + ", ".join(PLANS[kind].keys),
                                        f"aliases.{key}.{column}")
                aliases[kind][column] = (*aliases[kind].get(column, ()), *names)
        elif isinstance(value, dict):
            raise SettingsError("is neither a plan (action, activity, communication) nor a list "
                                "of names", f"aliases.{key}")
        elif key not in _ALL_KEYS:
            raise SettingsError(f"no plan has a column '{key}'; known: "
                                + ", ".join(sorted(_ALL_KEYS)), f"aliases.{key}")
        else:
            for kind in PlanKind:
                if key in PLANS[kind].keys:
                    aliases[kind][key] = (*aliases[kind].get(key, ()), *value)
    organisation = parsed.organisation
    return Settings(
        organisation=organisation.name if organisation else None,
        language=organisation.language if organisation else None,
        due_soon_days=(organisation.due_soon_days if organisation
                       and organisation.due_soon_days is not None else DEFAULT_DUE_SOON_DAYS),
        aliases={kind: names for kind, names in aliases.items() if names},
        status_synonyms={code: tuple(words) for code, words in
                         (parsed.status_synonyms or {}).items()},
        topics={lang: tuple(words) for lang, words in (parsed.topics or {}).items() if words},
        vague_owner_words=tuple(word for words in (parsed.vague_owner_words or {}).values()
                                for word in words),
        source=source,
    )


def _problem(error: Mapping[str, Any]) -> str:
    kind = error.get("type", "")
    if kind == "extra_forbidden":
        return "unknown key"
    if kind in ("literal_error", "enum"):
        return f"not allowed; {error.get('msg', '')}"
    return str(error.get("msg", "not valid"))


_MODEL: Any = None


def _file_model() -> Any:
    """The pydantic model of the file (built once, on first use)."""
    global _MODEL
    if _MODEL is not None:
        return _MODEL
    from typing import Literal

    from pydantic import BaseModel, ConfigDict, Field

    langs = Literal[LANGS]  # type: ignore[valid-type]
    statuses = Literal[_STATUS_CODES]  # type: ignore[valid-type]
    names = list[str]

    class _Strict(BaseModel):
        model_config = ConfigDict(extra="forbid", strict=True)

    class Organisation(_Strict):
        name: str | None = None
        language: langs | None = None  # type: ignore[valid-type]
        due_soon_days: int | None = Field(default=None, ge=0, le=MAX_DUE_SOON_DAYS)

    class SettingsFile(_Strict):
        organisation: Organisation | None = None
        aliases: dict[str, names | dict[str, names]] | None = None
        status_synonyms: dict[statuses, names] | None = None  # type: ignore[valid-type]
        topics: dict[langs, names] | None = None  # type: ignore[valid-type]
        vague_owner_words: dict[langs, names] | None = None  # type: ignore[valid-type]

    _MODEL = SettingsFile
    return _MODEL
