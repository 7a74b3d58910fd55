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

from partact_app.db import session_scope
from partact_app.live.bus import LiveSnapshot
from partact_app.services import events, live
from partact_app.services.errors import Conflict, NotFound, ServiceError, Unauthorised

ACTIONS = {
    "next-round": live.next_round,
    "pause": live.pause,
    "resume": live.resume,
    "end": live.end,
    "extend": live.extend,
}
STATE_CONFLICTS = {"not_running", "not_paused", "event_finished"}


class BadRequest(ServiceError):
    pass


def _body_fields(raw: bytes, action: str) -> dict:
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except ValueError as error:
        raise BadRequest("api_bad_json") from error
    if not isinstance(body, dict):
        raise BadRequest("api_bad_json")
    fields: dict = {}
    if body.get("expected_round") is not None:
        value = body["expected_round"]
        if isinstance(value, bool) or not isinstance(value, int):
            raise BadRequest("api_bad_field", field="expected_round")
        fields["expected_round"] = value
    if action == "extend" and body.get("minutes") is not None:
        value = body["minutes"]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise BadRequest("api_bad_field", field="minutes")
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


def _error(status: int, error: ServiceError, lang: str = "en") -> JSONResponse:
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
    except NotFound as error:
        return _error(404, error)
    except Unauthorised as error:
        return _error(401, error)
    except Conflict as error:
        return _error(409, error)
    except BadRequest as error:
        return _error(400, error)
    except ServiceError as error:
        return _error(409 if error.code in STATE_CONFLICTS else 400, error)
    return JSONResponse(_answer(snapshot))


async def health(_request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


api = Starlette(
    routes=[
        Route("/api/health", health, methods=["GET"]),
        Route("/api/events/{slug}/{action}", live_action, methods=["POST"]),
    ]
)
