"""The organisation's settings file: where it is found, what it holds, how a bad one is told."""

from __future__ import annotations

from pathlib import Path

import pytest

from xltools.core.schema import PlanKind
from xltools.core.settings import DEFAULT_SETTINGS
from xltools.io.settings import SettingsFileError, find_settings, key_line, load_settings

SPEC_EXAMPLE = """\
[organisation]
name = "Nordby Kommune"
language = "da"              # default output language
due_soon_days = 14

[aliases]                    # extra header names, per column key, any plan
deadline = ["Skæringsdato"]
owner = ["Tovholder"]

[aliases.activity]           # only for one plan kind
sub_goal = ["Milepæl"]

[status_synonyms]            # extra words for a status code
done = ["Lukket"]

[topics]                     # replaces the topic suggestions (drop-down, By topic)
da = ["Arbejdsmængde", "Samarbejde"]

[vague_owner_words]          # extra group words
da = ["personalegruppen"]
"""


def test_the_specs_example_reads_as_written(tmp_path: Path) -> None:
    path = tmp_path / "xltools.toml"
    path.write_text(SPEC_EXAMPLE, encoding="utf-8")
    settings = load_settings(path)
    assert settings.organisation == "Nordby Kommune" and settings.language == "da"
    assert settings.due_soon_days == 14 and settings.source == str(path)
    # an all-plan alias reaches every plan that has the column; a per-plan one only its plan
    assert settings.extra_aliases(PlanKind.ACTION) == {"deadline": ("Skæringsdato",),
                                                       "owner": ("Tovholder",)}
    assert settings.extra_aliases(PlanKind.ACTIVITY)["sub_goal"] == ("Milepæl",)
    assert "deadline" not in settings.extra_aliases(PlanKind.COMMUNICATION)  # it has "when"
    assert settings.status_synonyms == {"done": ("Lukket",)}
    assert settings.topic_suggestions("da") == ("Arbejdsmængde", "Samarbejde")
    assert settings.topic_suggestions("sv") == DEFAULT_SETTINGS.topic_suggestions("sv")
    assert settings.vague_owner_words == ("personalegruppen",)


def test_a_setting_that_is_not_there_keeps_its_default(tmp_path: Path) -> None:
    path = tmp_path / "xltools.toml"
    path.write_text('[organisation]\nname = "Nordby"\n', encoding="utf-8")
    settings = load_settings(path)
    assert settings.due_soon_days == 14 and settings.language is None
    assert settings.aliases == {} and load_settings(None) == DEFAULT_SETTINGS


@pytest.mark.parametrize(("text", "line", "key", "says"), [
    ('[organisation]\nname = "x"\ncolour = "red"\n', 3, "organisation.colour", "unknown key"),
    ('[organisation]\ndue_soon_days = "14"\n', 2, "organisation.due_soon_days", "integer"),
    ("[organisation]\ndue_soon_days = -5\n", 2, "organisation.due_soon_days", "greater"),
    ('[organisation]\nlanguage = "de"\n', 2, "organisation.language", "'da', 'sv' or 'en'"),
    ('# comment\n[aliases.activity]\nsubgoal = ["x"]\n', 3, "aliases.activity.subgoal",
     "no column 'subgoal'"),
    ('[aliases]\nfoo = ["x"]\n', 2, "aliases.foo", "no plan has a column 'foo'"),
    ('[aliases]\ndeadline = "Frist"\n', 2, "aliases.deadline", "list"),
    ('[status_synonyms]\nfinished = ["x"]\n', 2, "status_synonyms.finished", "unknown key"),
    ('topics = {fr = ["x"]}\n', 1, "topics.fr", "unknown key"),
    ('[organisation\nname="x"\n', 1, None, "not valid TOML"),
])
def test_a_bad_file_is_one_line_with_file_line_and_key(tmp_path: Path, text: str, line: int,
                                                       key: str | None, says: str) -> None:
    path = tmp_path / "xltools.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsFileError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{path}, line {line}: ")
    assert says in message
    if key:
        assert f": {key}: " in message
    assert caught.value.line == line and caught.value.key == key


def test_discovery_order(tmp_path: Path) -> None:
    cwd, inputs, user = tmp_path / "cwd", tmp_path / "plans", tmp_path / "user"
    for folder in (cwd, inputs, user):
        folder.mkdir()
    user_file = user / "xltools.toml"
    user_file.write_text("")
    plan = inputs / "plan.xlsx"
    plan.write_bytes(b"")
    assert find_settings(None, [plan], cwd=cwd, user_file=user_file) == user_file
    (inputs / "xltools.toml").write_text("")
    assert find_settings(None, [plan], cwd=cwd, user_file=user_file) == inputs / "xltools.toml"
    assert find_settings(None, [inputs], cwd=cwd, user_file=user_file) == inputs / "xltools.toml"
    (cwd / "xltools.toml").write_text("")
    assert find_settings(None, [plan], cwd=cwd, user_file=user_file) == cwd / "xltools.toml"
    named = tmp_path / "org.toml"
    named.write_text("")
    assert find_settings(named, [plan], cwd=cwd, user_file=user_file) == named
    with pytest.raises(SettingsFileError, match="does not exist"):
        find_settings(tmp_path / "missing.toml")
    assert find_settings(None, [], cwd=tmp_path, user_file=tmp_path / "none.toml") is None


def test_key_line_finds_dotted_and_inline_keys() -> None:
    text = 'a = 1\n[aliases]\n"deadline" = ["x"]\n[aliases.activity]\nsub_goal = ["y"]\n' \
           "topics.da = []\n"
    assert key_line(text, "aliases.deadline") == 3
    assert key_line(text, "aliases.activity.sub_goal") == 5
    assert key_line(text, "aliases.activity") == 4
    assert key_line(text, "nothing.here") is None
