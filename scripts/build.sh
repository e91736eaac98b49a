#!/usr/bin/env bash
# Builds Partnerdesk. Usage: scripts/build.sh [debug|release|web|fuzz]...   (default: release web)
# Incremental: reruns only what changed. Prints the versions of the dependencies it used.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
"$root/scripts/setup.sh"
export NODE_PATH=/usr/share/nodejs
presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(release web)
jobs=${PD_BUILD_JOBS:-$(nproc)}
for p in "${presets[@]}"; do
  case "$p" in debug|release|web|fuzz) ;; *) echo "unknown preset '$p' (debug, release, web or fuzz)" >&2; exit 2 ;; esac
  if [ ! -f "build/$p/build.ninja" ]; then
    cmake --preset "$p" >/dev/null
  fi
  echo "[build] $p: $(cat "build/$p/versions.txt" 2>/dev/null || echo 'versions unknown')"
  cmake --build --preset "$p" -j"$jobs"
done
