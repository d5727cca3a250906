#!/usr/bin/env python3
"""Screenshot cards of an .apkg as a phone shows them.

Usage:
    screenshots.py PACKAGE.apkg OUTDIR [--match REGEX ...] [--width 360]
                   [--height 740] [--chromium /usr/bin/chromium]

The package is imported into a fresh collection with Anki's own engine (the
PyPI package `anki`, as tests/anki/check_apkg.py does); for every note whose
Question field matches one of the REGEXes (case-insensitive; default: the
first three notes), the card's front and back are rendered by Anki
(`card.question()`, `card.answer()`: the template filled in, the note
type's CSS in a <style> element) and wrapped the way Anki's reviewer wraps
them (`<body class="card">`, plus `nightMode night_mode` in night mode).
Headless Chromium (Debian's `chromium`) then saves a PNG of each at
WIDTHxHEIGHT CSS pixels:

    OUTDIR/<n>-<slug>-{front,back}-{light,night}.png

and OUTDIR/index.json lists them with the note's GUID and title. Look at
the PNGs: that is what this is for.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_apkg import fail, run_steps  # noqa: E402

PAGE = """<!doctype html>
<html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>html, body {{ margin: 0; }} body {{ padding: 12px; }}</style>
</head>
<body class="{classes}"><div id="qa">{card}</div></body></html>
"""


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "card"


def shoot(chromium: str, html_path: str, png_path: str, width: int, height: int) -> None:
    with tempfile.TemporaryDirectory(prefix="shots-profile-") as profile:
        command = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            f"--screenshot={png_path}",
            "file://" + os.path.abspath(html_path),
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if result.returncode != 0 or not os.path.isfile(png_path):
            fail(f"chromium failed on {html_path}: {result.stderr[-2000:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("package")
    parser.add_argument("outdir")
    parser.add_argument("--match", action="append", default=[], metavar="REGEX")
    parser.add_argument("--width", type=int, default=360)
    parser.add_argument("--height", type=int, default=740)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    if not os.path.exists(args.chromium):
        fail(f"{args.chromium} not found; install Debian's chromium package")

    from anki.collection import Collection

    os.makedirs(args.outdir, exist_ok=True)
    index = []
    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
        col = Collection(os.path.join(tmp, "collection.anki2"))
        try:
            run_steps(col, [args.package])
            chosen = []
            for nid in sorted(col.find_notes("")):
                note = col.get_note(nid)
                title = note["Question"] if "Question" in note else note.fields[0]
                if args.match:
                    if any(re.search(r, title, re.IGNORECASE) for r in args.match):
                        chosen.append((note, title))
                elif len(chosen) < 3:
                    chosen.append((note, title))
            if not chosen:
                fail("no note matches")
            for n, (note, title) in enumerate(chosen, 1):
                card = note.cards()[0]
                sides = {"front": card.question(), "back": card.answer()}
                for side, card_html in sides.items():
                    for mode, classes in (("light", "card"), ("night", "card nightMode night_mode")):
                        base = os.path.join(args.outdir, f"{n}-{slug(title)}-{side}-{mode}")
                        with open(base + ".html", "w", encoding="utf-8") as f:
                            f.write(PAGE.format(classes=classes, card=card_html))
                        shoot(args.chromium, base + ".html", base + ".png", args.width, args.height)
                        index.append(
                            {"guid": note.guid, "title": title, "side": side, "mode": mode,
                             "png": base + ".png"}
                        )
        finally:
            col.close()
    with open(os.path.join(args.outdir, "index.json"), "w", encoding="utf-8") as f:
        json.dump(index, f, ensure_ascii=False, indent=1)
    for entry in index:
        print(entry["png"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
