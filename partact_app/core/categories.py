"""Category keys (what can be offered or needed), language codes and participant types.

Labels for these keys live in the i18n catalogue under ``category.<key>`` and ``language.<code>``.
"""

from __future__ import annotations

COMPANY = "company"
ASSOCIATION = "association"
PARTICIPANT_TYPES: tuple[str, ...] = (COMPANY, ASSOCIATION)

CATEGORY_KEYS: tuple[str, ...] = (
    "it",
    "project_management",
    "legal",
    "hr_training",
    "accounting",
    "governance",
    "communication",
    "volunteering",
    "logistics",
    "information_relay",
    "goods",
    "csr_expertise",
    "premises",
)

LANGUAGE_CODES: tuple[str, ...] = ("fr", "de", "en", "lb")


def other_type(kind: str) -> str:
    """The other side of the meeting: company <-> association."""
    return ASSOCIATION if kind == COMPANY else COMPANY
