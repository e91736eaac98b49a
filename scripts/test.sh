#!/usr/bin/env bash
# Installs what is missing, builds, and runs every suite:
#   1. doctest unit tests and server integration tests (real server process over HTTP), via ctest
#   2. clang-tidy (bugprone, cert, clang-analyzer checks) over server/ and shared/
#   3. a bounded libFuzzer run over the command decoder and decide() (PD_FUZZ_SECONDS, default 30)
#   4. browser tests: headless Chromium driven by Playwright against a real server
# Ends with a table of where the time went (setup, each build preset, each suite) and one line
# "N passed, N failed" summing all suites; exits non-zero on any failure.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
logs="$root/build/test-logs"
passed=0
failed=0

# Where the time goes: one row per step, printed at the end.
timings=()
step_start=$SECONDS
step_done() { # $1 name: the time since the previous step ended
  timings+=("$(printf '%-28s %5d s' "$1" $((SECONDS - step_start)))")
  step_start=$SECONDS
}
print_timings() {
  echo "== time =="
  printf '%s\n' "${timings[@]}"
  printf '%-28s %5d s\n' "total" "$SECONDS"
}

"$root/scripts/setup.sh" || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
step_done "setup"
# debug: the server, the tests, the command fuzzer and the client's logic (clang, sanitizers);
# not the benchmarks, which bench/run.sh builds with the release preset;
# web: only the browser client and its public folder (its benchmarks are built by bench/run.sh). Unity batches: the
# headers every test and view includes are compiled once per batch of files.
for preset in debug web; do
  targets="pd_unit_tests pd_server_tests partnerdesk-server pd_command_fuzzer"
  [ "$preset" = web ] && targets="pd_web_public" # the client and its public folder (hashed names, .br, .gz)
  if ! PD_SKIP_SETUP=1 PD_CMAKE_ARGS="-DPD_UNITY=ON" PD_TARGETS="$targets" "$root/scripts/build.sh" "$preset"; then
    echo "build failed ($preset)"
    print_timings
    echo "0 passed, 1 failed"
    exit 1
  fi
  step_done "build $preset"
done
mkdir -p "$logs"

# --- 1. ctest: each entry is a doctest executable; sum its test-case counts -----------------
echo "== unit and server tests (ctest) =="
# The unit suite and the server suite's shards (tests/CMakeLists.txt) are independent: they run
# side by side (the server tests mostly wait on the servers they start).
ctest --preset debug -V -j4 >"$logs/ctest.log" 2>&1
ctest_rc=$?
grep -E '\[doctest\] (test cases|Status)|Test #|tests passed|FAILED|ERROR|error' "$logs/ctest.log" | sed 's/^[0-9]*: //' | grep -v '^$' || true
counted=$(grep -E '\[doctest\] test cases:' "$logs/ctest.log" | sed -E 's/.*\| *([0-9]+) passed \| *([0-9]+) failed.*/\1 \2/')
suites_with_counts=$(printf '%s\n' "$counted" | grep -c . || true)
while read -r p f; do
  [ -n "${p:-}" ] || continue
  passed=$((passed + p)); failed=$((failed + f))
done <<<"$counted"
total_entries=$(grep -cE '^ *[0-9]+/[0-9]+ Test +#' "$logs/ctest.log" || true)
if [ "$ctest_rc" -ne 0 ]; then
  # An executable that crashed prints no summary: count it as one failure.
  crashed=$((total_entries - suites_with_counts))
  [ "$crashed" -gt 0 ] && failed=$((failed + crashed))
  [ "$crashed" -le 0 ] && grep -q 'Failed\|Exception\|Timeout' "$logs/ctest.log" && [ "$failed" -eq 0 ] && failed=1
  echo "ctest failed: see $logs/ctest.log"
fi
step_done "unit and server tests"

# --- 2. static analysis: clang-tidy over server/ and shared/ (scripts/tidy.py, .clang-tidy) -----
echo "== static analysis (clang-tidy) =="
if python3 "$root/scripts/tidy.py" --build "$root/build/debug" >"$logs/tidy.log" 2>&1; then
  echo "ok - $(tail -n1 "$logs/tidy.log")"
  passed=$((passed + 1))
else
  grep -E ': (warning|error): ' "$logs/tidy.log" | head -n 20 || true
  echo "not ok - $(tail -n1 "$logs/tidy.log"), see $logs/tidy.log"
  failed=$((failed + 1))
fi
step_done "clang-tidy"

# --- 3. fuzzing: bounded time, fresh corpus from the seeds -----------------------------------
echo "== fuzz (libFuzzer, ${PD_FUZZ_SECONDS:-30} s) =="
corpus=$(mktemp -d)
if "$root/build/debug/tools/fuzz/pd_command_fuzzer" -max_total_time="${PD_FUZZ_SECONDS:-30}" -dict="$root/tests/fuzz/json.dict" \
     -artifact_prefix="$logs/" "$corpus" "$root/tests/fuzz/corpus" >"$logs/fuzz.log" 2>&1; then
  echo "ok - fuzz: $(grep -oE 'Done [0-9]+ runs' "$logs/fuzz.log" | tail -n1), no crash"
  passed=$((passed + 1))
else
  echo "not ok - fuzz: crash or sanitizer report, see $logs/fuzz.log (reproducer in $logs/)"
  failed=$((failed + 1))
fi
rm -rf "$corpus"
step_done "fuzz"

# --- 4. browser tests -----------------------------------------------------------------------
echo "== browser tests (Chromium + Playwright) =="
if [ -d "$root/tests/browser" ] && ls "$root"/tests/browser/*.test.js >/dev/null 2>&1; then
  (cd "$root/tests/browser" && PD_SERVER_BIN="$root/build/debug/server/partnerdesk-server" \
     PD_WEB_ROOT="$root/build/web/public" node --test --test-concurrency=1 --test-reporter=tap ./*.test.js) \
     >"$logs/browser.log" 2>&1
  browser_rc=$?
  grep -E '^(not )?ok |^# (pass|fail)' "$logs/browser.log" || true
  bp=$(grep -E '^# pass ' "$logs/browser.log" | tail -n1 | awk '{print $3}')
  bf=$(grep -E '^# fail ' "$logs/browser.log" | tail -n1 | awk '{print $3}')
  passed=$((passed + ${bp:-0})); failed=$((failed + ${bf:-0}))
  if [ "$browser_rc" -ne 0 ] && [ "${bf:-0}" -eq 0 ]; then failed=$((failed + 1)); echo "browser suite failed to run: see $logs/browser.log"; fi
  [ "${bf:-0}" -gt 0 ] && echo "browser failures: see $logs/browser.log"
fi
step_done "browser tests"

print_timings

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
