"""The Reflex app: routes, the API mount, and the wiring of the broadcast. Nothing else."""

import reflex as rx

from partact_app.api import api
from partact_app.broadcast import bus
from partact_app.broadcast.rooms import run_live_tasks
from partact_app.components.layout import backend_error, connection_banner
from partact_app.pages.home import home_page
from partact_app.pages.organiser import organiser_page
from partact_app.pages.participant import participant_page
from partact_app.pages.screen import screen_page
from partact_app.services import rounds
from partact_app.states.language import LanguageState
from partact_app.states.organiser import OrganiserState
from partact_app.states.participant import ParticipantState
from partact_app.states.screen import ScreenState

app = rx.App(api_transformer=api, html_lang="fr", backend_exception_handler=backend_error)
# Our own connection banner (in the page's language) instead of Reflex's English toaster.
app.app_wraps[(5, "Overlay")] = lambda stateful: connection_banner() if stateful else None
# The broadcast reads snapshots through a loader handed over here, so it never imports a service.
bus.use_loader(rounds.read_snapshot)
app.register_lifespan_task(run_live_tasks)
app.add_page(home_page, route="/", title="partact", on_load=LanguageState.detect)
app.add_page(
    participant_page,
    route="/p/[token]",
    title="partact",
    on_load=[LanguageState.detect, ParticipantState.load],
)
app.add_page(
    organiser_page,
    route="/organiser",
    title="partact · organisation",
    on_load=[LanguageState.detect, OrganiserState.refresh],
)
app.add_page(screen_page, route="/screen/[slug]", title="partact", on_load=[LanguageState.detect, ScreenState.load])
