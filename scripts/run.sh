#!/usr/bin/env bash
# `make run`: the demo event (created once, fresh organiser key), then the production build on one port.
# The URLs are printed again once the app answers. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
export PORT="${PORT:-3000}"
export PARTACT_PUBLIC_URL="${PARTACT_PUBLIC_URL:-http://localhost:$PORT}"
export PATH="$PWD/.venv/bin:$PATH"

demo_output=$(.venv/bin/partact demo)
rm -rf .states  # server-side copies of browser state from an earlier run

.venv/bin/reflex run --env prod --backend-port "$PORT" --frontend-port "$PORT" &
app=$!
trap 'kill -TERM -- $app 2>/dev/null || true; wait $app 2>/dev/null || true' INT TERM EXIT

until curl -sf "http://localhost:$PORT/ping" >/dev/null && curl -sf "http://localhost:$PORT/" >/dev/null; do
  kill -0 "$app" 2>/dev/null || { echo "partact did not start (see the output above)" >&2; exit 1; }
  sleep 1
done

cat <<BANNER

==============================================================================
 partact is running on http://localhost:$PORT   (Ctrl-C stops it)
$(printf '%s\n' "$demo_output" | sed 's/^/ /')
==============================================================================

BANNER
wait "$app"
