"""Which marked copies repeat a department another workbook of the run gives (pure rule)."""

from __future__ import annotations

from xltools.core.outputs import copy_key, repeated_marked_copies


def test_a_copy_beside_its_workbook_repeats_it_a_copy_alone_does_not() -> None:
    read = [copy_key("Hjemmeplejen", "Social og Sundhed"), copy_key("IT Support", None)]
    marked = [copy_key("hjemmeplejen", "social og sundhed"),  # the copy of a workbook read
              copy_key("Skolen", None),  # only the copy was sent: it is the workbook
              copy_key("Skolen", None),  # a second copy of that one
              copy_key("IT Support", "Kommunstyrelseförvaltningen"),  # another area's
              None]  # names no department: nothing to match
    assert repeated_marked_copies(read, marked) == [True, False, True, False, False]


def test_without_marked_copies_nothing_is_skipped() -> None:
    assert repeated_marked_copies([copy_key("A", None)], []) == []
    assert copy_key(None, "Area") is None
