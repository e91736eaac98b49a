#!/usr/bin/env bash
# Benchmarks (not part of the test suite). Builds release + web, then measures on this machine:
#   - signed-in reads and durable writes through the real server at 64 keep-alive connections (wrk)
#   - the ceilings: a trivial handler on the same HTTP library, and single-row SQLite commits
#     with the same synchronous setting on the same disk
#   - /healthz and a signed-in read while 1,000 live streams are open
#   - the business's support overview over 1,000,000 tickets, natively and in Chromium
#   - the ticket list with 100,000 rows scrolled in Chromium (frame times)
#   - a replica applying 1,000,000 events natively and in Chromium (wasm)
#   - the client's first load in Chromium: bytes of a first and a repeat visit, first frame
# Prints a table. Usage: bench/run.sh [seconds per wrk run, default 10] [all | http]
#   http: only the HTTP rows (both ceilings, reads, writes), without the web build; for
#   repeating the write measurement quickly on a disk whose speed varies.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-10}
only=${2:-all}
case "$only" in all | http) ;; *) echo "usage: bench/run.sh [seconds] [all|http]" >&2; exit 2 ;; esac
ulimit -n "$(ulimit -Hn)"   # 1,000 streams need more descriptors than the default soft limit
if [ "$only" = http ]; then "$root/scripts/build.sh" release >/dev/null; else "$root/scripts/build.sh" release web >/dev/null; fi
rel="$root/build/release"
work=$(mktemp -d "$root/build/bench-XXXXXX")   # same disk as the data directory would be
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

wait_url() { for _ in $(seq 100); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done; return 1; }
# wrk output -> "req/s p50 p99" (latencies in ms)
parse() {
  awk '/Requests\/sec/ {rps=$2}
       /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
       function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
       END { printf "%.0f %.2f %.2f\n", rps, ms(p50), ms(p99) }'
}
run_wrk() { wrk -t2 -c64 -d"${secs}s" --latency "$@" 2>&1; }

# Ceiling 1: trivial handler.
"$rel/bench/pd_bench_trivial_server" 18901 >/dev/null &
wait_url http://127.0.0.1:18901/ping
read -r triv_rps triv_p50 triv_p99 < <(run_wrk http://127.0.0.1:18901/ping | parse)
kill %1; wait %1 2>/dev/null || true

# Ceiling 2: single-row commits on the same disk.
commits=$("$rel/bench/pd_bench_sqlite_commits" "$work/commits.db" "$secs" | awk '{print $3}' | tr -d '/s')

# The server, with the demo program, request logging above info off (one line per request
# would measure the terminal), no rate limit.
web_root="$root/build/web/public"
[ -d "$web_root" ] || web_root="$work"   # http mode without a web build: the client is not needed
"$rel/server/partnerdesk-server" --port 18902 --data "$work/data" --web-root "$web_root" --demo \
  --rate-limit 0 --log-level warn >/dev/null 2>"$work/server.log" &
wait_url http://127.0.0.1:18902/healthz
cookie=$(curl -s -D - -o /dev/null -H 'X-Requested-With: partnerdesk' -H 'Content-Type: application/json' \
  -d '{"email":"staff@acme.test","password":"demo-password"}' http://127.0.0.1:18902/api/v1/session |
  awk -F'[ ;]' 'tolower($1)=="set-cookie:" && $2 ~ /^pd_session=/ {print $2}')
export PD_COOKIE=$cookie
read -r read_rps read_p50 read_p99 < <(run_wrk -s "$root/bench/read.lua" http://127.0.0.1:18902 | parse)
read -r write_rps write_p50 write_p99 < <(run_wrk -s "$root/bench/write.lua" http://127.0.0.1:18902 | parse)
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100*a/b }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a/b }'; }
http_rows() {
  printf '\n%-58s %12s %9s %9s\n' "measurement (64 connections, ${secs} s each)" "rate" "p50 ms" "p99 ms"
  printf '%-58s %12s %9s %9s\n' "trivial handler, same HTTP library (ceiling)" "$triv_rps/s" "$triv_p50" "$triv_p99"
  printf '%-58s %12s %9s %9s\n' "signed-in reads: GET customers?limit=20" "$read_rps/s" "$read_p50" "$read_p99"
  printf '%-58s %12s %9s %9s\n' "durable writes: POST AddCustomer command" "$write_rps/s" "$write_p50" "$write_p99"
  printf '%-58s %12s\n' "SQLite single-row commits, WAL, synchronous=FULL (ceiling)" "$commits/s"
  printf '%-58s %12s\n' "reads / trivial handler (target >= 40%)" "$(pct "$read_rps" "$triv_rps")"
  printf '%-58s %12s\n' "writes / single-row commits (target >= 2x)" "$(ratio "$write_rps" "$commits")"
}
if [ "$only" = http ]; then
  http_rows
  errors=$(curl -s http://127.0.0.1:18902/metrics | awk '/pd_http_requests_total\{status="5xx"\}/ {print $2}')
  printf '%-58s %12s\n' "server 5xx answers" "${errors:-0}"
  exit 0
fi
read -r _ _ _ streams_open _ worst_health _ worst_stream_read < <("$rel/bench/pd_bench_stream_latency" 18902 "$cookie" 1000 50)
events=$(curl -s http://127.0.0.1:18902/metrics | awk '/^pd_events_appended_total/ {print $2}')
errors=$(curl -s http://127.0.0.1:18902/metrics | awk '/pd_http_requests_total\{status="5xx"\}/ {print $2}')

native=$("$rel/bench/pd_bench_replica_apply" 1000000 | awk '{print $4}')
browser=$(node "$root/bench/browser_run.js" "$root/build/web/bench/pd_bench_replica_apply.js" apply 1000000 | awk '{print $4}')
overview_native=$("$rel/bench/pd_bench_support_overview" 1000000 200 | awk '{print $6}')
overview_browser=$(node "$root/bench/browser_run.js" "$root/build/web/bench/pd_bench_support_overview.js" overview 1000000 200 | awk '{print $6}')
# The routing rules: 100 rules against 1,000,000 tickets, microseconds per ticket.
routing_native=$("$rel/bench/pd_bench_routing_rules" 1000000 | awk '{print $9}')
routing_browser=$(node "$root/bench/browser_run.js" "$root/build/web/bench/pd_bench_routing_rules.js" routing 1000000 | awk '{print $9}')

# The ticket list over 100,000 tickets, scrolled in Chromium (release server, seeded data).
"$rel/bench/pd_bench_seed_tickets" "$work/tickets" 100000 >/dev/null
list_line=$(PD_SERVER_BIN="$rel/server/partnerdesk-server" PD_WEB_ROOT="$root/build/web/public" \
  node "$root/bench/ticket_list_frames.js" "$work/tickets" 100000)
list_p95=$(echo "$list_line" | sed -E 's/.* p95 ([0-9.]+) ms.*/\1/')
list_max=$(echo "$list_line" | sed -E 's/.* max ([0-9.]+) ms.*/\1/')

# The client's first load (bytes as sent, time to the first frame), median of 5 visits.
load_out=$(PD_SERVER_BIN="$rel/server/partnerdesk-server" PD_WEB_ROOT="$root/build/web/public" \
  node "$root/bench/first_load.js" 5)
load_line=${load_out%%$'\n'*}
load_first=$(echo "$load_line" | sed -E 's/.*first visit ([0-9]+) bytes.*/\1/')
load_repeat=$(echo "$load_line" | sed -E 's/.*repeat visit ([0-9]+) bytes.*/\1/')
load_frame=$(echo "$load_line" | sed -E 's/.*first frame ([0-9]+) ms.*/\1/')

http_rows
printf '%-58s %12s\n' "with $streams_open open streams: worst /healthz (target < 100 ms)" "$worst_health ms"
printf '%-58s %12s\n' "with $streams_open open streams: worst customer read (target < 100 ms)" "$worst_stream_read ms"
printf '%-58s %12s\n' "replica applies 1,000,000 events, native (target < 2 s)" "$native ms"
printf '%-58s %12s\n' "replica applies 1,000,000 events, Chromium (wasm)" "$browser ms"
printf '%-58s %12s\n' "support overview, 1M tickets 200 agents, native (< 100 ms)" "$overview_native ms"
printf '%-58s %12s\n' "support overview, 1M tickets 200 agents, Chromium (< 300 ms)" "$overview_browser ms"
printf '%-58s %12s\n' "routing, 100 rules x 1M tickets, native, per ticket" "$routing_native us"
printf '%-58s %12s\n' "routing, 100 rules x 1M tickets, Chromium, per ticket" "$routing_browser us"
printf '%-58s %12s\n' "ticket list, 100,000 rows scrolling: p95 frame (< 16 ms)" "$list_p95 ms"
printf '%-58s %12s\n' "ticket list, 100,000 rows scrolling: worst frame" "$list_max ms"
printf '%-58s %12s\n' "first load: first visit, bytes as sent (target < 600 KB)" "$load_first B"
printf '%-58s %12s\n' "first load: repeat visit, bytes as sent (target < 5 KB)" "$load_repeat B"
printf '%-58s %12s\n' "first load: first frame after navigation (target < 1 s)" "$load_frame ms"
printf '%-58s %12s\n' "events in the log after the run / server 5xx answers" "$events / ${errors:-0}"
