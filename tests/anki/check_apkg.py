"""Import .apkg packages with Anki's own engine and report what Anki sees.

Usage: check_apkg.py PACKAGE [PACKAGE...]

Creates a fresh collection in a temporary folder, imports each package in
turn (as Anki desktop's File > Import does, updating notes whose GUID is
already present), and prints one JSON object to stdout:

  {"imports": [{"package": ..., "notes_after": N, "new": N, "updated": N,
                "duplicate": N}, ...],
   "notes": [{"guid": ..., "fields": {name: value}, "tags": [...],
              "decks": [...], "notetype": ...}, ...]}

Exits non-zero with a message on stderr when Anki refuses a package.
"""

import json
import os
import sys
import tempfile

from anki.collection import (
    Collection,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
)


def main(paths):
    with tempfile.TemporaryDirectory() as tmp:
        col = Collection(os.path.join(tmp, "collection.anki2"))
        imports = []
        for path in paths:
            request = ImportAnkiPackageRequest(
                package_path=os.path.abspath(path),
                options=ImportAnkiPackageOptions(
                    merge_notetypes=True,
                    update_notes=ImportAnkiPackageOptions.UPDATE_IF_NEWER
                    if hasattr(ImportAnkiPackageOptions, "UPDATE_IF_NEWER")
                    else 0,
                    update_notetypes=0,
                    with_scheduling=False,
                    with_deck_configs=False,
                ),
            )
            result = col.import_anki_package(request)
            log = result.log
            imports.append(
                {
                    "package": path,
                    "notes_after": col.note_count(),
                    "new": len(log.new),
                    "updated": len(log.updated),
                    "duplicate": len(log.duplicate),
                    "conflicting": len(log.conflicting),
                    "first_field_match": len(log.first_field_match),
                    "missing_notetype": len(log.missing_notetype),
                }
            )
        notes = []
        for nid in sorted(col.find_notes("")):
            note = col.get_note(nid)
            notetype = note.note_type()
            decks = sorted(
                {col.decks.name(card.did) for card in note.cards()}
            )
            notes.append(
                {
                    "guid": note.guid,
                    "fields": dict(note.items()),
                    "tags": sorted(note.tags),
                    "decks": decks,
                    "notetype": notetype["name"] if notetype else None,
                    "cards": len(note.cards()),
                }
            )
        col.close()
    json.dump({"imports": imports, "notes": notes}, sys.stdout)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: check_apkg.py PACKAGE [PACKAGE...]")
    main(sys.argv[1:])
