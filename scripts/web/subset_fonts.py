#!/usr/bin/env python3
"""Subsets the client's TrueType fonts to the characters the product shows (build step).

Usage: subset_fonts.py --sources DIR... --out-dir DIR [--symbols IN.ttf:OUT.ttf] IN.ttf:OUT.ttf...

Keeps Basic Latin, Latin-1 Supplement, Latin Extended-A (and the Romanian comma letters),
general punctuation, currency symbols, the numero and trade mark signs and the check and cross
marks, plus every character that appears in a C++ string literal under the --sources folders
(the text the client draws). The whole blocks of arrows, mathematical operators, box drawing
and geometric shapes are left out (17 KB of the first visit with brotli): the ones the client
draws are in its literals, and text a person types with others shows the fallback glyph. Drops hinting, layout tables and names the
client does not use; the output stays TrueType (Dear ImGui reads no WOFF2).

Characters the text fonts lack (Noto Sans has no check mark or arrows) come from the
--symbols font, subset to just those characters (the client merges it into each text font).

Fails (exit 1, naming file and line) when a character of a string literal is missing from
a subset font, so a label the client would draw as a box never reaches a build.
"""
import argparse
import pathlib
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

RANGES = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x0100, 0x017F),  # Latin Extended-A (Central European, Turkish, Baltic)
    (0x0218, 0x021B),  # Romanian S/T with comma below
    (0x02C6, 0x02C7), (0x02D8, 0x02DD),  # spacing accents
    (0x2000, 0x206F),  # General Punctuation: dashes, quotes, bullet, ellipsis, spaces
    (0x20A0, 0x20C0),  # Currency Symbols: euro, rupee, lira, ...
    (0x2116, 0x2116), (0x2122, 0x2122),  # numero, trade mark
    (0x2713, 0x2718),  # check and cross marks
    (0xFFFD, 0xFFFD),  # replacement character
]

# Signs the interface may draw that text fonts often lack: taken from the symbols font.
SYMBOLS = "←→↑↓↗↘⇅✓✔✗✕≤≥≠−▲▼▶◀★☆●○"

SOURCE_SUFFIXES = {".cpp", ".hpp", ".h", ".inc"}
ESCAPES = {"n": 10, "t": 9, "r": 13, "0": 0, "\\": 92, "'": 39, '"': 34, "?": 63, "a": 7, "b": 8, "f": 12, "v": 11}


def string_literals(text):
    """Yields (line, bytes) for each string literal of C++ source text, outside comments."""
    i, n, line = 0, len(text), 1
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            line += text.count("\n", i, j)
            i = j
        elif c == "'" and not (i > 0 and (text[i - 1].isalnum())):  # char literal (not a digit separator)
            j = i + 1
            while j < n and text[j] != "'" and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            i = j + 1
        elif c == "R" and text.startswith('R"', i) and not (i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_") and text[i - 1] not in "uU8L"):
            open_paren = text.find("(", i + 2)
            delim = text[i + 2:open_paren]
            end = text.find(")" + delim + '"', open_paren)
            end = n if end < 0 else end
            body = text[open_paren + 1:end]
            yield line, body.encode("utf-8")
            line += body.count("\n")
            i = end + len(delim) + 2
        elif c == '"':
            j = i + 1
            out = bytearray()
            while j < n and text[j] != '"' and text[j] != "\n":
                ch = text[j]
                if ch == "\\" and j + 1 < n:
                    e = text[j + 1]
                    if e == "x":
                        k = j + 2
                        while k < n and text[k] in "0123456789abcdefABCDEF":
                            k += 1
                        out.append(int(text[j + 2:k], 16) & 0xFF)
                        j = k
                    elif e in "uU":
                        width = 4 if e == "u" else 8
                        out += chr(int(text[j + 2:j + 2 + width], 16)).encode("utf-8")
                        j += 2 + width
                    elif e in "01234567":
                        k = j + 1
                        while k < n and k < j + 4 and text[k] in "01234567":
                            k += 1
                        out.append(int(text[j + 1:k], 8) & 0xFF)
                        j = k
                    else:
                        out.append(ESCAPES.get(e, ord(e) if ord(e) < 128 else 63))
                        j += 2
                else:
                    out += ch.encode("utf-8")
                    j += 1
            yield line, bytes(out)
            i = j + 1
        else:
            i += 1


def drawn_characters(folders):
    """Maps each non-ASCII character of a string literal to the first place it appears."""
    found = {}
    for folder in folders:
        for path in sorted(pathlib.Path(folder).rglob("*")):
            if path.suffix not in SOURCE_SUFFIXES or not path.is_file():
                continue
            text = path.read_text(encoding="utf-8")
            for line, data in string_literals(text):
                for ch in data.decode("utf-8", errors="ignore"):
                    if ord(ch) > 0x7E and ch not in found:
                        found[ch] = f"{path}:{line}"
    return found


def subset_font(src, target, unicodes):
    """Writes the subset of src to target; returns the code points it maps."""
    options = subset.Options()
    options.hinting = False
    options.desubroutinize = True
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "DSIG", "BASE", "JSTF", "MATH", "STAT", "meta", "FFTM"]
    options.name_IDs = [1, 2]
    options.name_languages = [0x409]
    options.notdef_outline = True
    options.glyph_names = False
    font = subset.load_font(src, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(unicodes))
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(target), options)
    return TTFont(str(target)).getBestCmap()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", nargs="+", required=True, help="folders whose string literals are drawn")
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--symbols", help="IN.ttf:OUT.ttf, the font for the signs the text fonts lack")
    parser.add_argument("fonts", nargs="+", help="IN.ttf:OUT.ttf (OUT relative to --out-dir)")
    args = parser.parse_args()

    drawn = drawn_characters(args.sources)
    unicodes = set()
    for lo, hi in RANGES:
        unicodes.update(range(lo, hi + 1))
    unicodes.update(ord(ch) for ch in drawn)

    out_dir = pathlib.Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    have = None  # characters every text font has
    for spec in args.fonts:
        src, _, dst = spec.partition(":")
        cmap = subset_font(src, out_dir / dst, unicodes)
        have = set(cmap) if have is None else have & set(cmap)
    if args.symbols:
        src, _, dst = args.symbols.partition(":")
        wanted = ({ord(ch) for ch in SYMBOLS} | {ord(ch) for ch in drawn}) - have
        have |= set(subset_font(src, out_dir / dst, wanted))
    missing = [f"{where}: U+{ord(ch):04X} {ch!r} is in none of the fonts ({', '.join(args.fonts)})"
               for ch, where in sorted(drawn.items()) if ord(ch) not in have]
    if missing:
        print("subset_fonts: the client draws characters its fonts do not have:", file=sys.stderr)
        for m in missing:
            print("  " + m, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
