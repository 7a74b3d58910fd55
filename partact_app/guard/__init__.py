"""What keeps one anonymous client from freezing, starving or exhausting the event (see docs/security.md).

``limits`` (rate limits, in memory or in Redis so every instance shares them), ``clients`` (who is asking: the
client address behind trusted proxies), ``log`` (every refusal logged once, the log itself rate-limited),
``asgi`` (the middleware around the whole backend: security headers, body caps, websocket frame and event caps),
``csp`` (the Content-Security-Policy of the built pages). No Reflex, no service: the interfaces call it.
"""
