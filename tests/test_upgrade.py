"""Learners keep their cards across the new card design: the bundled decks as release 0.1.0
built them (tests/fixtures/release-0.1.0, made by that release from the decks and ledger it
shipped), imported and reviewed, then the decks as this code builds them from the committed
sources and ledger, imported with Anki's default options.

Every note the learner had is still there under its GUID with its review history, none is
duplicated, the note types are updated in place (no "levcards Basic+" copy), and the new
templates are the ones the learner now sees.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from anki.collection import Collection
from typer.testing import CliRunner

from ankitools import import_apkg, notes, review_all
from levcards.cli import app
from levcards.notetypes import BASIC_ID, CLOZE_ID

ROOT = Path(__file__).resolve().parents[1]
PREVIOUS = Path(__file__).parent / "fixtures" / "release-0.1.0"


def test_the_previous_release_updates_in_place(tmp_path: Path, collection: Collection) -> None:
    assert sorted(PREVIOUS.glob("*.apkg")), f"the release fixtures are missing from {PREVIOUS}"
    for package in sorted(PREVIOUS.glob("*.apkg")):
        import_apkg(collection, package)
    review_all(collection, ease=3)
    before = {row.guid: row for row in notes(collection)}
    history = {cid: collection.get_card(cid).reps for cid in collection.find_cards("")}
    assert before and all(history.values())

    source = tmp_path / "decks"
    shutil.copytree(ROOT / "decks", source)
    result = CliRunner().invoke(app, ["build", str(source), "--out", str(tmp_path / "out"),
                                      "--frozen"])
    assert result.exit_code == 0, result.output  # the committed ledger matches the sources
    for package in sorted((tmp_path / "out").glob("*.apkg")):
        log = import_apkg(collection, package)
        assert not log.conflicting and not log.duplicate

    after = {row.guid: row for row in notes(collection)}
    assert set(before) <= set(after), "no note the learner had is lost or replaced"
    assert len(after) == len(set(after)) == collection.note_count()
    assert all(collection.get_card(cid).reps >= reps for cid, reps in history.items()), \
        "no card lost its review history"
    names = [m["name"] for m in collection.models.all()]
    assert not any(name.endswith("+") for name in names), names
    basic, cloze = collection.models.get(BASIC_ID), collection.models.get(CLOZE_ID)
    assert "lc-context" in basic["tmpls"][0]["qfmt"] and "lc-context" in cloze["tmpls"][0]["qfmt"]
    changed = [g for g in before if after[g].fields != before[g].fields]
    assert changed, "the new card shapes reach the learner's notes"
