"""A participant's socket names somebody else's match, counterpart or note in raw Reflex frames: every handler finds
the participant from the page's token and the services refuse the rest, so nothing changes. And a proposal sends
frames to the two phones concerned only, not to a third phone of the room."""

from __future__ import annotations

import asyncio

import pytest
from sqlmodel import select

from harness.phone import Phone, wait_until
from partact_app.db import session_scope
from partact_app.models import Event, FollowUp, Match, Meeting, Note, Participant
from partact_app.services import matches
from tests.security.conftest import open_phone, run
from tests.security.test_attacks import sent, values

pytestmark = pytest.mark.browser


def _people(app, event_id: int) -> list[Participant]:
    with session_scope(app.db_url) as session:
        rows = session.exec(select(Participant).where(Participant.event_id == event_id).order_by(Participant.id)).all()
        session.expunge_all()
    return list(rows)


def _pairs(app, event_id: int) -> list[tuple[int, int]]:
    with session_scope(app.db_url) as session:
        return [(m.company_id, m.association_id)
                for m in session.exec(select(Meeting).where(Meeting.event_id == event_id, Meeting.round == 1))]


def _state(app, event_id: int, ids: list[int]) -> tuple:
    """What an attack must not change: the matches, follow-ups and notes touching ``ids``."""
    with session_scope(app.db_url) as session:
        match_rows = sorted((m.id, m.status, m.version, m.company_confirmed_at, m.association_confirmed_at)
                            for m in session.exec(select(Match).where(Match.event_id == event_id)))
        follow = sorted((f.from_id, f.to_id) for f in session.exec(select(FollowUp)) if {f.from_id, f.to_id} & set(ids))
        notes = sorted((n.author_id, n.counterpart_id, n.text) for n in session.exec(select(Note))
                       if {n.author_id, n.counterpart_id} & set(ids))
    return match_rows, follow, notes


def test_naming_someone_elses_match_or_counterpart_is_refused(served_app, schema, live_event):
    people = _people(served_app, live_event.event_id)
    by_id = {p.id: p for p in people}
    (a_id, b_id), (c_id, d_id) = _pairs(served_app, live_event.event_id)[:2]
    attacker = by_id[a_id]  # a company
    with session_scope(served_app.db_url) as session:  # C and D's proposal, nothing to do with A
        theirs = matches.propose(session, session.get(Participant, c_id), d_id,
                                 matches.terms_from({"company_gives": ["it"]}))
        theirs_id, theirs_version = theirs.id, theirs.version
        elsewhere = session.exec(select(Participant).join(Event).where(Event.slug == "demo",
                                                                         Participant.kind == "association")).first()
        elsewhere_id = elsewhere.id
    same_kind = next(p.id for p in people if p.kind == attacker.kind and p.id != a_id)
    before = _state(served_app, live_event.event_id, [a_id, c_id, d_id, same_kind, elsewhere_id])

    async def attack():
        phone = await open_phone(served_app, schema, f"/p/{attacker.token}", keep=True)
        state = schema.state("____participant_state")
        assert await wait_until(sent(phone, state, "loaded"), 10)
        for handler, payload in [
            ("confirm_match", {"match_id": theirs_id, "version": theirs_version}),
            ("decline_match", {"match_id": theirs_id, "version": theirs_version}),
            ("deliver_match", {"match_id": theirs_id, "version": theirs_version}),
            ("confirm_match", {"match_id": str(theirs_id), "version": theirs_version}),
            ("confirm_match", {"match_id": [theirs_id], "version": {"x": 1}}),
            ("open_amend_form", {"match_id": theirs_id}),
            ("submit_match", {"form": {"i_give.it": "on", "i_give_text": "taken over"}}),
            ("request_followup", {"counterpart_id": same_kind}),  # not of the other type
            ("request_followup", {"counterpart_id": elsewhere_id}),  # another event's
            ("request_followup", {"counterpart_id": "1 or 1=1"}),
            ("withdraw_followup", {"counterpart_id": c_id}),
            ("save_note", {"counterpart_id": elsewhere_id, "text": "mine now"}),
            ("save_note", {"counterpart_id": d_id, "text": "x" * 5000}),  # too long
            ("save_note", {"counterpart_id": d_id, "text": {"not": "text"}}),
            ("open_match_form", {"counterpart_id": elsewhere_id}),  # no form for a stranger
            ("submit_match", {"form": {"i_give.it": "on"}}),
        ]:
            phone.send_event(f"{state}.{handler}", payload)
            await asyncio.sleep(0.3)
        await asyncio.sleep(1)
        return phone, state

    phone, state = run(attack())
    assert _state(served_app, live_event.event_id, [a_id, c_id, d_id, same_kind, elsewhere_id]) == before
    assert phone.error is None, phone.error  # refused with a message, the socket still open
    errors = [e for e in values(phone, state, "match_error") if e]
    assert errors and all(set(e) == {"fr", "en", "de"} for e in errors)
    assert True not in values(phone, state, "form_open")
    assert all(not m for m in values(phone, state, "matches"))  # A never saw C and D's match


class Browserlike(Phone):
    """Runs the events the server asks the page to run (the broadcast's ``reload_own``), as the browser does."""

    def on_update(self, update: dict, at: float) -> None:
        super().on_update(update, at)
        for event in update.get("events") or []:
            if isinstance(event, dict) and str(event.get("name", "")).endswith(".reload_own"):
                self.send_event(event["name"], event.get("payload") or {})


def test_a_proposal_sends_frames_to_the_two_phones_concerned_only(served_app, schema, live_event):
    by_id = {p.id: p for p in _people(served_app, live_event.event_id)}
    (a_id, b_id), (c_id, _) = _pairs(served_app, live_event.event_id)[:2]

    async def scenario():
        a, b, c = [await open_phone(served_app, schema, f"/p/{by_id[i].token}", keep=True, cls=Browserlike)
                   for i in (a_id, b_id, c_id)]
        state = schema.state("____participant_state")
        for phone in (a, b, c):
            assert await wait_until(sent(phone, state, "loaded"), 10)
        await asyncio.sleep(1)
        start = {phone: phone.frames for phone in (a, b, c)}
        a.send_event(f"{state}.open_match_form", {"counterpart_id": b_id})
        await asyncio.sleep(0.3)
        a.send_event(f"{state}.submit_match", {"form": {"i_give.it": "on", "i_give_text": "A website"}})
        assert await wait_until(lambda: any(m for m in values(b, state, "matches")), 10)
        proposal = values(b, state, "matches")[-1][0]
        b.send_event(f"{state}.confirm_match", {"match_id": proposal["id"], "version": proposal["version"]})
        assert await wait_until(lambda: values(a, state, "matches")[-1:] and
                                values(a, state, "matches")[-1][0]["status"] == "recorded", 10)
        await asyncio.sleep(2.5)  # a database poll too
        return {name: phone.frames - start[phone] for name, phone in (("a", a), ("b", b), ("c", c))}

    counts = run(scenario())
    assert counts["a"] >= 2 and counts["b"] >= 2, counts
    assert counts["c"] == 0, counts
    with session_scope(served_app.db_url) as session:
        (match,) = session.exec(select(Match).where(Match.event_id == live_event.event_id)).all()
        assert (match.company_id, match.association_id, match.status) == (a_id, b_id, "recorded")
