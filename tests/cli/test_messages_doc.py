"""docs/messages.md lists every exit status and failure message as the texts declare them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_the_messages_table_is_current() -> None:
    spec = importlib.util.spec_from_file_location("generate_messages",
                                                  DOCS / "generate_messages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (DOCS / "messages.md").read_text(encoding="utf-8") == module.render(), \
        "run: python docs/generate_messages.py"
