"""The broadcast speaks Reflex's own wire format: a change in Reflex's addressing of vars or events fails here.

``broadcast.rooms.state_update`` builds the update that one room emit sends to every phone of an event. It must
name each live var exactly as Reflex names it in a delta of the same state, and the reload event exactly as
Reflex names the handler; otherwise the phones would silently ignore the broadcast.
"""

from __future__ import annotations

import json
import time

import pytest
from reflex.state import State, StateUpdate
from reflex_base.utils import format

from partact_app.broadcast.bus import LIVE_FIELDS, LiveSnapshot, LiveView
from partact_app.broadcast import rooms
from partact_app.broadcast.rooms import _Target, _update, state_update
from partact_app.states.organiser import OrganiserState
from partact_app.states.participant import ParticipantState
from partact_app.states.screen import ScreenState

FOLLOWING = [ParticipantState, OrganiserState, ScreenState]
SNAPSHOT = LiveSnapshot(event_id=1, phase="running", round=3, rounds=10, deadline_ms=1_800_000_000_000,
                        remaining_ms=0, round_ms=360_000, schedule_version=5)


def reflex_delta(state_cls) -> dict:
    """The delta Reflex itself computes for ``state_cls`` after an event of its own (the live vars are recomputed
    whenever read, so always in it)."""
    root = State(_reflex_internal_init=True)
    substate = root.get_substate(state_cls.get_full_name().split("."))
    substate._mark_dirty()  # what an event handler of the state does when it sets a var
    return root.get_delta()[state_cls.get_full_name()]


@pytest.mark.parametrize("state_cls", FOLLOWING, ids=lambda cls: cls.__name__)
def test_live_vars_are_named_as_reflex_names_them(state_cls):
    ours = state_update(state_cls, LiveView.of(SNAPSHOT).values()).delta
    assert list(ours) == [state_cls.get_full_name()]
    theirs = reflex_delta(state_cls)
    assert set(ours[state_cls.get_full_name()]) <= set(theirs)
    assert len(ours[state_cls.get_full_name()]) == len(LIVE_FIELDS) == 10


@pytest.mark.parametrize("state_cls", FOLLOWING, ids=lambda cls: cls.__name__)
def test_every_live_field_is_a_var_of_the_state(state_cls):
    for name, type_ in LIVE_FIELDS.items():
        assert name in state_cls.computed_vars, name
        assert state_cls.computed_vars[name]._var_type is type_


def test_reload_event_names_the_handler_as_reflex_does():
    update = state_update(ParticipantState, {}, "reload_agenda")
    expected = format.format_event_handler(ParticipantState.event_handlers["reload_agenda"])
    assert [event.name for event in update.events] == [expected]


def test_the_update_serialises_to_reflex_shape():
    previous = LiveSnapshot(**{**SNAPSHOT.__dict__, "schedule_version": 4})
    target = _Target(ParticipantState, "reload_agenda", per_participant=True, on_revision=False)
    update = _update(SNAPSHOT, previous, target)
    assert isinstance(update, StateUpdate)
    wire = json.loads(format.json_dumps(update))
    assert set(wire) >= {"delta", "events"}
    fields = wire["delta"][ParticipantState.get_full_name()]
    assert fields["current_round_rx_state_"] == 3 and fields["phase_rx_state_"] == "running"
    assert wire["events"][0]["name"].endswith(".reload_agenda")
    # no re-plan: no reload event
    assert _update(SNAPSHOT, SNAPSHOT, target).events == []
    # a re-plan that names the participants whose agenda changed reloads only their pages, not the room
    named = LiveSnapshot(**{**SNAPSHOT.__dict__, "changed": (3, 4)})
    assert _update(named, previous, target).events == []


def test_the_consoles_fetch_their_room_when_the_round_or_the_phase_changes_and_only_then():
    target = next(t for t in rooms._targets if t.state_cls is OrganiserState)
    earlier = LiveSnapshot(**{**SNAPSHOT.__dict__, "round": 2})
    changeover = LiveSnapshot(**{**SNAPSHOT.__dict__, "phase": "changeover"})
    announced = LiveSnapshot(**{**SNAPSHOT.__dict__, "announcement": "Coffee"})
    load_room = format.format_event_handler(OrganiserState.event_handlers["load_room"])
    assert [e.name for e in _update(SNAPSHOT, earlier, target).events] == [load_room]
    assert [e.name for e in _update(changeover, SNAPSHOT, target).events] == [load_room]
    assert _update(announced, SNAPSHOT, target).events == []
    replanned = LiveSnapshot(**{**earlier.__dict__, "schedule_version": SNAPSHOT.schedule_version + 1})
    assert [e.name for e in _update(replanned, SNAPSHOT, target).events][0].endswith(".refresh")  # the whole page


def test_a_database_outage_keeps_the_last_known_snapshot():
    from partact_app.broadcast import bus

    calls = []

    def failing(event_id):
        calls.append(event_id)
        raise ConnectionRefusedError("the database is away")

    old = bus._loader
    try:
        bus.use_loader(failing)
        bus.remember(SNAPSHOT)
        with bus._lock:  # the cached snapshot is old: the bus asks the database, which fails
            bus._cache[SNAPSHOT.event_id] = (0.0, SNAPSHOT)
        assert bus.cached(SNAPSHOT.event_id) == SNAPSHOT and calls == [SNAPSHOT.event_id]
        assert bus.cached(999) is None  # nothing known: nothing to show, and no exception
    finally:
        bus._loader = old
        bus.forget()


def test_no_state_is_loaded_with_every_event_of_every_tab():
    """Reflex loads a state that has an uncached computed var (``cache=False``), and its parents, with every
    event of every tab: a participant phone's join then read and wrote back the console's and the big screen's
    states too. The live fields are recomputed whenever read without being uncached."""
    assert State._always_dirty_substates == set()
    for state_cls in FOLLOWING:
        assert not state_cls._always_dirty_computed_vars, state_cls


def test_a_live_field_is_read_afresh_each_time():
    from partact_app.broadcast import bus

    root = State(_reflex_internal_init=True)
    page = root.get_substate(ParticipantState.get_full_name().split("."))
    page._event_id = SNAPSHOT.event_id
    try:
        bus.remember(SNAPSHOT)
        assert page.current_round == 3
        bus.remember(LiveSnapshot(**{**SNAPSHOT.__dict__, "round": 4}))
        assert page.current_round == 4
        assert root.dict()[ParticipantState.get_full_name()]["current_round_rx_state_"] == 4
    finally:
        bus.forget()


def test_the_states_defaults_do_not_change_with_time_so_a_hydrate_sends_only_what_differs():
    """The front end is compiled with every state's defaults and sends their hashes with its hydrate; for each
    state whose hashes match the server's, Reflex sends only the vars that differ from the defaults (a phone's
    first update: 2.0 KB instead of 4.4 KB, without the console's and the big screen's defaults). A default that
    moves with time (the server's clock of a page that follows no event yet) made every page state differ."""
    from reflex.state import state_snapshot_hashes

    def defaults() -> list[str]:
        return state_snapshot_hashes(State(_reflex_internal_init=True).dict(initial=True))

    before = defaults()
    time.sleep(0.01)
    assert defaults() == before
    assert LiveView.of(None) == LiveView()


def test_redis_reads_its_own_version_once_per_process_not_once_per_connection():
    import redis.utils
    from redis.driver_info import DriverInfo

    rooms.look_up_the_redis_version_once()
    rooms.look_up_the_redis_version_once()  # the lifespan may run again: still one cache
    before = redis.utils.get_lib_version.cache_info()
    versions = {DriverInfo().lib_version for _ in range(50)}  # what every new connection announces
    after = redis.utils.get_lib_version.cache_info()
    assert versions == {redis.__version__} and after.misses <= 1 and after.hits >= before.hits + 49
