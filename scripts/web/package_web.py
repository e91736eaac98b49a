#!/usr/bin/env python3
"""Writes the browser client's public folder (build step).

Usage: package_web.py --out DIR --index web/index.html NAME=FILE...

Each NAME=FILE is copied to DIR under NAME with a content hash before its extension
("partnerdesk.js" -> "partnerdesk.3f2a9c01b7d4e5f6.js", "fonts/ui-regular.ttf" ->
"fonts/ui-regular.<hash>.ttf"), and every src="NAME" / href="NAME" in the index page becomes
the hashed name, so a browser may keep those files for a year and a new build is fetched
under new names. index.html, and a file the page does not name, keep their names (the server
sends those with no-cache).

With --minify-js TOOL (terser from npm, installed by scripts/setup.sh next to the browser
tests), partnerdesk.js (Emscripten's script) is compressed and its names shortened first
("terser -c -m toplevel,reserved=['Module']": the script's own top-level names too, which only
it uses; Module, the page's settings object, and every property name stay, so the page and the
module find what they call): about 6 KB less with brotli.

Next to each compressible file go NAME.br (Debian's brotli, quality 11) and NAME.gz
(gzip -9), kept only when smaller; the server sends one of them when the request accepts
it. Files of earlier builds are removed, so the folder holds exactly one build.
"""
import argparse
import hashlib
import os
import pathlib
import re
import shutil
import subprocess
import sys

HASH_CHARS = 16
COMPRESSIBLE = {".html", ".js", ".css", ".svg", ".wasm", ".ttf", ".json", ".txt"}


def hashed_name(name, data):
    digest = hashlib.sha256(data).hexdigest()[:HASH_CHARS]
    path = pathlib.PurePosixPath(name)
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


def write_if_changed(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_file() and path.read_bytes() == data:
        return
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def compressed(path, tool):
    """The output of `tool` (a command list reading stdin) for the file at path."""
    with open(path, "rb") as f:
        return subprocess.run(tool, stdin=f, stdout=subprocess.PIPE, check=True).stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--index", required=True, help="the page template (web/index.html)")
    parser.add_argument("--brotli", default=shutil.which("brotli") or "brotli")
    parser.add_argument("--gzip", default=shutil.which("gzip") or "gzip")
    parser.add_argument("--minify-js", default="", help="terser, for partnerdesk.js")
    parser.add_argument("assets", nargs="+", help="NAME=FILE")
    args = parser.parse_args()

    out = pathlib.Path(args.out)
    written = {}  # public name -> bytes
    renamed = {}  # name in the page -> hashed name
    for spec in args.assets:
        name, _, file = spec.partition("=")
        data = pathlib.Path(file).read_bytes()
        if name == "partnerdesk.js" and args.minify_js:
            # Top-level names are shortened too, all but Module (the page's settings object).
            data = subprocess.run([args.minify_js, "-c", "-m", "toplevel,reserved=['Module']"], input=data, stdout=subprocess.PIPE,
                                  check=True).stdout
        public = hashed_name(name, data)
        renamed[name] = public
        written[public] = data

    page = pathlib.Path(args.index).read_text(encoding="utf-8")
    for name, public in renamed.items():
        page, count = re.subn(r'((?:src|href)=")' + re.escape(name) + '"', r"\g<1>" + public + '"', page)
        if count == 0:
            # Not named by the page (fetched by a script under its own name): kept unhashed, so
            # the server revalidates it instead of caching it for a year.
            written[name] = written.pop(public)
    written["index.html"] = page.encode("utf-8")
    hashed = {public for name, public in renamed.items() if public in written and public != name}

    keep = set()
    for public, data in written.items():
        target = out / public
        write_if_changed(target, data)
        keep.add(target)
        if target.suffix not in COMPRESSIBLE:
            continue
        for suffix, tool in ((".br", [args.brotli, "-c", "-q", "11"]), (".gz", [args.gzip, "-9", "-n", "-c"])):
            sibling = target.with_name(target.name + suffix)
            # A hashed file never changes, so its siblings are made once.
            if not (sibling.is_file() and public in hashed):
                small = compressed(target, tool)
                if len(small) >= len(data):
                    sibling.unlink(missing_ok=True)
                    continue
                write_if_changed(sibling, small)
            keep.add(sibling)

    for path in sorted(out.rglob("*"), reverse=True):
        if path.is_file() and path not in keep:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
