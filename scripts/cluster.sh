#!/usr/bin/env bash
# `make run-cluster`: partact scaled out on one machine, as in production (docs/deployment.md).
#   PostgreSQL and Redis (started, or installed from Debian's packages, when missing), nginx (the same);
#   the migrations, once; the demo event (once; a fresh organiser key);
#   the front end exported once, for the public origin (nginx on PORT), and copied to .cluster/www;
#   INSTANCES backends (default 2), `reflex run --env prod --backend-only` on ports BACKEND_PORT_BASE + i;
#   the schedule engine's worker (`partact engine-worker`), which computes the schedules of every instance;
#   nginx in front on PORT, configured from deploy/nginx.conf.
# Everything it writes goes under .cluster/ (ignored by git). Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

export PORT="${PORT:-3000}"
INSTANCES="${INSTANCES:-2}"
BACKEND_PORT_BASE="${BACKEND_PORT_BASE:-$((PORT + 1))}"
export PARTACT_PUBLIC_URL="${PARTACT_PUBLIC_URL:-http://localhost:$PORT}"
export REFLEX_DB_URL="${REFLEX_DB_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/partact}"
export REFLEX_REDIS_URL="${REFLEX_REDIS_URL:-redis://127.0.0.1:6379/0}"
export PATH="$ROOT/.venv/bin:$PATH"
RUN="$ROOT/.cluster"

[[ "$INSTANCES" =~ ^[1-9][0-9]*$ ]] || { echo "INSTANCES must be a positive number (got '$INSTANCES')" >&2; exit 2; }

scripts/services.sh
scripts/nginx.sh
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# The default database `partact` on the local PostgreSQL (trust auth on loopback, as scripts/services.sh sets).
if [[ "$REFLEX_DB_URL" == "postgresql+psycopg://postgres@127.0.0.1:5432/partact" ]]; then
  psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='partact'" | grep -q 1 \
    || createdb -h 127.0.0.1 -U postgres partact
fi

mkdir -p "$RUN"
pids=()
stop_all() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_all INT TERM EXIT

echo "cluster: migrations"
partact db upgrade
demo_output=$(partact demo)

echo "cluster: exporting the front end for $PARTACT_PUBLIC_URL"
# The origin the browsers open is nginx's; Reflex bakes it into the build (env.json).
REFLEX_API_URL="${REFLEX_API_URL:-$PARTACT_PUBLIC_URL}" reflex export --frontend-only --no-zip --loglevel warning \
  > "$RUN/export.log" 2>&1 || { tail -30 "$RUN/export.log" >&2; echo "the export failed (see $RUN/export.log)" >&2; exit 1; }
# nginx serves a copy, so a later `make run` (which builds into .web/ for its own port) leaves it alone.
rm -rf "$RUN/www.new" && cp -a .web/build/client "$RUN/www.new" && rm -rf "$RUN/www" && mv "$RUN/www.new" "$RUN/www"

rm -rf .states  # server-side copies of browser state from an earlier `make run`
backends=()
for i in $(seq 1 "$INSTANCES"); do
  port=$((BACKEND_PORT_BASE + i - 1))
  backends+=("127.0.0.1:$port")
  # Each instance in a session of its own (its granian worker too), so that it can be stopped as a whole.
  REFLEX_BACKEND_ONLY=true PARTACT_TRUSTED_PROXY_HOPS=1 GRANIAN_WORKERS="${WORKERS:-1}" \
    setsid reflex run --env prod --backend-only --backend-port "$port" --backend-host 127.0.0.1 \
    >> "$RUN/backend-$i.log" 2>&1 < /dev/null &
  pids+=($!)
done

# The schedule engine, once for every instance (docs/deployment.md): the instances hand it their computations
# over Redis, and compute in an engine process of their own only when it does not answer.
setsid partact engine-worker >> "$RUN/engine-worker.log" 2>&1 < /dev/null &
pids+=($!)

for backend in "${backends[@]}"; do
  until curl -sf "http://$backend/ping" >/dev/null; do
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "a backend did not start (see $RUN/backend-*.log)" >&2; exit 1; }
    done
    sleep 1
  done
done

python deploy/render_nginx.py --web .web --static "$RUN/www" --out "$RUN/nginx" --main --listen "$PORT" \
  $(printf -- '--backend %s ' "${backends[@]}")
user=""
[ "$(id -u)" = 0 ] && user="user root;"  # the workers read .cluster/www as the one who runs this script
"$NGINX" -t -q -p "$RUN/nginx/" -c nginx.conf -e "$RUN/nginx/error.log" -g "$user daemon off;"
"$NGINX" -p "$RUN/nginx/" -c nginx.conf -e "$RUN/nginx/error.log" -g "$user daemon off;" &
pids+=($!)

until curl -sf "http://localhost:$PORT/ping" >/dev/null && curl -sf "http://localhost:$PORT/" >/dev/null; do
  kill -0 "${pids[-1]}" 2>/dev/null || { echo "nginx did not start (see $RUN/nginx/error.log)" >&2; exit 1; }
  sleep 0.5
done

cat <<BANNER

==============================================================================
 partact cluster on http://localhost:$PORT   (Ctrl-C stops it)
 nginx -> $INSTANCES backends: ${backends[*]}; the schedule engine: partact engine-worker
 health of each: http://<backend>/ping (alive), http://<backend>/_health (database and Redis)
 logs: .cluster/backend-*.log, .cluster/engine-worker.log, .cluster/nginx/
$(printf '%s\n' "$demo_output" | sed 's/^/ /')
==============================================================================

BANNER
wait "${pids[-1]}"
