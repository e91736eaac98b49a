#!/usr/bin/env python3
"""Sizes of a wasm module's functions by name, for a module linked with --profiling-funcs.

Usage: wasm_functions.py MODULE.wasm [PATTERN...]
Prints the module and code sizes, and the bytes of the functions whose names
contain one of the patterns (e.g. "ImGuiTestEngine" "item_table" for the test hooks).
"""
import sys


def leb(data, at):
    value = shift = 0
    while True:
        b = data[at]
        at += 1
        value |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return value, at


def sections(data):
    at = 8
    while at < len(data):
        sid = data[at]
        size, body = leb(data, at + 1)
        yield sid, data[body:body + size]
        at = body + size


def main():
    data = open(sys.argv[1], "rb").read()
    patterns = sys.argv[2:]
    imported = 0
    bodies = []
    names = {}
    for sid, body in sections(data):
        if sid == 2:  # imports: count the functions, which come first in the index space
            count, at = leb(body, 0)
            for _ in range(count):
                for _ in range(2):
                    n, at = leb(body, at)
                    at += n
                kind = body[at]
                at += 1
                if kind == 0:
                    imported += 1
                    _, at = leb(body, at)
                elif kind == 1:
                    at += 1
                    flags, at = leb(body, at)
                    _, at = leb(body, at)
                    if flags & 1:
                        _, at = leb(body, at)
                elif kind == 2:
                    flags, at = leb(body, at)
                    _, at = leb(body, at)
                    if flags & 1:
                        _, at = leb(body, at)
                elif kind == 3:
                    at += 2
                else:
                    _, at = leb(body, at)
        elif sid == 10:
            count, at = leb(body, 0)
            for _ in range(count):
                size, start = leb(body, at)
                bodies.append(start + size - at)
                at = start + size
        elif sid == 0:
            n, at = leb(body, 0)
            if bytes(body[at:at + n]) != b"name":
                continue
            at += n
            while at < len(body):
                kind = body[at]
                size, sub = leb(body, at + 1)
                if kind == 1:
                    count, p = leb(body, sub)
                    for _ in range(count):
                        index, p = leb(body, p)
                        length, p = leb(body, p)
                        names[index] = bytes(body[p:p + length]).decode("utf-8", "replace")
                        p += length
                at = sub + size
    code = sum(bodies)
    print(f"{sys.argv[1]}: {len(data)} bytes, code {code} bytes in {len(bodies)} functions")
    for pattern in patterns:
        hits = [(bodies[i], names.get(i + imported, "")) for i in range(len(bodies)) if pattern in names.get(i + imported, "")]
        total = sum(size for size, _ in hits)
        print(f"  {pattern}: {total} bytes in {len(hits)} functions ({100.0 * total / code:.2f}% of the code)")


if __name__ == "__main__":
    main()
