"""The HTTP API (mounted under /api by the app), calling services."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def health(_request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


api = Starlette(routes=[Route("/api/health", health, methods=["GET"])])
