"""Build the bundled decks and read them back with the official anki package."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import zipfile
from pathlib import Path

import genanki
from anki.collection import Collection
from typer.testing import CliRunner

from ankitools import import_apkg, notes, visible_text
from ledgers import ledger_notes
from levcards.cli import app
from levcards.pipeline import plan

runner = CliRunner()


def build(source: Path, out: Path, *extra: str) -> None:
    result = runner.invoke(app, ["build", str(source), "--out", str(out), *extra])
    assert result.exit_code == 0, result.output


def test_seeds_build_three_decks_that_anki_imports(seed_decks: Path, tmp_path: Path,
                                                   collection: Collection) -> None:
    out = tmp_path / "dist"
    build(seed_decks, out)
    expected = plan(seed_decks)
    packages = sorted(out.glob("*.apkg"))
    assert [p.stem for p in packages] == ["essays", "mental-models", "money"]
    for package in packages:
        log = import_apkg(collection, package)
        assert not log.conflicting and not log.duplicate
    # the packages also carry the ledger's retired notes (tombstones), one card each
    ledger = json.loads((seed_decks / "levcards.lock").read_text(encoding="utf-8"))
    tombstones = [e for block in ledger["series"].values() for e in block.values()
                  if e.get("retired")]
    want_notes = sum(len(s.notes) for s in expected.series) + len(tombstones)
    want_cards = sum(s.card_count for s in expected.series) + sum(e["cards"] for e in tombstones)
    assert collection.note_count() == want_notes
    assert collection.card_count() == want_cards
    assert {d.name for d in collection.decks.all_names_and_ids()} >= {"essays", "Mental Models", "money"}
    for cid in collection.find_cards(""):
        card = collection.get_card(cid)
        assert visible_text(card.question()), f"empty question on card {cid}"
        assert visible_text(card.answer()), f"empty answer on card {cid}"
    for row in notes(collection):
        if row.notetype == "levcards Cloze":
            assert re.search(r"\{\{c\d+::", row.fields[0]), row.fields[0]
        assert row.fields[-3] and row.fields[-2] and row.fields[-1], "article, series, source"
        assert "levcards" in row.tags


def test_no_two_notes_share_a_guid(seed_decks: Path) -> None:
    report = plan(seed_decks)
    guids = [n.guid for s in report.series for n in s.notes]
    assert guids and len(guids) == len(set(guids))


def test_edited_answer_updates_the_note_in_place(seed_decks: Path, tmp_path: Path,
                                                 collection: Collection) -> None:
    build(seed_decks, tmp_path / "v1")
    import_apkg(collection, tmp_path / "v1" / "mental-models.apkg")
    before = {r.guid: r for r in notes(collection)}

    article = seed_decks / "mental-models" / "001_81817aa501aeeef7.txt"
    old = "Leverage is using a tool, system, or asset"
    text = article.read_text(encoding="utf-8")
    assert old in text
    article.write_text(text.replace(old, "Leverage is putting a tool, system, or asset to work"),
                       encoding="utf-8")
    later = int(article.stat().st_mtime) + 60  # an author's edit happens later than the build
    os.utime(article, (later, later))
    build(seed_decks, tmp_path / "v2")
    log = import_apkg(collection, tmp_path / "v2" / "mental-models.apkg")

    after = {r.guid: r for r in notes(collection)}
    assert set(after) == set(before), "no note added or duplicated"
    assert len(log.updated) >= 1
    changed = [g for g in after if after[g].fields != before[g].fields]
    assert len(changed) == 1
    assert "putting a tool, system, or asset to work" in after[changed[0]].fields[1]


def test_same_sources_give_identical_bytes(seed_decks: Path, tmp_path: Path) -> None:
    build(seed_decks, tmp_path / "a")
    build(seed_decks, tmp_path / "b")
    for package in sorted((tmp_path / "a").glob("*.apkg")):
        assert package.read_bytes() == (tmp_path / "b" / package.name).read_bytes(), package.name


def test_each_package_holds_a_sound_collection_with_the_schema_indexes(seed_decks: Path,
                                                                      tmp_path: Path) -> None:
    """The collection is built in memory with its indexes made after the rows: the same
    indexes as genanki's schema, each one consistent with its table."""
    out = tmp_path / "dist"
    build(seed_decks, out)
    reference = sqlite3.connect(":memory:")
    genanki.Package(genanki.Deck(1, "Reference")).write_to_db(reference.cursor(), 0, iter(()))
    schema = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"
    want = reference.execute(schema).fetchall()
    assert any(row[0] == "index" and row[2] == "cards" for row in want)
    for package in sorted(out.glob("*.apkg")):
        collection = sqlite3.connect(":memory:")
        collection.deserialize(zipfile.ZipFile(package).read("collection.anki2"))
        assert collection.execute(schema).fetchall() == want, package.name
        assert collection.execute("PRAGMA integrity_check").fetchall() == [("ok",)], package.name
        assert collection.execute("SELECT count(*) FROM cards").fetchone()[0] > 0


def test_source_date_epoch_sets_the_note_time(seed_decks: Path, tmp_path: Path,
                                              collection: Collection, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ledger = seed_decks / "levcards.lock"
    recorded = ledger.read_bytes()
    kept = {g: e["mod"] for g, e in ledger_notes(ledger).items() if e["series"] == "money"}
    ledger.unlink()  # no history: every note is new content
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    build(seed_decks, tmp_path / "dist")
    import_apkg(collection, tmp_path / "dist" / "money.apkg")
    assert {r.mod for r in notes(collection)} == {1767225600}
    ledger.write_bytes(recorded)  # with history, unchanged notes keep the time they changed
    build(seed_decks, tmp_path / "again")
    assert kept and all(mod != 1767225600 for mod in kept.values())
    assert ledger_notes(ledger).keys() >= kept.keys()
    assert {g: e["mod"] for g, e in ledger_notes(ledger).items() if g in kept} == kept


def test_the_bundled_ledger_still_holds_for_the_bundled_decks(seed_decks: Path, tmp_path: Path) -> None:
    """Every note keeps the GUID, note ID and content the committed levcards.lock records:
    a change to how identities are computed would move every learner's notes."""
    recorded = (seed_decks / "levcards.lock").read_bytes()
    build(seed_decks, tmp_path / "dist", "--frozen")  # exits non-zero if the ledger would change
    assert (seed_decks / "levcards.lock").read_bytes() == recorded
