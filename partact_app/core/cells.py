"""Spreadsheet cells that could run as formulas ("CSV injection"), and back.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula when a CSV file
is opened in Excel or LibreOffice (``=HYPERLINK(...)``, ``+cmd|...``). Every CSV export neutralises such cells by
prefixing an apostrophe (OWASP's advice): the spreadsheet shows the text as text. The registration import strips
that prefix again, so an exported participants file re-imports unchanged (phone numbers start with ``+``).
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"


def _guarded(text: str) -> bool:
    """Whether ``text`` is apostrophes (maybe none) and then a formula character: those get one more apostrophe,
    so that text which already began with an apostrophe comes back unchanged too."""
    return text.lstrip(GUARD).startswith(FORMULA_STARTS)


def neutralise(text: str) -> str:
    """``text`` safe to open in a spreadsheet: an apostrophe before a leading formula character."""
    return GUARD + text if _guarded(text) else text


def restore(text: str) -> str:
    """The inverse of :func:`neutralise`: ``'=x`` -> ``=x``, ``''=x`` -> ``'=x``; any other text unchanged."""
    return text[1:] if text.startswith(GUARD) and _guarded(text) else text
