"""The SharedState baseline of the live benchmark (``python -m benchmarks.live_fanout``): every phone links an
``rx.SharedState`` to its event, and an API route advances the round on the shared token.

The benchmark copies this directory (``benchmarks/baseline_app``) into its work directory and builds it there.
"""

import reflex as rx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


class RoomState(rx.SharedState):
    """The live fields of the event, shared by every phone linked to it."""

    phase: str = "before"
    current_round: int = 0
    deadline_ms: int = 0


class PhoneState(rx.State):
    """The phone's own part (the participant), private to the tab."""

    organisation: str = ""
    event: str = ""

    @rx.event
    async def load(self):
        token = self.router.page.params.get("token", "")
        self.organisation = f"Participant {token}"
        self.event = "benchevent"
        room = await self.get_state(RoomState)
        await room._link_to(self.event)  # the object it returns is the linked one (issue #6141)


class LanguageState(rx.State):
    lang: str = "fr"

    @rx.event
    def choose(self, lang: str):
        self.lang = lang


def index() -> rx.Component:
    return rx.text("baseline")


def phone() -> rx.Component:
    return rx.vstack(
        rx.heading(PhoneState.organisation, id="participant-organisation"),
        rx.text(RoomState.phase, " ", RoomState.current_round, id="round-number"),
        rx.text(LanguageState.lang),
    )


async def next_round(request: Request) -> JSONResponse:
    slug = request.path_params["slug"]
    async with app.modify_state(rx.BaseStateToken(ident=slug, cls=RoomState)) as root:
        room = await root.get_state(RoomState)
        room.phase = "running"
        room.current_round += 1
        room.deadline_ms = room.current_round * 360_000
        value = room.current_round
    return JSONResponse({"round": value})


api = Starlette(routes=[Route("/api/events/{slug}/next-round", next_round, methods=["POST"])])
app = rx.App(api_transformer=api)
app.add_page(index, route="/")
app.add_page(phone, route="/p/[token]", on_load=PhoneState.load)
