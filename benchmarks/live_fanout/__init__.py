"""Benchmark of the live path: N phones on one event, the organiser advances the round, every phone updates.

Run from the repository root::

    .venv/bin/python -m benchmarks.live_fanout                   # everything, prints a Markdown table
    .venv/bin/python -m benchmarks.live_fanout --n 100,500 --no-baseline --no-browser --no-page-weight
    .venv/bin/python -m benchmarks.live_fanout --write           # also write docs/benchmark-live.md
    .venv/bin/python -m benchmarks.live_fanout --from-json results.json --write   # only re-render

What it does (one backend process, SQLite, no Redis; everything on localhost):

* copies the repository (without ``.web``, ``.venv``, ``.states``, databases) into ``--workdir`` and builds and
  serves it from there with ``reflex run --env prod`` on its own port: the production build bakes the port into
  ``.web/``, and the repository's own ``.web`` belongs to the test runs (``harness.served``);
* prepares a fresh SQLite database with the services' CLI (``partact demo``; per N an event ``benchN`` with
  N + 2 generated participants, imported, scheduled; ``partact export benchN links`` for the tokens);
* per N, restarts the server, opens N headless "phones" (``harness.phone``): raw socket.io v4 over a websocket
  (``wsproto``), sending the browser's hydrate event in the CONNECT packet's auth payload (as
  ``.web/utils/state.js`` ``connect``/``bootAuth`` do), and answering engine.io pings. A phone is *hydrated*
  when a delta carried its ``ParticipantState`` organisation (the on_load ``ParticipantState.load`` ran and
  joined the event's room);
* calls ``POST /api/events/benchN/next-round`` 5 times, a few seconds apart, and records per phone the time from
  the API call until the frame carrying the new ``current_round`` arrived (timestamped when the bytes reach the
  client's protocol, before parsing);
* has one phone send an event of its own (``LanguageState.choose``) and counts the socket.io frames the OTHER
  phones receive in the next second (goal: 0);
* reads the server's RSS and CPU time (sum over its process tree, from /proc);
* optionally (largest N) keeps one real Chromium page of the same event open and records when its
  ``#round-number`` text changes (MutationObserver, wall clock);
* baseline (N = 100 by default): the minimal Reflex app of ``benchmarks/baseline_app`` (built from a copy), where
  each phone links an ``rx.SharedState`` to the event with ``_link_to`` and an API route advances the round on
  the shared token;
* page weight: Chromium over CDP with Fast 3G emulation (150 ms, 1.6 Mbps), cache disabled, sums the encoded
  bytes of a fresh participant page load and times it until ``#table-number`` is visible.

Modules: ``data`` (the database of a run), ``load`` (the phones and one measured run), ``page_weight``,
``report`` (Markdown and ``docs/benchmark-live.md``), ``cli`` (the command line, running it all).
"""
