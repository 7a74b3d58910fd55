"""The Reflex app: theme, routes and the API mount. Nothing else."""

import reflex as rx

from partact_app.api import api
from partact_app.pages.home import home_page
from partact_app.pages.organiser import organiser_page
from partact_app.pages.participant import participant_page
from partact_app.states.language import LanguageState
from partact_app.states.organiser import OrganiserState
from partact_app.states.participant import ParticipantState

app = rx.App(api_transformer=api)
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
