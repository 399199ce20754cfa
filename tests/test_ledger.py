"""The ledger file: format 2 is read block by block, format 1 still reads, damage names its line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ledgers import record
from levcards.builder import build
from levcards.errors import SourceError
from levcards.ledger import Entry, Ledger, load, save


def _entry(series: str, n: int, **changes: object) -> Entry:
    values: dict[str, object] = dict(
        series=series, article=f"{series}/a", kind="qa", key=f"question {n}", notetype="basic",
        fields=[f"Question {n} with \"quotes\", {{braces}} and\nlines?", "Answer", "", "A", series, "a.md:1"],
        tags=["levcards"], cards=1, hash=f"{n:016x}", mod=1_700_000_000 + n, note_id=1_700_000_000_000 + n,
        ref=f"a.md:{n}", order=n)
    values.update(changes)
    return Entry(**values)  # type: ignore[arg-type]


def _ledger() -> Ledger:
    ledger = Ledger({"1": {"hash": "h", "mod": 1, "name": "levcards Basic"}},
                    {"alpha": "Alpha", "beta-2": "Beta"}, next_note_id=1_700_000_000_100)
    ledger.set_series("alpha", {f"g{n}": _entry("alpha", n) for n in range(3)})
    ledger.set_series("beta-2", {"h1": _entry("beta-2", 7, retired=True)})
    return ledger


def test_format_2_round_trips_and_blocks_parse_only_on_demand(tmp_path: Path) -> None:
    path = tmp_path / "levcards.lock"
    save(_ledger(), path)
    loaded = load(path)
    assert loaded.parsed() == [], "no block is parsed until a build asks for it"
    assert loaded.series("beta-2") == _ledger().series("beta-2")
    assert loaded.parsed() == ["beta-2"]
    assert loaded == _ledger()
    assert loaded.dumps() == path.read_text(encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8"))["series"]["alpha"]["g1"]["key"] == "question 1"


def test_a_reformatted_ledger_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "levcards.lock"
    save(_ledger(), path)
    path.write_text(json.dumps(json.loads(path.read_text(encoding="utf-8")), indent=4), encoding="utf-8")
    assert load(path) == _ledger()


def test_format_1_is_read_and_written_back_as_format_2(tmp_path: Path) -> None:
    path = tmp_path / "levcards.lock"
    old = _ledger()
    flat = {g: record(e) for g, e in old.all_entries()}
    path.write_text(json.dumps({"decks": old.decks, "format": 1, "generator": "levcards",
                                "notes": flat, "notetypes": old.notetypes}), encoding="utf-8")
    loaded = load(path)
    assert {g: record(e) for g, e in loaded.all_entries()} == flat
    assert loaded.next_note_id == max(e["note_id"] for e in flat.values()) + 1
    assert save(loaded, path, loaded), "an old format is written back even when nothing changed"
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == 2


def test_a_damaged_block_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "levcards.lock"
    save(_ledger(), path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    (target,) = [n for n, line in enumerate(lines, 1) if line.lstrip().startswith('"h1"')]
    lines[target - 1] = lines[target - 1].replace('"cards":1', '"cards":1,,')
    path.write_text("".join(lines), encoding="utf-8")
    loaded = load(path)  # the header and the other block are fine
    assert loaded.series("alpha") == _ledger().series("alpha")
    with pytest.raises(SourceError) as caught:
        loaded.series("beta-2")
    assert caught.value.line == target


def test_a_build_with_a_damaged_block_fails_with_file_and_line(tmp_path: Path) -> None:
    source = tmp_path / "src"
    (source / "alpha").mkdir(parents=True)
    (source / "alpha" / "a.md").write_text("# A\n\n## FAQ\n\n### Why?\n\nBecause.\n", encoding="utf-8")
    assert build(source, tmp_path / "out").ok
    lock = source / "levcards.lock"
    lock.write_text(lock.read_text(encoding="utf-8").replace('"cards":1', '"cards":'), encoding="utf-8")
    report = build(source, tmp_path / "out2")
    (problem,) = report.problems.errors
    assert problem.path == str(lock) and problem.line > 6 and problem.code == "ledger"


def test_sealed_blocks_leave_memory_and_come_back_unchanged(tmp_path: Path) -> None:
    """A build seals each series once matched: its block waits in a scratch file, not in memory,
    and the saved ledger is the same as if it had stayed."""
    path = tmp_path / "levcards.lock"
    save(_ledger(), path)
    old = load(path)
    new = old.copy()
    entries = {**_ledger().series("alpha"), "g9": _entry("alpha", 9)}
    new.set_series("alpha", entries)
    new.seal("alpha")
    assert "alpha" not in new.parsed() and new.spilled()
    assert new.series("alpha") == entries
    assert new != old
    reference = _ledger()
    reference.set_series("alpha", entries)
    assert new == reference
    save(new, path, old)
    new.close()
    assert load(path) == reference
    assert path.read_text(encoding="utf-8") == reference.dumps()


def test_an_entry_line_stores_every_field_of_an_entry() -> None:
    from levcards.ledger import _STORED_FIELDS, _entry_line

    line = _entry_line("g1", _entry("alpha", 1, retired=True))
    guid, _, body = line.strip().partition(": ")
    assert json.loads(guid) == "g1"
    assert sorted(json.loads(body)) == sorted(_STORED_FIELDS)
    assert body == json.dumps(json.loads(body), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@pytest.mark.parametrize("room", [True, False])
def test_a_block_sealed_by_a_helper_is_adopted_as_it_was_made(
        room: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """A helper seals its block into a scratch file this ledger made (or, with no room there,
    hands over the bytes); adopted, it replaces the block the series had here."""
    import levcards.ledger as ledger_module

    made = _ledger()
    reference = made.dumps()
    here = _ledger()
    here.set_series("alpha", {"old": _entry("alpha", 5)})  # the block before the helper's
    spill = here.scratch_file()
    made.seal_into(spill)
    if not room:
        monkeypatch.setattr(ledger_module, "_append", lambda *args: (_ for _ in ()).throw(
            OSError(28, "No space left on device")))
    made.seal("alpha")
    block = made.sealed_block("alpha")
    assert isinstance(block, tuple) == room
    here.adopt("alpha", spill, block)
    assert here.sealed("alpha") and here.block_digest("alpha") == made.block_digest("alpha")
    assert here.dumps() == reference and here == made
    assert here.series("alpha") == made.series("alpha") == _ledger().series("alpha")
    here.close()
    assert spill.closed


def test_sealing_without_a_scratch_file_keeps_the_block_in_memory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import levcards.ledger as ledger_module

    def no_room(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ledger_module.tempfile, "TemporaryFile", no_room)
    ledger = _ledger()
    ledger.seal("alpha")
    assert ledger == _ledger() and ledger.dumps() == _ledger().dumps()


def test_a_scratch_file_that_fills_up_keeps_the_block_in_memory() -> None:
    """The scratch file takes the first block, then the file size limit stops it halfway
    through the second: that block stays in memory, and both read back whole."""
    import resource

    ledger = _ledger()
    ledger.set_series("beta-2", {f"h{n}": _entry("beta-2", n) for n in range(15)})
    reference = ledger.dumps()
    first = len(ledger.block_bytes("alpha"))
    assert 2 * first < len(ledger.block_bytes("beta-2")) < 8192  # inside one write buffer
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (2 * first, hard))  # Python ignores SIGXFSZ
    try:
        ledger.seal("alpha")
        ledger.seal("beta-2")
        assert ledger.sealed("alpha") and ledger.sealed("beta-2")
        assert ledger.dumps() == reference
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        ledger.close()


@pytest.mark.parametrize("awkward", ['say "hi"', "back\\slash", "tab\tand\nnewline\x00\x1f",
                                     "é ü 日本 😀", "line\u2028separator", "</script>&amp;", ""])
def test_an_entry_line_is_canonical_json_whatever_its_text(awkward: str) -> None:
    """Lines are written without the JSON encoder where the types allow; the bytes must be
    what the encoder would give, and odd types (a hand-edited ledger) still give valid JSON."""
    from levcards.ledger import _entry_line

    def canonical(guid: str, e: Entry) -> str:
        body = {name: getattr(e, name) for name in ("article", "kind", "key", "notetype",
                "fields", "tags", "cards", "hash", "mod", "note_id", "ref", "order", "retired")}
        return f"    {json.dumps(guid, ensure_ascii=False)}: " + json.dumps(
            body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    entry = Entry("s", awkward, "qa", awkward, "basic", [awkward, "b", awkward], [awkward],
                  2, awkward, 1_700_000_000, 1_700_000_000_123, awkward, 3, False)
    assert _entry_line(awkward, entry) == canonical(awkward, entry)
    for odd in ({"cards": "2; not json"}, {"fields": "ab"}, {"key": 7}, {"retired": 0},
                {"tags": ["x", 1]}):
        changed = Entry(**{**{name: getattr(entry, name) for name in (
            "series", "article", "kind", "key", "notetype", "fields", "tags", "cards", "hash",
            "mod", "note_id", "ref", "order", "retired")}, **odd})
        assert _entry_line("g", changed) == canonical("g", changed)
