"""A headless "phone": one browser tab's websocket to a Reflex app, spoken directly.

The browser's client (``.web/utils/state.js``) opens ``ws://host/_event/?token=<tab token>&EIO=4&transport=websocket``
with the Reflex version as subprotocol, and puts its first event (``hydrate_and_load``, with the router data and
the compiled state hashes) in the auth payload of the socket.io CONNECT packet. The server answers with deltas:
socket.io EVENT packets ``["event", {"delta": {state: {var: value}}, "events": [...], "final": ...}]``.

``Phone`` does the same over a raw websocket (``wsproto`` on an ``asyncio.Protocol``, no socket.io client), so
thousands fit in one process (the live benchmark) and a test can send any frame at all (security tests):
``send_event`` for a Reflex event with any name and payload, ``emit`` for any socket.io event, ``send_text``
for any text frame. Every frame is timestamped (``time.perf_counter()``) when its bytes arrive, before parsing.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from wsproto import ConnectionType, WSConnection
from wsproto.events import (
    AcceptConnection,
    CloseConnection,
    Message,
    Ping,
    RejectConnection,
    RejectData,
    Request,
    TextMessage,
)

NAMESPACE = "/_event"
ROOT_STATE = "reflex___state____state"
USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"
)

# --------------------------------------------------------------------------------------------------------------
# Packets: engine.io v4 around socket.io v5 (the text encoding; binary attachments are not supported)

ENGINE_KINDS = {"0": "open", "1": "close", "2": "ping", "3": "pong", "4": "message", "5": "upgrade", "6": "noop"}
SOCKET_KINDS = {
    "0": "connect", "1": "disconnect", "2": "event", "3": "ack", "4": "connect_error", "5": "binary_event",
    "6": "binary_ack",
}
_ENGINE_CODES = {kind: code for code, kind in ENGINE_KINDS.items()}
_SOCKET_CODES = {kind: code for code, kind in SOCKET_KINDS.items()}
_COMPACT = (",", ":")


class Packet(NamedTuple):
    """One text frame. ``kind`` is the socket.io packet type for engine.io messages ("connect", "event", ...),
    else the engine.io packet type ("open", "ping", ...)."""

    kind: str
    namespace: str = "/"
    data: Any = None  # the decoded JSON (the open packet's handshake; a socket.io packet's payload); None if absent
    ack_id: int | None = None


def parse_packet(text: str) -> Packet:
    """Decode one websocket text frame; ``ValueError`` when it is not engine.io/socket.io."""
    engine = ENGINE_KINDS.get(text[:1])
    if engine is None:
        raise ValueError(f"not an engine.io packet: {text[:40]!r}")
    if engine != "message":
        body = text[1:]
        return Packet(engine, data=json.loads(body) if engine == "open" and body else (body or None))
    kind = SOCKET_KINDS.get(text[1:2])
    if kind is None:
        raise ValueError(f"not a socket.io packet: {text[:40]!r}")
    rest = text[2:]
    if kind.startswith("binary"):
        raise ValueError("binary socket.io packets are not supported")
    namespace = "/"
    if rest.startswith("/"):
        end = rest.find(",")
        namespace, rest = (rest, "") if end < 0 else (rest[:end], rest[end + 1 :])
    ack_id = None
    digits = len(rest) - len(rest.lstrip("0123456789"))
    if digits:
        ack_id, rest = int(rest[:digits]), rest[digits:]
    return Packet(kind, namespace, json.loads(rest) if rest else None, ack_id)


def encode_packet(kind: str, namespace: str = "/", data: Any = None, ack_id: int | None = None) -> str:
    """The text frame of a socket.io packet (``kind`` "connect", "event", ...) or an engine.io one ("pong", ...)."""
    if kind in _ENGINE_CODES and kind != "message":
        return _ENGINE_CODES[kind] + ("" if data is None else str(data))
    text = "4" + _SOCKET_CODES[kind]
    if namespace != "/":
        text += namespace + ","
    if ack_id is not None:
        text += str(ack_id)
    if data is not None:
        text += json.dumps(data, separators=_COMPACT)
    return text


# --------------------------------------------------------------------------------------------------------------
# What the built front end sends on hydrate


@dataclass(frozen=True)
class FrontendSchema:
    """The hydrate inputs compiled into a build's ``.web/utils/context.jsx``."""

    state_schema: str  # hash of the state tree; a mismatch makes the server tell the page to reload
    hashes: list  # initial state hashes, sent with hydrate_and_load
    states: list[str]  # full state names, sorted

    @classmethod
    def read(cls, app_dir: Path) -> FrontendSchema:
        path = Path(app_dir) / ".web" / "utils" / "context.jsx"
        text = path.read_text()
        schema = re.search(r'export const stateSchema = "([^"]+)"', text)
        hashes = re.search(r"export const initialStateHashes = (\[[^\]]*\])", text)
        initial = re.search(r"export const initialState = (\{.*\})\n", text)
        if not (schema and hashes and initial):
            raise RuntimeError(f"cannot read the state schema from {path}")
        return cls(schema.group(1), json.loads(hashes.group(1)), sorted(json.loads(initial.group(1))))

    def state(self, suffix: str) -> str:
        """The full name of the one state whose name ends with ``suffix`` (e.g. ``"____participant_state"``)."""
        matches = [name for name in self.states if name.endswith(suffix)]
        if len(matches) != 1:
            raise RuntimeError(f"no single state ending with {suffix!r} in {self.states}")
        return matches[0]


@cache
def reflex_version() -> str:
    from importlib.metadata import version

    return version("reflex")


# --------------------------------------------------------------------------------------------------------------
# The client


class Phone(asyncio.Protocol):
    """One tab on ``path`` of the app at ``base_url``: connects, hydrates (when given the build's ``schema``),
    answers pings, counts and timestamps what it receives.

    Create it inside the event loop, then ``await phone.connect()`` and ``await phone.wait_hydrated(timeout)``.
    Subclasses react to the server's deltas by overriding ``on_update`` (every Reflex update; call the base) and
    ``is_hydrated``. With ``keep``, every frame is kept in ``received`` as ``(arrival, Packet)``.
    """

    def __init__(
        self,
        base_url: str,
        path: str = "/",
        *,
        query: dict[str, str] | None = None,
        schema: FrontendSchema | None = None,
        token: str | None = None,
        keep: bool = False,
        headers: dict[str, str] | None = None,
    ) -> None:
        address = urlsplit(base_url)
        self.host = address.netloc  # Host and Origin, as a browser on this URL sends them
        self.port = address.port or 80
        self.path = path
        self.query = dict(query or {})
        self.schema = schema  # None: CONNECT without the hydrate event
        self.token = token or str(uuid.uuid4())  # the tab's session token (sessionStorage in a browser)
        self.received: list[tuple[float, Packet]] | None = [] if keep else None
        self.headers = dict(headers or {})  # extra handshake headers (X-Forwarded-For, Cookie...)
        self.started_at: float | None = None  # the TCP connection was made (the websocket request goes out)
        self.connected_at: float | None = None  # the namespace CONNECT was acknowledged
        self.hydrated_at: float | None = None
        self.last_frame_at: float | None = None
        self.frames = 0  # socket.io EVENT packets received
        self.error: str | None = None
        self.closed = False
        self.closing = False
        self.hydrated: asyncio.Future[bool] = asyncio.get_running_loop().create_future()  # False if it failed
        self._ws = WSConnection(ConnectionType.CLIENT)
        self._transport: asyncio.Transport | None = None
        self._parts: list[str] = []

    # Opening and closing

    async def connect(self, address: str = "127.0.0.1") -> Phone:
        """Open the TCP connection and the websocket; a failure is recorded in ``error``, not raised."""
        try:
            await asyncio.get_running_loop().create_connection(lambda: self, address, self.port)
        except OSError as error:
            self.fail(f"connect failed: {error}")
        return self

    async def wait_hydrated(self, timeout: float) -> bool:
        with contextlib.suppress(asyncio.TimeoutError):
            return await asyncio.wait_for(asyncio.shield(self.hydrated), timeout)
        return False

    def close(self) -> None:
        self.closing = True
        if self._transport is not None and not self._transport.is_closing():
            with contextlib.suppress(Exception):
                self._write(self._ws.send(CloseConnection(code=1000)))
            self._transport.close()

    def fail(self, message: str) -> None:
        if self.error is None:
            self.error = message
        if not self.hydrated.done():
            self.hydrated.set_result(False)

    # Sending

    def router_data(self) -> dict:
        return {"pathname": self.path, "asPath": self.path, "query": self.query}

    def send_text(self, text: str) -> None:
        """Any text frame, as it is."""
        self._write(self._ws.send(Message(data=text)))

    def emit(self, event: str, *args: Any, namespace: str = NAMESPACE) -> None:
        """A socket.io EVENT with any name and arguments."""
        self.send_text(encode_packet("event", namespace, [event, *args]))

    def send_event(self, name: str, payload: Any = None, router_data: dict | None = None) -> None:
        """A Reflex event (``"<full state name>.<handler>"``) as the page sends it; ``payload`` is any JSON value
        (None: ``{}``), ``router_data`` by default this phone's."""
        event = {
            "name": name,
            "payload": {} if payload is None else payload,
            "router_data": self.router_data() if router_data is None else router_data,
        }
        self.emit("event", event)

    # Receiving (hooks for subclasses)

    def is_hydrated(self, delta: dict) -> bool:
        """Whether this delta completes the hydration; by default the first update does (the hydrate answer)."""
        return True

    def on_update(self, update: dict, at: float) -> None:
        """A Reflex update (``{"delta": ..., "events": ..., "final": ...}``) arrived at ``at``."""
        if self.hydrated_at is None and self.is_hydrated(update.get("delta") or {}):
            self.hydrated_at = at
            if not self.hydrated.done():
                self.hydrated.set_result(True)

    # asyncio.Protocol

    def connection_made(self, transport) -> None:
        self.started_at = time.perf_counter()
        self._transport = transport
        request = Request(
            host=self.host,
            target=f"{NAMESPACE}/?token={self.token}&EIO=4&transport=websocket",
            subprotocols=[reflex_version()],
            extra_headers=[
                (b"origin", f"http://{self.host}".encode()),
                (b"user-agent", USER_AGENT.encode()),
                (b"accept-language", b"en-US,en;q=0.9"),
                (b"pragma", b"no-cache"),
                (b"cache-control", b"no-cache"),
                *((name.lower().encode(), value.encode()) for name, value in self.headers.items()),
            ],
        )
        transport.write(self._ws.send(request))

    def data_received(self, data: bytes) -> None:
        at = time.perf_counter()  # arrival, before any parsing
        self._ws.receive_data(data)
        for event in self._ws.events():
            if isinstance(event, TextMessage):
                self._parts.append(event.data)
                if event.message_finished:
                    text = "".join(self._parts)
                    self._parts.clear()
                    self._on_text(text, at)
            elif isinstance(event, Ping):
                self._write(self._ws.send(event.response()))
            elif isinstance(event, AcceptConnection):
                pass
            elif isinstance(event, (RejectConnection, RejectData)):
                self.fail(f"websocket rejected: {getattr(event, 'status_code', '')}")
            elif isinstance(event, CloseConnection):
                self.fail(f"closed by server: {event.code} {event.reason}")
                with contextlib.suppress(Exception):
                    self._write(self._ws.send(event.response()))

    def connection_lost(self, exc) -> None:
        self.closed = True
        if not self.closing:
            self.fail(f"connection lost: {exc}")

    def _write(self, data: bytes) -> None:
        if self._transport is not None and not self._transport.is_closing():
            self._transport.write(data)

    def _on_text(self, text: str, at: float) -> None:
        try:
            packet = parse_packet(text)
        except ValueError:  # also a payload that is not JSON
            return
        if self.received is not None:
            self.received.append((at, packet))
        kind = packet.kind
        if kind == "event":
            self.frames += 1
            self.last_frame_at = at
            data = packet.data
            if isinstance(data, list) and len(data) >= 2 and data[0] == "event" and isinstance(data[1], dict):
                self.on_update(data[1], at)
        elif kind == "ping":
            self.send_text("3")
        elif kind == "open":  # connect the namespace; the hydrate event rides in the auth payload
            auth = None
            if self.schema is not None:
                auth = {
                    "event": {
                        "name": f"{ROOT_STATE}.hydrate_and_load",
                        "payload": {"hashes": self.schema.hashes},
                        "router_data": self.router_data(),
                    },
                    "state_schema": self.schema.state_schema,
                }
            self.send_text(encode_packet("connect", NAMESPACE, auth))
        elif kind == "connect":
            self.connected_at = at
        elif kind == "connect_error":
            self.fail(f"namespace connect refused: {text[:200]}")


async def wait_until(condition: Callable[[], bool], timeout: float, interval: float = 0.01) -> bool:
    """Poll ``condition`` until it holds (True) or ``timeout`` seconds passed (False)."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() >= deadline:
            return False
        await asyncio.sleep(interval)
    return True
