#!/usr/bin/env bash
# Make sure nginx is installed (Debian's package) for `make run-cluster` and the cluster tests. Only the binary
# is wanted: partact runs its own nginx with its own configuration, pid and logs under a run directory
# (scripts/cluster.sh, harness/cluster.py), never the system's service. With it, Debian's module that serves the
# build's Brotli files (deploy/render_nginx.py turns `brotli_static` on where the module is; without it nginx
# serves the gzip ones, so a failed install only costs bytes).
set -euo pipefail

nginx_bin() { command -v nginx || { test -x /usr/sbin/nginx && echo /usr/sbin/nginx; }; }

if ! nginx_bin >/dev/null; then
  echo "installing nginx from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
fi
nginx_bin >/dev/null || { echo "nginx is missing and could not be installed" >&2; exit 1; }

BROTLI_MODULE=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
if ! test -f "$BROTLI_MODULE"; then
  echo "installing Debian's Brotli module for nginx"
  { apt-get install -y -qq libnginx-mod-http-brotli-static >/dev/null 2>&1 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libnginx-mod-http-brotli-static >/dev/null; }; } \
    || echo "the Brotli module could not be installed: nginx will serve the gzip files" >&2
fi
