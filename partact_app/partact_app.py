"""The Reflex app: routes, the API mount, and the wiring of the broadcast. Nothing else."""

import reflex as rx
from reflex.state import FrontendEventExceptionState

from partact_app.api import api
from partact_app.broadcast import bus
from partact_app.broadcast.rooms import event_frame, run_live_tasks
from partact_app.components.layout import (
    DOCUMENT_LANGUAGE,
    backend_error,
    connection_banner,
    document_language,
    head_components,
    loading_shell,
    main_landmark,
    too_fast_notice,
)
from partact_app.components.toaster import lazy_toaster
from partact_app.guard.asgi import Guard
from partact_app.guard.frontend_errors import AUTO_RELOAD_PATTERNS, log_frontend_exception
from partact_app.pages.console_matches import console_matches_page
from partact_app.pages.console_participants import console_participants_page
from partact_app.pages.console_print import agendas_page, badges_page, tables_page
from partact_app.pages.console_schedule import console_schedule_page
from partact_app.pages.console_summary import console_summary_page
from partact_app.pages.home import home_page
from partact_app.pages.organiser import organiser_page
from partact_app.pages.participant import participant_page
from partact_app.pages.screen import screen_page
from partact_app.services import rounds
from partact_app.states.console import ConsoleBinding
from partact_app.states.console_matches import ConsoleMatchesState
from partact_app.states.console_participants import ConsoleParticipantsState
from partact_app.states.console_print import AgendasState, BadgesState, TablesState
from partact_app.states.console_schedule import ConsoleScheduleState
from partact_app.states.console_summary import ConsoleSummaryState
from partact_app.states.language import LanguageState
from partact_app.states.live_fields import Reattach
from partact_app.states.organiser import OrganiserState
from partact_app.states.participant import PAGE_ROUTE, ParticipantState, PhoneLoad
from partact_app.states.screen import ScreenState
from partact_app.ticker import run_ticker


def _guard(asgi_app):
    """The guard middleware around the whole backend (pages, API, websocket): see guard/asgi.py. Built when the
    app is served, once every page is added: the prebuilt pages are the routes without a ``[parameter]``
    (``/organiser``...; Reflex keys them without the leading slash, the home page as ``index``)."""
    pages = frozenset("/" + route for route in app._unevaluated_pages if "[" not in route and route != "index")
    return Guard(asgi_app, notice=event_frame(too_fast_notice()), pages=pages)


# Reflex's own patterns backtrack in cubic time on a client's string: bounded ones instead (guard/frontend_errors.py).
FrontendEventExceptionState.auto_reload_on_errors = AUTO_RELOAD_PATTERNS

app = rx.App(
    api_transformer=[api, _guard],
    html_lang=DOCUMENT_LANGUAGE,  # the prerendered HTML; components/layout.document_language follows the page's
    head_components=head_components(),  # description and an inline icon
    # The SPA fallback HTML (the dynamic routes) paints the header before the scripts run: docs/benchmark-pages.md.
    hydrate_fallback=loading_shell,
    stylesheets=["/partact.css"],  # assets/partact.css: accessibility rules (contrast, screen-reader-only text)
    backend_exception_handler=backend_error,
    frontend_exception_handler=log_frontend_exception,
    toaster=lazy_toaster(),  # fetched after the page has shown (components/toaster.py)
)
app.add_middleware(ConsoleBinding())  # a tab token alone never resumes a console (states/console.py)
app.add_middleware(Reattach())  # a page whose server-side state expired is re-attached (states/live_fields.py)
app.add_middleware(PhoneLoad())  # a phone's page load in one event, not three (states/participant.py)
# Our own connection banner (in the page's language) instead of Reflex's English toaster.
app.app_wraps[(5, "Overlay")] = lambda stateful: connection_banner() if stateful else None
app.app_wraps[(6, "DocumentLanguage")] = lambda stateful: document_language() if stateful else None
app.app_wraps[(1, "Main")] = lambda _: main_landmark()  # every page's content is the document's one <main>
# The broadcast reads snapshots through a loader handed over here, so it never imports a service.
bus.use_loader(rounds.read_snapshot)
app.register_lifespan_task(run_live_tasks)
app.register_lifespan_task(run_ticker)  # automatic advance of the rounds (ticker.py)
app.add_page(home_page, route="/", title="partact", on_load=LanguageState.detect)
app.add_page(
    participant_page,
    route=PAGE_ROUTE,
    title="partact",
    # A participant's page is personal (its address is the badge's secret): search engines must not keep it.
    meta=[{"name": "robots", "content": "noindex"}],
    on_load=ParticipantState.load,  # which sets the language too (one event fewer per phone)
)
app.add_page(
    organiser_page,
    route="/organiser",
    title="partact · organisation",
    on_load=OrganiserState.refresh,  # which sets the language too (one update fewer: states/organiser.py)
)
app.add_page(screen_page, route="/screen/[slug]", title="partact", on_load=[LanguageState.detect, ScreenState.load])
app.add_page(
    console_participants_page,
    route="/organiser/participants",
    title="partact · participants",
    on_load=[OrganiserState.refresh, ConsoleParticipantsState.load],
)
app.add_page(
    console_schedule_page,
    route="/organiser/schedule",
    title="partact · programme",
    on_load=[OrganiserState.refresh, ConsoleScheduleState.load],
)
app.add_page(
    console_matches_page,
    route="/organiser/matches",
    title="partact · partenariats",
    on_load=[OrganiserState.refresh, ConsoleMatchesState.load],
)
app.add_page(
    console_summary_page,
    route="/organiser/summary",
    title="partact · bilan",
    on_load=[OrganiserState.refresh, ConsoleSummaryState.load],
)
for _page, _route, _title, _state in (
    (badges_page, "/organiser/badges", "badges", BadgesState),
    (agendas_page, "/organiser/agendas", "agendas", AgendasState),
    (tables_page, "/organiser/tables", "tables", TablesState),
):
    app.add_page(_page, route=_route, title=f"partact · {_title}",
                 on_load=[OrganiserState.refresh, _state.load])
