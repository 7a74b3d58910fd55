"""The raw socket.io client of the tests and benchmarks: packet encoding, and the protocol against an in-memory
server side (no network)."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from wsproto import ConnectionType, WSConnection
from wsproto.events import AcceptConnection, Message, Request, TextMessage

from harness.phone import NAMESPACE, ROOT_STATE, FrontendSchema, Packet, Phone, encode_packet, parse_packet


@pytest.mark.parametrize(
    ("text", "packet"),
    [
        ('0{"sid":"a1","pingInterval":25000}', Packet("open", data={"sid": "a1", "pingInterval": 25000})),
        ("2", Packet("ping")),
        ("3", Packet("pong")),
        ('40/_event,{"sid":"s9"}', Packet("connect", "/_event", {"sid": "s9"})),
        ("41/_event,", Packet("disconnect", "/_event")),
        ('42/_event,["event",{"delta":{"a":{"b":1}}}]',
         Packet("event", "/_event", ["event", {"delta": {"a": {"b": 1}}}])),
        ('43/_event,12["ok"]', Packet("ack", "/_event", ["ok"], 12)),
        ('44/_event,{"message":"refused"}', Packet("connect_error", "/_event", {"message": "refused"})),
        ('42["hello",1]', Packet("event", "/", ["hello", 1])),
    ],
)
def test_parse_packet_reads_engineio_and_socketio_frames(text, packet):
    assert parse_packet(text) == packet


@pytest.mark.parametrize("text", ["", "x", "47", '42/_event,["unterminated"', "451-/_event,[]"])
def test_parse_packet_refuses_what_it_cannot_read(text):
    with pytest.raises(ValueError):
        parse_packet(text)


def test_encode_packet_is_what_the_browser_sends_and_parses_back():
    event = ["event", {"name": "s.choose", "payload": {"lang": "de"}}]
    text = encode_packet("event", NAMESPACE, event)
    assert text == '42/_event,["event",{"name":"s.choose","payload":{"lang":"de"}}]'
    assert parse_packet(text) == Packet("event", NAMESPACE, event)
    assert encode_packet("connect", NAMESPACE) == "40/_event,"
    assert encode_packet("ack", NAMESPACE, ["ok"], ack_id=7) == '43/_event,7["ok"]'
    assert encode_packet("pong") == "3"


def _run(coroutine) -> None:
    """``asyncio.run`` in a thread of its own: the browser tests' Playwright may hold this thread's loop."""
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, coroutine).result()


class _Pipe:
    """The phone's transport: keeps what it writes."""

    def __init__(self) -> None:
        self.written = bytearray()
        self.closed = False

    def write(self, data: bytes) -> None:
        self.written += data

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True


class _Server:
    """The server end of the websocket, in memory."""

    def __init__(self, phone: Phone, pipe: _Pipe) -> None:
        self.phone, self.pipe = phone, pipe
        self.ws = WSConnection(ConnectionType.SERVER)

    def events(self) -> list:
        self.ws.receive_data(bytes(self.pipe.written))
        self.pipe.written.clear()
        return list(self.ws.events())

    def texts(self) -> list[str]:
        return [e.data for e in self.events() if isinstance(e, TextMessage)]

    def send(self, event) -> None:
        self.phone.data_received(self.ws.send(event))


def test_phone_connects_hydrates_answers_pings_and_timestamps_frames():
    async def scenario() -> None:
        schema = FrontendSchema(state_schema="h1", hashes=["x"], states=["s", "s.participant_state"])
        phone = Phone("http://localhost:8123", "/p/tok", query={"token": "tok"}, schema=schema, keep=True)
        pipe = _Pipe()
        server = _Server(phone, pipe)
        phone.connection_made(pipe)

        (request,) = server.events()
        assert isinstance(request, Request)
        assert request.host == "localhost:8123"
        assert request.target == f"/_event/?token={phone.token}&EIO=4&transport=websocket"
        assert request.subprotocols  # the Reflex version, as the browser sends it
        server.send(AcceptConnection(subprotocol=request.subprotocols[0]))

        server.send(Message('0{"sid":"e1","pingInterval":25000,"pingTimeout":20000}'))
        (connect,) = server.texts()
        packet = parse_packet(connect)
        assert (packet.kind, packet.namespace) == ("connect", NAMESPACE)
        assert packet.data == {
            "event": {
                "name": f"{ROOT_STATE}.hydrate_and_load",
                "payload": {"hashes": ["x"]},
                "router_data": {"pathname": "/p/tok", "asPath": "/p/tok", "query": {"token": "tok"}},
            },
            "state_schema": "h1",
        }

        server.send(Message('40/_event,{"sid":"n1"}'))
        assert phone.connected_at is not None and not phone.hydrated.done()

        server.send(Message("2"))
        assert server.texts() == ["3"]

        server.send(Message(encode_packet("event", NAMESPACE, ["event", {"delta": {"s": {"v": 1}}, "final": True}])))
        assert await phone.wait_hydrated(1) is True
        assert phone.frames == 1 and phone.hydrated_at == phone.last_frame_at >= phone.connected_at
        assert [p.kind for _at, p in phone.received] == ["open", "connect", "ping", "event"]
        assert [at for at, _p in phone.received] == sorted(at for at, _p in phone.received)

        phone.send_event("s.participant_state.choose", {"lang": "de"})
        (sent,) = server.texts()
        assert json.loads(sent[len("42/_event,"):]) == [
            "event",
            {
                "name": "s.participant_state.choose",
                "payload": {"lang": "de"},
                "router_data": {"pathname": "/p/tok", "asPath": "/p/tok", "query": {"token": "tok"}},
            },
        ]
        phone.emit("anything", {"raw": True}, 3)
        assert server.texts() == ['42/_event,["anything",{"raw":true},3]']

        phone.close()
        phone.connection_lost(None)
        assert pipe.closed and phone.closed and phone.error is None

    _run(scenario())


def test_a_refused_namespace_connect_is_a_failed_hydration():
    async def scenario() -> None:
        phone = Phone("http://localhost:8123")
        pipe = _Pipe()
        server = _Server(phone, pipe)
        phone.connection_made(pipe)
        (request,) = server.events()
        server.send(AcceptConnection(subprotocol=request.subprotocols[0]))
        server.send(Message('0{"sid":"e1"}'))
        assert server.texts() == ["40/_event,"]  # no schema: a plain connect, no hydrate event
        server.send(Message('44/_event,{"message":"no"}'))
        assert await phone.wait_hydrated(1) is False
        assert "refused" in phone.error
        phone.connection_lost(ConnectionResetError())
        assert phone.closed and "refused" in phone.error  # the first error is the one kept

    _run(scenario())
