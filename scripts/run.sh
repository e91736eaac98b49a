#!/usr/bin/env bash
# Installs what is missing, builds the release server and the browser client, and serves
# Partnerdesk with the demo program on first start.
#   scripts/run.sh [--port N] [--data DIR] [other server flags]   (or PORT=, DATA_DIR=)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
port=${PORT:-8080}
data=${DATA_DIR:-$root/data}
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --port=*) port=${1#*=}; shift ;;
    --data) data=$2; shift 2 ;;
    --data=*) data=${1#*=}; shift ;;
    *) extra+=("$1"); shift ;;
  esac
done
# Only what it runs: the release server and the browser client (no tests, no benchmarks).
PD_TARGETS="partnerdesk-server pd_web_public" "$root/scripts/build.sh" release web
mkdir -p "$data"
cat <<EOT

Partnerdesk: http://127.0.0.1:$port
Demo sign-ins (password: demo-password)
  owner@acme.test      business owner of Acme Analytics
  staff@acme.test      support staff at Acme Analytics
  agent@acme.test      certified support agent
  trainee@acme.test    agent working towards certification
  customer@acme.test   customer of Acme Analytics
Data: $data   (Ctrl-C stops the server)

EOT
exec "$root/build/release/server/partnerdesk-server" --host 127.0.0.1 --port "$port" --data "$data" \
  --web-root "$root/build/web/public" --demo "${extra[@]}"
