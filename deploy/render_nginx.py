"""Fill deploy/nginx.conf for one deployment: ``python deploy/render_nginx.py --help``.

Writes into ``--out``: ``partact.conf`` (the template with its placeholders filled: the backends, the listen
port, the build directory, the app's dynamic routes), ``partact-headers.conf`` (the security headers of
the static pages, from ``partact_app.guard.csp``, the one place that computes them for the backend too) and
``partact-asset-headers.conf`` (those of the scripts and stylesheets). With
``--main`` also ``nginx.conf``, a whole configuration for a private nginx (``nginx -p OUT -c nginx.conf``:
pid, logs and temporary files in ``--out``), as ``make run-cluster`` and the cluster tests run it; in
production the distribution's nginx.conf includes ``partact.conf`` instead (docs/deployment.md).

Run it with the project's virtualenv (it imports ``partact_app.guard.csp``) after every build of the front end:
the headers carry the hashes of the build's inline scripts.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "nginx.conf"
sys.path.insert(0, str(HERE.parent))  # partact_app from this checkout, when run as a script

from partact_app.guard.csp import nginx_headers  # noqa: E402

HSTS = 'add_header strict-transport-security "max-age=31536000" always;\n'
# Debian's package libnginx-mod-http-brotli-static (scripts/nginx.sh installs it; Debian's nginx.conf loads it
# from modules-enabled, the private nginx.conf of ``--main`` with ``load_module``).
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


def route_pattern(routes: list[str]) -> str:
    """An nginx regex matching every dynamic route of Reflex's ``routes.json`` (``p/[token]`` -> ``/p/<x>``);
    a route list without one matches nothing."""
    alternatives = []
    for route in routes:
        parts = [part for part in route.strip("/").split("/") if part and part != "index"]
        if not any(part.startswith("[") for part in parts):
            continue
        pieces = []
        for part in parts:
            if part.startswith("[[..."):  # optional catch-all
                pieces.append("(?:/.*)?")
            elif part.startswith("[..."):
                pieces.append("/.+")
            elif part.startswith("["):
                pieces.append("/[^/]+")
            else:
                pieces.append("/" + re.escape(part))
        alternatives.append("".join(pieces))
    if not alternatives:
        return "^/\\x00never$"
    return "^(?:" + "|".join(sorted(alternatives)) + ")/?$"


def tls_lines(certificate: Path | None, key: Path | None) -> str:
    """The server block's TLS lines (``@TLS@``) for a certificate and its key; none without a certificate. HTTP/2
    with it (nginx 1.22 has no ``http2 on;``: the ``listen`` arguments say ``http2``, see ``listen_args``)."""
    if certificate is None:
        return ""
    return (f"    ssl_certificate {certificate};\n    ssl_certificate_key {key};\n"
            "    ssl_protocols TLSv1.2 TLSv1.3;\n    ssl_session_cache shared:partact_tls:10m;")


def listen_args(address: str, tls: bool) -> str:
    """``listen``'s arguments: with a certificate, ``ssl http2`` added where the address does not say them
    (a browser multiplexes a page's scripts over one connection with HTTP/2, where HTTP/1.1 queues them six at a
    time: docs/benchmark-pages.md)."""
    words = address.split()
    if tls:
        words += [word for word in ("ssl", "http2") if word not in words]
    return " ".join(words)


def render(*, backends: list[str], listen: list[str], server_name: str, root: Path, routes: list[str],
           headers_file: Path, asset_headers_file: Path, certificate: Path | None = None,
           certificate_key: Path | None = None, brotli: bool = False) -> str:
    text = TEMPLATE.read_text()
    tls = certificate is not None
    values = {
        "@BROTLI@": "    brotli_static on;" if brotli else "",
        "@UPSTREAM_SERVERS@": "\n".join(f"    server {b} max_fails=1 fail_timeout=5s;" for b in backends),
        "@LISTEN@": "\n".join(f"    listen {listen_args(address, tls)};" for address in listen),
        "@TLS@": tls_lines(certificate, certificate_key),
        "@SERVER_NAME@": server_name,
        "@STATIC_ROOT@": str(root),
        "@HEADERS_FILE@": str(headers_file),
        "@ASSET_HEADERS_FILE@": str(asset_headers_file),
        "@SPA_ROUTES@": '"' + route_pattern(routes) + '"',
    }
    # The comments of the template name the placeholders too; fill only the lines that use them.
    out = []
    for line in text.splitlines():
        if not line.lstrip().startswith("#"):
            for name, value in values.items():
                line = line.replace(name, value)
        out.append(line)
    rendered = "\n".join(out) + "\n"
    left = [name for name in values if name in "\n".join(l for l in out if not l.lstrip().startswith("#"))]
    if left:
        raise ValueError(f"placeholders left in the rendered configuration: {left}")
    return rendered


def main_config(out: Path, brotli: bool = False) -> str:
    """A whole nginx.conf around partact.conf, for a private nginx with everything under ``out``."""
    modules = f"load_module {BROTLI_MODULE};\n" if brotli else ""
    return f"""# A private nginx for partact (written by deploy/render_nginx.py --main); run: nginx -p {out}/ -c nginx.conf
{modules}worker_processes 1;
# Each phone holds two connections here (its own and the one to its instance): 10 000 is 5 000 phones with
# their reconnects. With 4 096, a burst of 2 000 phones ran out ("worker_connections are not enough") and
# nginx closed connections that had not sent their request yet (docs/benchmark-live.md, the cluster).
worker_rlimit_nofile 20480;
pid {out}/nginx.pid;
error_log {out}/error.log warn;
events {{
    worker_connections 10240;
}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {out}/access.log;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65s;
    client_body_temp_path {out}/tmp/body;
    proxy_temp_path {out}/tmp/proxy;
    fastcgi_temp_path {out}/tmp/fastcgi;
    uwsgi_temp_path {out}/tmp/uwsgi;
    scgi_temp_path {out}/tmp/scgi;
    include {out}/partact.conf;
}}
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", action="append", required=True, metavar="HOST:PORT",
                        help="a backend instance (repeat for each)")
    parser.add_argument("--listen", action="append", required=True, metavar="ADDRESS",
                        help="nginx's listen argument, e.g. 3000, 127.0.0.1:3000, '443 ssl' (repeatable)")
    parser.add_argument("--server-name", default="_")
    parser.add_argument("--web", type=Path, required=True, metavar="DIR",
                        help="the app's .web directory after `reflex export --frontend-only --no-zip`")
    parser.add_argument("--static", type=Path, metavar="DIR",
                        help="where nginx finds the exported files (default: WEB/build/client; a copy of them)")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR")
    parser.add_argument("--hsts", action="store_true", help="add Strict-Transport-Security (HTTPS only)")
    parser.add_argument("--certificate", type=Path, metavar="PEM",
                        help="serve HTTPS (and HTTP/2) with this certificate chain on every --listen address")
    parser.add_argument("--certificate-key", type=Path, metavar="PEM", help="the certificate's private key")
    parser.add_argument("--brotli", choices=("auto", "on", "off"), default="auto",
                        help="serve the build's .br files (brotli_static; needs Debian's "
                             "libnginx-mod-http-brotli-static): auto = where that module is installed")
    parser.add_argument("--main", action="store_true", help="also write nginx.conf for a private nginx")
    args = parser.parse_args(argv)
    if (args.certificate is None) != (args.certificate_key is None):
        parser.error("--certificate and --certificate-key go together")
    brotli = args.brotli == "on" or (args.brotli == "auto" and BROTLI_MODULE.is_file())

    web = args.web.resolve()
    root = (args.static or web / "build" / "client").resolve()
    if not (root / "index.html").is_file():
        parser.error(f"no exported front end in {root} (run `reflex export --frontend-only --no-zip`)")
    routes = json.loads((web / "routes.json").read_text())
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    headers = out / "partact-headers.conf"
    headers.write_text(nginx_headers(root) + (HSTS if args.hsts else ""))
    asset_headers = out / "partact-asset-headers.conf"
    asset_headers.write_text(nginx_headers(root, assets=True) + (HSTS if args.hsts else ""))
    (out / "partact.conf").write_text(render(
        backends=args.backend, listen=args.listen, server_name=args.server_name, root=root, routes=routes,
        headers_file=headers, asset_headers_file=asset_headers,
        certificate=args.certificate and args.certificate.resolve(),
        certificate_key=args.certificate_key and args.certificate_key.resolve(), brotli=brotli,
    ))
    if args.main:
        for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (out / "tmp" / name).mkdir(parents=True, exist_ok=True)
        (out / "nginx.conf").write_text(main_config(out, brotli))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
