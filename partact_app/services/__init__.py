"""The service layer: one function per use case, each one database transaction.

Shared by the Reflex states, the HTTP API, the CLI and the tests. Services take a ``Session`` (see
``partact_app.db.session_scope``) and raise ``ServiceError`` with a message key for bad input; they never
import Reflex, states or pages.
"""
