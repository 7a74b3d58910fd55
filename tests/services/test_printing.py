"""Badges, paper agendas and table cards: what they hold, against the stored schedule."""

from __future__ import annotations

import base64
import re

import numpy as np
import png
import pytest
import zxingcpp

from partact_app.core.demo import demo_csv
from partact_app.db import session_scope
from partact_app.services import events, exports, printing, registrations
from partact_app.services.qr import qr_png, qr_svg
from partact_app.services.scheduling import meetings_of, schedule_event


@pytest.fixture
def demo(db_url):
    with session_scope(db_url) as session:
        events.create_event(session, "hall", name="Hall", rounds=10, tables=22, round_minutes=6, start_time="17:30")
        registrations.import_registrations(session, "hall", demo_csv(), "demo.csv")
        schedule_event(session, "hall")
    return db_url


def decode_png(data: bytes) -> list[str]:
    width, height, rows, _ = png.Reader(bytes=data).asDirect()
    pixels = np.array([[255 if v else 0 for v in row] for row in rows], dtype=np.uint8).reshape(height, width)
    return [result.text for result in zxingcpp.read_barcodes(pixels)]


def test_a_qr_code_decodes_to_its_link_and_has_a_quiet_zone():
    link = "http://localhost:3000/p/O_JdpcTxV1WSrxOkta4vUhh29xk4cuvB"
    assert decode_png(qr_png(link)) == [link]
    svg = qr_svg(link)
    assert svg.startswith("<svg") and 'fill="#fff"' in svg and len(svg) < 6000
    size = int(svg.split('viewBox="0 0 ', 1)[1].split(" ", 1)[0])
    runs = re.findall(r"M(\d+) (\d+)h(\d+)", svg)
    assert runs and all(4 <= int(x) and int(x) + int(n) <= size - 4 and 4 <= int(y) < size - 4 for x, y, n in runs)


def test_badges_hold_every_link_once_with_the_seated_table(demo):
    with session_scope(demo) as session:
        event = events.get_event(session, "hall")
        badges = printing.badges(session, event)
        links = {row[2] for row in exports.links(session, "hall")[1]}
        meetings = meetings_of(session, event)
    assert {b.url for b in badges} == links and len(badges) == len(links)
    for badge in badges:
        assert base64.b64decode(badge.qr.split(",", 1)[1]).startswith(b"<svg")
    # 32 associations for 22 tables: companies keep their table (the engine's rule) and say so on their badge
    seats = {m.company_id: m.table for m in meetings}
    for badge in badges:
        assert badge.table == (seats.get(badge.participant_id, 0) if badge.kind == "company" else 0)


def test_badge_filters_walk_ins_and_one(demo):
    with session_scope(demo) as session:
        event = events.get_event(session, "hall")
        assert {b.kind for b in printing.badges(session, event, "association")} == {"association"}
        printing.mark_badges_printed(session, event)
    with session_scope(demo) as session:
        event = events.get_event(session, "hall")
        assert printing.badges(session, event, "walk-ins") == []
        walk_in = registrations.participants_of(session, event)[0]
        one = printing.badges(session, event, "one", walk_in.id)
        assert [b.organisation for b in one] == [walk_in.organisation]


def test_agendas_and_table_cards_match_the_schedule(demo):
    with session_scope(demo) as session:
        event = events.get_event(session, "hall")
        sheets = {s.organisation: s for s in printing.agendas(session, event)}
        cards = printing.table_cards(session, event)
        meetings = meetings_of(session, event)
        names = {p.id: p.organisation for p in registrations.participants_of(session, event)}
    for m in meetings:
        company, association = names[m.company_id], names[m.association_id]
        row = sheets[company].rows[m.round - 1]
        assert (row.round, row.table, row.counterpart) == (m.round, m.table, association)
        assert sheets[association].rows[m.round - 1].counterpart == company
        card_row = cards[m.table - 1].rows[m.round - 1]
        assert (card_row.company, card_row.association) == (company, association)
    assert sheets[names[meetings[0].company_id]].rows[0].time == "17:30"
    assert len(cards) == 22 and all(len(card.rows) == 10 for card in cards)
