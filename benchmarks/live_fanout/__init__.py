"""Benchmark of the live path: N phones on one event, the organiser advances the round, every phone updates.

Run from the repository root::

    .venv/bin/python -m benchmarks.live_fanout                   # everything, prints a Markdown table
    .venv/bin/python -m benchmarks.live_fanout --n 100,500 --no-baseline --no-browser --no-page-weight
    .venv/bin/python -m benchmarks.live_fanout --write           # also write docs/benchmark-live.md
    .venv/bin/python -m benchmarks.live_fanout --from-json results.json --write   # only re-render
    .venv/bin/python -m benchmarks.live_fanout --n 1000 --cluster 1x1000,2x2000 --phone-processes 2 \
        --no-baseline --no-browser --no-page-weight --write                     # the cluster (issue 13)
    .venv/bin/python -m benchmarks.live_fanout --n 500,1000 --server granian,uvicorn ...    # server configurations
    .venv/bin/python -m benchmarks.live_fanout.sockets --server granian,uvicorn   # the transport's memory alone

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
* logs the organiser in on each instance (``POST /api/console/login``: the key's slow hash is paid there, once per
  process, as before an event);
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

* ``--phone-processes P``: the phones run in P worker processes (``fleet``), so that the client's own CPU is not
  on the measured path of one core; arrival stamps are ``perf_counter`` (``CLOCK_MONOTONIC``, one clock for
  every process of the machine);
* ``--cluster 1x1000,2x2000``: after the one-process runs, the deployment of docs/deployment.md
  (``harness.cluster``: a PostgreSQL and a Redis server of its own, INSTANCES backends behind nginx from
  ``deploy/nginx.conf``), every phone and API call through nginx; memory per instance (RSS and PSS);
* ``--server a,b``: the server configurations of ``cli.SERVERS`` (granian as Reflex picks it, allocator settings,
  uvicorn from a directory outside the virtualenv), each measured at every N.

Modules: ``data`` (the database of a run), ``load`` (the phones and one measured run), ``fleet`` (the phones in
this process or in worker processes), ``page_weight``, ``report`` (Markdown and ``docs/benchmark-live.md``),
``cli`` (the command line, running it all), ``sockets`` (the transport's memory per socket, no Reflex state).
"""
