"""Small registration files for service and CLI tests."""

from __future__ import annotations

HEADER = (
    "type,organisation,contact_name,email,phone,languages,offers,needs,description,wishes,avoid,"
    "present_from_round,present_to_round"
)
GOOD_ROWS = [
    "company,Banque Moselle,Anne Weber,anne@example.lu,+352 621 000 001,fr;en,it;legal,csr_expertise,Banque.,"
    "Eis Stëmm asbl,,,",
    "company,Kirchberg Conseil,Marc Schmit,marc@example.lu,,fr;de,accounting;governance,information_relay,Conseil.,,"
    ",,",
    "association,Eis Stëmm asbl,Lena Muller,lena@example.org,,fr;lb,csr_expertise,it;legal,Chorale.,,,,",
    "association,Fondation Ardennes Verte,Paul Klein,paul@example.org,,de;en,information_relay,accounting,Nature.,,"
    "Banque Moselle,2,4",
]


def csv_bytes(rows: list[str], header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


GOOD_CSV = csv_bytes(GOOD_ROWS)
# Three kinds of bad rows: an unknown category, an unknown language, and a window that ends before it starts.
BAD_CSV = csv_bytes(
    [
        GOOD_ROWS[0].replace("it;legal", "it;cooking"),
        GOOD_ROWS[1],
        GOOD_ROWS[2].replace("fr;lb", "fr;xx"),
        GOOD_ROWS[3].replace(",2,4", ",5,3"),
    ]
)
