"""The message catalogue (French first, then English and German) and the lookup.

Every user-visible string of partact comes from ``MESSAGES``: the UI, the CLI and the error messages of the
services. Templates use ``str.format`` fields (``{line}``, ``{round}``...). ``tests/core/test_i18n.py`` fails
when a key lacks a language or when the languages of one key disagree on their fields.
"""

from __future__ import annotations

import string

LANGUAGES: tuple[str, ...] = ("fr", "en", "de")
DEFAULT_LANGUAGE = "fr"

MESSAGES: dict[str, dict[str, str]] = {
    # --- app shell -------------------------------------------------------------------------------
    "app.name": {"fr": "partact", "en": "partact", "de": "partact"},
    "app.tagline": {
        "fr": "Le speed meeting entre entreprises et associations",
        "en": "The speed meeting between companies and non-profit associations",
        "de": "Das Speed-Meeting zwischen Unternehmen und gemeinnützigen Vereinen",
    },
    "nav.home": {"fr": "Accueil", "en": "Home", "de": "Start"},
    "nav.organiser": {"fr": "Console organisateur", "en": "Organiser console", "de": "Veranstalterkonsole"},
    "nav.language": {"fr": "Langue", "en": "Language", "de": "Sprache"},
    "nav.theme": {"fr": "Thème clair ou sombre", "en": "Light or dark theme", "de": "Helles oder dunkles Design"},
    "home.title": {
        "fr": "Des partenariats sans argent, en quelques minutes par table",
        "en": "Partnerships without money, a few minutes per table",
        "de": "Partnerschaften ohne Geld, wenige Minuten pro Tisch",
    },
    "home.intro": {
        "fr": "partact organise le Speed Meeting Part&Act : à chaque tour, une entreprise et une association "
        "se retrouvent à une table pour quelques minutes. Au gong, tout le monde change de table.",
        "en": "partact runs the Part&Act Speed Meeting: each round seats one company with one association at a "
        "table for a few minutes. When the gong sounds, everyone moves on.",
        "de": "partact organisiert das Part&Act Speed-Meeting: In jeder Runde sitzen ein Unternehmen und ein "
        "Verein für einige Minuten an einem Tisch. Beim Gong wechseln alle den Tisch.",
    },
    "home.companies_title": {"fr": "Les entreprises offrent", "en": "Companies offer", "de": "Unternehmen bieten"},
    "home.companies_text": {
        "fr": "des compétences (informatique, juridique, comptabilité, communication, RH et formation, "
        "gouvernance, gestion de projet), des biens, des locaux ou des bénévoles pour une journée de team building.",
        "en": "skills (IT, legal, accounting, communication, HR and training, governance, project management), "
        "goods, premises, or volunteers for a team-building day.",
        "de": "Fachwissen (IT, Recht, Buchhaltung, Kommunikation, Personal und Weiterbildung, Governance, "
        "Projektmanagement), Sachspenden, Räume oder Freiwillige für einen Teambuilding-Tag.",
    },
    "home.associations_title": {
        "fr": "Les associations offrent",
        "en": "Associations offer",
        "de": "Vereine bieten",
    },
    "home.associations_text": {
        "fr": "des activités de team building, leur expertise RSE et de la visibilité.",
        "en": "team-building activities, CSR expertise and visibility.",
        "de": "Teambuilding-Aktivitäten, CSR-Fachwissen und Sichtbarkeit.",
    },
    "home.participants_title": {
        "fr": "Vous participez ?",
        "en": "Taking part?",
        "de": "Sie nehmen teil?",
    },
    "home.participants_text": {
        "fr": "Scannez le QR code de votre badge : votre table, votre interlocuteur et le compte à rebours "
        "s'affichent sur votre téléphone, sans application ni compte.",
        "en": "Scan the QR code on your badge: your table, your counterpart and the countdown appear on your "
        "phone, with no app and no login.",
        "de": "Scannen Sie den QR-Code auf Ihrem Namensschild: Tisch, Gesprächspartner und Countdown erscheinen "
        "auf Ihrem Handy, ohne App und ohne Anmeldung.",
    },
    "home.organiser_button": {
        "fr": "Ouvrir la console organisateur",
        "en": "Open the organiser console",
        "de": "Veranstalterkonsole öffnen",
    },
    "kind.company": {"fr": "Entreprise", "en": "Company", "de": "Unternehmen"},
    "kind.association": {"fr": "Association", "en": "Association", "de": "Verein"},
    "participant.welcome": {"fr": "Bienvenue", "en": "Welcome", "de": "Willkommen"},
    "participant.loading": {"fr": "Chargement…", "en": "Loading…", "de": "Wird geladen…"},
    "participant.agenda_soon": {
        "fr": "Votre programme de rencontres apparaîtra ici dès que le planning sera prêt.",
        "en": "Your meeting agenda will appear here as soon as the schedule is ready.",
        "de": "Ihr Gesprächsplan erscheint hier, sobald der Ablaufplan fertig ist.",
    },
    "participant.first_table": {"fr": "Première table", "en": "First table", "de": "Erster Tisch"},
    "participant.first_counterpart": {
        "fr": "Premier interlocuteur",
        "en": "First counterpart",
        "de": "Erster Gesprächspartner",
    },
    "participant.meetings_planned": {
        "fr": "Rencontres prévues : {count}",
        "en": "Meetings planned: {count}",
        "de": "Geplante Gespräche: {count}",
    },
    "participant.not_recognised_title": {
        "fr": "Badge non reconnu",
        "en": "Badge not recognised",
        "de": "Namensschild nicht erkannt",
    },
    "participant.not_recognised_text": {
        "fr": "Ce lien ne correspond à aucun badge. Vérifiez que vous avez scanné tout le QR code, ou "
        "adressez-vous à l'accueil.",
        "en": "This link does not match any badge. Check that you scanned the whole QR code, or ask at the "
        "reception desk.",
        "de": "Dieser Link passt zu keinem Namensschild. Prüfen Sie, ob Sie den ganzen QR-Code gescannt haben, "
        "oder fragen Sie am Empfang.",
    },
    # --- participant page, live --------------------------------------------------------------------
    "live.starts_at": {
        "fr": "L'événement commence à {time}",
        "en": "The event starts at {time}",
        "de": "Die Veranstaltung beginnt um {time}",
    },
    "live.not_started": {
        "fr": "L'événement n'a pas encore commencé",
        "en": "The event has not started yet",
        "de": "Die Veranstaltung hat noch nicht begonnen",
    },
    "live.round_of": {"fr": "Tour {round} sur {total}", "en": "Round {round} of {total}", "de": "Runde {round} von {total}"},
    "live.move_on": {
        "fr": "Changez de table : rejoignez votre prochaine table.",
        "en": "Move to your next table.",
        "de": "Wechseln Sie zu Ihrem nächsten Tisch.",
    },
    "live.go_to": {"fr": "Votre prochaine table", "en": "Your next table", "de": "Ihr nächster Tisch"},
    "live.changeover": {"fr": "Changement de table", "en": "Changeover", "de": "Tischwechsel"},
    "live.paused": {"fr": "En pause", "en": "Paused", "de": "Pausiert"},
    "live.finished": {
        "fr": "L'événement est terminé. Merci d'avoir participé !",
        "en": "The event is over. Thank you for taking part!",
        "de": "Die Veranstaltung ist zu Ende. Danke fürs Mitmachen!",
    },
    "live.time_up": {"fr": "Changez de table !", "en": "Move to your next table!", "de": "Tisch wechseln!"},
    "live.sitting_out_title": {
        "fr": "Pas de rencontre à ce tour",
        "en": "No meeting this round",
        "de": "Kein Gespräch in dieser Runde",
    },
    "live.sitting_out_text": {
        "fr": "Profitez-en : passez au coin networking ou allez voir les matchmakers, ils vous présenteront "
        "d'autres participants.",
        "en": "Make the most of it: drop by the networking corner or see the matchmakers, who will introduce "
        "you to other participants.",
        "de": "Nutzen Sie die Zeit: Schauen Sie in der Networking-Ecke vorbei oder bei den Matchmakern, die "
        "Ihnen andere Teilnehmende vorstellen.",
    },
    "live.now": {"fr": "Maintenant", "en": "Now", "de": "Jetzt"},
    # What a screen reader says once when the round (or the table to go to) changes: components/announcer.py.
    "live.announce_meeting": {
        "fr": "Tour {round}, table {table}, avec {counterpart}",
        "en": "Round {round}, table {table}, with {counterpart}",
        "de": "Runde {round}, Tisch {table}, mit {counterpart}",
    },
    "live.announce_no_meeting": {
        "fr": "Tour {round} : pas de rencontre",
        "en": "Round {round}: no meeting",
        "de": "Runde {round}: kein Gespräch",
    },
    "live.first_meeting": {"fr": "Votre première rencontre", "en": "Your first meeting", "de": "Ihr erstes Gespräch"},
    "live.next": {"fr": "Ensuite", "en": "Next", "de": "Danach"},
    "live.table": {"fr": "Table", "en": "Table", "de": "Tisch"},
    "live.round": {"fr": "Tour", "en": "Round", "de": "Runde"},
    "live.time": {"fr": "Heure", "en": "Time", "de": "Uhrzeit"},
    "live.with": {"fr": "Avec", "en": "With", "de": "Mit"},
    "live.agenda": {"fr": "Votre programme", "en": "Your agenda", "de": "Ihr Ablauf"},
    "live.you_give": {
        "fr": "Vous pouvez leur apporter",
        "en": "You can give them",
        "de": "Sie können ihnen bieten",
    },
    "live.they_give": {
        "fr": "Ils peuvent vous apporter",
        "en": "They can give you",
        "de": "Sie können Ihnen bieten",
    },
    "live.nothing_obvious": {
        "fr": "Rien d'évident sur le papier : à vous de découvrir !",
        "en": "Nothing obvious on paper: find out together!",
        "de": "Auf dem Papier nichts Offensichtliches: finden Sie es gemeinsam heraus!",
    },
    "live.languages": {"fr": "Langues :", "en": "Languages:", "de": "Sprachen:"},
    "live.no_meeting": {"fr": "Pas de rencontre", "en": "No meeting", "de": "Kein Gespräch"},
    "live.not_present": {"fr": "Absent", "en": "Not present", "de": "Nicht anwesend"},
    "live.no_agenda": {
        "fr": "Aucune rencontre n'est prévue pour vous pour l'instant. L'accueil peut vous aider.",
        "en": "No meeting is planned for you yet. The reception desk can help.",
        "de": "Für Sie ist noch kein Gespräch geplant. Der Empfang hilft Ihnen gern.",
    },
    "live.connection": {"fr": "Connexion", "en": "Connection", "de": "Verbindung"},  # the offline banner's landmark
    "live.offline": {
        "fr": "Connexion perdue : voici le dernier état connu. Reconnexion en cours…",
        "en": "Connection lost: showing the last known state. Reconnecting…",
        "de": "Verbindung unterbrochen: letzter bekannter Stand. Verbindung wird wiederhergestellt…",
    },
    "live.time_left": {"fr": "Temps restant", "en": "Time left", "de": "Verbleibende Zeit"},
    "screen.partnerships_label": {
        "fr": "partenariats conclus",
        "en": "partnerships made",
        "de": "Partnerschaften geschlossen",
    },
    "screen.scan": {
        "fr": "Scannez votre badge pour voir votre table",
        "en": "Scan your badge to see your table",
        "de": "Scannen Sie Ihr Namensschild, um Ihren Tisch zu sehen",
    },
    "screen.enable_sound": {
        "fr": "Cliquez ici pour activer le gong",
        "en": "Click here to turn the gong on",
        "de": "Hier klicken, um den Gong einzuschalten",
    },
    "screen.too_many": {
        "fr": "Trop d'écrans ouverts depuis ce réseau pour cet événement.",
        "en": "Too many screens are open from this network for this event.",
        "de": "Zu viele Bildschirme sind aus diesem Netz für diese Veranstaltung geöffnet.",
    },
    "screen.not_found": {
        "fr": "Événement introuvable",
        "en": "Event not found",
        "de": "Veranstaltung nicht gefunden",
    },
    "console.nav": {"fr": "Pages de la console", "en": "Console pages", "de": "Seiten der Konsole"},
    "console.nav_live": {"fr": "En direct", "en": "Live", "de": "Live"},
    "console.nav_participants": {"fr": "Participants", "en": "Participants", "de": "Teilnehmende"},
    "console.nav_schedule": {"fr": "Programme", "en": "Schedule", "de": "Ablaufplan"},
    "console.nav_badges": {"fr": "Badges", "en": "Badges", "de": "Namensschilder"},
    "console.nav_agendas": {"fr": "Agendas papier", "en": "Paper agendas", "de": "Ablaufpläne auf Papier"},
    "console.nav_tables": {"fr": "Cartes de table", "en": "Table cards", "de": "Tischkarten"},
    "console.nav_matches": {"fr": "Partenariats", "en": "Matches", "de": "Partnerschaften"},
    "console.nav_summary": {"fr": "Bilan", "en": "Summary", "de": "Bilanz"},
    # --- console: the registrar (matches) -------------------------------------------------------------
    "registrar.title": {"fr": "Registre des partenariats", "en": "Registrar", "de": "Register der Partnerschaften"},
    "registrar.help": {
        "fr": "Les partenariats confirmés par les deux parties arrivent ici en direct. Validez-les, ou renvoyez-les "
              "avec un commentaire ; une faute de frappe se corrige sans refaire les confirmations.",
        "en": "Matches confirmed by both sides appear here live. Validate them, or send them back with a comment; "
              "a typo is fixed without asking for the confirmations again.",
        "de": "Von beiden Seiten bestätigte Partnerschaften erscheinen hier live. Bestätigen Sie sie oder schicken "
              "Sie sie mit einem Kommentar zurück; ein Tippfehler wird ohne neue Bestätigungen korrigiert.",
    },
    "registrar.status_proposed": {"fr": "Proposé", "en": "Proposed", "de": "Vorgeschlagen"},
    "registrar.status_recorded": {"fr": "Conclu", "en": "Recorded", "de": "Abgeschlossen"},
    "registrar.status_validated": {"fr": "Validé", "en": "Validated", "de": "Validiert"},
    "registrar.status_returned": {"fr": "Renvoyé", "en": "Sent back", "de": "Zurückgeschickt"},
    "registrar.status_declined": {"fr": "Refusé", "en": "Declined", "de": "Abgelehnt"},
    "registrar.status_delivered": {"fr": "Réalisé", "en": "Delivered", "de": "Umgesetzt"},
    "registrar.filter": {"fr": "Afficher", "en": "Show", "de": "Anzeigen"},
    "registrar.filter_to_check": {"fr": "À valider", "en": "To validate", "de": "Zu validieren"},
    "registrar.filter_all": {"fr": "Tous", "en": "All", "de": "Alle"},
    "registrar.col_time": {"fr": "Heure", "en": "Time", "de": "Uhrzeit"},
    "registrar.col_description": {"fr": "Ce qui est échangé", "en": "What is exchanged", "de": "Was ausgetauscht wird"},
    "registrar.col_status": {"fr": "Statut", "en": "Status", "de": "Status"},
    "registrar.col_actions": {"fr": "Actions", "en": "Actions", "de": "Aktionen"},
    "registrar.validate": {"fr": "Valider", "en": "Validate", "de": "Validieren"},
    "registrar.send_back": {"fr": "Renvoyer", "en": "Send back", "de": "Zurückschicken"},
    "registrar.fix": {"fr": "Corriger", "en": "Fix", "de": "Korrigieren"},
    "registrar.comment": {"fr": "Commentaire", "en": "Comment", "de": "Kommentar"},
    "registrar.comment_label": {
        "fr": "Ce que les deux parties doivent corriger (elles le voient sur leur téléphone)",
        "en": "What the two sides must correct (they see it on their phones)",
        "de": "Was beide Seiten korrigieren müssen (sie sehen es auf ihrem Telefon)",
    },
    "registrar.send": {"fr": "Renvoyer avec ce commentaire", "en": "Send back with this comment",
                       "de": "Mit diesem Kommentar zurückschicken"},
    "registrar.fix_title": {"fr": "Corriger le partenariat", "en": "Fix the match", "de": "Partnerschaft korrigieren"},
    "registrar.company_gives": {"fr": "{name} apporte", "en": "{name} gives", "de": "{name} bringt ein"},
    "registrar.details": {"fr": "Précisions", "en": "Details", "de": "Einzelheiten"},
    "registrar.hours": {"fr": "Volume (heures)", "en": "Volume (hours)", "de": "Umfang (Stunden)"},
    "registrar.euros": {"fr": "Valeur (euros)", "en": "Value (euros)", "de": "Wert (Euro)"},
    "registrar.delivery_date": {"fr": "Date de réalisation", "en": "Delivery date", "de": "Umsetzungsdatum"},
    "registrar.save": {"fr": "Enregistrer la correction", "en": "Save the fix", "de": "Korrektur speichern"},
    "registrar.none": {"fr": "Aucun partenariat ici pour l'instant.", "en": "No match here yet.",
                       "de": "Noch keine Partnerschaft hier."},
    "registrar.more": {
        "fr": "{shown} partenariats : les {count} plus récents sont affichés.",
        "en": "{shown} matches: the {count} most recent are shown.",
        "de": "{shown} Partnerschaften: die {count} neuesten werden angezeigt.",
    },
    "registrar.notice_validated": {"fr": "Partenariat validé.", "en": "Match validated.",
                                   "de": "Partnerschaft validiert."},
    "registrar.notice_returned": {"fr": "Partenariat renvoyé avec votre commentaire.",
                                  "en": "Match sent back with your comment.",
                                  "de": "Partnerschaft mit Ihrem Kommentar zurückgeschickt."},
    "registrar.notice_fixed": {"fr": "Correction enregistrée.", "en": "Fix saved.", "de": "Korrektur gespeichert."},
    # --- console: the summary ----------------------------------------------------------------------------
    "summary.title": {"fr": "Bilan de l'événement", "en": "Event summary", "de": "Bilanz der Veranstaltung"},
    "summary.printed": {"fr": "Établi le {time}", "en": "As of {time}", "de": "Stand {time}"},
    "summary.refresh": {"fr": "Actualiser", "en": "Refresh", "de": "Aktualisieren"},
    "summary.meetings_held": {"fr": "Rencontres tenues", "en": "Meetings held", "de": "Gespräche geführt"},
    "summary.meetings_planned": {"fr": "sur {count} prévues", "en": "of {count} planned",
                                 "de": "von {count} geplanten"},
    "summary.no_shows": {"fr": "Absents", "en": "No-shows", "de": "Nicht erschienen"},
    "summary.proposed": {"fr": "Partenariats proposés, en attente", "en": "Matches proposed, awaiting",
                         "de": "Vorgeschlagene Partnerschaften, offen"},
    "summary.recorded": {"fr": "Partenariats conclus (confirmés des deux côtés)",
                         "en": "Matches recorded (confirmed by both sides)",
                         "de": "Abgeschlossene Partnerschaften (von beiden Seiten bestätigt)"},
    "summary.validated": {"fr": "dont validés", "en": "of which validated", "de": "davon validiert"},
    "summary.delivered": {"fr": "dont réalisés", "en": "of which delivered", "de": "davon umgesetzt"},
    "summary.declined": {"fr": "Propositions refusées", "en": "Proposals declined", "de": "Abgelehnte Vorschläge"},
    "summary.followups": {"fr": "Demandes de suivi", "en": "Follow-up requests", "de": "Nachfass-Anfragen"},
    "summary.mutual": {"fr": "Suivis réciproques (paires)", "en": "Mutual follow-ups (pairs)",
                       "de": "Gegenseitiges Nachfassen (Paare)"},
    "summary.categories": {"fr": "Catégories : ce qui a trouvé preneur, ce qui manque",
                           "en": "Categories: what found a giver, what is missing",
                           "de": "Kategorien: was einen Geber fand, was fehlt"},
    "summary.categories_help": {
        "fr": "Par catégorie : les participants qui l'offrent, les partenariats qui la donnent, les participants qui "
              "en ont besoin, et ceux dont le besoin n'a trouvé aucun partenariat.",
        "en": "Per category: participants who offer it, matches that give it, participants who need it, and those "
              "whose need found no match.",
        "de": "Je Kategorie: Teilnehmende, die sie anbieten, Partnerschaften, die sie geben, Teilnehmende, die sie "
              "brauchen, und jene, deren Bedarf keine Partnerschaft fand.",
    },
    "summary.offered": {"fr": "Offert", "en": "Offered", "de": "Angeboten"},
    "summary.given": {"fr": "Donné", "en": "Given", "de": "Gegeben"},
    "summary.needed": {"fr": "Besoin", "en": "Needed", "de": "Benötigt"},
    "summary.unmet": {"fr": "Besoin non couvert", "en": "Unmet need", "de": "Ungedeckter Bedarf"},
    "summary.col_category": {"fr": "Catégorie", "en": "Category", "de": "Kategorie"},
    "summary.no_categories": {"fr": "Aucune offre ni aucun besoin enregistré.", "en": "No offers or needs recorded.",
                              "de": "Keine Angebote oder Bedarfe erfasst."},
    "summary.missed": {"fr": "Les meilleures paires qui ne se sont pas rencontrées",
                       "en": "The best pairs that did not meet",
                       "de": "Die besten Paare, die sich nicht getroffen haben"},
    "summary.missed_help": {"fr": "Par affinité, pour la prochaine édition.", "en": "By affinity, for next time.",
                            "de": "Nach Affinität, für das nächste Mal."},
    "summary.affinity": {"fr": "Affinité", "en": "Affinity", "de": "Affinität"},
    "summary.missed_none": {"fr": "Aucune : toutes les paires prometteuses se sont rencontrées.",
                            "en": "None: every promising pair met.",
                            "de": "Keine: alle vielversprechenden Paare haben sich getroffen."},
    # --- console: print (badges, agendas, table cards) -----------------------------------------------
    "participants.show_qr": {"fr": "QR code de {organisation}", "en": "QR code of {organisation}",
                             "de": "QR-Code von {organisation}"},
    "participants.qr_help": {
        "fr": "Le participant scanne ce code avec son téléphone pour ouvrir sa page.",
        "en": "The participant scans this code with their phone to open their page.",
        "de": "Die Person scannt diesen Code mit dem Telefon, um ihre Seite zu öffnen.",
    },
    "participants.qr_svg": {"fr": "Télécharger (SVG)", "en": "Download (SVG)", "de": "Herunterladen (SVG)"},
    "participants.qr_png": {"fr": "Télécharger (PNG)", "en": "Download (PNG)", "de": "Herunterladen (PNG)"},
    "print.print": {"fr": "Imprimer", "en": "Print", "de": "Drucken"},
    "print.version": {
        "fr": "Programme version {version} du {time} (UTC) · imprimé le {printed} (UTC)",
        "en": "Schedule version {version} of {time} (UTC) · printed {printed} (UTC)",
        "de": "Ablaufplan Version {version} vom {time} (UTC) · gedruckt am {printed} (UTC)",
    },
    "print.table": {"fr": "Table {table}", "en": "Table {table}", "de": "Tisch {table}"},
    "print.qr_alt": {"fr": "QR code de la page de {name}", "en": "QR code of {name}'s page",
                     "de": "QR-Code der Seite von {name}"},
    "print.which": {"fr": "Badges à imprimer", "en": "Badges to print", "de": "Zu druckende Namensschilder"},
    "print.all": {"fr": "Tous", "en": "Everyone", "de": "Alle"},
    "print.companies": {"fr": "Entreprises", "en": "Companies", "de": "Unternehmen"},
    "print.associations": {"fr": "Associations", "en": "Associations", "de": "Vereine"},
    "print.walk_ins": {"fr": "Inscrits depuis la dernière impression", "en": "Registered since the last print",
                       "de": "Seit dem letzten Druck angemeldet"},
    "print.one": {"fr": "Un participant", "en": "One participant", "de": "Eine teilnehmende Organisation"},
    "print.badge_count": {"fr": "{count} badges", "en": "{count} badges", "de": "{count} Namensschilder"},
    "print.mark_printed": {"fr": "Marquer comme imprimés", "en": "Mark as printed", "de": "Als gedruckt markieren"},
    "print.marked": {
        "fr": "Noté : les prochaines inscriptions seront les nouveaux badges à imprimer.",
        "en": "Noted: registrations from now on are the next badges to print.",
        "de": "Vermerkt: Anmeldungen ab jetzt sind die nächsten zu druckenden Namensschilder.",
    },
    "print.two_per_page": {"fr": "Deux agendas par page A4", "en": "Two agendas per A4 page",
                           "de": "Zwei Ablaufpläne pro A4-Seite"},
    "print.round": {"fr": "Tour", "en": "Round", "de": "Runde"},
    "print.time": {"fr": "Heure", "en": "Time", "de": "Uhrzeit"},
    "print.counterpart": {"fr": "Avec", "en": "With", "de": "Mit"},
    "print.room_plan": {"fr": "Plan de salle · tour {round}", "en": "Room plan · round {round}",
                        "de": "Saalplan · Runde {round}"},
    # --- console: participants (import, list, check-in, walk-ins) ------------------------------------
    "participants.counter": {
        "fr": "Pointés : {checked} / {expected}",
        "en": "Checked in: {checked} / {expected}",
        "de": "Eingecheckt: {checked} / {expected}",
    },
    "participants.counter_help": {
        "fr": "attendus : tous les inscrits qui ne sont pas marqués absents",
        "en": "expected: everyone registered who is not marked absent",
        "de": "erwartet: alle Angemeldeten, die nicht als abwesend markiert sind",
    },
    "participants.add": {"fr": "Ajouter un participant", "en": "Add a participant", "de": "Teilnahme hinzufügen"},
    "participants.walk_in": {
        "fr": "Participant sur place",
        "en": "Add a walk-in",
        "de": "Spontane Teilnahme",
    },
    "participants.no_shows": {
        "fr": "Marquer absents les non-pointés et re-planifier",
        "en": "Mark everyone not checked in absent and re-plan",
        "de": "Nicht Eingecheckte als abwesend markieren und neu planen",
    },
    "participants.no_shows_title": {
        "fr": "Marquer absents tous les participants non pointés ?",
        "en": "Mark everyone not checked in as absent?",
        "de": "Alle nicht Eingecheckten als abwesend markieren?",
    },
    "participants.no_shows_text": {
        "fr": "{count} participant(s) non pointé(s) seront marqués absents et le programme sera re-planifié sans eux. "
        "Possible seulement avant le tour 1.",
        "en": "{count} participant(s) not checked in will be marked absent and the schedule re-planned without "
        "them. Only possible before round 1.",
        "de": "{count} nicht eingecheckte Teilnahme(n) werden als abwesend markiert und der Ablaufplan ohne sie "
        "neu geplant. Nur vor Runde 1 möglich.",
    },
    "participants.no_shows_done": {
        "fr": "{count} participant(s) marqué(s) absent(s).",
        "en": "{count} participant(s) marked absent.",
        "de": "{count} Teilnahme(n) als abwesend markiert.",
    },
    "participants.confirm": {"fr": "Confirmer", "en": "Confirm", "de": "Bestätigen"},
    "participants.search": {
        "fr": "Rechercher : nom, contact, e-mail",
        "en": "Search: name, contact, e-mail",
        "de": "Suchen: Name, Kontakt, E-Mail",
    },
    "participants.all": {"fr": "Tous", "en": "All", "de": "Alle"},
    "participants.yes": {"fr": "Oui", "en": "Yes", "de": "Ja"},
    "participants.no": {"fr": "Non", "en": "No", "de": "Nein"},
    "participants.filter_type": {"fr": "Type", "en": "Type", "de": "Typ"},
    "participants.filter_offers": {"fr": "Offre", "en": "Offers", "de": "Bietet"},
    "participants.filter_needs": {"fr": "Besoin", "en": "Needs", "de": "Braucht"},
    "participants.filter_language": {"fr": "Langue", "en": "Language", "de": "Sprache"},
    "participants.filter_checked_in": {"fr": "Pointé", "en": "Checked in", "de": "Eingecheckt"},
    "participants.filter_absent": {"fr": "Absent", "en": "Absent", "de": "Abwesend"},
    "participants.col_checked_in": {"fr": "Pointé", "en": "Here", "de": "Da"},
    "participants.col_organisation": {"fr": "Organisation", "en": "Organisation", "de": "Organisation"},
    "participants.col_type": {"fr": "Type", "en": "Type", "de": "Typ"},
    "participants.col_languages": {"fr": "Langues", "en": "Languages", "de": "Sprachen"},
    "participants.col_offers_needs": {"fr": "Offre / besoins", "en": "Offers / needs", "de": "Bietet / braucht"},
    "participants.col_presence": {"fr": "Présence", "en": "Attendance", "de": "Anwesenheit"},
    "participants.col_link": {"fr": "Lien", "en": "Link", "de": "Link"},
    "participants.sort_by": {"fr": "Trier par {column}", "en": "Sort by {column}", "de": "Sortieren nach {column}"},
    "participants.absent": {"fr": "Absent", "en": "Absent", "de": "Abwesend"},
    "participants.from_round": {"fr": "dès le tour {round}", "en": "from round {round}", "de": "ab Runde {round}"},
    "participants.to_round": {
        "fr": "jusqu'au tour {round}",
        "en": "until round {round}",
        "de": "bis Runde {round}",
    },
    "participants.whole_event": {"fr": "tout l'événement", "en": "whole event", "de": "ganze Veranstaltung"},
    "participants.copy_link": {
        "fr": "Copier le lien de {organisation}",
        "en": "Copy the link of {organisation}",
        "de": "Link von {organisation} kopieren",
    },
    "participants.copied": {"fr": "Lien copié", "en": "Link copied", "de": "Link kopiert"},
    "participants.check_in_label": {
        "fr": "{organisation} est arrivé",
        "en": "{organisation} has arrived",
        "de": "{organisation} ist angekommen",
    },
    "participants.shown": {
        "fr": "{matched} participant(s) sur {total}",
        "en": "{matched} of {total} participant(s)",
        "de": "{matched} von {total} Teilnahme(n)",
    },
    "participants.page": {"fr": "Page {page} / {pages}", "en": "Page {page} / {pages}", "de": "Seite {page} / {pages}"},
    "participants.previous": {"fr": "Précédente", "en": "Previous", "de": "Zurück"},
    "participants.next": {"fr": "Suivante", "en": "Next", "de": "Weiter"},
    "participants.empty": {
        "fr": "Aucun participant ne correspond à la recherche.",
        "en": "No participant matches the search.",
        "de": "Keine Teilnahme entspricht der Suche.",
    },
    "participants.import_title": {"fr": "Importer des inscriptions", "en": "Import registrations",
                                  "de": "Anmeldungen importieren"},
    "participants.import_help": {
        "fr": "Fichier CSV ou XLSX, 5 Mo au plus. Chaque ligne est vérifiée : si une seule est fausse, rien n'est "
        "importé et chaque ligne à corriger est listée. Une organisation déjà inscrite est mise à jour.",
        "en": "CSV or XLSX file, 5 MB at most. Every row is checked: if a single one is wrong, nothing is imported "
        "and every row to fix is listed. An organisation already registered is updated.",
        "de": "CSV- oder XLSX-Datei, höchstens 5 MB. Jede Zeile wird geprüft: Ist auch nur eine falsch, wird nichts "
        "importiert und jede zu korrigierende Zeile aufgelistet. Eine bereits angemeldete Organisation wird "
        "aktualisiert.",
    },
    "participants.import_drop": {
        "fr": "Déposez le fichier ici, ou cliquez pour le choisir",
        "en": "Drop the file here, or click to choose it",
        "de": "Datei hier ablegen oder zum Auswählen klicken",
    },
    "participants.import_button": {"fr": "Importer", "en": "Import", "de": "Importieren"},
    "participants.import_busy": {"fr": "Import en cours…", "en": "Importing…", "de": "Import läuft…"},
    "participants.template": {
        "fr": "Modèle à remplir :",
        "en": "Template to fill in:",
        "de": "Vorlage zum Ausfüllen:",
    },
    "participants.template_csv": {"fr": "Modèle CSV", "en": "CSV template", "de": "CSV-Vorlage"},
    "participants.template_xlsx": {"fr": "Modèle XLSX", "en": "XLSX template", "de": "XLSX-Vorlage"},
    "participants.downloads": {"fr": "Exports", "en": "Downloads", "de": "Exporte"},
    "participants.download_schedule": {"fr": "Programme (CSV)", "en": "Schedule (CSV)", "de": "Ablaufplan (CSV)"},
    "participants.download_links": {"fr": "Liens (CSV)", "en": "Links (CSV)", "de": "Links (CSV)"},
    "participants.download_participants": {
        "fr": "Participants (CSV)",
        "en": "Participants (CSV)",
        "de": "Teilnehmende (CSV)",
    },
    "participants.download_matches": {"fr": "Partenariats (CSV)", "en": "Matches (CSV)", "de": "Partnerschaften (CSV)"},
    "participants.download_followups": {"fr": "Suivis (CSV)", "en": "Follow-ups (CSV)", "de": "Nachfassen (CSV)"},
    "participants.download_workbook": {
        "fr": "Tout, en un classeur (XLSX)",
        "en": "Everything, one workbook (XLSX)",
        "de": "Alles in einer Arbeitsmappe (XLSX)",
    },
    "participants.manage": {
        "fr": "Présence, modification, retrait",
        "en": "Attendance, edit, remove",
        "de": "Anwesenheit, ändern, entfernen",
    },
    "participants.absent_now": {
        "fr": "Absent à partir de maintenant",
        "en": "Absent from now on",
        "de": "Ab jetzt abwesend",
    },
    "participants.arrives_from": {"fr": "Arrive au tour", "en": "Arrives in round", "de": "Kommt in Runde"},
    "participants.leaves_after": {"fr": "Part après le tour", "en": "Leaves after round", "de": "Geht nach Runde"},
    "participants.apply": {"fr": "Appliquer", "en": "Apply", "de": "Anwenden"},
    "participants.edit": {"fr": "Modifier", "en": "Edit", "de": "Ändern"},
    "participants.remove": {"fr": "Retirer", "en": "Remove", "de": "Entfernen"},
    "participants.remove_title": {
        "fr": "Retirer {organisation} ?",
        "en": "Remove {organisation}?",
        "de": "{organisation} entfernen?",
    },
    "participants.remove_text": {
        "fr": "Le participant, son lien et ses rencontres prévues sont supprimés. Après le début, marquez-le plutôt "
        "absent.",
        "en": "The participant, their link and their planned meetings are deleted. Once the event has started, mark "
        "them absent instead.",
        "de": "Die Teilnahme, ihr Link und ihre geplanten Gespräche werden gelöscht. Nach dem Beginn markieren Sie "
        "sie stattdessen als abwesend.",
    },
    "participants.removed": {
        "fr": "« {organisation} » a été retiré.",
        "en": "\"{organisation}\" was removed.",
        "de": "„{organisation}“ wurde entfernt.",
    },
    "participants.saved": {"fr": "Enregistré.", "en": "Saved.", "de": "Gespeichert."},
    "participants.form_add": {"fr": "Nouveau participant", "en": "New participant", "de": "Neue Teilnahme"},
    "participants.form_edit": {"fr": "Modifier le participant", "en": "Edit the participant",
                               "de": "Teilnahme ändern"},
    "participants.form_walk_in": {"fr": "Participant sur place", "en": "Walk-in", "de": "Spontane Teilnahme"},
    "participants.walk_in_help": {
        "fr": "Pointé et présent dès le prochain tour ({round}) ; les tours restants sont re-planifiés dès "
        "l'enregistrement.",
        "en": "Checked in and present from the next round ({round}); the remaining rounds are re-planned as soon as "
        "you save.",
        "de": "Eingecheckt und ab der nächsten Runde ({round}) dabei; die restlichen Runden werden beim Speichern "
        "neu geplant.",
    },
    "participants.field_type": {"fr": "Type", "en": "Type", "de": "Typ"},
    "participants.field_organisation": {"fr": "Organisation", "en": "Organisation", "de": "Organisation"},
    "participants.field_contact_name": {"fr": "Personne de contact", "en": "Contact person",
                                        "de": "Kontaktperson"},
    "participants.field_email": {"fr": "E-mail", "en": "E-mail", "de": "E-Mail"},
    "participants.field_phone": {"fr": "Téléphone", "en": "Phone", "de": "Telefon"},
    "participants.field_languages": {"fr": "Langues", "en": "Languages", "de": "Sprachen"},
    "participants.field_offers": {"fr": "Offre", "en": "Offers", "de": "Bietet"},
    "participants.field_needs": {"fr": "Besoins", "en": "Needs", "de": "Braucht"},
    "participants.field_description": {"fr": "Description", "en": "Description", "de": "Beschreibung"},
    "participants.field_wishes": {
        "fr": "Souhaite rencontrer (noms séparés par ;)",
        "en": "Wishes to meet (names separated by ;)",
        "de": "Möchte treffen (Namen durch ; getrennt)",
    },
    "participants.field_avoid": {
        "fr": "Ne souhaite pas rencontrer (noms séparés par ;)",
        "en": "Does not wish to meet (names separated by ;)",
        "de": "Möchte nicht treffen (Namen durch ; getrennt)",
    },
    "participants.field_present_from_round": {
        "fr": "Présent à partir du tour",
        "en": "Present from round",
        "de": "Anwesend ab Runde",
    },
    "participants.field_present_to_round": {
        "fr": "Présent jusqu'au tour",
        "en": "Present until round",
        "de": "Anwesend bis Runde",
    },
    "participants.round_blank": {
        "fr": "vide : tout l'événement",
        "en": "blank: the whole event",
        "de": "leer: die ganze Veranstaltung",
    },
    "participants.save": {"fr": "Enregistrer", "en": "Save", "de": "Speichern"},
    "participants.changes_title": {
        "fr": "Re-planifié : ce qui a changé",
        "en": "Re-planned: what changed",
        "de": "Neu geplant: was sich geändert hat",
    },
    "participants.change_meets": {
        "fr": "Tour {round} : {organisation} rencontre {after} (au lieu de {before})",
        "en": "Round {round}: {organisation} meets {after} (instead of {before})",
        "de": "Runde {round}: {organisation} trifft {after} (statt {before})",
    },
    "participants.change_new": {
        "fr": "Tour {round} : {organisation} rencontre {after}",
        "en": "Round {round}: {organisation} meets {after}",
        "de": "Runde {round}: {organisation} trifft {after}",
    },
    "participants.change_none": {
        "fr": "Tour {round} : {organisation} n'a plus de rencontre (au lieu de {before})",
        "en": "Round {round}: {organisation} has no meeting any more (instead of {before})",
        "de": "Runde {round}: {organisation} hat kein Gespräch mehr (statt {before})",
    },
    "participants.no_changes": {
        "fr": "Aucune rencontre n'a changé.",
        "en": "No meeting changed.",
        "de": "Kein Gespräch hat sich geändert.",
    },
    "participants.more_changes": {
        "fr": "… et {count} autre(s) changement(s).",
        "en": "… and {count} more change(s).",
        "de": "… und {count} weitere Änderung(en).",
    },
    "participants.not_replanned": {
        "fr": "Enregistré. Aucun programme n'est encore calculé : il en tiendra compte.",
        "en": "Saved. No schedule has been computed yet: it will take this into account.",
        "de": "Gespeichert. Es ist noch kein Ablaufplan berechnet: er wird dies berücksichtigen.",
    },
    "participants.close": {"fr": "Fermer", "en": "Close", "de": "Schließen"},
    "import.too_long": {
        "fr": "La colonne {column} dépasse {max} caractères ({length}).",
        "en": "Column {column} is longer than {max} characters ({length}).",
        "de": "Die Spalte {column} ist länger als {max} Zeichen ({length}).",
    },
    "import.too_many_rows": {
        "fr": "Le fichier contient plus de {max} inscriptions, le maximum pour un fichier : partagez-le.",
        "en": "The file holds more than {max} registrations, the most one file may hold: split it.",
        "de": "Die Datei enthält mehr als {max} Anmeldungen, das Maximum für eine Datei: teilen Sie sie auf.",
    },
    "import.sheet_too_long": {
        "fr": "La feuille s'étend au-delà de la ligne {max} : supprimez les lignes sous vos inscriptions.",
        "en": "The sheet reaches beyond row {max}: delete the rows below your registrations.",
        "de": "Das Blatt reicht über Zeile {max} hinaus: Löschen Sie die Zeilen unter Ihren Anmeldungen.",
    },
    "import.file_too_large": {
        "fr": "Le classeur est trop volumineux une fois décompressé (plus de {megabytes} Mo).",
        "en": "The workbook is too large once unpacked (more than {megabytes} MB).",
        "de": "Die Arbeitsmappe ist entpackt zu groß (mehr als {megabytes} MB).",
    },
    "import.organisation_exists": {
        "fr": "L'organisation « {organisation} » est déjà inscrite.",
        "en": "The organisation \"{organisation}\" is already registered.",
        "de": "Die Organisation „{organisation}“ ist bereits angemeldet.",
    },
    "error.participant_invalid": {
        "fr": "Rien n'a été enregistré : {count} point(s) à corriger.",
        "en": "Nothing was saved: {count} thing(s) to fix.",
        "de": "Nichts wurde gespeichert: {count} Punkt(e) zu korrigieren.",
    },
    "error.round_invalid": {
        "fr": "Indiquez un numéro de tour entre 1 et {rounds}.",
        "en": "Enter a round number from 1 to {rounds}.",
        "de": "Geben Sie eine Rundennummer von 1 bis {rounds} an.",
    },
    "error.round_played": {
        "fr": "Le tour {round} est déjà joué ou en cours : indiquez le tour {next} ou un tour suivant.",
        "en": "Round {round} has already been played or is under way: enter round {next} or a later one.",
        "de": "Runde {round} ist schon gespielt oder läuft: Geben Sie Runde {next} oder eine spätere an.",
    },
    "error.round_over": {
        "fr": "Le tour {round} est terminé : indiquez le tour en cours ({current}) ou un tour suivant.",
        "en": "Round {round} is over: enter the current round ({current}) or a later one.",
        "de": "Runde {round} ist vorbei: Geben Sie die laufende Runde ({current}) oder eine spätere an.",
    },
    "error.arrival_after_departure": {
        "fr": "L'arrivée (tour {first}) serait après le départ (après le tour {last}).",
        "en": "The arrival (round {first}) would come after the departure (after round {last}).",
        "de": "Die Ankunft (Runde {first}) läge nach dem Weggang (nach Runde {last}).",
    },
    "error.no_round_left": {
        "fr": "Il ne reste aucun tour à jouer.",
        "en": "There is no round left to play.",
        "de": "Es ist keine Runde mehr zu spielen.",
    },
    "error.no_shows_started": {
        "fr": "Le tour 1 a déjà commencé : marquez les absents un par un.",
        "en": "Round 1 has already started: mark the absent participants one by one.",
        "de": "Runde 1 hat schon begonnen: Markieren Sie Abwesende einzeln.",
    },
    "error.nobody_checked_in": {
        "fr": "Personne n'est encore pointé : rien n'a été changé.",
        "en": "Nobody is checked in yet: nothing was changed.",
        "de": "Noch niemand ist eingecheckt: nichts wurde geändert.",
    },
    "error.remove_started": {
        "fr": "L'événement a commencé (tour {round}) : marquez ce participant absent plutôt que de le retirer.",
        "en": "The event has started (round {round}): mark this participant absent instead of removing them.",
        "de": "Die Veranstaltung hat begonnen (Runde {round}): Markieren Sie die Teilnahme als abwesend, statt sie "
        "zu entfernen.",
    },
    "error.upload_missing": {
        "fr": "Choisissez d'abord un fichier CSV ou XLSX.",
        "en": "Choose a CSV or XLSX file first.",
        "de": "Wählen Sie zuerst eine CSV- oder XLSX-Datei.",
    },
    "error.upload_rejected": {
        "fr": "Fichier refusé : seul un fichier .csv ou .xlsx de {megabytes} Mo au plus est accepté.",
        "en": "File refused: only one .csv or .xlsx file of {megabytes} MB at most is accepted.",
        "de": "Datei abgelehnt: nur eine .csv- oder .xlsx-Datei mit höchstens {megabytes} MB wird angenommen.",
    },
    "error.upload_expired": {
        "fr": "Cet import n'est plus valable : rechargez la page, puis réessayez.",
        "en": "This import is no longer valid: reload the page, then try again.",
        "de": "Dieser Import ist nicht mehr gültig: Laden Sie die Seite neu und versuchen Sie es erneut.",
    },
    # --- console: schedule (generate, quality, grid, publish) ------------------------------------------
    "schedule.title": {"fr": "Programme des rencontres", "en": "Meeting schedule", "de": "Gesprächsplan"},
    "schedule.none": {
        "fr": "Pas encore de programme. Générez-le une fois les inscriptions importées "
        "({companies} entreprises, {associations} associations à ce jour).",
        "en": "No schedule yet. Generate it once the registrations are imported "
        "({companies} companies, {associations} associations so far).",
        "de": "Noch kein Gesprächsplan. Erstellen Sie ihn, sobald die Anmeldungen importiert sind "
        "(bisher {companies} Unternehmen, {associations} Vereine).",
    },
    "schedule.computed_at": {
        "fr": "Programme calculé le {time}.",
        "en": "Schedule computed on {time}.",
        "de": "Gesprächsplan berechnet am {time}.",
    },
    "schedule.not_published": {
        "fr": "Pas encore publié : la page des participants annonce que le programme arrive.",
        "en": "Not published yet: the participants' pages say that the schedule is coming.",
        "de": "Noch nicht veröffentlicht: Die Seiten der Teilnehmenden kündigen den Gesprächsplan an.",
    },
    "schedule.published_at": {
        "fr": "Publié le {time} : chaque participant voit son programme sur son téléphone.",
        "en": "Published on {time}: every participant sees their agenda on their phone.",
        "de": "Veröffentlicht am {time}: Alle Teilnehmenden sehen ihren Plan auf dem Handy.",
    },
    "schedule.outdated": {
        "fr": "Programme à refaire : les réglages ou les participants ont changé depuis son calcul. "
        "Générez-le à nouveau.",
        "en": "Schedule out of date: the settings or the participants changed since it was computed. "
        "Generate it again.",
        "de": "Gesprächsplan veraltet: Einstellungen oder Teilnehmende haben sich seit der Berechnung geändert. "
        "Erstellen Sie ihn neu.",
    },
    "schedule.generate": {"fr": "Générer le programme", "en": "Generate the schedule", "de": "Gesprächsplan erstellen"},
    "schedule.regenerate": {"fr": "Générer à nouveau", "en": "Generate again", "de": "Neu erstellen"},
    "schedule.generating": {
        "fr": "Calcul en cours…",
        "en": "Computing…",
        "de": "Wird berechnet…",
    },
    "schedule.publish": {"fr": "Publier", "en": "Publish", "de": "Veröffentlichen"},
    "schedule.published_badge": {"fr": "Publié", "en": "Published", "de": "Veröffentlicht"},
    "schedule.confirm_title": {
        "fr": "Remplacer le programme publié ?",
        "en": "Replace the published schedule?",
        "de": "Veröffentlichten Gesprächsplan ersetzen?",
    },
    "schedule.confirm_before": {
        "fr": "Les participants voient déjà leur programme : le nouveau le remplacera aussitôt sur leurs téléphones.",
        "en": "The participants already see their agendas: the new schedule replaces them on their phones at once.",
        "de": "Die Teilnehmenden sehen ihren Plan bereits: Der neue ersetzt ihn sofort auf ihren Handys.",
    },
    "schedule.confirm_started": {
        "fr": "L'événement a commencé : les tours déjà joués (1 à {round}) sont gardés tels quels, seuls les "
        "suivants sont recalculés. Les téléphones concernés se mettent à jour aussitôt.",
        "en": "The event has started: the rounds already played (1 to {round}) are kept as they are; only the "
        "following ones are computed again. The phones concerned update at once.",
        "de": "Die Veranstaltung läuft: Die gespielten Runden (1 bis {round}) bleiben, wie sie sind; nur die "
        "folgenden werden neu berechnet. Die betroffenen Handys aktualisieren sich sofort.",
    },
    "schedule.confirm": {"fr": "Remplacer", "en": "Replace", "de": "Ersetzen"},
    "schedule.generated": {
        "fr": "Programme calculé : {count} rencontres.",
        "en": "Schedule computed: {count} meetings.",
        "de": "Gesprächsplan berechnet: {count} Gespräche.",
    },
    "schedule.replanned": {
        "fr": "Programme recalculé après le tour {round} : {count} ligne(s) d'agenda changent, les tours joués "
        "restent.",
        "en": "Schedule computed again after round {round}: {count} agenda row(s) change; the rounds played stay.",
        "de": "Gesprächsplan nach Runde {round} neu berechnet: {count} Planzeile(n) ändern sich, gespielte Runden "
        "bleiben.",
    },
    "schedule.published_notice": {
        "fr": "Programme publié : les participants voient maintenant leur programme.",
        "en": "Schedule published: the participants now see their agendas.",
        "de": "Gesprächsplan veröffentlicht: Die Teilnehmenden sehen jetzt ihren Plan.",
    },
    "schedule.quality_title": {"fr": "Qualité du programme", "en": "How good it is", "de": "Qualität des Plans"},
    "schedule.q_meetings": {
        "fr": "{meetings} rencontres en {rounds} tours, sur {tables} tables.",
        "en": "{meetings} meetings in {rounds} rounds, at {tables} tables.",
        "de": "{meetings} Gespräche in {rounds} Runden an {tables} Tischen.",
    },
    "schedule.q_companies": {
        "fr": "Chaque entreprise rencontre de {min} à {max} associations.",
        "en": "Each company meets {min} to {max} associations.",
        "de": "Jedes Unternehmen trifft {min} bis {max} Vereine.",
    },
    "schedule.q_companies_same": {
        "fr": "Chaque entreprise rencontre {count} associations.",
        "en": "Each company meets {count} associations.",
        "de": "Jedes Unternehmen trifft {count} Vereine.",
    },
    "schedule.q_associations": {
        "fr": "Chaque association rencontre de {min} à {max} entreprises.",
        "en": "Each association meets {min} to {max} companies.",
        "de": "Jeder Verein trifft {min} bis {max} Unternehmen.",
    },
    "schedule.q_associations_same": {
        "fr": "Chaque association rencontre {count} entreprises.",
        "en": "Each association meets {count} companies.",
        "de": "Jeder Verein trifft {count} Unternehmen.",
    },
    "schedule.q_sitout": {
        "fr": "Attente la plus longue sans rencontre : {count} tour(s) d'affilée.",
        "en": "Longest wait without a meeting: {count} round(s) in a row.",
        "de": "Längste Wartezeit ohne Gespräch: {count} Runde(n) am Stück.",
    },
    "schedule.q_sitout_none": {
        "fr": "Personne n'attend un tour sans rencontre tant qu'il est présent.",
        "en": "Nobody waits a round without a meeting while present.",
        "de": "Niemand wartet eine Runde ohne Gespräch, solange er anwesend ist.",
    },
    "schedule.q_language_ok": {
        "fr": "Chaque rencontre a une langue commune.",
        "en": "Every meeting has a common language.",
        "de": "Jedes Gespräch hat eine gemeinsame Sprache.",
    },
    "schedule.q_language_bad": {
        "fr": "{count} rencontre(s) sans langue commune (langues modifiées depuis le calcul) : générez à nouveau.",
        "en": "{count} meeting(s) without a common language (languages changed since): generate again.",
        "de": "{count} Gespräch(e) ohne gemeinsame Sprache (Sprachen seither geändert): neu erstellen.",
    },
    "schedule.q_language_excluded": {
        "fr": "{count} paires entreprise–association n'ont aucune langue en commun : elles ne se rencontrent pas.",
        "en": "{count} company–association pairs share no language: they do not meet.",
        "de": "{count} Paare aus Unternehmen und Verein haben keine gemeinsame Sprache: Sie treffen sich nicht.",
    },
    "schedule.q_wishes": {
        "fr": "Souhaits de rencontre exaucés : {met} sur {asked}.",
        "en": "Meeting wishes met: {met} of {asked}.",
        "de": "Erfüllte Gesprächswünsche: {met} von {asked}.",
    },
    "schedule.q_wishes_none": {
        "fr": "Aucun participant n'a demandé à rencontrer une organisation précise.",
        "en": "No participant asked to meet a particular organisation.",
        "de": "Niemand hat um ein Gespräch mit einer bestimmten Organisation gebeten.",
    },
    "schedule.q_value": {
        "fr": "Score {value} pour une borne de {bound} ({percent} %).",
        "en": "Score {value} against a bound of {bound} ({percent} %).",
        "de": "Punktzahl {value} bei einer Obergrenze von {bound} ({percent} %).",
    },
    "schedule.q_value_help": {
        "fr": "Le score compte les affinités (offres et besoins, souhaits) et l'équité entre participants ; aucun "
        "programme ne peut dépasser la borne. À 100 %, le programme est le meilleur possible.",
        "en": "The score counts affinities (offers and needs, wishes) and fairness between participants; no "
        "schedule can score above the bound. At 100 % the schedule is the best possible one.",
        "de": "Die Punktzahl zählt Passung (Angebote und Bedarf, Wünsche) und Fairness zwischen den Teilnehmenden; "
        "kein Plan kann die Obergrenze übertreffen. Bei 100 % ist der Plan der bestmögliche.",
    },
    "schedule.grid_title": {"fr": "Tables et tours", "en": "Tables and rounds", "de": "Tische und Runden"},
    "schedule.grid_help": {
        "fr": "Une ligne par table, une colonne par tour : l'entreprise, puis l'association. Les tours joués sont "
        "grisés.",
        "en": "A row per table, a column per round: the company, then the association. Rounds played are dimmed.",
        "de": "Eine Zeile pro Tisch, eine Spalte pro Runde: das Unternehmen, dann der Verein. Gespielte Runden "
        "sind abgeblendet.",
    },
    "schedule.grid_table": {"fr": "Table", "en": "Table", "de": "Tisch"},
    "schedule.grid_round": {"fr": "Tour {round}", "en": "Round {round}", "de": "Runde {round}"},
    "participant.programme_coming": {
        "fr": "Votre programme arrive",
        "en": "Your agenda is coming",
        "de": "Ihr Plan kommt bald",
    },
    "cli.published": {
        "fr": "Programme de « {slug} » publié : les participants voient leur programme.",
        "en": "Schedule of \"{slug}\" published: the participants see their agendas.",
        "de": "Gesprächsplan von „{slug}“ veröffentlicht: Die Teilnehmenden sehen ihren Plan.",
    },
    "error.schedule_running": {
        "fr": "Le programme de cet événement est déjà en cours de calcul : patientez quelques secondes.",
        "en": "This event's schedule is already being computed: wait a few seconds.",
        "de": "Der Gesprächsplan dieser Veranstaltung wird schon berechnet: Warten Sie einige Sekunden.",
    },
    "error.schedule_busy": {
        "fr": "Le serveur calcule déjà d'autres programmes : réessayez dans quelques secondes.",
        "en": "The server is already computing other schedules: try again in a few seconds.",
        "de": "Der Server berechnet gerade andere Gesprächspläne: Versuchen Sie es in einigen Sekunden erneut.",
    },
    "error.engine_unavailable": {
        "fr": "Le calcul du programme s'est interrompu (rien n'a été modifié) : réessayez.",
        "en": "The schedule computation stopped (nothing was changed): try again.",
        "de": "Die Berechnung des Gesprächsplans wurde unterbrochen (nichts wurde geändert): Versuchen Sie es erneut.",
    },
    "error.schedule_confirm": {
        "fr": "Le programme a été publié entre-temps : confirmez que vous voulez le remplacer.",
        "en": "The schedule has been published meanwhile: confirm that you want to replace it.",
        "de": "Der Gesprächsplan wurde inzwischen veröffentlicht: Bestätigen Sie, dass Sie ihn ersetzen wollen.",
    },
    "error.schedule_missing": {
        "fr": "Il n'y a pas encore de programme à publier : générez-le d'abord.",
        "en": "There is no schedule to publish yet: generate it first.",
        "de": "Es gibt noch keinen Gesprächsplan zum Veröffentlichen: Erstellen Sie ihn zuerst.",
    },
    "error.schedule_outdated": {
        "fr": "Le programme n'est plus à jour (réglages ou participants changés) : générez-le à nouveau avant de "
        "le publier.",
        "en": "The schedule is out of date (settings or participants changed): generate it again before "
        "publishing it.",
        "de": "Der Gesprächsplan ist veraltet (Einstellungen oder Teilnehmende geändert): Erstellen Sie ihn neu, "
        "bevor Sie ihn veröffentlichen.",
    },
    # --- console: event (create, settings) -------------------------------------------------------------
    "event.create_title": {"fr": "Nouvel événement", "en": "New event", "de": "Neue Veranstaltung"},
    "event.create_intro": {
        "fr": "Pas encore de clé ? Créez votre événement : la clé de sa console s'affichera une seule fois.",
        "en": "No key yet? Create your event: the key to its console will be shown once.",
        "de": "Noch kein Schlüssel? Legen Sie Ihre Veranstaltung an: Der Schlüssel zu ihrer Konsole wird einmal "
        "angezeigt.",
    },
    "event.create_open": {"fr": "Créer un événement", "en": "Create an event", "de": "Veranstaltung anlegen"},
    "event.create_button": {"fr": "Créer l'événement", "en": "Create the event", "de": "Veranstaltung anlegen"},
    "event.name": {"fr": "Nom de l'événement", "en": "Event name", "de": "Name der Veranstaltung"},
    "event.slug": {"fr": "Identifiant", "en": "Identifier", "de": "Kennung"},
    "event.slug_help": {
        "fr": "Tiré du nom, modifiable : lettres minuscules, chiffres et tirets (il apparaît dans l'adresse de "
        "l'écran de salle).",
        "en": "Taken from the name, editable: lowercase letters, digits and hyphens (it appears in the room "
        "screen's address).",
        "de": "Aus dem Namen, änderbar: Kleinbuchstaben, Ziffern und Bindestriche (steht in der Adresse des "
        "Saalbildschirms).",
    },
    "event.date": {"fr": "Date", "en": "Date", "de": "Datum"},
    "event.venue": {"fr": "Lieu", "en": "Venue", "de": "Ort"},
    "event.start_time": {"fr": "Heure du premier tour", "en": "Start of round 1", "de": "Beginn der 1. Runde"},
    "event.rounds": {"fr": "Tours", "en": "Rounds", "de": "Runden"},
    "event.tables": {"fr": "Tables", "en": "Tables", "de": "Tische"},
    "event.round_minutes": {"fr": "Minutes par tour", "en": "Minutes per round", "de": "Minuten pro Runde"},
    "event.break_minutes": {
        "fr": "Minutes de changement",
        "en": "Minutes to change tables",
        "de": "Minuten zum Tischwechsel",
    },
    "event.seated_side": {"fr": "Qui garde sa table", "en": "Who keeps their table", "de": "Wer am Tisch bleibt"},
    "event.seated_auto": {
        "fr": "Automatique (le côté qui tient sur les tables)",
        "en": "Automatic (the side that fits at the tables)",
        "de": "Automatisch (die Seite, die an die Tische passt)",
    },
    "event.seated_association": {
        "fr": "Les associations restent assises",
        "en": "Associations stay seated",
        "de": "Vereine bleiben sitzen",
    },
    "event.seated_company": {
        "fr": "Les entreprises restent assises",
        "en": "Companies stay seated",
        "de": "Unternehmen bleiben sitzen",
    },
    "event.seated_none": {
        "fr": "Tout le monde bouge (tables attribuées tour par tour)",
        "en": "Everybody moves (tables assigned round by round)",
        "de": "Alle wechseln (Tische Runde für Runde vergeben)",
    },
    "event.seated_help": {
        "fr": "Un côté qui garde sa table facilite les déplacements ; il faut autant de tables que de participants "
        "de ce côté.",
        "en": "A side that keeps its table makes moving easier; it needs as many tables as it has participants.",
        "de": "Eine Seite, die am Tisch bleibt, erleichtert den Wechsel; sie braucht so viele Tische wie "
        "Teilnehmende.",
    },
    "event.created_title": {
        "fr": "Événement « {name} » créé",
        "en": "Event \"{name}\" created",
        "de": "Veranstaltung „{name}“ angelegt",
    },
    "event.key_label": {
        "fr": "Clé organisateur de cet événement",
        "en": "This event's organiser key",
        "de": "Veranstalterschlüssel dieser Veranstaltung",
    },
    "event.copy_key": {"fr": "Copier la clé", "en": "Copy the key", "de": "Schlüssel kopieren"},
    "event.key_copied": {"fr": "Clé copiée.", "en": "Key copied.", "de": "Schlüssel kopiert."},
    "event.key_warning": {
        "fr": "Copiez cette clé et gardez-la en lieu sûr maintenant : elle ne sera plus jamais affichée. Sans elle, "
        "personne ne peut ouvrir la console de cet événement.",
        "en": "Copy this key and keep it safe now: it will never be shown again. Without it nobody can open this "
        "event's console.",
        "de": "Kopieren Sie diesen Schlüssel jetzt und bewahren Sie ihn sicher auf: Er wird nie wieder angezeigt. "
        "Ohne ihn kann niemand die Konsole dieser Veranstaltung öffnen.",
    },
    "event.login_now": {
        "fr": "Ouvrir la console de cet événement",
        "en": "Open this event's console",
        "de": "Konsole dieser Veranstaltung öffnen",
    },
    "event.key_kept": {
        "fr": "J'ai gardé la clé, masquer",
        "en": "I have kept the key, hide it",
        "de": "Schlüssel gesichert, ausblenden",
    },
    "event.settings_title": {
        "fr": "Réglages de l'événement",
        "en": "Event settings",
        "de": "Einstellungen der Veranstaltung",
    },
    "event.settings_intro": {
        "fr": "Changer les tours, les tables ou qui garde sa table rend le programme à refaire ; les horaires "
        "et le nom se mettent à jour aussitôt sur les téléphones.",
        "en": "Changing the rounds, the tables or who keeps their table makes the schedule out of date; times "
        "and the name update on the phones at once.",
        "de": "Eine Änderung von Runden, Tischen oder wer am Tisch bleibt macht den Gesprächsplan veraltet; "
        "Uhrzeiten und Name werden auf den Handys sofort aktualisiert.",
    },
    "event.save": {"fr": "Enregistrer", "en": "Save", "de": "Speichern"},
    "event.saved": {"fr": "Réglages enregistrés.", "en": "Settings saved.", "de": "Einstellungen gespeichert."},
    "event.saved_outdated": {
        "fr": "Réglages enregistrés. Le programme est maintenant à refaire : générez-le à nouveau.",
        "en": "Settings saved. The schedule is now out of date: generate it again.",
        "de": "Einstellungen gespeichert. Der Gesprächsplan ist jetzt veraltet: Erstellen Sie ihn neu.",
    },
    "error.name_too_long": {
        "fr": "Le nom est trop long ({max} caractères au plus).",
        "en": "The name is too long ({max} characters at most).",
        "de": "Der Name ist zu lang (höchstens {max} Zeichen).",
    },
    "error.venue_too_long": {
        "fr": "Le lieu est trop long ({max} caractères au plus).",
        "en": "The venue is too long ({max} characters at most).",
        "de": "Der Ort ist zu lang (höchstens {max} Zeichen).",
    },
    "error.field_invalid": {
        "fr": "Ce champ n'a pas pu être lu ; rien n'a été modifié.",
        "en": "This field could not be read; nothing was changed.",
        "de": "Dieses Feld konnte nicht gelesen werden; nichts wurde geändert.",
    },
    "error.number_invalid": {
        "fr": "« {value} » n'est pas un nombre entier.",
        "en": "\"{value}\" is not a whole number.",
        "de": "„{value}“ ist keine ganze Zahl.",
    },
    "error.date_invalid": {
        "fr": "Date invalide « {value} » : format AAAA-MM-JJ.",
        "en": "Invalid date \"{value}\": use YYYY-MM-DD.",
        "de": "Ungültiges Datum „{value}“: Format JJJJ-MM-TT.",
    },
    "error.seated_invalid": {
        "fr": "Choisissez qui garde sa table : automatique, les associations, les entreprises, ou tout le monde bouge.",
        "en": "Choose who keeps their table: automatic, associations, companies, or everybody moves.",
        "de": "Wählen Sie, wer am Tisch bleibt: automatisch, Vereine, Unternehmen, oder alle wechseln.",
    },
    "error.rounds_below_current": {
        "fr": "Impossible de passer à {rounds} tours : l'événement en est déjà au tour {round}.",
        "en": "Cannot go down to {rounds} rounds: the event is already at round {round}.",
        "de": "Nicht auf {rounds} Runden möglich: Die Veranstaltung ist schon in Runde {round}.",
    },
    "error.rounds_below_window": {
        "fr": "Impossible de passer à {rounds} tours : « {name} » est inscrit jusqu'au tour {round}. Modifiez "
        "d'abord sa présence.",
        "en": "Cannot go down to {rounds} rounds: \"{name}\" is registered until round {round}. Change its "
        "attendance first.",
        "de": "Nicht auf {rounds} Runden möglich: „{name}“ ist bis Runde {round} angemeldet. Ändern Sie zuerst "
        "die Anwesenheit.",
    },
    # --- console: live (re-plans, automatic advance, the room) -----------------------------------------
    "console.trouble_database": {
        "fr": "La base de données ne répond pas : les actions attendent. Rien de ce qui est enregistré n'est perdu, "
        "et partact reprend de lui-même dès qu'elle répond ; les téléphones gardent leur tour et leur compte à rebours.",
        "en": "The database does not answer: actions wait. Nothing recorded is lost, and partact resumes by itself "
        "as soon as it answers; the phones keep their round and countdown.",
        "de": "Die Datenbank antwortet nicht: Aktionen warten. Nichts Gespeichertes geht verloren, und partact macht "
        "von selbst weiter, sobald sie antwortet; die Telefone behalten Runde und Countdown.",
    },
    "console.trouble_redis": {
        "fr": "Redis ne répond pas : les tours avancent toujours, mais les téléphones des autres instances ne suivent "
        "qu'avec quelques secondes de retard. partact reprend de lui-même dès que Redis répond.",
        "en": "Redis does not answer: the rounds still advance, but phones on the other instances follow a few "
        "seconds late. partact resumes by itself as soon as Redis answers.",
        "de": "Redis antwortet nicht: Die Runden laufen weiter, aber Telefone auf den anderen Instanzen folgen einige "
        "Sekunden später. partact macht von selbst weiter, sobald Redis antwortet.",
    },
    "error.unavailable": {
        "fr": "Service momentanément indisponible (base de données). Réessayez dans quelques secondes.",
        "en": "Service unavailable for a moment (database). Try again in a few seconds.",
        "de": "Dienst kurz nicht verfügbar (Datenbank). Versuchen Sie es in einigen Sekunden erneut.",
    },
    "console.announcement": {"fr": "Annonce (grand écran et téléphones)", "en": "Announcement (big screen and phones)",
                             "de": "Ankündigung (Großbildschirm und Telefone)"},
    "console.announcement_hint": {"fr": "Ex. : le buffet est servi au fond de la salle",
                                  "en": "E.g.: the buffet is served at the back of the room",
                                  "de": "Z. B.: Das Buffet ist hinten im Saal eröffnet"},
    "console.announce": {"fr": "Afficher", "en": "Show", "de": "Anzeigen"},
    "console.clear_announcement": {"fr": "Effacer l'annonce", "en": "Clear the announcement",
                                   "de": "Ankündigung löschen"},
    "console.announcement_shown": {"fr": "Affichée :", "en": "Shown:", "de": "Angezeigt:"},
    "participant.check_in": {"fr": "Enregistrer l'arrivée", "en": "Check in", "de": "Ankunft erfassen"},
    "participant.checked_in": {"fr": "Arrivée enregistrée", "en": "Checked in", "de": "Ankunft erfasst"},
    # --- the participant page: at the table, matches, follow-ups -----------------------------------------
    "meet.wished_by_you": {"fr": "Vous avez demandé à les rencontrer", "en": "You asked to meet them",
                           "de": "Sie wollten sie treffen"},
    "meet.wished_by_them": {"fr": "Ils ont demandé à vous rencontrer", "en": "They asked to meet you",
                            "de": "Sie wollten Sie treffen"},
    "meet.shared_languages": {"fr": "Langues communes :", "en": "Shared languages:", "de": "Gemeinsame Sprachen:"},
    "meet.no_shared_language": {"fr": "Aucune langue commune déclarée", "en": "No shared language declared",
                                "de": "Keine gemeinsame Sprache angegeben"},
    "meet.all": {"fr": "Offres et besoins des deux côtés", "en": "Both sides' offers and needs",
                 "de": "Angebote und Bedarf beider Seiten"},
    "meet.their_offers": {"fr": "Ils offrent", "en": "They offer", "de": "Sie bieten"},
    "meet.their_needs": {"fr": "Ils cherchent", "en": "They need", "de": "Sie suchen"},
    "meet.your_offers": {"fr": "Vous offrez", "en": "You offer", "de": "Sie bieten"},
    "meet.your_needs": {"fr": "Vous cherchez", "en": "You need", "de": "Sie suchen"},
    "meet.overlap_hint": {"fr": "En couleur : ce qui correspond", "en": "In colour: what matches",
                          "de": "Farbig: was zusammenpasst"},
    "meet.details": {"fr": "Détails et note", "en": "Details and note", "de": "Details und Notiz"},
    "meet.note": {"fr": "Votre note privée", "en": "Your private note", "de": "Ihre private Notiz"},
    "meet.note_hint": {"fr": "Vous seul la voyez. Enregistrée pendant que vous écrivez.",
                       "en": "Only you see it. Saved as you type.",
                       "de": "Nur Sie sehen sie. Wird beim Schreiben gespeichert."},
    "meet.note_saved": {"fr": "Enregistrée", "en": "Saved", "de": "Gespeichert"},
    "match.propose": {"fr": "Nous avons un match", "en": "We have a match", "de": "Wir haben einen Match"},
    "match.form_title": {"fr": "Partenariat avec {name}", "en": "Partnership with {name}",
                         "de": "Partnerschaft mit {name}"},
    "match.form_hint": {
        "fr": "Ce que chacun apporte à l'autre. L'autre côté confirme sur son téléphone.",
        "en": "What each side gives the other. The other side confirms on their phone.",
        "de": "Was jede Seite der anderen gibt. Die andere Seite bestätigt auf ihrem Telefon.",
    },
    "match.i_give": {"fr": "Ce que vous apportez", "en": "What you give", "de": "Was Sie geben"},
    "match.they_give": {"fr": "Ce qu'ils apportent", "en": "What they give", "de": "Was sie geben"},
    "match.text": {"fr": "En quelques mots (facultatif)", "en": "In a few words (optional)",
                   "de": "In wenigen Worten (optional)"},
    "match.hours": {"fr": "Heures (facultatif)", "en": "Hours (optional)", "de": "Stunden (optional)"},
    "match.euros": {"fr": "Valeur en euros (facultatif)", "en": "Value in euros (optional)",
                    "de": "Wert in Euro (optional)"},
    "match.delivery_date": {"fr": "Date de réalisation (facultatif)", "en": "Delivery date (optional)",
                            "de": "Umsetzungsdatum (optional)"},
    "match.send": {"fr": "Envoyer la proposition", "en": "Send the proposal", "de": "Vorschlag senden"},
    "match.cancel": {"fr": "Annuler", "en": "Cancel", "de": "Abbrechen"},
    "match.awaiting": {"fr": "{name} propose un partenariat", "en": "{name} proposes a partnership",
                       "de": "{name} schlägt eine Partnerschaft vor"},
    "match.confirm": {"fr": "Confirmer", "en": "Confirm", "de": "Bestätigen"},
    "match.amend": {"fr": "Modifier", "en": "Amend", "de": "Ändern"},
    "match.decline": {"fr": "Refuser", "en": "Decline", "de": "Ablehnen"},
    "match.withdraw": {"fr": "Retirer la proposition", "en": "Withdraw the proposal", "de": "Vorschlag zurückziehen"},
    "match.deliver": {"fr": "Marquer comme réalisé", "en": "Mark delivered", "de": "Als umgesetzt markieren"},
    "match.waiting_them": {"fr": "En attente de l'autre côté", "en": "Waiting for the other side",
                           "de": "Wartet auf die andere Seite"},
    "match.section": {"fr": "Vos partenariats", "en": "Your partnerships", "de": "Ihre Partnerschaften"},
    "match.none": {"fr": "Pas encore de partenariat.", "en": "No partnership yet.", "de": "Noch keine Partnerschaft."},
    "match.comment": {"fr": "Remarque des organisateurs :", "en": "The organisers' comment:",
                      "de": "Anmerkung der Veranstalter:"},
    "match.status_proposed": {"fr": "Proposé", "en": "Proposed", "de": "Vorgeschlagen"},
    "match.status_recorded": {"fr": "Enregistré", "en": "Recorded", "de": "Erfasst"},
    "match.status_validated": {"fr": "Validé", "en": "Validated", "de": "Bestätigt"},
    "match.status_returned": {"fr": "Renvoyé", "en": "Sent back", "de": "Zurückgeschickt"},
    "match.status_declined": {"fr": "Refusé", "en": "Declined", "de": "Abgelehnt"},
    "match.status_delivered": {"fr": "Réalisé", "en": "Delivered", "de": "Umgesetzt"},
    "followup.request": {"fr": "Demander un suivi", "en": "Request follow-up", "de": "Nachfassen anfragen"},
    "followup.withdraw": {"fr": "Retirer la demande", "en": "Withdraw the request", "de": "Anfrage zurückziehen"},
    "followup.requested": {"fr": "Suivi demandé", "en": "Follow-up requested", "de": "Nachfassen angefragt"},
    "followup.mutual": {"fr": "Mutuel", "en": "Mutual", "de": "Gegenseitig"},
    "followup.section": {"fr": "Vos suivis", "en": "Your follow-ups", "de": "Ihr Nachfassen"},
    "followup.none": {"fr": "Aucune demande de suivi.", "en": "No follow-up requested.",
                      "de": "Kein Nachfassen angefragt."},
    "followup.private": {
        "fr": "Vos demandes restent privées. Quand l'autre côté vous demande aussi, vous voyez chacun les "
        "coordonnées de l'autre.",
        "en": "Your requests stay private. When the other side asks for you too, you both see each other's "
        "contact details.",
        "de": "Ihre Anfragen bleiben privat. Wenn die andere Seite Sie ebenfalls anfragt, sehen beide die "
        "Kontaktdaten der anderen.",
    },
    "followup.waiting": {"fr": "En attente de leur demande", "en": "Waiting for their request",
                         "de": "Wartet auf ihre Anfrage"},
    "outside.title": {"fr": "Rencontré hors du programme ?", "en": "Met someone outside the schedule?",
                      "de": "Jemanden außerhalb des Ablaufs getroffen?"},
    "outside.open": {"fr": "Choisir l'organisation", "en": "Pick the organisation", "de": "Organisation wählen"},
    "outside.pick": {"fr": "— Organisation —", "en": "— Organisation —", "de": "— Organisation —"},
    "console.room_title": {"fr": "La salle au tour {round}", "en": "The room in round {round}",
                           "de": "Der Saal in Runde {round}"},
    "console.phones": {"fr": "{count} téléphones connectés", "en": "{count} phones connected",
                       "de": "{count} Telefone verbunden"},
    # The singular of console.phones (tr_count): French for 0 and 1, English and German for 1.
    "console.phones_one": {"fr": "{count} téléphone connecté", "en": "{count} phone connected",
                           "de": "{count} Telefon verbunden"},
    "console.checked_in": {"fr": "{checked} / {expected} arrivés", "en": "{checked} / {expected} checked in",
                           "de": "{checked} / {expected} angemeldet"},
    "console.empty_tables": {"fr": "Tables vides", "en": "Empty tables", "de": "Leere Tische"},
    "console.alone": {"fr": "Sans rendez-vous à ce tour", "en": "Without a meeting this round",
                      "de": "Ohne Gespräch in dieser Runde"},
    "console.none": {"fr": "aucune", "en": "none", "de": "keine"},
    "console.auto_advance": {
        "fr": "Tour suivant automatique à la fin du temps (avec le changement de table)",
        "en": "Next round automatically when time is up (with the changeover)",
        "de": "Nächste Runde automatisch, wenn die Zeit um ist (mit Tischwechsel)",
    },
    "organiser.title": {"fr": "Console organisateur", "en": "Organiser console", "de": "Veranstalterkonsole"},
    "organiser.key_label": {"fr": "Clé organisateur", "en": "Organiser key", "de": "Veranstalterschlüssel"},
    "organiser.key_help": {
        "fr": "La clé a été affichée à la création de l'événement (partact event create, ou make run pour la démo).",
        "en": "The key was shown when the event was created (partact event create, or make run for the demo).",
        "de": "Der Schlüssel wurde beim Anlegen der Veranstaltung angezeigt (partact event create, oder make run "
        "für die Demo).",
    },
    "organiser.login": {"fr": "Se connecter", "en": "Log in", "de": "Anmelden"},
    "organiser.logout": {"fr": "Se déconnecter", "en": "Log out", "de": "Abmelden"},
    "organiser.opening": {"fr": "Ouverture de la console…", "en": "Opening the console…",
                          "de": "Die Konsole wird geöffnet…"},
    "organiser.bad_key": {
        "fr": "Clé inconnue ou remplacée. Vérifiez-la, ou demandez-en une nouvelle (partact event key).",
        "en": "Unknown or replaced key. Check it, or ask for a new one (partact event key).",
        "de": "Unbekannter oder ersetzter Schlüssel. Prüfen Sie ihn oder lassen Sie einen neuen erstellen "
        "(partact event key).",
    },
    "organiser.summary": {
        "fr": "{companies} entreprises, {associations} associations, {rounds} tours, {tables} tables",
        "en": "{companies} companies, {associations} associations, {rounds} rounds, {tables} tables",
        "de": "{companies} Unternehmen, {associations} Vereine, {rounds} Runden, {tables} Tische",
    },
    "organiser.meetings": {
        "fr": "Rencontres planifiées : {count}",
        "en": "Meetings scheduled: {count}",
        "de": "Geplante Gespräche: {count}",
    },
    "organiser.next_round": {"fr": "Tour suivant", "en": "Next round", "de": "Nächste Runde"},
    "organiser.start": {"fr": "Démarrer le tour 1", "en": "Start round 1", "de": "Runde 1 starten"},
    "organiser.pause": {"fr": "Pause", "en": "Pause", "de": "Pause"},
    "organiser.resume": {"fr": "Reprendre", "en": "Resume", "de": "Fortsetzen"},
    "organiser.extend": {"fr": "+1 minute", "en": "+1 minute", "de": "+1 Minute"},
    "organiser.end": {"fr": "Terminer l'événement", "en": "End the event", "de": "Veranstaltung beenden"},
    "organiser.end_confirm_title": {
        "fr": "Terminer l'événement ?",
        "en": "End the event?",
        "de": "Veranstaltung beenden?",
    },
    "organiser.end_confirm_text": {
        "fr": "Les téléphones afficheront la fin de l'événement. Les tours restants ne seront pas joués.",
        "en": "The phones will show that the event is over. The remaining rounds will not be played.",
        "de": "Die Handys zeigen das Ende der Veranstaltung an. Die restlichen Runden finden nicht statt.",
    },
    "organiser.cancel": {"fr": "Annuler", "en": "Cancel", "de": "Abbrechen"},
    "organiser.finished": {"fr": "Terminé", "en": "Finished", "de": "Beendet"},
    "organiser.time_up": {"fr": "Gong !", "en": "Gong!", "de": "Gong!"},
    "common.error_generic": {
        "fr": "Une erreur est survenue. Réessayez ; si elle persiste, prévenez l'équipe technique.",
        "en": "Something went wrong. Try again; if it persists, tell the technical team.",
        "de": "Etwas ist schiefgelaufen. Versuchen Sie es erneut; wenn es bleibt, informieren Sie das Technikteam.",
    },
    "common.too_fast": {
        "fr": "Trop d'actions à la fois : certaines ont été ignorées. Patientez quelques secondes.",
        "en": "Too many actions at once: some were ignored. Wait a few seconds.",
        "de": "Zu viele Aktionen auf einmal: einige wurden ignoriert. Warten Sie einige Sekunden.",
    },
    # --- categories and languages ----------------------------------------------------------------
    "category.it": {"fr": "Informatique", "en": "IT", "de": "IT"},
    "category.project_management": {"fr": "Gestion de projet", "en": "Project management", "de": "Projektmanagement"},
    "category.legal": {"fr": "Juridique", "en": "Legal", "de": "Recht"},
    "category.hr_training": {"fr": "RH et formation", "en": "HR and training", "de": "Personal und Weiterbildung"},
    "category.accounting": {"fr": "Comptabilité", "en": "Accounting", "de": "Buchhaltung"},
    "category.governance": {"fr": "Gouvernance", "en": "Governance", "de": "Governance"},
    "category.communication": {"fr": "Communication", "en": "Communication", "de": "Kommunikation"},
    "category.volunteering": {"fr": "Bénévolat", "en": "Volunteering", "de": "Freiwilligenarbeit"},
    "category.logistics": {"fr": "Logistique", "en": "Logistics", "de": "Logistik"},
    "category.information_relay": {
        "fr": "Relais d'information",
        "en": "Spreading the word",
        "de": "Informationen weitergeben",
    },
    "category.goods": {"fr": "Biens et matériel", "en": "Goods and equipment", "de": "Sachspenden und Material"},
    "category.csr_expertise": {"fr": "Expertise RSE", "en": "CSR expertise", "de": "CSR-Fachwissen"},
    "category.premises": {"fr": "Locaux", "en": "Premises", "de": "Räumlichkeiten"},
    "language.fr": {"fr": "français", "en": "French", "de": "Französisch"},
    "language.de": {"fr": "allemand", "en": "German", "de": "Deutsch"},
    "language.en": {"fr": "anglais", "en": "English", "de": "Englisch"},
    "language.lb": {"fr": "luxembourgeois", "en": "Luxembourgish", "de": "Luxemburgisch"},
    # --- service errors ("error.<code>") ---------------------------------------------------------
    "error.unauthorised": {
        "fr": "Clé organisateur manquante ou invalide.",
        "en": "Missing or invalid organiser key.",
        "de": "Fehlender oder ungültiger Veranstalterschlüssel.",
    },
    "error.rate_limited": {
        "fr": "Trop de tentatives. Réessayez dans {seconds} s.",
        "en": "Too many attempts. Try again in {seconds} s.",
        "de": "Zu viele Versuche. Versuchen Sie es in {seconds} s erneut.",
    },
    "error.api_too_large": {
        "fr": "La requête est trop volumineuse.",
        "en": "The request is too large.",
        "de": "Die Anfrage ist zu groß.",
    },
    "error.announcement_too_long": {
        "fr": "L'annonce dépasse {max} caractères.",
        "en": "The announcement is longer than {max} characters.",
        "de": "Die Ankündigung ist länger als {max} Zeichen.",
    },
    "error.print_filter_invalid": {
        "fr": "Ce choix de badges n'existe pas.",
        "en": "There is no such choice of badges.",
        "de": "Diese Auswahl an Namensschildern gibt es nicht.",
    },
    "error.text_too_long": {
        "fr": "Ce texte dépasse {max} caractères.",
        "en": "This text is longer than {max} characters.",
        "de": "Dieser Text ist länger als {max} Zeichen.",
    },
    "error.category_unknown": {
        "fr": "Catégorie inconnue : « {value} ».",
        "en": "Unknown category: \"{value}\".",
        "de": "Unbekannte Kategorie: „{value}“.",
    },
    "error.number_invalid": {
        "fr": "Indiquez un nombre positif raisonnable.",
        "en": "Enter a reasonable positive number.",
        "de": "Geben Sie eine sinnvolle positive Zahl ein.",
    },
    "error.date_invalid": {
        "fr": "Indiquez une date (AAAA-MM-JJ).",
        "en": "Enter a date (YYYY-MM-DD).",
        "de": "Geben Sie ein Datum ein (JJJJ-MM-TT).",
    },
    "error.match_empty": {
        "fr": "Indiquez ce qu'un côté apporte à l'autre (une catégorie ou un texte).",
        "en": "Say what one side gives the other (a category or a text).",
        "de": "Geben Sie an, was eine Seite der anderen gibt (eine Kategorie oder einen Text).",
    },
    "error.match_exists": {
        "fr": "Ce partenariat est déjà enregistré.",
        "en": "This partnership is already recorded.",
        "de": "Diese Partnerschaft ist bereits erfasst.",
    },
    "error.match_open": {
        "fr": "L'autre côté a déjà proposé un partenariat : confirmez-le ou modifiez-le.",
        "en": "The other side already proposed a partnership: confirm or amend it.",
        "de": "Die andere Seite hat bereits eine Partnerschaft vorgeschlagen: bestätigen oder ändern Sie sie.",
    },
    "error.match_not_open": {
        "fr": "Cette proposition n'attend plus de réponse.",
        "en": "This proposal is no longer waiting for an answer.",
        "de": "Dieser Vorschlag wartet auf keine Antwort mehr.",
    },
    "error.match_changed": {
        "fr": "Ce partenariat vient d'être modifié : relisez-le avant de répondre.",
        "en": "This partnership was just changed: read it again before you answer.",
        "de": "Diese Partnerschaft wurde gerade geändert: Lesen Sie sie vor der Antwort erneut.",
    },
    "error.match_not_recorded": {
        "fr": "Ce partenariat n'est pas encore confirmé par les deux côtés.",
        "en": "This partnership is not confirmed by both sides yet.",
        "de": "Diese Partnerschaft ist noch nicht von beiden Seiten bestätigt.",
    },
    "error.match_not_found": {
        "fr": "Ce partenariat n'existe pas.",
        "en": "There is no such partnership.",
        "de": "Diese Partnerschaft gibt es nicht.",
    },
    "error.comment_required": {
        "fr": "Indiquez ce qu'il faut corriger.",
        "en": "Say what needs correcting.",
        "de": "Geben Sie an, was zu korrigieren ist.",
    },
    "error.event_not_found": {
        "fr": "Aucun événement « {slug} ».",
        "en": "No event \"{slug}\".",
        "de": "Keine Veranstaltung „{slug}“.",
    },
    "error.event_exists": {
        "fr": "L'événement « {slug} » existe déjà.",
        "en": "The event \"{slug}\" already exists.",
        "de": "Die Veranstaltung „{slug}“ gibt es schon.",
    },
    "error.participant_not_found": {
        "fr": "Participant {id} introuvable dans cet événement.",
        "en": "Participant {id} is not in this event.",
        "de": "Teilnehmer {id} gehört nicht zu dieser Veranstaltung.",
    },
    "error.slug_invalid": {
        "fr": "Identifiant d'événement invalide « {slug} » : lettres minuscules, chiffres et tirets (64 au plus).",
        "en": "Invalid event identifier \"{slug}\": lowercase letters, digits and hyphens (64 at most).",
        "de": "Ungültige Veranstaltungskennung „{slug}“: Kleinbuchstaben, Ziffern und Bindestriche (höchstens 64).",
    },
    "error.name_required": {
        "fr": "Le nom de l'événement est obligatoire.",
        "en": "The event name is required.",
        "de": "Der Name der Veranstaltung ist erforderlich.",
    },
    "error.rounds_invalid": {
        "fr": "Nombre de tours invalide ({value}) : entre 1 et {max}.",
        "en": "Invalid number of rounds ({value}): between 1 and {max}.",
        "de": "Ungültige Rundenzahl ({value}): zwischen 1 und {max}.",
    },
    "error.tables_invalid": {
        "fr": "Nombre de tables invalide ({value}) : entre 1 et {max}.",
        "en": "Invalid number of tables ({value}): between 1 and {max}.",
        "de": "Ungültige Tischzahl ({value}): zwischen 1 und {max}.",
    },
    "error.round_minutes_invalid": {
        "fr": "Durée de tour invalide ({value} min) : entre 1 et 240 minutes.",
        "en": "Invalid round length ({value} min): between 1 and 240 minutes.",
        "de": "Ungültige Rundendauer ({value} Min.): zwischen 1 und 240 Minuten.",
    },
    "error.break_minutes_invalid": {
        "fr": "Durée de pause invalide ({value} min) : entre 0 et 240 minutes.",
        "en": "Invalid break length ({value} min): between 0 and 240 minutes.",
        "de": "Ungültige Pausendauer ({value} Min.): zwischen 0 und 240 Minuten.",
    },
    "error.start_time_invalid": {
        "fr": "Heure de début invalide « {value} » : format HH:MM.",
        "en": "Invalid start time \"{value}\": use HH:MM.",
        "de": "Ungültige Startzeit „{value}“: Format HH:MM.",
    },
    "error.import_rejected": {
        "fr": "Import refusé, rien n'a été importé : {count} problème(s) à corriger.",
        "en": "Import refused, nothing was imported: {count} problem(s) to fix.",
        "de": "Import abgelehnt, nichts wurde importiert: {count} Problem(e) zu beheben.",
    },
    "error.export_unknown": {
        "fr": "Export inconnu « {what} » ; au choix : {choices}.",
        "en": "Unknown export \"{what}\"; choose one of: {choices}.",
        "de": "Unbekannter Export „{what}“; zur Auswahl: {choices}.",
    },
    "error.schedule_failed": {
        "fr": "Le planning n'a pas pu être calculé : {reason}",
        "en": "The schedule could not be computed: {reason}",
        "de": "Der Ablaufplan konnte nicht berechnet werden: {reason}",
    },
    "error.schedule_started": {
        "fr": "L'événement a commencé (tour {round}) : utilisez la replanification, qui garde les tours passés.",
        "en": "The event has started (round {round}): use re-planning, which keeps the rounds already held.",
        "de": "Die Veranstaltung läuft (Runde {round}): nutzen Sie die Neuplanung, die vergangene Runden behält.",
    },
    "error.round_changed": {
        "fr": "Le tour a déjà changé (attendu : {expected}, actuel : {current}) ; rien n'a été modifié.",
        "en": "The round has already changed (expected {expected}, now {current}); nothing was changed.",
        "de": "Die Runde hat sich schon geändert (erwartet {expected}, jetzt {current}); nichts wurde geändert.",
    },
    "error.event_finished": {
        "fr": "L'événement est terminé.",
        "en": "The event has ended.",
        "de": "Die Veranstaltung ist beendet.",
    },
    "error.not_running": {
        "fr": "Aucun tour n'est en cours.",
        "en": "No round is running.",
        "de": "Es läuft keine Runde.",
    },
    "error.not_paused": {
        "fr": "Le tour n'est pas en pause.",
        "en": "The round is not paused.",
        "de": "Die Runde ist nicht pausiert.",
    },
    "error.extend_invalid": {
        "fr": "Prolongation invalide : entre 0 et {max} minutes.",
        "en": "Invalid extension: between 0 and {max} minutes.",
        "de": "Ungültige Verlängerung: zwischen 0 und {max} Minuten.",
    },
    "error.api_bad_json": {
        "fr": "Le corps de la requête doit être un objet JSON.",
        "en": "The request body must be a JSON object.",
        "de": "Der Anfragetext muss ein JSON-Objekt sein.",
    },
    "error.api_bad_field": {
        "fr": "Le champ « {field} » doit être un nombre.",
        "en": "The field \"{field}\" must be a number.",
        "de": "Das Feld „{field}“ muss eine Zahl sein.",
    },
    "error.seated_too_many": {
        "fr": "{count} participants de ce côté ne peuvent pas garder chacun une table sur {tables}.",
        "en": "{count} participants on that side cannot each keep one of {tables} tables.",
        "de": "{count} Teilnehmende dieser Seite können nicht jeweils einen von {tables} Tischen behalten.",
    },
    "error.window_invalid": {
        "fr": "« {name} » : la présence doit être comprise entre les tours 1 et {rounds}.",
        "en": "\"{name}\": attendance must lie within rounds 1 to {rounds}.",
        "de": "„{name}“: die Anwesenheit muss zwischen Runde 1 und {rounds} liegen.",
    },
    # --- command line ----------------------------------------------------------------------------
    "cli.replan_change": {
        "fr": "Tour {round} : {organisation} rencontre {after} (au lieu de {before})",
        "en": "Round {round}: {organisation} meets {after} (instead of {before})",
        "de": "Runde {round}: {organisation} trifft {after} (statt {before})",
    },
    "cli.db_ready": {
        "fr": "Base de données à jour.",
        "en": "Database is up to date.",
        "de": "Datenbank ist aktuell.",
    },
    "cli.event_created": {
        "fr": "Événement « {slug} » créé : {name}.",
        "en": "Event \"{slug}\" created: {name}.",
        "de": "Veranstaltung „{slug}“ angelegt: {name}.",
    },
    "cli.key_hint": {
        "fr": "Clé organisateur (affichée une seule fois, conservez-la) :",
        "en": "Organiser key (shown once, keep it safe):",
        "de": "Veranstalterschlüssel (nur einmal angezeigt, gut aufbewahren):",
    },
    "cli.key_rotated": {
        "fr": "Nouvelle clé organisateur pour « {slug} » ; l'ancienne ne fonctionne plus :",
        "en": "New organiser key for \"{slug}\"; the old one no longer works:",
        "de": "Neuer Veranstalterschlüssel für „{slug}“; der alte gilt nicht mehr:",
    },
    "cli.imported": {
        "fr": "{total} inscriptions importées : {created} nouvelles, {updated} mises à jour, {unchanged} inchangées.",
        "en": "{total} registrations imported: {created} new, {updated} updated, {unchanged} unchanged.",
        "de": "{total} Anmeldungen importiert: {created} neu, {updated} aktualisiert, {unchanged} unverändert.",
    },
    "cli.file_unreadable": {
        "fr": "Impossible de lire le fichier {path} : {reason}.",
        "en": "Cannot read the file {path}: {reason}.",
        "de": "Die Datei {path} kann nicht gelesen werden: {reason}.",
    },
    "cli.demo_created": {
        "fr": "Événement de démonstration « {slug} » créé.",
        "en": "Demo event \"{slug}\" created.",
        "de": "Demo-Veranstaltung „{slug}“ angelegt.",
    },
    "cli.demo_exists": {
        "fr": "L'événement de démonstration « {slug} » existe déjà ; nouvelle clé organisateur ci-dessous.",
        "en": "The demo event \"{slug}\" already exists; a new organiser key is below.",
        "de": "Die Demo-Veranstaltung „{slug}“ gibt es schon; ein neuer Veranstalterschlüssel steht unten.",
    },
    "cli.organiser_url": {"fr": "Console organisateur", "en": "Organiser console", "de": "Veranstalterkonsole"},
    "cli.participant_url": {"fr": "Page participant", "en": "Participant page", "de": "Teilnehmerseite"},
    "cli.engine_worker_needs_redis": {
        "fr": "Le moteur de planification partagé prend ses calculs dans Redis : définissez REFLEX_REDIS_URL.",
        "en": "The shared schedule engine takes its computations from Redis: set REFLEX_REDIS_URL.",
        "de": "Die gemeinsame Planungs-Engine holt ihre Berechnungen aus Redis: setzen Sie REFLEX_REDIS_URL.",
    },
    "cli.internal_error": {
        "fr": "Erreur interne ({error}). Rien n'a été modifié ; signalez-la à l'équipe technique.",
        "en": "Internal error ({error}). Nothing was changed; please report it to the technical team.",
        "de": "Interner Fehler ({error}). Nichts wurde geändert; bitte melden Sie ihn dem Technikteam.",
    },
    # --- registration import (core/registrations.py error codes: "import.<code>") -----------------
    "import.line": {"fr": "Ligne {line} : {message}", "en": "Line {line}: {message}", "de": "Zeile {line}: {message}"},
    "import.file_unreadable": {
        "fr": "Le fichier n'est ni un CSV ni un classeur Excel (.xlsx) lisible.",
        "en": "The file is neither a readable CSV file nor an Excel workbook (.xlsx).",
        "de": "Die Datei ist weder eine lesbare CSV-Datei noch eine Excel-Arbeitsmappe (.xlsx).",
    },
    "import.xls_not_supported": {
        "fr": "L'ancien format Excel (.xls) n'est pas pris en charge : enregistrez le fichier au format .xlsx ou CSV.",
        "en": "The old Excel format (.xls) is not supported: save the file as .xlsx or CSV.",
        "de": "Das alte Excel-Format (.xls) wird nicht unterstützt: Speichern Sie die Datei als .xlsx oder CSV.",
    },
    "import.bad_encoding": {
        "fr": "Le codage des caractères du fichier est illisible : enregistrez-le au format « CSV UTF-8 ».",
        "en": "The character encoding of the file cannot be read: save it as \"CSV UTF-8\".",
        "de": "Die Zeichenkodierung der Datei ist nicht lesbar: Speichern Sie sie als „CSV UTF-8“.",
    },
    "import.bad_quotes": {
        "fr": "Guillemets non fermés ou mal placés à partir de cette ligne : le fichier ne peut pas être lu plus loin.",
        "en": "Unclosed or misplaced quotation marks from this line on: the file cannot be read any further.",
        "de": "Nicht geschlossene oder falsch gesetzte Anführungszeichen ab dieser Zeile: "
        "Die Datei kann nicht weiter gelesen werden.",
    },
    "import.empty_file": {
        "fr": "Le fichier ne contient aucune inscription (aucune ligne sous l'en-tête).",
        "en": "The file contains no registrations (no rows below the header).",
        "de": "Die Datei enthält keine Anmeldungen (keine Zeilen unter der Kopfzeile).",
    },
    "import.missing_columns": {
        "fr": "Colonnes obligatoires absentes de l'en-tête : {columns}.",
        "en": "Required columns missing from the header: {columns}.",
        "de": "Pflichtspalten fehlen in der Kopfzeile: {columns}.",
    },
    "import.duplicate_column": {
        "fr": "La colonne « {column} » apparaît plusieurs fois dans l'en-tête.",
        "en": "The column \"{column}\" appears more than once in the header.",
        "de": "Die Spalte „{column}“ kommt in der Kopfzeile mehrfach vor.",
    },
    "import.extra_cells": {
        "fr": "{count} cellule(s) en trop après les colonnes de l'en-tête (« {value} ») : "
        "une virgule dans un texte sans guillemets ?",
        "en": "{count} cell(s) beyond the header columns (\"{value}\"): a comma in an unquoted text?",
        "de": "{count} Zelle(n) über die Spalten der Kopfzeile hinaus („{value}“): "
        "ein Komma in einem Text ohne Anführungszeichen?",
    },
    "import.missing_type": {
        "fr": "Type manquant : indiquez company ou association.",
        "en": "Missing type: enter company or association.",
        "de": "Typ fehlt: Geben Sie company oder association an.",
    },
    "import.unknown_type": {
        "fr": "Type « {value} » inconnu (valeurs possibles : {valid}).",
        "en": "Unknown type \"{value}\" (possible values: {valid}).",
        "de": "Unbekannter Typ „{value}“ (mögliche Werte: {valid}).",
    },
    "import.empty_organisation": {
        "fr": "Le nom de l'organisation est vide.",
        "en": "The organisation name is empty.",
        "de": "Der Name der Organisation ist leer.",
    },
    "import.duplicate_organisation": {
        "fr": "L'organisation « {organisation} » figure déjà à la ligne {first_line}.",
        "en": "The organisation \"{organisation}\" already appears on line {first_line}.",
        "de": "Die Organisation „{organisation}“ steht bereits in Zeile {first_line}.",
    },
    "import.kind_changed": {
        "fr": "L'organisation « {organisation} » est déjà inscrite avec l'autre type (entreprise ou association) ; "
        "un import ne peut pas changer son type.",
        "en": "The organisation \"{organisation}\" is already registered with the other type (company or "
        "association); an import cannot change its type.",
        "de": "Die Organisation „{organisation}“ ist bereits mit dem anderen Typ (Unternehmen oder Verein) "
        "angemeldet; ein Import kann ihren Typ nicht ändern.",
    },
    "import.missing_languages": {
        "fr": "Aucune langue indiquée : précisez au moins une langue parmi {valid}.",
        "en": "No language given: enter at least one of {valid}.",
        "de": "Keine Sprache angegeben: Geben Sie mindestens eine von {valid} an.",
    },
    "import.unknown_language": {
        "fr": "Code de langue « {value} » inconnu (codes possibles : {valid}).",
        "en": "Unknown language code \"{value}\" (possible codes: {valid}).",
        "de": "Unbekannter Sprachcode „{value}“ (mögliche Codes: {valid}).",
    },
    "import.unknown_category": {
        "fr": "Catégorie « {value} » inconnue dans la colonne {column} (catégories possibles : {valid}).",
        "en": "Unknown category \"{value}\" in column {column} (possible categories: {valid}).",
        "de": "Unbekannte Kategorie „{value}“ in der Spalte {column} (mögliche Kategorien: {valid}).",
    },
    "import.bad_email": {
        "fr": "Adresse e-mail invalide : « {value} ».",
        "en": "Invalid e-mail address: \"{value}\".",
        "de": "Ungültige E-Mail-Adresse: „{value}“.",
    },
    "import.round_not_integer": {
        "fr": "La colonne {column} doit contenir un numéro de tour entier, pas « {value} ».",
        "en": "Column {column} must hold a whole round number, not \"{value}\".",
        "de": "Die Spalte {column} muss eine ganze Rundennummer enthalten, nicht „{value}“.",
    },
    "import.round_out_of_range": {
        "fr": "Tour « {value} » hors limites dans la colonne {column} : l'événement compte les tours 1 à {rounds}.",
        "en": "Round \"{value}\" out of range in column {column}: the event has rounds 1 to {rounds}.",
        "de": "Runde „{value}“ in der Spalte {column} außerhalb des Bereichs: "
        "Die Veranstaltung hat die Runden 1 bis {rounds}.",
    },
    "import.round_order": {
        "fr": "Le premier tour de présence ({first}) est après le dernier ({last}).",
        "en": "The first round present ({first}) is after the last one ({last}).",
        "de": "Die erste Runde der Anwesenheit ({first}) liegt nach der letzten ({last}).",
    },
    "import.partner_not_found": {
        "fr": "« {value} » (colonne {column}) n'est pas une organisation inscrite.",
        "en": "\"{value}\" (column {column}) is not a registered organisation.",
        "de": "„{value}“ (Spalte {column}) ist keine angemeldete Organisation.",
    },
    "import.partner_same_type": {
        "fr": "« {value} » (colonne {column}) est du même type que cette organisation : "
        "indiquez une organisation de l'autre type.",
        "en": "\"{value}\" (column {column}) is of the same type as this organisation: "
        "name an organisation of the other type.",
        "de": "„{value}“ (Spalte {column}) ist vom selben Typ wie diese Organisation: "
        "Nennen Sie eine Organisation des anderen Typs.",
    },
    "import.wish_and_avoid": {
        "fr": "« {value} » figure à la fois dans wishes et dans avoid.",
        "en": "\"{value}\" appears in both wishes and avoid.",
        "de": "„{value}“ steht sowohl in wishes als auch in avoid.",
    },
    # --- end of catalogue ------------------------------------------------------------------------
}


def normalise_language(code: str | None) -> str:
    """The supported language closest to ``code`` (``"de-LU"`` -> ``"de"``); French when unknown."""
    if not code:
        return DEFAULT_LANGUAGE
    base = code.strip().lower().replace("_", "-").split("-")[0]
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


def language_from_accept(header: str | None) -> str:
    """Pick a language from an HTTP ``Accept-Language`` header, honouring q-weights."""
    if not header:
        return DEFAULT_LANGUAGE
    choices: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")):
        piece = part.strip()
        if not piece:
            continue
        code, _, params = piece.partition(";")
        weight = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                weight = float(params[2:])
            except ValueError:
                weight = 0.0
        base = code.strip().lower().split("-")[0]
        if base in LANGUAGES and weight > 0:
            choices.append((-weight, index, base))
    return min(choices)[2] if choices else DEFAULT_LANGUAGE


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """The message ``key`` in ``lang`` (French when missing), formatted with ``params``."""
    entry = MESSAGES[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**params) if params else text


def fields(template: str) -> set[str]:
    """The ``str.format`` field names used in ``template``."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
