"""How a change of an event's live state reaches the phones (see docs/live.md).

``bus`` (no Reflex) carries snapshots between processes: in-process listeners, or Redis pub/sub when
``REFLEX_REDIS_URL`` is set. ``rooms`` (Reflex side) keeps one socket.io room per event on each backend
instance and sends every phone of the event one identical delta.
"""
