"""The middleware around the whole backend (pages, API, uploads, websocket): cheap checks before any parsing.

HTTP: security headers on every answer; a body cap per path, answered 413 before the body is read (from
``Content-Length``) or as soon as a streamed body passes the cap.

Websocket (``/_event``): at most ``SOCKETS_PER_ADDRESS`` open sockets per client address on this instance; frames
above ``MAX_FRAME`` characters close the socket (1009) before Reflex parses them; and each socket may send
``EVENT_RATE`` socket.io EVENT packets (a moving window of the ``limits`` library; pings and other packets are
free): the extra events are dropped before Reflex parses or queues them, so a flood from
one socket costs the others nothing, and the flooding page is told once every few seconds (``notice``).

Values and reasons: docs/security.md. No Reflex here: the app module hands over the notice frame.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Awaitable, Callable

from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from partact_app.guard import log
from partact_app.guard.clients import scope_address
from partact_app.guard.csp import headers_for, security_headers

Scope = dict
Message = dict
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# HTTP body caps by path prefix (bytes); the first prefix that matches wins.
BODY_CAPS: tuple[tuple[str, int], ...] = (
    ("/api/", 4 * 1024),
    ("/_upload", 5 * 1024 * 1024),
    ("/", 16 * 1024),
)
MAX_FRAME = 16 * 1024  # characters of one websocket message (a page's biggest legit frame is ~2 KB)
SOCKETS_PER_ADDRESS = 3000  # one venue's wifi may put a thousand phones (and their reconnects) behind one address
# Events one socket may send: 60 in any 3 seconds (a page load sends a handful; typing in a note field a few a
# second). This limit is per socket, so it lives in this process's memory, whatever the store of the others.
EVENT_RATE = parse("60 per 3 seconds")
NOTICE_EVERY = 5.0  # seconds between two "slow down" notices to one flooding page
CLOSE_AFTER_DROPPED = 5000  # a socket that keeps flooding is closed
STATE_EXPIRY_SECONDS = 30 * 60  # a tab's server-side state is forgotten 30 minutes after its last event


def body_cap(path: str) -> int:
    return next(cap for prefix, cap in BODY_CAPS if path.startswith(prefix))


class Guard:
    """``Guard(app, notice=..., pages=...)``: the ASGI middleware. ``notice`` is the websocket text frame that tells a
    flooding page to slow down (Reflex's wire format, built by the app module). ``pages`` are the addresses of the
    prebuilt pages (``/organiser``...), answered at that address (``at_own_address``)."""

    def __init__(self, app: ASGIApp, notice: str = "", pages: frozenset[str] = frozenset()) -> None:
        self.app = app
        self.notice = notice
        self.pages = pages
        self.sockets: dict[str, int] = {}
        self.events = MovingWindowRateLimiter(MemoryStorage())
        self.socket_ids = itertools.count(1)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await self._http(scope, receive, send)
        elif scope["type"] == "websocket":
            await self._websocket(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    # ------------------------------------------------------------------ HTTP

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope = at_own_address(scope, self.pages)
        cap = body_cap(scope.get("path", "/"))
        length = _content_length(scope)
        if length is not None and length > cap:
            log.refused("body-too-large", scope_address(scope), f"{scope.get('path')} {length} bytes")
            await _too_large(send)
            return
        answered = False  # by us (413) or by the app
        refused = False
        received = 0

        async def guarded_receive() -> Message:
            nonlocal received, refused, answered
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > cap:
                    refused = True
                    log.refused("body-too-large", scope_address(scope), f"{scope.get('path')} streamed")
                    if not answered:
                        answered = True
                        await _too_large(send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal answered
            if refused:
                return  # we already answered 413
            if message["type"] == "http.response.start":
                answered = True
                message = {**message, "headers": _with_headers(message.get("headers") or [])}
            await send(message)

        await self.app(scope, guarded_receive, guarded_send)

    # ------------------------------------------------------------------ websocket

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        address = scope_address(scope)
        if self.sockets.get(address, 0) >= SOCKETS_PER_ADDRESS:
            log.refused("sockets-per-address", address)
            message = await receive()  # websocket.connect
            if message["type"] == "websocket.connect":
                await send({"type": "websocket.close", "code": 1013})
            return
        self.sockets[address] = self.sockets.get(address, 0) + 1
        socket_id = str(next(self.socket_ids))
        dropped = 0
        last_notice = 0.0
        closed = False

        async def guarded_receive() -> Message:
            nonlocal last_notice, closed, dropped
            while True:
                if closed:
                    return {"type": "websocket.disconnect", "code": 1009}
                message = await receive()
                if message["type"] != "websocket.receive":
                    return message
                text = message.get("text")
                data = text if text is not None else message.get("bytes") or b""
                if len(data) > MAX_FRAME:
                    log.refused("frame-too-large", address, f"{len(data)} characters")
                    closed = True
                    await send({"type": "websocket.close", "code": 1009})
                    return {"type": "websocket.disconnect", "code": 1009}
                if text is None or not text.startswith("42"):  # engine.io message + socket.io EVENT
                    return message
                if self.events.hit(EVENT_RATE, socket_id):
                    return message
                dropped += 1
                if dropped == 1 or dropped % 1000 == 0:
                    log.refused("event-rate", address, f"{dropped} events dropped on one socket")
                if dropped >= CLOSE_AFTER_DROPPED:
                    closed = True
                    await send({"type": "websocket.close", "code": 1008})
                    return {"type": "websocket.disconnect", "code": 1008}
                now = time.monotonic()
                if self.notice and now - last_notice >= NOTICE_EVERY:
                    last_notice = now
                    await send({"type": "websocket.send", "text": self.notice})

        async def guarded_send(message: Message) -> None:
            if closed and message["type"] in ("websocket.send", "websocket.close"):
                return
            if message["type"] == "websocket.accept":
                message = {**message, "headers": _with_headers(message.get("headers") or [], websocket=True)}
            await send(message)

        try:
            await self.app(scope, guarded_receive, guarded_send)
        finally:
            left = self.sockets.get(address, 1) - 1
            if left > 0:
                self.sockets[address] = left
            else:
                self.sockets.pop(address, None)


def at_own_address(scope: Scope, pages: frozenset[str]) -> Scope:
    """A GET of a prebuilt page's address (``/organiser``) as a GET of its folder (``/organiser/``).

    A prebuilt page is the file ``organiser/index.html``, and the one-process server's static files (Starlette's)
    answer its address without the slash with a redirect to the folder: a round trip before the console starts
    (0.63 s in Lighthouse's slow 4G), on every load of a console page typed, bookmarked or reached after the login's
    own redirect. nginx serves the same file at the address itself (``deploy/nginx.conf``); so does this."""
    path = scope.get("path", "")
    if path not in pages or scope.get("method") not in ("GET", "HEAD"):
        return scope
    return {**scope, "path": path + "/", "raw_path": path.encode() + b"/"}


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers") or ():
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return 0
    return None


def _with_headers(headers, websocket: bool = False) -> list:
    if websocket:
        return list(headers)
    present = {bytes(name).lower(): bytes(value) for name, value in headers}
    extra = [(n, v) for n, v in headers_for(present.get(b"content-type")) if n not in present]
    return [*headers, *extra]


async def _too_large(send: Send) -> None:
    body = b'{"error": "too_large", "message": "Request body too large."}'
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
                *security_headers(),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
