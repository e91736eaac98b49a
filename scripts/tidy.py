#!/usr/bin/env python3
"""Runs clang-tidy (checks in .clang-tidy) over every translation unit of server/ and shared/.

Usage: scripts/tidy.py [--build DIR] [--jobs N] [--all] [--update-cache]

A translation unit whose inputs are unchanged since a clean run is not checked again: its key
is a SHA-256 over the clang-tidy version, .clang-tidy, its compile flags (with the checkout's
path taken out) and the contents of every project file it includes (from the build's
dependency records), and tests/tidy/clean.txt lists the keys of clean runs. Any change to a
file, a header it includes, the flags, the checks or clang-tidy itself runs it again. --all
ignores the list; --update-cache rewrites it with the keys of the units that are clean now (as
each one comes out clean, so a run cut short keeps the units it finished).

Prints one line per finding and ends with "tidy: N units, N checked, N unchanged, N with
findings"; exits 1 when any unit has findings.
"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import re
import shlex
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE = os.path.join(ROOT, "tests", "tidy", "clean.txt")
SCOPES = ("server/", "shared/")


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def ninja_deps(build):
    """object path (relative to the build folder) -> list of absolute dependency paths."""
    out = subprocess.run(["ninja", "-C", build, "-t", "deps"], capture_output=True, text=True, check=True).stdout
    deps, current = {}, None
    for line in out.splitlines():
        if not line.strip():
            current = None
            continue
        if not line.startswith(" ") and ":" in line:
            current = line.split(":", 1)[0]
            deps[current] = []
        elif current is not None:
            deps[current].append(os.path.normpath(os.path.join(os.path.abspath(build), line.strip())))  # ccache writes them relative
    return deps


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build", "debug"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--update-cache", action="store_true")
    args = ap.parse_args()

    build = os.path.abspath(args.build)
    with open(os.path.join(build, "compile_commands.json")) as f:
        commands = json.load(f)
    version = subprocess.run(["clang-tidy", "--version"], capture_output=True, text=True, check=True).stdout
    with open(os.path.join(ROOT, ".clang-tidy"), "rb") as f:
        config = f.read()
    deps = ninja_deps(args.build)
    cached = {}
    if os.path.exists(CACHE) and not args.all:
        with open(CACHE) as f:
            for line in f:
                parts = line.split()
                if len(parts) == 2:
                    cached[parts[0]] = parts[1]

    units = []
    for c in commands:
        rel = os.path.relpath(c["file"], ROOT)
        if not rel.startswith(SCOPES):
            continue
        argv = shlex.split(c["command"])
        obj = argv[argv.index("-o") + 1] if "-o" in argv else None
        # The build folder first: it may lie inside the checkout (build/debug) or anywhere else.
        flags = [a.replace(build, "<build>").replace(ROOT, "<root>") for a in argv[1:] if a not in ("-o", obj, c["file"])]
        flags = [a for a in flags if not a.startswith(("-MT", "-MF", "-MD")) and not a.endswith((".o", ".o.d"))]
        h = hashlib.sha256()
        h.update(version.encode())
        h.update(config)
        h.update(" ".join(flags).encode())
        for v in ("httplib", "imgui"):  # third-party sources unpacked by scripts/setup.sh
            path = os.path.join(ROOT, ".deps", v, ".version")
            if os.path.exists(path):
                h.update(sha256_file(path).encode())
        inputs = sorted(set([c["file"]] + deps.get(obj, [])))
        if obj not in deps:  # never built: no dependency record, always checked
            h.update(os.urandom(16))
        for d in inputs:
            r = os.path.relpath(d, ROOT)
            if r.startswith("..") or r.startswith("build") or r.startswith(".deps"):
                continue  # system and third-party headers: their versions are in the flags' paths
            h.update(r.encode())
            h.update(sha256_file(d).encode())
        units.append((rel, h.hexdigest()))
    units.sort()

    def run(unit):
        rel, key = unit
        if cached.get(rel) == key:
            return rel, key, None
        p = subprocess.run(["clang-tidy", "-p", args.build, "--quiet", "--extra-arg=-Wno-unknown-warning-option",
                            os.path.join(ROOT, rel)], capture_output=True, text=True)
        findings = [l for l in p.stdout.splitlines() if re.search(r": (warning|error): ", l)]
        if p.returncode != 0 and not findings:
            findings = [f"{rel}: error: clang-tidy exited with {p.returncode}: {p.stderr.strip()[-500:]}"]
        return rel, key, (p.stdout if findings else "")

    def write_cache(entries):
        os.makedirs(os.path.dirname(CACHE), exist_ok=True)
        with open(CACHE + ".tmp", "w") as f:
            for rel in sorted(entries):
                f.write(f"{rel} {entries[rel]}\n")
        os.replace(CACHE + ".tmp", CACHE)

    # With --update-cache the list is written as each unit comes out clean (the units not done
    # yet keep their old lines, which no longer match), so a run cut short keeps what it did.
    known = {rel: key for rel, key in cached.items() if rel in {u[0] for u in units}}
    clean, checked, unchanged, dirty = {}, 0, 0, 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for future in concurrent.futures.as_completed([pool.submit(run, u) for u in units]):
            rel, key, out = future.result()
            if out is None:
                unchanged += 1
                clean[rel] = key
                continue
            checked += 1
            if out:
                dirty += 1
                known.pop(rel, None)
                print(out, end="" if out.endswith("\n") else "\n", flush=True)
            else:
                clean[rel] = key
                known[rel] = key
                if args.update_cache:
                    write_cache(known)
    if args.update_cache:
        write_cache(clean)
    print(f"tidy: {len(units)} units, {checked} checked, {unchanged} unchanged since a clean run, {dirty} with findings")
    return 1 if dirty else 0


if __name__ == "__main__":
    sys.exit(main())
