#!/usr/bin/env python3
"""Import .apkg and Anki CSV files into a fresh Anki collection with Anki's
own engine, optionally review cards in between, and report what Anki ended
up with, as JSON on stdout.

Usage:
    check_apkg.py [--model MODEL.json] [--render] STEP [STEP ...]

Every STEP runs, in order, against one new collection created in a
temporary folder (deleted afterwards):

- `PATH.apkg`: imported with Anki's modern importer
  (`Collection.import_anki_package`, the code path of File → Import in Anki
  desktop 2.1.50+) and its default options: update notes and note types
  "if newer", no scheduling;
- `PATH.csv` / `PATH.txt`: imported as a text file with the options its
  file headers give (`Collection.get_csv_metadata`, then
  `Collection.import_csv`: File → Import of a CSV in Anki desktop);
- `review:GUID`: the first card of the note with that GUID is answered
  "Good" by the scheduler, as a learner would (a review-log entry).

Needs the PyPI package `anki`.

The JSON report:

    {
      "anki_version": "26.09.3",
      "imports": [                      # one entry per file STEP, in order
        {"package": path,
         "log": {"new": n, "updated": n, "duplicate": n, "conflicting": n,
                 "first_field_match": n, "missing_notetype": n,
                 "missing_deck": n, "empty_first_field": n},
         "note_count": n, "card_count": n}   # in the collection afterwards
      ],
      "note_count": n, "card_count": n,
      "notetypes": [{"id": n, "name": s, "fields": [s, ...],
                     "templates": [s, ...]}],   # note types in use
      "decks": [s, ...],                 # every deck name, sorted
      "notes": [                         # sorted by guid
        {"id": n, "guid": s, "notetype": s, "fields": {name: html},
         "tags": [s, ...], "decks": [s, ...], "mod": seconds,
         "card_ids": [n, ...], "reviews": n,  # review-log entries
         "cards": [{"deck": s, "question": html, "answer": html}]}  # --render
      ],
      "problems": [s, ...]               # with --model only
    }

With --model (pyqconv's `--to json` output, {"schema_version": 1, "deck":
..., "questions": [...]}) the notes are compared with the questions: one
note per question with GUID == question id, Question field == the escaped
title, ID field == id, Difficulty field == the label, the card in deck
"<deck>::<section>" (or "<deck>"), tags == the question's tags. Each
mismatch is a line in "problems" and on stderr, and the exit status is 1.

Exit status: 0 on success, 1 when --model found problems, 2 on usage or
import errors (the message is on stderr).
"""

from __future__ import annotations

import argparse
import contextlib
import html
import json
import os
import sys
import tempfile
from typing import Any

LOG_KINDS = (
    "new",
    "updated",
    "duplicate",
    "conflicting",
    "first_field_match",
    "missing_notetype",
    "missing_deck",
    "empty_first_field",
)


def fail(message: str) -> None:
    print(f"check_apkg.py: {message}", file=sys.stderr)
    sys.exit(2)


def review(col: Any, guid: str) -> None:
    nids = col.db.list("select id from notes where guid = ?", guid)
    if len(nids) != 1:
        fail(f"review:{guid}: {len(nids)} notes have this GUID")
    card = col.get_note(nids[0]).cards()[0]
    card.start_timer()
    col.sched.answerCard(card, 3)  # 3 = Good


def run_steps(col: Any, steps: list[str]) -> list[dict[str, Any]]:
    from anki.collection import (
        ImportAnkiPackageOptions,
        ImportAnkiPackageRequest,
        ImportCsvRequest,
    )

    imports = []
    for package in steps:
        if package.startswith("review:"):
            review(col, package.removeprefix("review:"))
            continue
        if not os.path.isfile(package):
            fail(f"{package}: no such file")
        try:
            if package.endswith((".csv", ".txt")):
                path = os.path.abspath(package)
                metadata = col.get_csv_metadata(path=path, delimiter=None)
                response = col.import_csv(ImportCsvRequest(path=path, metadata=metadata))
            else:
                request = ImportAnkiPackageRequest(
                    package_path=os.path.abspath(package),
                    options=ImportAnkiPackageOptions(
                        merge_notetypes=False,
                        with_scheduling=False,
                        with_deck_configs=False,
                    ),
                )
                response = col.import_anki_package(request)
        except Exception as error:  # anki.errors.* carry the backend's message
            fail(f"{package}: Anki could not import it: {error}")
        imports.append(
            {
                "package": package,
                "log": {kind: len(getattr(response.log, kind)) for kind in LOG_KINDS},
                "note_count": col.note_count(),
                "card_count": col.card_count(),
            }
        )
    return imports


def describe_notes(col: Any, render: bool) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    notes = []
    notetypes: dict[int, dict[str, Any]] = {}
    for nid in col.find_notes(""):
        note = col.get_note(nid)
        notetype = note.note_type()
        notetypes[notetype["id"]] = {
            "id": notetype["id"],
            "name": notetype["name"],
            "fields": [f["name"] for f in notetype["flds"]],
            "templates": [t["name"] for t in notetype["tmpls"]],
        }
        cards = note.cards()
        entry: dict[str, Any] = {
            "id": nid,
            "guid": note.guid,
            "notetype": notetype["name"],
            "fields": dict(note.items()),
            "tags": list(note.tags),
            "decks": sorted({col.decks.name(card.did) for card in cards}),
            "mod": note.mod,
            "card_ids": [card.id for card in cards],
            "reviews": col.db.scalar(
                "select count() from revlog where cid in "
                + "(" + ",".join(str(card.id) for card in cards) + ")"
            ),
        }
        if render:
            entry["cards"] = [
                {
                    "deck": col.decks.name(card.did),
                    "question": card.question(),
                    "answer": card.answer(),
                }
                for card in cards
            ]
        notes.append(entry)
    notes.sort(key=lambda n: n["guid"])
    return notes, sorted(notetypes.values(), key=lambda n: n["id"])


def escape(text: str) -> str:
    """pyqconv's escaping: & < > " (not ')."""
    return html.escape(text, quote=False).replace('"', "&quot;")


def compare_with_model(report: dict[str, Any], model: dict[str, Any]) -> list[str]:
    problems = []
    questions = model.get("questions")
    top = model.get("deck")
    if not isinstance(questions, list) or not isinstance(top, str):
        return ["model JSON has no \"deck\" string or no \"questions\" list"]
    if report["note_count"] != len(questions):
        problems.append(
            f"collection has {report['note_count']} notes, model has {len(questions)} questions"
        )
    by_guid = {note["guid"]: note for note in report["notes"]}
    ids = set()
    for q in questions:
        qid = q.get("id")
        ids.add(qid)
        note = by_guid.get(qid)
        if note is None:
            problems.append(f"question {qid!r}: no note with this GUID")
            continue
        fields = note["fields"]
        expected = {
            "Question": escape(q.get("title") or ""),
            "ID": escape(qid),
            "Difficulty": (q.get("difficulty") or "").capitalize(),
        }
        for name, value in expected.items():
            if fields.get(name) != value:
                problems.append(
                    f"question {qid!r}: field {name} is {fields.get(name)!r}, expected {value!r}"
                )
        if not fields.get("Question", "").strip():
            problems.append(f"question {qid!r}: empty Question field")
        if not fields.get("Answer", "").strip():
            problems.append(f"question {qid!r}: empty Answer field")
        section = (q.get("section") or "").strip()
        deck = f"{top}::{section}" if section else top
        if note["decks"] != [deck]:
            problems.append(f"question {qid!r}: cards in decks {note['decks']}, expected [{deck!r}]")
        tags = ["_".join(t.split()) for t in q.get("tags") or [] if t.strip()]
        if sorted(t.lower() for t in note["tags"]) != sorted(t.lower() for t in tags):
            problems.append(f"question {qid!r}: tags {note['tags']}, expected {tags}")
    for guid in by_guid:
        if guid not in ids:
            problems.append(f"note with GUID {guid!r} matches no question id")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("packages", nargs="+", metavar="STEP")
    parser.add_argument("--model", help="pyqconv JSON output to compare the notes with")
    parser.add_argument("--render", action="store_true", help="include rendered card HTML")
    args = parser.parse_args()

    model = None
    if args.model:
        try:
            with open(args.model, encoding="utf-8") as f:
                model = json.load(f)
        except (OSError, ValueError) as error:
            fail(f"{args.model}: cannot read model JSON: {error}")

    try:
        from anki.buildinfo import version as anki_version
        from anki.collection import Collection
    except ImportError as error:
        fail(f"the PyPI package 'anki' is not importable ({error}); pip install anki")

    with tempfile.TemporaryDirectory(prefix="check_apkg-") as tmp:
        # Keep stdout for the JSON report only.
        with contextlib.redirect_stdout(sys.stderr):
            col = Collection(os.path.join(tmp, "collection.anki2"))
            try:
                imports = run_steps(col, args.packages)
                notes, notetypes = describe_notes(col, args.render)
                report: dict[str, Any] = {
                    "anki_version": anki_version,
                    "imports": imports,
                    "note_count": col.note_count(),
                    "card_count": col.card_count(),
                    "notetypes": notetypes,
                    "decks": sorted(d.name for d in col.decks.all_names_and_ids()),
                    "notes": notes,
                }
            finally:
                col.close()

    status = 0
    if model is not None:
        problems = compare_with_model(report, model)
        report["problems"] = problems
        for problem in problems:
            print(f"check_apkg.py: {problem}", file=sys.stderr)
        status = 1 if problems else 0
    json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
