"""Who is asking: the client's address, from the connection or through a chain of trusted reverse proxies."""

from __future__ import annotations

from partact_app import settings


def client_address(peer: str | None, forwarded_for: str | None) -> str:
    """The client address of a request from ``peer`` (the TCP peer) with its ``X-Forwarded-For`` header.

    With ``PARTACT_TRUSTED_PROXY_HOPS = n`` the address is the n-th entry from the right of ``X-Forwarded-For``
    (each trusted proxy appends the address it saw), as Reflex reads it for the websocket; with 0 the header is
    ignored, since any client can write it.
    """
    hops = settings.trusted_proxy_hops()
    if hops:
        chain = [part.strip() for part in (forwarded_for or "").split(",") if part.strip()]
        if len(chain) >= hops:
            return chain[-hops][:64]
    return (peer or "unknown")[:64]


def scope_address(scope: dict) -> str:
    """``client_address`` of an ASGI scope (HTTP or websocket)."""
    client = scope.get("client") or ("unknown", 0)
    forwarded = ""
    for name, value in scope.get("headers") or ():
        if name == b"x-forwarded-for":
            forwarded = value.decode("latin-1")
            break
    return client_address(client[0], forwarded)
