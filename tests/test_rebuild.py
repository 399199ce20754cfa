"""Rebuilds that Anki accepts: edits update notes in place, history survives, bytes reproduce."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from anki.collection import Collection
from typer.testing import CliRunner

from ankitools import import_apkg, notes, review_all
from ledgers import ledger_notes
from levcards.cli import app
from levcards.notetypes import BASIC_ID, CLOZE_ID, models, schema

runner = CliRunner()

ARTICLE = """\
---
title: Saving on autopilot
series: Habits of money
---

# Saving on autopilot

## Glossary

- **Sinking fund:** money set aside monthly for a known future cost.
- **Pay yourself first:** moving savings out before any spending happens.

## How it works

Automation removes the monthly decision.

## FAQ

### Why automate savings?

Because a transfer that runs by itself never waits for willpower.

## Key takeaways

- Automate the transfer on **payday** so saving happens before spending.
- Small amounts saved every month add up faster than rare large ones.
"""

ROOT_CONFIG = '[style]\ncss = ".card { letter-spacing: 0; }"\n'


def _write(path: Path, text: str, when: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, (when, when))


def _build(source: Path, out: Path, *extra: str) -> dict:
    result = runner.invoke(app, ["build", str(source), "--out", str(out), "--format", "json", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def course(tmp_path: Path) -> Path:
    source = tmp_path / "course"
    _write(source / "habits" / "autopilot.md", ARTICLE, 1_700_000_000)
    _write(source / "levcards.toml", ROOT_CONFIG, 1_700_000_000)
    return source


def test_v2_updates_v1_in_place(course: Path, tmp_path: Path, collection: Collection) -> None:
    v1 = _build(course, tmp_path / "v1")
    import_apkg(collection, tmp_path / "v1" / "habits-of-money.apkg")
    reviewed = review_all(collection)
    assert reviewed == collection.card_count() > 0
    before = {r.guid: r for r in notes(collection)}
    history = {cid: collection.get_card(cid).reps for cid in collection.find_cards("")}
    assert v1["series"][0]["changes"]["added"] == len(before)

    # The author edits: typo fix in an answer, reworded definition, reordered sections,
    # renamed file, a new Q&A, a deleted takeaway, new CSS.
    edited = (ARTICLE
              .replace("never waits for willpower", "never has to wait for willpower")
              .replace("money set aside monthly for a known future cost",
                       "money put aside each month for a cost you know is coming")
              .replace("- Small amounts saved every month add up faster than rare large ones.\n", "")
              .replace("## FAQ\n", "## FAQ\n\n### How much should I automate?\n\n"
                       "Start with an amount you will not miss, then raise it every quarter.\n"))
    head, glossary_on = edited.split("## Glossary")
    glossary, rest = ("## Glossary" + glossary_on).split("## How it works")
    edited = head + "## How it works" + rest.rstrip("\n") + "\n\n" + glossary.rstrip("\n") + "\n"
    (course / "habits" / "autopilot.md").unlink()
    _write(course / "habits" / "saving-on-autopilot.md", edited, 1_700_000_100)
    _write(course / "levcards.toml", '[style]\ncss = ".card { letter-spacing: 0.01em; }"\n',
           1_700_000_100)
    v2 = _build(course, tmp_path / "v2")
    log = import_apkg(collection, tmp_path / "v2" / "habits-of-money.apkg")

    after = {r.guid: r for r in notes(collection)}
    kept = set(before) & set(after)
    assert kept == set(before), "every v1 note is still there under its GUID"
    assert len(after) == len(before) + 1, "exactly one note added (the new Q&A)"
    (new_guid,) = set(after) - set(before)
    assert "How much should I automate?" in after[new_guid].fields[0]

    by_text = {re.sub(r"<[^>]+>", "", r.fields[0]): r for r in after.values()}
    assert "never has to wait for willpower" in by_text["Why automate savings? (Habits of money)"].fields[1]
    assert "a cost you know is coming" in by_text["What does Sinking fund mean? (Habits of money)"].fields[1]
    retired = [r for r in after.values() if "levcards::retired" in r.tags]
    assert len(retired) == 1 and "Small amounts saved" in retired[0].fields[0]
    # the file was renamed: notes whose words did not change still bring the new Source
    moved = [g for g in kept if after[g].fields[:-1] == before[g].fields[:-1]
             and after[g].tags == before[g].tags]
    assert moved and all("saving-on-autopilot.md" in after[g].fields[-1]
                         and after[g].mod > before[g].mod for g in moved)

    assert all(collection.get_card(cid).reps == reps for cid, reps in history.items()), \
        "no card lost its review history"
    names = [m["name"] for m in collection.models.all()]
    assert not any(n.endswith("+") for n in names)
    basic = collection.models.get(BASIC_ID)
    assert "letter-spacing: 0.01em" in basic["css"], "the CSS change is live"
    assert "letter-spacing: 0.01em" in collection.models.get(CLOZE_ID)["css"]

    # the change report says what Anki did
    changes = v2["series"][0]["changes"]
    assert changes["added"] == len(log.new) == 1
    assert changes["updated"] + changes["retired"] == len(log.updated)
    assert changes["retired"] == 1
    assert changes["unchanged"] == 0 == len(log.duplicate)  # a new path for every note
    assert v2["notetypes_changed"] == ["levcards Basic", "levcards Cloze"]
    assert not log.conflicting


def _columns(report: dict) -> dict[str, int]:  # type: ignore[type-arg]
    (series,) = report["series"]
    changes = series["changes"]
    assert series["notes"] == sum(changes[k] for k in ("added", "updated", "unchanged",
                                                       "retired", "carried")), series
    return {k: changes[k] for k in ("added", "updated", "unchanged", "retired")}


def test_every_note_is_in_one_change_column_on_every_rebuild(course: Path, tmp_path: Path) -> None:
    """Issue 21, defect 2: no-change rebuilds reported 0 unchanged, and a tombstone counted in
    "notes" but in no column. Reused (cached) and fully matched rebuilds agree."""
    out = tmp_path / "out"
    first = _columns(_build(course, out))
    assert first["unchanged"] == 0 < first["added"]
    assert _columns(_build(course, out)) == {"added": 0, "updated": 0,
                                             "unchanged": first["added"], "retired": 0}
    text = (course / "habits" / "autopilot.md").read_text(encoding="utf-8")
    text = text.replace("- **Sinking fund:** money set aside monthly for a known future cost.\n", "")
    _write(course / "habits" / "autopilot.md", text.replace("never waits", "never has to wait"),
           1_700_000_100)
    assert _columns(_build(course, out)) == {"added": 0, "updated": 1,
                                             "unchanged": first["added"] - 2, "retired": 1}
    settled = {"added": 0, "updated": 0, "unchanged": first["added"], "retired": 0}
    assert _columns(_build(course, out)) == settled  # the tombstone ships unchanged
    shutil.rmtree(out / ".levcards-cache")
    assert _columns(_build(course, out)) == settled


def test_frozen_build_refuses_to_change_the_ledger(course: Path, tmp_path: Path) -> None:
    _build(course, tmp_path / "a")
    lock = (course / "levcards.lock").read_bytes()
    _build(course, tmp_path / "b", "--frozen")  # unchanged sources: fine
    text = (course / "habits" / "autopilot.md").read_text(encoding="utf-8")
    _write(course / "habits" / "autopilot.md", text.replace("payday", "pay day"), 1_700_000_200)
    result = runner.invoke(app, ["build", str(course), "--out", str(tmp_path / "c"), "--frozen"])
    assert result.exit_code == 1
    assert "levcards.lock" in result.output and "frozen" in result.output
    assert (course / "levcards.lock").read_bytes() == lock
    assert not (tmp_path / "c").exists()


def test_a_second_build_in_one_process_leaves_the_ledger_as_it_was(course: Path,
                                                                  tmp_path: Path) -> None:
    """`levcards watch` builds again and again in one process: writing a package must not
    change how its note types hash (genanki adds its defaults to their dicts as it writes)."""
    models.cache_clear()  # note types as a fresh process first makes them
    _build(course, tmp_path / "a")
    lock = (course / "levcards.lock").read_bytes()
    again = _build(course, tmp_path / "b")
    assert again["notetypes_changed"] == []
    assert (course / "levcards.lock").read_bytes() == lock
    assert _sha(tmp_path / "a") == _sha(tmp_path / "b")


def test_the_ledger_does_not_depend_on_the_path_levcards_is_run_with(
        course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An author builds with `levcards build course`, CI with an absolute path and --frozen:
    the ledger is the same, so CI passes."""
    monkeypatch.chdir(tmp_path)
    _build(Path("course"), tmp_path / "a")
    lock = (course / "levcards.lock").read_bytes()
    _build(course.resolve(), tmp_path / "b", "--frozen")
    monkeypatch.chdir(course)
    _build(Path("."), tmp_path / "c", "--frozen")
    assert (course / "levcards.lock").read_bytes() == lock
    assert _sha(tmp_path / "a") == _sha(tmp_path / "b") == _sha(tmp_path / "c")


def test_a_new_note_changes_only_its_own_articles_ledger_lines(course: Path, tmp_path: Path) -> None:
    """The ledger diffs well: adding a note to one article leaves the other articles' lines
    (and their place in the series) alone."""
    for n in range(3):
        _write(course / "habits" / f"more-{n}.md", ARTICLE.replace("Saving on autopilot",
                                                                  f"Saving, part {n}"), 1_700_000_000)
    _build(course, tmp_path / "a")
    before = (course / "levcards.lock").read_text(encoding="utf-8").splitlines()
    article = course / "habits" / "autopilot.md"
    _write(article, article.read_text(encoding="utf-8").replace(
        "## Glossary\n\n", "## Glossary\n\n- **Buffer:** cash kept for surprises.\n"), 1_700_000_100)
    _build(course, tmp_path / "b")
    after = (course / "levcards.lock").read_text(encoding="utf-8").splitlines()
    changed = set(after) - set(before)
    entries = [line for line in changed if '"article":' in line]
    assert entries and all('"article":"habits/autopilot"' in line for line in entries), changed
    assert any('"key":"buffer"' in line for line in entries)


def test_pinned_item_keeps_its_guid(course: Path, tmp_path: Path) -> None:
    _build(course, tmp_path / "a")
    ledger = ledger_notes(course / "levcards.lock")
    (old_guid,) = [g for g, e in ledger.items() if e["key"] == "why automate savings"]
    article = course / "habits" / "autopilot.md"
    # a rewrite too large for similarity matching, pinned by hand
    _write(article, article.read_text(encoding="utf-8").replace(
        "### Why automate savings?\n\nBecause a transfer that runs by itself never waits for willpower.",
        "### What does a standing order buy me?\n\nFreedom from monthly choices."), 1_700_000_300)
    (course / "levcards.toml").write_text(
        ROOT_CONFIG + f'[pins]\n"habits-of-money/qa/what does a standing order buy me" = "{old_guid}"\n',
        encoding="utf-8")
    data = _build(course, tmp_path / "b")
    ledger = ledger_notes(course / "levcards.lock")
    assert ledger[old_guid]["key"] == "what does a standing order buy me"
    assert data["series"][0]["changes"]["retired"] == 0


def _sha(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.apkg"))}


@pytest.mark.slow
def test_builds_are_byte_identical_across_time_zone_hash_seed_and_umask(course: Path, tmp_path: Path) -> None:
    def run(out: str, tz: str, seed: str, umask: int) -> None:
        env = {**os.environ, "TZ": tz, "PYTHONHASHSEED": seed}
        env.pop("SOURCE_DATE_EPOCH", None)
        code = (f"import os, sys; os.umask({umask}); from levcards.cli import app; "
                f"sys.argv=['levcards','build',{str(course)!r},'--out',{str(tmp_path / out)!r}]; app()")
        subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)

    run("one", "UTC", "1", 0o022)
    time.sleep(2.1)
    run("two", "Asia/Kolkata", "4242", 0o077)
    first, second = _sha(tmp_path / "one"), _sha(tmp_path / "two")
    assert first and first == second


def test_release_writes_manifest_and_changelog(course: Path, tmp_path: Path) -> None:
    _build(course, tmp_path / "warm")  # the ledger exists, as it would be committed
    result = runner.invoke(app, ["release", "--version", "v1.0.0", str(course), "--out",
                                 str(tmp_path / "rel")])
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "rel" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] == "v1.0.0"
    (entry,) = manifest["files"]
    package = tmp_path / "rel" / entry["file"]
    assert entry["sha256"] == hashlib.sha256(package.read_bytes()).hexdigest()
    assert entry["notes"] > 0 and entry["cards"] >= entry["notes"]
    assert "Habits of money" in (tmp_path / "rel" / "CHANGELOG.md").read_text(encoding="utf-8")


def test_release_shows_the_version_in_the_deck_description(course: Path, tmp_path: Path,
                                                           collection: Collection) -> None:
    _build(course, tmp_path / "warm")
    runner.invoke(app, ["release", "--version", "v2.3.4", str(course), "--out", str(tmp_path / "r")])
    import_apkg(collection, tmp_path / "r" / "habits-of-money.apkg")
    deck = collection.decks.by_name("Habits of money")
    assert deck is not None and "v2.3.4" in deck["desc"]


def test_note_type_schema_is_frozen() -> None:
    """Changing fields or templates under the same ID forks learners' notes into "Name+" copies.

    If this fails, you changed a note type's fields or templates: give it a new ID and name
    (a migration), then update this snapshot deliberately.
    """
    kinds = models()
    assert schema(kinds["basic"]) == (BASIC_ID, ("Front", "Back", "Reverse", "Article", "Series", "Source"),
                                      ("Forward", "Reverse"))
    assert schema(kinds["cloze"]) == (CLOZE_ID, ("Text", "Extra", "Article", "Series", "Source"), ("Cloze",))
    assert (BASIC_ID, CLOZE_ID) == (1_607_392_319, 1_607_392_320)


def test_a_renamed_article_brings_its_new_source_to_learners(course: Path, tmp_path: Path,
                                                            collection: Collection) -> None:
    """Issue 21, defect 8: the Source field was outside the content hash, so after a rename
    learners kept the old path. A path change updates the note; a line shift alone does not."""
    _build(course, tmp_path / "v1")
    import_apkg(collection, tmp_path / "v1" / "habits-of-money.apkg")
    old = course / "habits" / "autopilot.md"
    _write(course / "habits" / "saving.md", old.read_text(encoding="utf-8"), 1_700_000_100)
    old.unlink()
    v2 = _build(course, tmp_path / "v2")
    (series,) = v2["series"]
    assert series["changes"]["updated"] == series["notes"] and series["changes"]["added"] == 0
    import_apkg(collection, tmp_path / "v2" / "habits-of-money.apkg")
    sources = {n["Source"] for n in map(collection.get_note, collection.find_notes(""))}
    assert sources and all("habits/saving.md" in s for s in sources), sources
    shifted = (course / "habits" / "saving.md").read_text(encoding="utf-8").replace(
        "---\n\n#", "---\n\n\n\n#", 1)
    assert shifted != ARTICLE
    _write(course / "habits" / "saving.md", shifted, 1_700_000_200)
    v3 = _build(course, tmp_path / "v3")
    assert v3["series"][0]["changes"]["updated"] == 0  # lines moved: the same notes
