"""Cells that a spreadsheet would run as a formula, neutralised.

A table of learners' answers downloaded as CSV opens in a spreadsheet, which runs any cell
starting with ``=``, ``+``, ``-`` or ``@`` (and tab or carriage return, which some programs
skip first) as a formula: ``=HYPERLINK("http://...?"&A1)`` would send other cells away. Such a
text cell gets a leading apostrophe, which spreadsheets show as plain text.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral_cell(value: Any) -> Any:
    """``value`` with a leading ``'`` when it is text a spreadsheet would take as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutral_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every cell of a table (a list of row dicts) through :func:`neutral_cell`."""
    return [{key: neutral_cell(value) for key, value in row.items()} for row in rows]
