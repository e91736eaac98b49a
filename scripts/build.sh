#!/usr/bin/env bash
# Builds Partnerdesk. Usage: scripts/build.sh [debug|release|web]...   (default: release web)
# Incremental: reruns only what changed. Prints the versions of the dependencies it used.
# debug is clang with the sanitizers and also builds the command fuzzer (tools/fuzz).
#   PD_TARGETS="a b"  builds only those targets of each preset (scripts/run.sh: the server and
#                     the browser client, not the tests and benchmarks)
#   PD_SKIP_SETUP=1   the caller already ran scripts/setup.sh
#   PD_CMAKE_ARGS="-D..." more cache settings when a preset's folder is first configured
#                     (scripts/test.sh: -DPD_UNITY=ON)
#   PD_CCACHE=0       compiles without ccache (default: with it, when installed)
# Compilers run through ccache (Debian's package): a clean clone of an unchanged tree compiles
# from the cache (~/.cache/ccache, 5 GB at most). Paths are taken relative to the checkout and
# the working directory is not hashed, so every clone of the project shares one cache.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ -n "${PD_SKIP_SETUP:-}" ] || "$root/scripts/setup.sh"
export NODE_PATH=/usr/share/nodejs
launcher_args=()
if [ "${PD_CCACHE:-1}" != 0 ] && command -v ccache >/dev/null; then
  export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1 CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
  launcher_args=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(release web)
jobs=${PD_BUILD_JOBS:-$(nproc)}
for p in "${presets[@]}"; do
  case "$p" in debug|release|web) ;; *) echo "unknown preset '$p' (debug, release or web)" >&2; exit 2 ;; esac
  # A debug folder configured before the preset moved to clang is configured again.
  if [ "$p" = debug ] && [ -f build/debug/CMakeCache.txt ] && ! grep -q '^CMAKE_CXX_COMPILER:[A-Z]*=.*clang++$' build/debug/CMakeCache.txt; then
    rm -rf build/debug
  fi
  if [ ! -f "build/$p/build.ninja" ]; then
    # shellcheck disable=SC2086 # PD_CMAKE_ARGS holds several arguments
    cmake --preset "$p" "${launcher_args[@]}" ${PD_CMAKE_ARGS:-} >/dev/null
  fi
  echo "[build] $p: $(cat "build/$p/versions.txt" 2>/dev/null || echo 'versions unknown')"
  if [ -n "${PD_TARGETS:-}" ]; then
    # Only the targets this preset defines (the server is not in web, the client not in release).
    targets=()
    for t in $PD_TARGETS; do
      if ninja -C "build/$p" -t query "$t" >/dev/null 2>&1; then targets+=("$t"); fi
    done
    [ ${#targets[@]} -eq 0 ] || cmake --build --preset "$p" -j"$jobs" --target "${targets[@]}"
  else
    cmake --build --preset "$p" -j"$jobs"
  fi
done
