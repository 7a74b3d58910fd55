"""The HTTP API (mounted on the Reflex backend), calling services.

``POST /api/events/{slug}/next-round|pause|resume|end|extend`` with ``Authorization: Bearer <organiser key>``
and an optional JSON body ``{"expected_round": N}`` (for extend also ``{"minutes": M}``). Answers JSON with the
new ``phase`` and ``round`` (and the deadline); 401 without a valid key, 404 for an unknown event, 409 when
``expected_round`` is no longer the current round or the action does not fit the phase, 400 for a bad body,
413 for a body over 4 KB (the guard middleware), 429 with ``Retry-After`` after too many wrong keys.

Order of the checks, cheapest and least revealing first: the action's name; the client's and the event's
budget of wrong keys (no work at all when spent); the key (a constant-time fingerprint comparison, then the slow
hash only for a key with the right fingerprint, in a worker thread); then the body is read (capped) and parsed;
then the action runs in one transaction, in a worker thread.

``POST /api/console/login`` and ``/api/console/logout``: the organiser console's session cookie (see
``services/console_sessions.py``): the key is sent once, in the form's POST body, and never travels over the
websocket.
"""

from __future__ import annotations

import asyncio
import json
import logging

from sqlalchemy import exc as sa_exc
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from partact_app import settings
from partact_app.broadcast.bus import LiveSnapshot
from partact_app.db import session_scope
from partact_app.guard import limits, log
from partact_app.guard.asgi import body_cap
from partact_app.guard.clients import client_address
from partact_app.i18n import language_from_accept, t
from partact_app.outages import Outage
from partact_app.services import console_sessions, events, rounds
from partact_app.services.errors import Conflict, Invalid, NotFound, ServiceError, Unauthorised

ACTIONS = {
    "next-round": rounds.next_round,
    "pause": rounds.pause,
    "resume": rounds.resume,
    "end": rounds.end,
    "extend": rounds.extend,
}
API_OUTAGE = Outage("api: the database", logging.getLogger("partact.api"))
# The HTTP status of each error class (services raise nothing else).
STATUS = {Invalid: 400, Unauthorised: 401, NotFound: 404, Conflict: 409}


def _parse_body(raw: bytes) -> dict:
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError) as error:  # RecursionError: deeply nested arrays
        raise Invalid("api_bad_json") from error
    if not isinstance(body, dict):
        raise Invalid("api_bad_json")
    return body


def _body_fields(body: dict, action: str) -> dict:
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


def _client(request: Request) -> str:
    return client_address(request.client.host if request.client else None, request.headers.get("x-forwarded-for"))


def _authorise(slug: str, key: str) -> str:
    """The fingerprint of the event's key once ``key`` is checked (``Unauthorised``/``NotFound`` otherwise)."""
    with session_scope() as session:
        return events.key_fingerprint(events.authorise(session, slug, key))


def _run(slug: str, fingerprint: str, action: str, fields: dict) -> LiveSnapshot:
    with session_scope() as session:
        event = events.get_event(session, slug)
        if events.key_fingerprint(event) != fingerprint:  # the key was rotated since it was checked
            raise Unauthorised()
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


def _https(request: Request) -> bool:
    """Whether the browser reached us over HTTPS (directly, or through the trusted proxy that says so)."""
    if request.url.scheme == "https":
        return True
    return bool(settings.trusted_proxy_hops()) and request.headers.get("x-forwarded-proto", "") == "https"


def _lang(request: Request) -> str:
    return language_from_accept(request.headers.get("accept-language"))


def _error(error: ServiceError, lang: str) -> JSONResponse:
    status = next(code for cls, code in STATUS.items() if isinstance(error, cls))
    body = {"error": error.code, "message": error.message(lang)}
    if isinstance(error, Conflict) and "current" in error.params:
        body["round"] = error.params["current"]
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, headers=headers)


def _too_many(wait: int, lang: str) -> JSONResponse:
    return JSONResponse(
        {"error": "rate_limited", "message": t("error.rate_limited", lang, seconds=wait), "retry_after": wait},
        status_code=429,
        headers={"Retry-After": str(wait)},
    )


async def _read_capped(request: Request) -> bytes | None:
    """The body, or None past the path's cap (the guard middleware already answers 413 in front of the app; this
    holds for the API on its own, as in the tests)."""
    cap, chunks, size = body_cap(request.url.path), [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


RETRY_AFTER_OUTAGE = 5  # seconds: the database usually answers again within moments (a restart, a failover)


def _unavailable(error: Exception, lang: str) -> JSONResponse:
    API_OUTAGE.failed(error)
    return JSONResponse(
        {"error": "unavailable", "message": t("error.unavailable", lang), "retry_after": RETRY_AFTER_OUTAGE},
        status_code=503,
        headers={"Retry-After": str(RETRY_AFTER_OUTAGE)},
    )


async def live_action(request: Request) -> Response:
    """See the module's docstring; a database that does not answer is a 503 with ``Retry-After``, never a 500."""
    try:
        response = await _live_action(request)
    except (sa_exc.OperationalError, sa_exc.InterfaceError) as error:
        return _unavailable(error, _lang(request))
    API_OUTAGE.ok()
    return response


async def _live_action(request: Request) -> Response:
    slug, action = request.path_params["slug"], request.path_params["action"]
    lang, client = _lang(request), _client(request)
    if action not in ACTIONS:
        return JSONResponse({"error": "unknown_action", "actions": sorted(ACTIONS)}, status_code=404)
    wait = await limits.first_spent(("api-key:client", (client,)), ("api-key:event", (slug[:64],)))
    if wait is not None:
        log.refused("rate:api-key", client, slug[:64])
        return _too_many(wait, lang)
    try:
        fingerprint = await asyncio.to_thread(_authorise, slug, _bearer(request))
    except Unauthorised as error:
        log.refused("api-key", client, slug[:64])
        wait = await limits.count_all(("api-key:client", (client,)), ("api-key:event", (slug[:64],)))
        return _too_many(wait, lang) if wait is not None else _error(error, lang)
    except ServiceError as error:
        return _error(error, lang)
    try:
        raw = await _read_capped(request)
        if raw is None:
            return JSONResponse({"error": "api_too_large", "message": t("error.api_too_large", lang)}, status_code=413)
        fields = _body_fields(_parse_body(raw), action)
        snapshot = await asyncio.to_thread(_run, slug, fingerprint, action, fields)
    except ClientDisconnect:
        return Response(status_code=400)
    except ServiceError as error:
        return _error(error, lang)
    return JSONResponse(_answer(snapshot))


async def health(_request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


# ---------------------------------------------------------------------------------------------- console session


def _login(key: str, client: str) -> str:
    with session_scope() as session:
        return console_sessions.open_session(session, key, client=client)


def _logout(token: str) -> None:
    with session_scope() as session:
        console_sessions.close_session(session, token)


async def console_login(request: Request) -> Response:
    """The login form's target: on success a session cookie (HttpOnly, SameSite=Strict, 12 h), its hint for the
    page's script (``console_sessions.HINT_COOKIE``, no secret) and back to the console; otherwise back to the
    login with the reason in the address (``?login=bad_key`` or ``?login=rate_limited&wait=N``). The key is never
    echoed, logged or kept."""
    client = _client(request)
    wait = await limits.first_spent(("login:client", (client,)), ("login:all", ("all",)))
    if wait is not None:
        log.refused("rate:login", client)
        return RedirectResponse(f"/organiser?login=rate_limited&wait={wait}", status_code=303)
    try:
        form = await request.form(max_files=0, max_fields=4, max_part_size=1024)
        key = str(form.get("organiser_key") or "")
    except Exception:  # noqa: BLE001 - a malformed form is a failed login, never a trace
        key = ""
    try:
        token = await asyncio.to_thread(_login, key, client)
    except (sa_exc.OperationalError, sa_exc.InterfaceError) as error:
        API_OUTAGE.failed(error)
        return RedirectResponse("/organiser?login=unavailable", status_code=303)
    except Unauthorised:
        log.refused("login", client)
        wait = await limits.count_all(("login:client", (client,)), ("login:all", ("all",)))
        if wait is not None:
            return RedirectResponse(f"/organiser?login=rate_limited&wait={wait}", status_code=303)
        return RedirectResponse("/organiser?login=bad_key", status_code=303)
    response = RedirectResponse("/organiser", status_code=303)
    response.set_cookie(
        console_sessions.COOKIE,
        token,
        max_age=console_sessions.SESSION_HOURS * 3600,
        path="/",
        httponly=True,
        samesite="strict",
        secure=_https(request),
    )
    response.set_cookie(console_sessions.HINT_COOKIE, "1", max_age=console_sessions.SESSION_HOURS * 3600, path="/",
                        httponly=False, samesite="strict", secure=_https(request))
    return response


async def console_logout(request: Request) -> Response:
    token = request.cookies.get(console_sessions.COOKIE, "")
    if token:
        await asyncio.to_thread(_logout, token)
    response = RedirectResponse("/organiser", status_code=303)
    response.delete_cookie(console_sessions.COOKIE, path="/")
    response.delete_cookie(console_sessions.HINT_COOKIE, path="/")
    return response


api = Starlette(
    routes=[
        Route("/api/health", health, methods=["GET"]),
        Route("/api/console/login", console_login, methods=["POST"]),
        Route("/api/console/logout", console_logout, methods=["POST"]),
        Route("/api/events/{slug}/{action}", live_action, methods=["POST"]),
    ]
)
