"""deploy/render_nginx.py: the nginx configuration of a deployment, from deploy/nginx.conf and the build."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from partact_app.guard.csp import headers_for, nginx_headers, security_headers

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("render_nginx", REPO / "deploy" / "render_nginx.py")
render_nginx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(render_nginx)


def test_dynamic_routes_become_one_regex():
    pattern = render_nginx.route_pattern(
        ["index", "p/[token]", "organiser", "screen/[slug]", "organiser/participants", "docs/[...rest]", "404"]
    )
    regex = re.compile(pattern)
    for path in ("/p/abc_-1", "/p/abc/", "/screen/demo", "/docs/a/b"):
        assert regex.search(path), path
    for path in ("/p/", "/p/a/b", "/organiser", "/x/p/abc", "/screen"):
        assert not regex.search(path), path
    assert not re.compile(render_nginx.route_pattern(["index", "organiser"])).search("/organiser")


def test_nginx_sends_the_headers_the_backend_sends(tmp_path):
    (tmp_path / "index.html").write_text("<html><script>boot()</script><script src='/a.js'></script></html>")
    lines = nginx_headers(tmp_path).splitlines()[1:]
    sent = {name.decode(): value.decode() for name, value in security_headers(tmp_path)}
    assert lines == [f'add_header {name} "{value}" always;' for name, value in sent.items()]
    assert "'sha256-" in sent["content-security-policy"]
    assets = nginx_headers(tmp_path, assets=True).splitlines()[1:]
    assert assets == [f'add_header {name} "{sent[name]}" always;' for name in ("referrer-policy", "x-content-type-options")]


def test_only_documents_get_the_policy():
    full = {name for name, _ in security_headers()}
    for kind in (b"text/html; charset=utf-8", b"application/json", b"image/svg+xml", b"text/plain", None):
        assert {name for name, _ in headers_for(kind)} == full, kind
    for kind in (b"text/javascript; charset=utf-8", b"application/javascript", b"text/css", b"font/woff2",
                 b"audio/wav", b"image/png"):
        assert {name for name, _ in headers_for(kind)} == {b"x-content-type-options", b"referrer-policy"}, kind


def _fake_web(tmp_path: Path) -> Path:
    web = tmp_path / "web"
    (web / "build" / "client").mkdir(parents=True)
    (web / "build" / "client" / "index.html").write_text("<html></html>")
    (web / "routes.json").write_text(json.dumps(["index", "p/[token]", "screen/[slug]"]))
    return web


def _nginx_accepts(out: Path) -> None:
    """``nginx -t`` on the private configuration that ``render_nginx --main`` wrote into ``out``."""
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        pytest.skip("nginx is not installed (make test installs it)")
    check = subprocess.run([nginx, "-t", "-q", "-p", f"{out}/", "-c", "nginx.conf", "-e", str(out / "error.log")],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_the_rendered_configuration_is_complete_and_nginx_accepts_it(tmp_path):
    web, out = _fake_web(tmp_path), tmp_path / "out"
    render_nginx.main(["--web", str(web), "--out", str(out), "--main", "--listen", "127.0.0.1:3999",
                       "--backend", "127.0.0.1:4001", "--backend", "127.0.0.1:4002"])
    conf = (out / "partact.conf").read_text()
    code = "\n".join(line for line in conf.splitlines() if not line.lstrip().startswith("#"))
    assert "@" not in code.replace("$", "")  # every placeholder filled
    assert "server 127.0.0.1:4001 max_fails=1 fail_timeout=5s;" in code and "listen 127.0.0.1:3999;" in code
    assert f"root {web / 'build' / 'client'};" in code
    _nginx_accepts(out)


def test_a_certificate_makes_every_address_https_with_http2_and_nginx_accepts_it(tmp_path):
    """``--certificate``/``--certificate-key``: the TLS lines in the server block and ``ssl http2`` on every listen
    address (a page's scripts multiplexed on one connection), as the production example says."""
    web, out = _fake_web(tmp_path), tmp_path / "out"
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    render_nginx.main(["--web", str(web), "--out", str(out), "--main", "--listen", "127.0.0.1:3998",
                       "--listen", "[::1]:3998 ssl", "--backend", "127.0.0.1:4001",
                       "--certificate", str(cert), "--certificate-key", str(key), "--hsts"])
    code = "\n".join(line for line in (out / "partact.conf").read_text().splitlines()
                     if not line.lstrip().startswith("#"))
    assert "listen 127.0.0.1:3998 ssl http2;" in code and "listen [::1]:3998 ssl http2;" in code
    assert f"ssl_certificate {cert};" in code and f"ssl_certificate_key {key};" in code
    assert "strict-transport-security" in (out / "partact-headers.conf").read_text()
    with pytest.raises(SystemExit):
        render_nginx.main(["--web", str(web), "--out", str(out), "--listen", "443", "--backend", "127.0.0.1:4001",
                           "--certificate", str(cert)])
    _nginx_accepts(out)


def test_the_brotli_files_are_served_where_the_module_is(tmp_path):
    """``--brotli on``: ``brotli_static`` in the server block and the module loaded by the private nginx.conf;
    ``off``: neither (an nginx without Debian's module still starts). scripts/nginx.sh installs the module."""
    web = _fake_web(tmp_path)
    for choice, expected in (("on", True), ("off", False)):
        out = tmp_path / choice
        render_nginx.main(["--web", str(web), "--out", str(out), "--main", "--listen", "127.0.0.1:3997",
                           "--backend", "127.0.0.1:4001", "--brotli", choice])
        assert ("brotli_static on;" in (out / "partact.conf").read_text()) is expected
        assert ("load_module" in (out / "nginx.conf").read_text()) is expected
    if not render_nginx.BROTLI_MODULE.is_file():
        pytest.skip("nginx's Brotli module is not installed (make test installs it)")
    _nginx_accepts(tmp_path / "on")
