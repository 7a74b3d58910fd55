"""The HTTP API (mounted on the Reflex backend), calling services.

``POST /api/events/{slug}/next-round|pause|resume|end|extend`` with ``Authorization: Bearer <organiser key>``
and an optional JSON body ``{"expected_round": N}`` (for extend also ``{"minutes": M}``). Answers JSON with the
new ``phase`` and ``round`` (and the deadline); 401 without a valid key, 404 for an unknown event, 409 when
``expected_round`` is no longer the current round or the action does not fit the phase, 400 for a bad body.
"""

from __future__ import annotations

import asyncio
import json

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from partact_app.broadcast.bus import LiveSnapshot
from partact_app.db import session_scope
from partact_app.i18n import language_from_accept
from partact_app.services import events, rounds
from partact_app.services.errors import Conflict, Invalid, NotFound, ServiceError, Unauthorised

ACTIONS = {
    "next-round": rounds.next_round,
    "pause": rounds.pause,
    "resume": rounds.resume,
    "end": rounds.end,
    "extend": rounds.extend,
}
# The HTTP status of each error class (services raise nothing else).
STATUS = {Invalid: 400, Unauthorised: 401, NotFound: 404, Conflict: 409}


def _body_fields(raw: bytes, action: str) -> dict:
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except ValueError as error:
        raise Invalid("api_bad_json") from error
    if not isinstance(body, dict):
        raise Invalid("api_bad_json")
    fields: dict = {}
    if body.get("expected_round") is not None:
        value = body["expected_round"]
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid("api_bad_field", field="expected_round")
        fields["expected_round"] = value
    if action == "extend" and body.get("minutes") is not None:
        value = body["minutes"]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise Invalid("api_bad_field", field="minutes")
        fields["minutes"] = value
    return fields


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def _run(slug: str, key: str, action: str, fields: dict) -> LiveSnapshot:
    with session_scope() as session:
        event = events.authorise(session, slug, key)
        return ACTIONS[action](session, event, **fields)


def _answer(snapshot: LiveSnapshot) -> dict:
    return {
        "phase": snapshot.phase,
        "round": snapshot.round,
        "rounds": snapshot.rounds,
        "deadline_ms": snapshot.deadline_ms or None,
        "remaining_ms": snapshot.remaining_ms or None,
        "schedule_version": snapshot.schedule_version,
    }


def _error(error: ServiceError, lang: str) -> JSONResponse:
    status = next(code for cls, code in STATUS.items() if isinstance(error, cls))
    body = {"error": error.code, "message": error.message(lang)}
    if isinstance(error, Conflict) and "current" in error.params:
        body["round"] = error.params["current"]
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, headers=headers)


async def live_action(request: Request) -> JSONResponse:
    slug, action = request.path_params["slug"], request.path_params["action"]
    if action not in ACTIONS:
        return JSONResponse({"error": "unknown_action", "actions": sorted(ACTIONS)}, status_code=404)
    try:
        fields = _body_fields(await request.body(), action)
        # The key check (PBKDF2) and the transaction run in a worker thread, off the event loop of the phones.
        snapshot = await asyncio.to_thread(_run, slug, _bearer(request), action, fields)
    except ServiceError as error:
        return _error(error, language_from_accept(request.headers.get("accept-language")))
    return JSONResponse(_answer(snapshot))


async def health(_request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


api = Starlette(
    routes=[
        Route("/api/health", health, methods=["GET"]),
        Route("/api/events/{slug}/{action}", live_action, methods=["POST"]),
    ]
)
