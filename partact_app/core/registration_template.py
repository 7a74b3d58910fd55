"""The registration template an organiser downloads and fills in: the header row and one example row per type.

The two examples name each other (the company wishes to meet the association), so the file shows how
``wishes`` works, and they pass :func:`~partact_app.core.registrations.parse_registrations` as they are: an
organiser who imports the template unchanged gets two participants, never an error.
"""

from __future__ import annotations

from partact_app.core.registrations import COLUMNS

EXAMPLE_COMPANY: dict[str, str] = {
    "type": "company",
    "organisation": "Exemple Banque S.A.",
    "contact_name": "Anne Muller",
    "email": "anne.muller@example.org",
    "phone": "(+352) 621 000 000",
    "languages": "fr;en;de",
    "offers": "accounting;volunteering",
    "needs": "csr_expertise",
    "description": "Banque privée : mentorat en finance, une journée de bénévolat d'équipe par an.",
    "wishes": "Exemple Asbl",
    "avoid": "",
    "present_from_round": "",
    "present_to_round": "",
}
EXAMPLE_ASSOCIATION: dict[str, str] = {
    "type": "association",
    "organisation": "Exemple Asbl",
    "contact_name": "Marc Weber",
    "email": "marc.weber@example.org",
    "phone": "",
    "languages": "fr;lb",
    "offers": "csr_expertise;information_relay",
    "needs": "accounting;it",
    "description": "Association d'aide aux devoirs ; cherche un soutien en comptabilité.",
    "wishes": "",
    "avoid": "",
    "present_from_round": "2",
    "present_to_round": "",
}


def template_rows() -> list[list[str]]:
    """The header (:data:`~partact_app.core.registrations.COLUMNS`), then one company and one association."""
    return [list(COLUMNS)] + [[example[column] for column in COLUMNS] for example in (EXAMPLE_COMPANY,
                                                                                      EXAMPLE_ASSOCIATION)]
