#!/usr/bin/env bash
# Make sure nginx is installed (Debian's package) for `make run-cluster` and the cluster tests. Only the binary
# is wanted: partact runs its own nginx with its own configuration, pid and logs under a run directory
# (scripts/cluster.sh, harness/cluster.py), never the system's service.
set -euo pipefail

nginx_bin() { command -v nginx || { test -x /usr/sbin/nginx && echo /usr/sbin/nginx; }; }

if ! nginx_bin >/dev/null; then
  echo "installing nginx from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
fi
nginx_bin >/dev/null || { echo "nginx is missing and could not be installed" >&2; exit 1; }
