#!/usr/bin/env bash
# Installs every dependency Partnerdesk needs on a Debian 12 machine, idempotently:
#  - Debian packages (only those missing; a second run installs nothing),
#  - cpp-httplib and Dear ImGui as sources from Debian sid, fetched through a private apt
#    configuration under .deps/apt so the machine's own apt sources stay untouched,
#  - playwright-core and axe-core from npm (tests/browser, locked by package-lock.json), and
#    terser, which minifies the web build's script.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
deps="$root/.deps"
export DEBIAN_FRONTEND=noninteractive

HTTPLIB_MIN=0.41.0
IMGUI_MIN=1.92.2

log() { printf '[setup] %s\n' "$*"; }
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# --- 1. Debian packages -------------------------------------------------------------------
packages=(
  build-essential cmake ninja-build pkg-config dpkg-dev ca-certificates
  emscripten nodejs npm
  nlohmann-json3-dev doctest-dev libsqlite3-dev libsodium-dev libssl-dev zlib1g-dev
  liboath-dev oathtool libqrencode-dev
  libcurl4-openssl-dev python3-aiosmtpd dovecot-imapd libzip-dev
  libhowardhinnant-date-dev libgoogle-perftools-dev tzdata
  chromium fonts-noto-core fonts-dejavu-core python3-fonttools brotli
  clang libclang-rt-14-dev clang-tidy curl python3 sqlite3 wrk slowhttptest faketime ccache
)
missing=()
for p in "${packages[@]}"; do
  # nodejs and npm may come from another repository (e.g. NodeSource) under the same names,
  # or npm may be bundled with nodejs: accept any installed node >= 18 with npm.
  if [ "$p" = nodejs ] && command -v node >/dev/null; then continue; fi
  if [ "$p" = npm ] && command -v npm >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  log "Debian packages: all present"
fi

# --- 2. Sources from Debian sid (private apt configuration) -------------------------------
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

# The Debian archive this machine's apt uses (its mirror or proxy, whatever it is): the first
# URI of a non-security source in /etc/apt/sources.list.d/*.sources (deb822) or
# /etc/apt/sources.list (one-line form).
debian_archive() {
  local uri
  uri=$(python3 - <<'PY'
import glob, re
uris = []
for path in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
    for stanza in re.split(r"\n\s*\n", open(path, encoding="utf-8", errors="replace").read()):
        fields = {}
        for line in stanza.splitlines():
            if line.startswith("#") or ":" not in line: continue
            k, v = line.split(":", 1)
            fields[k.strip().lower()] = v.split()
        if fields.get("enabled", ["yes"])[0].lower() == "no": continue
        if "deb" not in fields.get("types", []) and "deb-src" not in fields.get("types", []): continue
        if any(s.endswith("-security") for s in fields.get("suites", [])): continue
        uris += fields.get("uris", [])
for path in ["/etc/apt/sources.list"] + sorted(glob.glob("/etc/apt/sources.list.d/*.list")):
    try: lines = open(path, encoding="utf-8", errors="replace").read().splitlines()
    except OSError: continue
    for line in lines:
        words = re.sub(r"\[[^]]*\]", "", line.split("#", 1)[0]).split()
        if len(words) >= 3 and words[0] in ("deb", "deb-src") and not words[2].endswith("-security"):
            uris.append(words[1])
debian = [u for u in uris if re.search(r"/debian/?$", u)]
print((debian or uris or [""])[0].rstrip("/"))
PY
)
  if [ -z "$uri" ]; then
    echo "no Debian archive found in this machine's apt sources (/etc/apt/sources.list*)" >&2
    exit 1
  fi
  echo "$uri"
}

fetch_sid_source() { # $1 source package, $2 destination folder name
  local pkg=$1 dest="$deps/$2"
  if [ -f "$dest/.version" ]; then return 0; fi
  local apt="$deps/apt"
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$deps/src"
  local archive; archive=$(debian_archive)
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $archive sid main" > "$apt/sources.list"
  local opts=(-o "Dir::Etc::sourcelist=$apt/sources.list" -o "Dir::Etc::sourceparts=-"
              -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache"
              -o "APT::Get::List-Cleanup=0")
  # Downloads land in a root-owned folder of ours; apt's _apt sandbox user cannot write there.
  if [ "$(id -u)" -eq 0 ]; then opts+=(-o "APT::Sandbox::User=root"); fi
  if [ ! -f "$apt/.updated" ]; then
    log "reading Debian sid source index (private apt configuration)"
    apt-get "${opts[@]}" update -qq
    touch "$apt/.updated"
  fi
  log "fetching $pkg source from Debian sid"
  rm -rf "$deps/src/$pkg"; mkdir -p "$deps/src/$pkg"
  (cd "$deps/src/$pkg" && apt-get "${opts[@]}" source -qq --download-only "$pkg" >/dev/null)
  local dsc; dsc=$(ls "$deps/src/$pkg"/*.dsc | head -n1)
  (cd "$deps/src/$pkg" && dpkg-source --no-check -x "$(basename "$dsc")" tree >/dev/null)
  local ver; ver=$(basename "$dsc" .dsc); ver=${ver#*_}; ver=${ver%%-*}; ver=${ver%%+*}
  rm -rf "$dest"; mv "$deps/src/$pkg/tree" "$dest"
  echo "$ver" > "$dest/.version"
}

fetch_sid_source cpp-httplib httplib
fetch_sid_source imgui imgui
hv=$(cat "$deps/httplib/.version"); iv=$(cat "$deps/imgui/.version")
version_ge "$hv" "$HTTPLIB_MIN" || { echo "cpp-httplib $hv is older than the minimum $HTTPLIB_MIN" >&2; exit 1; }
version_ge "${iv//[a-z]/}" "$IMGUI_MIN" || { echo "Dear ImGui $iv is older than the minimum $IMGUI_MIN" >&2; exit 1; }
log "cpp-httplib $hv, Dear ImGui $iv (from Debian sid sources in .deps/)"

# --- 3. npm: playwright-core and axe-core for the browser tests, terser for the web build ---
if [ -f "$root/tests/browser/package-lock.json" ]; then
  stamp="$root/tests/browser/node_modules/.lock-stamp"
  if [ ! -f "$stamp" ] || ! cmp -s "$stamp" "$root/tests/browser/package-lock.json"; then
    log "installing browser-test packages from npm (package-lock.json)"
    (cd "$root/tests/browser" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
    cp "$root/tests/browser/package-lock.json" "$stamp"
  fi
fi
log "done"
