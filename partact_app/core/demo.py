"""Realistic demo registrations for a Part&Act-style speed meeting (IMS Luxembourg).

22 companies and 32 associations, all **invented** (Luxembourg-style names; any resemblance to a real
organisation is accidental). Profiles (names, languages, offers, needs, descriptions) are fixed; the seed
picks the contact people, phone numbers, wishes, the ``avoid`` entries (two or three) and the late
arrivals / early leavers (three or four). Two participants speak a single language, so a few pairs share
no language. E-mail addresses use subdomains of the reserved ``example.org`` domain.
"""

from __future__ import annotations

import random
import re
import unicodedata

from partact_app.core.categories import ASSOCIATION, COMPANY
from partact_app.core.registrations import COLUMNS, rows_to_csv

DEMO_ROUNDS = 10

# (organisation, languages, offers, needs, description)
_Profile = tuple[str, str, str, str, str]

COMPANIES: tuple[_Profile, ...] = (
    ("Banque Moselle S.A.", "fr;de;en;lb", "accounting;hr_training;volunteering", "csr_expertise;information_relay",
     "Banque privée de taille moyenne. Nos collaborateurs proposent du mentorat en finance et une journée "
     "de bénévolat d'équipe par an."),
    ("Kirchberg Conseil S.à r.l.", "fr;en", "project_management;governance;hr_training", "volunteering",
     "Management consultancy of 40 people. We can coach your board on governance and help structure your "
     "projects."),
    ("Ardennes Logistique S.à r.l.", "fr;de;lb", "logistics;goods;premises", "volunteering;information_relay",
     "Transport et entreposage dans le nord du pays. Nous pouvons prêter un entrepôt, des palettes et une "
     "camionnette pour vos collectes."),
    ("Alzette Digital S.A.", "en;fr", "it;communication", "volunteering;csr_expertise",
     "Software studio building web and mobile apps. Our developers can give pro bono days to rebuild your "
     "website or member database."),
    ("Pétrusse Avocats", "fr;en;de", "legal;governance", "csr_expertise",
     "Cabinet d'avocats d'affaires. Conseil juridique gratuit : statuts d'asbl, contrats de travail, "
     "protection des données."),
    ("Fiduciaire Sûre & Associés S.à r.l.", "de;fr;lb", "accounting;legal", "information_relay",
     "Treuhandbüro in Echternach. Wir helfen Vereinen bei Buchhaltung, Jahresabschluss und Steuerfragen."),
    ("Minett Kommunikatioun S.à r.l.", "lb;fr;de;en", "communication;it", "volunteering",
     "Agence de communication à Esch-sur-Alzette : identité visuelle, réseaux sociaux et relations presse "
     "pour vos campagnes."),
    ("Grund Assurances S.A.", "fr;en;de", "hr_training;volunteering;goods", "csr_expertise;volunteering",
     "Insurance company with 300 staff looking for a meaningful team-building day. We can also donate used "
     "office furniture."),
    ("Nordstad Immo S.A.", "de;fr;lb", "premises;goods", "information_relay",
     "Immobilienverwaltung in Ettelbrück. Wir stellen Vereinen Räume für Sitzungen und Veranstaltungen zur "
     "Verfügung."),
    ("Belval Ingénierie S.A.", "fr;en;de", "project_management;it;volunteering", "csr_expertise;volunteering",
     "Bureau d'études techniques. Nos ingénieurs accompagnent la gestion de vos projets et participent "
     "volontiers à des chantiers solidaires."),
    ("Clausen Data Services S.à r.l.", "en;fr", "it;goods", "information_relay;volunteering",
     "Data and cloud specialists. We offer IT audits, cybersecurity training and refurbished laptops."),
    ("Eislek Print S.à r.l.", "lb;de;fr", "goods;communication", "information_relay",
     "Druckerei aus Wiltz. Wir drucken Flyer und Plakate für Ihre Aktionen und spenden Papierreste."),
    ("Domaine Wäistrooss S.A.", "lb;fr;de;en", "goods;premises", "volunteering;csr_expertise",
     "Domaine viticole sur la Moselle. Nous prêtons notre salle de réception et offrons des lots pour vos "
     "tombolas."),
    ("Hesperange Facility Services S.A.", "fr", "logistics;volunteering", "volunteering",
     "Entreprise de nettoyage et de services aux bâtiments. Une équipe de quinze personnes souhaite "
     "s'engager lors d'une journée de bénévolat."),
    ("Solarwand Energie S.A.", "de;fr;en", "project_management;goods", "csr_expertise;volunteering",
     "Installateur von Solaranlagen. Wir beraten Vereine beim Energiesparen und suchen einen Teamtag in "
     "der Natur."),
    ("Pfaffenthal RH Conseil S.à r.l.", "fr;en", "hr_training;governance", "information_relay",
     "Cabinet de ressources humaines : recrutement, gestion des bénévoles et formations au management."),
    ("Gare Centrale Consulting S.à r.l.", "en;fr;de", "project_management;communication", "csr_expertise",
     "Strategy consultants helping non-profits write funding applications and plan their growth."),
    ("Mamer Retail Group S.A.", "fr;en;lb", "goods;logistics;volunteering", "information_relay;csr_expertise",
     "Groupe de distribution alimentaire. Dons d'invendus, collectes en magasin et bénévoles pour vos "
     "actions."),
    ("Strassen Tech Solutions S.à r.l.", "en;de;fr", "it;hr_training", "volunteering",
     "IT services company. We train volunteers in digital tools and can host a hackathon for your "
     "association."),
    ("Cloche d'Or Audit S.A.", "fr;en", "accounting;governance", "csr_expertise;information_relay",
     "Audit firm offering pro bono reviews of annual accounts and internal control for small associations."),
    ("Bonnevoie Médias S.à r.l.", "fr;lb;de;en", "communication", "volunteering",
     "Studio vidéo et podcast. Nous réalisons gratuitement un film de présentation pour une association."),
    ("Wiltz Transports S.à r.l.", "lb;de;fr", "logistics;volunteering", "information_relay",
     "Transportunternehmen im Norden. Wir übernehmen Transporte für Vereine, unsere Fahrer helfen gern mit."),
)

ASSOCIATIONS: tuple[_Profile, ...] = (
    ("Eis Stëmm asbl", "lb;fr;de", "information_relay;volunteering", "communication;it",
     "Verein für Menschen mit Sprachstörungen. Wir organisieren Workshops und suchen Hilfe für unsere "
     "Website."),
    ("Fondation Lumière du Nord", "fr;en", "csr_expertise;information_relay", "accounting;legal;governance",
     "Fondation pour l'accès à la culture dans le nord du pays. Nous cherchons un appui pour notre "
     "comptabilité et nos statuts."),
    ("Kanner am Gaart asbl", "lb;de;fr", "volunteering", "goods;logistics",
     "Gemeinschaftsgärten für Kinder. Wir bieten Firmen einen Teamtag im Garten an und brauchen Werkzeug "
     "und Transport."),
    ("Repair Café Uelzecht a.s.b.l.", "lb;fr;en", "csr_expertise;volunteering", "premises;goods",
     "Monthly repair cafés in the Alzette valley. We run repair workshops for teams and are looking for a "
     "room and tools."),
    ("Épicerie Solidaire Minett asbl", "fr;lb", "volunteering;information_relay", "logistics;goods;volunteering",
     "Épicerie sociale à Differdange. Besoin de transport pour les dons et de bénévoles le samedi."),
    ("Expat Welcome Network asbl", "en", "information_relay", "communication;it",
     "Volunteer-run welcome network for newcomers. We relay your news to 4,000 members and need help with "
     "our app."),
    ("Aidants Proches Lëtzebuerg asbl", "fr;de", "information_relay", "hr_training;communication",
     "Soutien aux proches aidants. Nous souhaitons former nos bénévoles à l'écoute et mieux faire "
     "connaître nos permanences."),
    ("Fondation Hand an Hand", "lb;de;fr", "csr_expertise", "governance;accounting",
     "Stiftung für Familien in Not. Wir suchen Unterstützung bei Governance und Finanzberichten."),
    ("Sport pour Tous Esch asbl", "fr;lb;en", "volunteering", "goods;communication",
     "Club omnisports inclusif. Nous proposons des journées sportives de team building et cherchons du "
     "matériel."),
    ("Lëtzebuerger Bicherfrënn asbl", "lb;de;fr", "information_relay", "premises;volunteering",
     "Leseförderung in Schulen und Altersheimen. Wir suchen Vorleserinnen und Vorleser und einen "
     "Lagerraum für Bücher."),
    ("Théâtre Ouvert Dudelange asbl", "fr;en", "volunteering;information_relay", "premises;communication",
     "Troupe de théâtre amateur : ateliers d'improvisation pour les équipes en entreprise. Nous cherchons "
     "une salle de répétition."),
    ("Natur & Bësch asbl", "lb;de;fr", "volunteering;csr_expertise", "logistics;communication",
     "Naturschutzverein. Wir organisieren Pflanzaktionen als Teamtag und beraten Firmen zur Biodiversität."),
    ("Digital Inclusion Lëtzebuerg asbl", "en;fr;lb", "csr_expertise", "it;goods;volunteering",
     "We teach digital skills to seniors and refugees, and collect used laptops to refurbish."),
    ("Maison Ouverte Réfugiés asbl", "fr;en", "information_relay", "legal;hr_training",
     "Accueil et accompagnement de personnes réfugiées. Besoin de conseils juridiques et d'aide à la "
     "recherche d'emploi."),
    ("Jugendtreff Ettelbréck asbl", "de;lb;fr", "volunteering", "it;communication",
     "Jugendhaus mit offenen Angeboten. Wir brauchen Hilfe bei Social Media und einen Computerraum."),
    ("Ciné-Club Clervaux asbl", "fr;de;lb", "information_relay", "communication",
     "Ciné-club rural : projections mensuelles et débats. Nous cherchons plus de visibilité."),
    ("Fondation Zesumme Liewen", "lb;fr;de;en", "csr_expertise;information_relay", "governance;project_management",
     "Foundation funding social cohesion projects. We want help structuring our project management."),
    ("Mentorat Jeunes Diplômés asbl", "fr;en", "information_relay", "hr_training;volunteering",
     "Programme de mentorat pour jeunes diplômés. Nous cherchons des mentors en entreprise."),
    ("Code Club Kirchberg asbl", "en;fr", "information_relay", "it;volunteering;goods",
     "Free coding clubs for children. We need volunteer coaches and IT equipment."),
    ("Vélo Solidaire asbl", "fr;lb", "volunteering;csr_expertise", "premises;logistics",
     "Atelier vélo d'insertion. Nous proposons des ateliers de réparation aux équipes et cherchons un local."),
    ("Seniors Actifs Mersch asbl", "lb;fr;de", "information_relay", "it;volunteering",
     "Seniorenverein mit Computerkursen. Wir suchen geduldige Freiwillige für die IT-Sprechstunde."),
    ("Fondation Eau Vive Sahel", "fr;en", "csr_expertise", "accounting;communication",
     "ONG de développement pour l'eau potable au Sahel. Appui recherché pour l'audit de nos comptes et "
     "notre communication."),
    ("Moins de Déchets Nord asbl", "fr;de;lb", "csr_expertise;volunteering", "communication",
     "Sensibilisation au zéro déchet. Nous animons des ateliers RSE en entreprise."),
    ("Handicap et Travail asbl", "fr;de", "csr_expertise", "hr_training;goods",
     "Inklusion von Menschen mit Behinderung in den Arbeitsmarkt. Wir suchen Praktikumsplätze und "
     "Büromaterial."),
    ("Musek fir Jiddereen asbl", "lb;fr", "volunteering;information_relay", "goods",
     "École de musique solidaire. Concerts pour vos événements d'entreprise ; nous cherchons des "
     "instruments."),
    ("Kulturhaus Gréngewald asbl", "lb;de;en", "information_relay", "communication;it",
     "Small cultural centre near the Grünewald forest. We need a new ticketing system and help with our "
     "newsletter."),
    ("SOS Devoirs asbl", "fr;lb", "information_relay", "volunteering;it",
     "Aide aux devoirs gratuite pour les élèves du fondamental. Nous cherchons des bénévoles et des "
     "ordinateurs."),
    ("Santé Mentale Ensemble asbl", "fr;en;de", "csr_expertise", "communication;legal",
     "Mental health awareness: we offer workplace well-being workshops and need communication support."),
    ("Ferme Pédagogique Kiischpelt asbl", "lb;fr", "volunteering", "logistics;communication",
     "Ferme pédagogique : journées de team building à la ferme. Besoin d'aide pour le transport vers les "
     "fêtes locales."),
    ("Déierenasyl Syrdall asbl", "lb;fr;de", "volunteering", "goods;volunteering",
     "Tierheim im Syrtal. Wir suchen Futterspenden und helfende Hände für Teamtage."),
    ("Climate Youth Action a.s.b.l.", "en;fr", "csr_expertise;information_relay", "project_management;communication",
     "Youth-led climate network. We give CSR talks to staff and need coaching in project management."),
    ("Ponte Amizade asbl", "fr;en", "information_relay", "legal;accounting",
     "Association d'entraide lusophone. Nous relayons vos offres d'emploi et cherchons un appui juridique."),
)

_FIRST_NAMES = (
    "Luc", "Anne", "Marc", "Sophie", "Claude", "Tom", "Laura", "Pol", "Martine", "Jeff", "Nathalie", "Yves",
    "Carole", "Ben", "Sandra", "Gilles", "Mireille", "Tiago", "Ana", "João", "Sara", "Paulo", "Inês", "Julie",
    "Christophe", "Isabelle", "Patrick", "Monique", "Lars", "Lena", "Max", "Emma", "Noah", "Lucie", "Fränz",
    "Josée", "Mia", "Léa", "Raphaël", "Chiara", "Marco", "Giulia", "Amina", "Olivia", "Daniel", "Myriam",
)
_LAST_NAMES = (
    "Schmit", "Weber", "Muller", "Wagner", "Hoffmann", "Thill", "Kremer", "Schroeder", "Reuter", "Hansen",
    "Faber", "Meyer", "Klein", "Schiltz", "Becker", "Kieffer", "Majerus", "Welter", "Goergen", "Steichen",
    "Da Silva", "Pereira", "Ferreira", "Dos Santos", "Rodrigues", "Lambert", "Martin", "Bernard", "Rossi",
    "Bianchi", "Lefèvre", "Peters", "Ries", "Zeimet", "Wirtz", "Lentz", "Bintner", "Hilger",
)
_LEGAL_FORMS = re.compile(r"\b(s\.a\.|s\.à r\.l\.|a\.s\.b\.l\.|asbl)(?=\s|$)", re.IGNORECASE)


def _slug(text: str, sep: str = "-") -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", sep, ascii_text).strip(sep)


def _domain(organisation: str) -> str:
    return f"{_slug(_LEGAL_FORMS.sub('', organisation))}.example.org"


def _phone(rng: random.Random, landline: bool) -> str:
    if landline:
        return f"+352 2{rng.randint(0, 9)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    return f"+352 {rng.choice(('621', '661', '691'))} {rng.randint(100, 999)} {rng.randint(100, 999)}"


def _split(cell: str) -> set[str]:
    return {item for item in cell.split(";") if item}


def demo_registrations(seed: int = 7) -> list[dict[str, str]]:
    """The demo rows (column -> text, as read from a CSV), companies first; deterministic for ``seed``."""
    rng = random.Random(seed)
    profiles = [(COMPANY, *profile) for profile in COMPANIES] + [(ASSOCIATION, *profile) for profile in ASSOCIATIONS]

    people = [(first, last) for first in _FIRST_NAMES for last in _LAST_NAMES]
    contacts = rng.sample(people, len(profiles))

    rows: list[dict[str, str]] = []
    for (kind, name, languages, offers, needs, description), (first, last) in zip(profiles, contacts):
        rows.append(
            {
                "type": kind,
                "organisation": name,
                "contact_name": f"{first} {last}",
                "email": f"{_slug(first, '.')}.{_slug(last, '')}@{_domain(name)}",
                "phone": _phone(rng, landline=kind == COMPANY and rng.random() < 0.6),
                "languages": languages,
                "offers": offers,
                "needs": needs,
                "description": description,
                "wishes": "",
                "avoid": "",
                "present_from_round": "",
                "present_to_round": "",
            }
        )

    def compatible(a: dict[str, str], b: dict[str, str]) -> bool:
        return bool(_split(a["languages"]) & _split(b["languages"]))

    def useful(a: dict[str, str], b: dict[str, str]) -> bool:
        return bool(_split(a["needs"]) & _split(b["offers"]))

    companies = [row for row in rows if row["type"] == COMPANY]
    associations = [row for row in rows if row["type"] == ASSOCIATION]
    wished: dict[str, list[str]] = {}

    # Wishes: a few associations (and fewer companies) name one or two useful partners.
    for side, others, count in ((associations, companies, 7), (companies, associations, 3)):
        for row in rng.sample(side, count):
            candidates = [other["organisation"] for other in others if compatible(row, other) and useful(row, other)]
            if candidates:
                chosen = rng.sample(candidates, min(len(candidates), rng.choice((1, 1, 2))))
                wished[row["organisation"]] = chosen
                row["wishes"] = ";".join(chosen)

    # Avoid: two or three participants refuse one partner they could otherwise meet.
    by_name = {row["organisation"]: row for row in rows}
    avoiders = rng.sample(rows, rng.choice((2, 3)))
    for row in avoiders:
        others = companies if row["type"] == ASSOCIATION else associations
        candidates = [
            other["organisation"]
            for other in others
            if compatible(row, other)
            and other["organisation"] not in wished.get(row["organisation"], [])
            and row["organisation"] not in wished.get(other["organisation"], [])
        ]
        row["avoid"] = rng.choice(candidates)
    assert all(by_name[row["avoid"]]["type"] != row["type"] for row in avoiders)

    # Late arrivals and early leavers.
    for index, row in enumerate(rng.sample(rows, rng.choice((3, 4)))):
        pattern = index % 3 if index < 3 else rng.randrange(3)
        if pattern in (0, 2):
            row["present_from_round"] = str(rng.randint(2, 4))
        if pattern in (1, 2):
            row["present_to_round"] = str(rng.randint(7, DEMO_ROUNDS - 1))

    assert all(list(row) == list(COLUMNS) for row in rows)
    return rows


def demo_csv(seed: int = 7) -> bytes:
    """The demo rows as a comma-separated UTF-8 CSV file (header first)."""
    return rows_to_csv(demo_registrations(seed))
