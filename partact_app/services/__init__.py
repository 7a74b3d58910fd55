"""The service layer: one function per use case, each one database transaction.

Shared by the Reflex states, the HTTP API, the CLI and the tests. Services take a ``Session`` (see
``partact_app.db.session_scope``) and raise the error classes of ``services.errors`` (``Invalid``, ``NotFound``,
``Unauthorised``, ``Conflict``), each with a catalogue key. A service that changes what phones show publishes a
snapshot on ``broadcast.bus`` after its commit; it never imports Reflex, states, pages or the broadcast's rooms.
"""
