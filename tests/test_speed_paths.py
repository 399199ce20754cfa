"""The fast paths change nothing: parallel = serial, and a cache (fresh, stale or broken) = none."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import pickle
from pathlib import Path

import pytest

from levcards import builder, forked, pipeline, worker
from levcards.builder import build
from levcards.cache import CACHE_DIR, INDEX_NAME
from levcards.config import BuildOptions


def _corpus(root: Path, count: int) -> None:
    for n in range(count):
        folder = root / f"series-{n % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"note-{n:03}.md").write_text(
            f"# Note {n}\n\n## Glossary\n\n- **Term {n}:** the meaning of term number {n}.\n\n"
            f"## FAQ\n\n### Why does item {n} matter?\n\nBecause number {n} comes after {n - 1}.\n\n"
            f"## Key takeaways\n\n- Item {n} is **worth remembering** for the test.\n",
            encoding="utf-8")
        os.utime(folder / f"note-{n:03}.md", (1_700_000_000, 1_700_000_000))


def _packages(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.apkg"))}


def _fresh_build(source: Path, out: Path) -> dict[str, bytes]:
    (source / "levcards.lock").unlink(missing_ok=True)
    report = build(source, out)
    assert report.ok
    return _packages(out)


def test_parallel_and_serial_give_identical_packages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "src"
    _corpus(source, worker.PARALLEL_MIN_ARTICLES + 12)
    parallel = _fresh_build(source, tmp_path / "parallel")
    monkeypatch.setenv("LEVCARDS_SERIAL", "1")
    serial = _fresh_build(source, tmp_path / "serial")
    assert parallel and parallel == serial


def _outputs(source: Path, out: Path) -> dict[str, bytes]:
    """Packages, ledger and cached items of a build from scratch."""
    (source / "levcards.lock").unlink(missing_ok=True)
    report = build(source, out)
    assert report.ok, report.problems.items
    items = {p.name: p.read_bytes() for p in sorted((out / CACHE_DIR).glob("items-*.json"))}
    return {**_state(source, out), **items}


@pytest.fixture
def helpers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Any share of the series is big enough for a forked helper; lists each helper forked."""
    if not forked.available():
        pytest.skip("forked helpers run on Linux with two or more cores")
    monkeypatch.setenv("LEVCARDS_FORK_MIN_NOTES", "1")
    handed: list[str] = []
    real = forked.Forked.__init__

    def counting(self: forked.Forked[object], call: object) -> None:
        handed.append("helper")
        real(self, call)  # type: ignore[arg-type]

    monkeypatch.setattr(forked.Forked, "__init__", counting)
    return handed


def test_packages_made_by_a_forked_helper_equal_those_made_here(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, helpers: list[str]) -> None:
    source = tmp_path / "src"
    _corpus(source, 9)
    shared = _outputs(source, tmp_path / "shared")
    assert helpers == ["helper"], "one helper takes series-1; series-0 and -2 are made here"
    frozen = tmp_path / "frozen"
    assert build(source, frozen, BuildOptions(frozen=True)).ok  # every block sealed before any is packaged
    assert _state(source, frozen) == _state(source, tmp_path / "shared")
    helpers.clear()
    monkeypatch.setenv("LEVCARDS_SERIAL", "1")
    alone = _outputs(source, tmp_path / "alone")
    assert helpers == [], "LEVCARDS_SERIAL keeps every package in this process"
    assert len(shared) == 7 and shared == alone  # three packages, the ledger, three items files
    monkeypatch.delenv("LEVCARDS_SERIAL")
    _edit(source / "series-1" / "note-004.md", "comes after", "follows", 1_700_000_100)
    assert build(source, tmp_path / "shared").ok
    assert helpers == [], "one series to rebuild: a helper would only make this process wait"


def test_a_helper_matches_against_the_ledger_as_this_process_would(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, helpers: list[str]) -> None:
    """Every series gains, changes and loses notes against the ledger: the helper's series
    gets the note IDs set aside for it, and the series after it the IDs after those."""
    source = tmp_path / "src"
    _corpus(source, 9)
    assert build(source, tmp_path / "first").ok
    for n in range(3):
        folder = source / f"series-{n}"
        _edit(folder / f"note-{n:03}.md", "## FAQ", f"## Glossary\n\n- **New term {n}:** a term "
              "added to the article later on.\n\n## FAQ", 1_700_000_100)  # new notes
        _edit(folder / f"note-{n + 3:03}.md", "the meaning", "what is meant by", 1_700_000_100)
        (folder / f"note-{n + 6:03}.md").unlink()  # its notes retire
    lock = source / "levcards.lock"
    before = lock.read_bytes()
    helpers.clear()
    shared = _from_scratch(source, tmp_path / "shared")
    assert helpers == ["helper"]
    monkeypatch.setenv("LEVCARDS_SERIAL", "1")
    assert _from_scratch(source, tmp_path / "alone") == shared
    monkeypatch.delenv("LEVCARDS_SERIAL")
    assert build(source, tmp_path / "shared").ok
    after = json.loads(lock.read_text(encoding="utf-8"))
    old = json.loads(before)
    kinds = {"retired": 0, "new": 0, "updated": 0}
    for slug, block in after["series"].items():
        for guid, entry in block.items():
            was = old["series"][slug].get(guid)
            if was is None:
                kinds["new"] += 1
                assert entry["note_id"] >= old["next_note_id"]
            elif entry["retired"] and not was["retired"]:
                kinds["retired"] += 1
            elif entry["hash"] != was["hash"]:
                kinds["updated"] += 1
    assert all(kinds.values()), kinds
    ids = [e["note_id"] for block in after["series"].values() for e in block.values()]
    assert len(set(ids)) == len(ids)


def test_a_helper_that_dies_is_replaced_by_doing_its_work_here(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, helpers: list[str]) -> None:
    source = tmp_path / "src"
    _corpus(source, 9)
    alone = _outputs(source, tmp_path / "reference")
    here = os.getpid()
    real = builder._SeriesWriter._package

    def dying(self: builder._SeriesWriter, series: object) -> object:
        if os.getpid() != here:
            os._exit(1)  # as if the helper were killed
        return real(self, series)  # type: ignore[arg-type]

    monkeypatch.setattr(builder._SeriesWriter, "_package", dying)
    assert _outputs(source, tmp_path / "shared") == alone
    assert helpers


@pytest.mark.parametrize("failing", ["series-0", "series-1"])  # made here, made by the helper
def test_a_write_error_in_a_helper_is_reported_as_one_here_would_be(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, helpers: list[str], failing: str) -> None:
    source = tmp_path / "src"
    _corpus(source, 9)
    reports = {}
    for name in ("shared", "alone"):
        if name == "alone":
            monkeypatch.setenv("LEVCARDS_SERIAL", "1")
        out = tmp_path / name
        (out / f"{failing}.apkg" / "in-the-way").mkdir(parents=True)  # a folder where the deck goes
        (source / "levcards.lock").unlink(missing_ok=True)
        reports[name] = build(source, out)
        assert not (source / "levcards.lock").exists(), "no ledger after a failed write"
    assert helpers
    shared, alone = ([(p.code, p.message.replace(str(tmp_path / n), "OUT"))
                      for p in reports[n].problems.errors] for n in ("shared", "alone"))
    assert shared == alone and [code for code, _ in shared] == ["write-error"]
    assert f"{failing}.apkg" in shared[0][1]


def test_cache_is_used_and_a_broken_or_stale_cache_changes_nothing(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "src"
    _corpus(source, 6)
    out = tmp_path / "out"
    reference = _fresh_build(source, out)
    cache = out / CACHE_DIR
    assert (cache / INDEX_NAME).is_file()

    calls: list[str] = []
    real_run = worker.run
    monkeypatch.setattr(worker, "run", lambda job: calls.append(job.path) or real_run(job))
    assert _fresh_build(source, out) == reference
    assert calls == [], "an unchanged tree is not read again"

    (cache / INDEX_NAME).write_text('{"version": "0.1.0", "body": {"x": 1', encoding="utf-8")
    assert _fresh_build(source, out) == reference
    for items in cache.glob("items-*.json"):
        text = items.read_text(encoding="utf-8")
        items.write_text(text.replace('"definition":"the meaning', '"definition":"WRONG'), encoding="utf-8")
    calls.clear()
    assert _fresh_build(source, out) == reference, "damaged entries are read again"
    assert len(calls) == 6
    edited = source / "series-0" / "note-000.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(edited, (1_700_000_000, 1_700_000_000))
    calls.clear()
    fresh = _fresh_build(source, out)
    assert calls == [str(edited)], "only the edited article is read again"
    for broken in ("[]", '{"version": "x"}', "\ufffd garbage"):
        for file in [cache / INDEX_NAME, *cache.glob("items-*.json")]:
            file.write_text(broken, encoding="utf-8")
        assert _fresh_build(source, out) == fresh


def _state(source: Path, out: Path) -> dict[str, bytes]:
    """What a build leaves that matters: the packages and the ledger."""
    return {**_packages(out), "levcards.lock": (source / "levcards.lock").read_bytes()}


def _edit(path: Path, old: str, new: str, when: int) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    os.utime(path, (when, when))


def _from_scratch(source: Path, out: Path) -> dict[str, bytes]:
    """A build with the current ledger and no cache; the ledger is put back afterwards."""
    lock = source / "levcards.lock"
    before = lock.read_bytes()
    assert build(source, out).ok
    state = _state(source, out)
    lock.write_bytes(before)
    return state


@pytest.mark.parametrize("helper", [False, True])
def test_an_incremental_build_equals_a_build_from_scratch(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          helper: bool) -> None:
    """Series kept from the last build give exactly what rebuilding them would, edit after edit,
    and only the series an edit touches are made into notes again (also when two touched series
    are shared with a helper, next to kept ones)."""
    if helper:
        if not forked.available():
            pytest.skip("forked helpers run on Linux with two or more cores")
        monkeypatch.setenv("LEVCARDS_FORK_MIN_NOTES", "1")
    source = tmp_path / "src"
    _corpus(source, 9)
    out = tmp_path / "out"
    assert build(source, out).ok
    made: set[str] = set()
    real = pipeline.make_notes
    monkeypatch.setattr(pipeline, "make_notes",
                        lambda ctx, items: made.add(ctx.series_slug) or real(ctx, items))
    notes = source / "series-1"
    edits = [
        (lambda: _edit(notes / "note-004.md", "comes after", "follows", 1_700_000_100), {"series-1"}),
        (lambda: _edit(source / "series-2" / "note-005.md", "## Glossary", "## Terms", 1_700_000_200),
         {"series-2"}),
        (lambda: (source / "series-0" / "note-003.md").rename(source / "series-0" / "moved.md"),
         {"series-0"}),
        (lambda: _edit(notes / "note-007.md", "# Note 7", "---\nseries: series-2\n---\n# Note 7",
                       1_700_000_300), {"series-1", "series-2"}),
        (lambda: (source / "series-2" / "note-008.md").unlink(), {"series-2"}),
        (lambda: None, set()),
    ]
    for n, (edit, touched) in enumerate(edits):
        edit()
        expected = _from_scratch(source, tmp_path / f"scratch-{n}")
        made.clear()
        assert build(source, out).ok
        assert made == touched, f"edit {n}"
        assert _state(source, out) == expected, f"edit {n}"


def test_a_changed_ledger_or_package_is_not_trusted(tmp_path: Path) -> None:
    source = tmp_path / "src"
    _corpus(source, 6)
    out = tmp_path / "out"
    assert build(source, out).ok
    lock = source / "levcards.lock"
    first = lock.read_bytes()
    _edit(source / "series-1" / "note-004.md", "comes after", "follows", 1_700_000_100)
    assert build(source, out).ok
    lock.write_bytes(first)  # an older ledger checked out again
    expected = _from_scratch(source, tmp_path / "scratch")
    assert build(source, out).ok
    assert _state(source, out) == expected
    (out / "series-0.apkg").write_bytes(b"not a package")
    (out / "series-2.apkg").unlink()
    assert build(source, out).ok
    assert _state(source, out) == expected


def test_only_the_edited_series_is_repackaged(tmp_path: Path) -> None:
    source = tmp_path / "src"
    _corpus(source, 6)
    out = tmp_path / "out"
    assert build(source, out).ok
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.apkg")}
    edited = source / "series-1" / "note-001.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("comes after", "follows"),
                      encoding="utf-8")
    os.utime(edited, (1_700_000_100, 1_700_000_100))
    assert build(source, out).ok
    after = {p.name: p.stat().st_mtime_ns for p in out.glob("*.apkg")}
    assert [name for name in sorted(after) if after[name] != before[name]] == ["series-1.apkg"]


def test_a_well_formed_index_with_odd_records_is_not_trusted(tmp_path: Path) -> None:
    """Records of the wrong shape (under a valid checksum) are ignored, never a crash."""
    source = tmp_path / "src"
    _corpus(source, 6)
    out = tmp_path / "out"
    assert build(source, out).ok
    expected = _state(source, out)
    index = out / CACHE_DIR / INDEX_NAME
    stamp, _, text = index.read_bytes().partition(b"\n")
    body = json.loads(text)
    for record in body["articles"].values():
        record["problems"] = [{"path": 1}]
    for record in body["series"].values():
        record["tally"] = {"notes": "many", "items": []}
    text = json.dumps(body).encode()
    version = stamp.split(b" ")[0]
    index.write_bytes(version + b" " + hashlib.sha256(text).hexdigest().encode() + b"\n" + text)
    report = build(source, out)
    assert report.ok and not report.problems.items
    assert _state(source, out) == expected


def test_a_file_hashed_too_soon_after_its_edit_is_trusted_once_it_is_hashed_later(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Git's racy-clean rule: a stat taken within seconds of the file's mtime does not vouch
    for its content, but the next build's hash (taken later) does."""
    import levcards.cache as cache_module

    source, out = tmp_path / "src", tmp_path / "out"
    _corpus(source, 4)  # every file's mtime is 1_700_000_000
    hashed: list[str] = []
    real_key = cache_module.key_of  # every content key is made here, by a worker or not
    monkeypatch.setattr(cache_module, "key_of",
                        lambda data, sidecar, shown, reader: hashed.append(shown)
                        or real_key(data, sidecar, shown, reader))
    clock = [1_700_000_001 * 10**9]
    monkeypatch.setattr(cache_module.time, "time_ns", lambda: clock[0])
    reference = _fresh_build(source, out)
    assert len(hashed) == 4, "hashed a second after the edit: not vouched for"
    hashed.clear()
    clock[0] = 1_700_000_010 * 10**9
    assert _fresh_build(source, out) == reference
    assert len(hashed) == 4, "the first hash was too soon, so the content is hashed again"
    hashed.clear()
    assert _fresh_build(source, out) == reference
    assert hashed == [], "the second hash came late enough to vouch for the unchanged files"


def test_a_first_build_reads_each_article_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With nothing cached, notes are made as the outcomes arrive; nothing is read twice."""
    source = tmp_path / "src"
    _corpus(source, 6)
    calls: list[str] = []
    real_run = worker.run
    monkeypatch.setattr(worker, "run", lambda job: calls.append(job.path) or real_run(job))
    report = build(source, tmp_path / "out")
    assert report.ok and report.series
    assert sorted(calls) == sorted(str(p) for p in source.rglob("*.md"))


def test_the_cycle_collector_pauses_during_a_build_and_is_put_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No collector passes while notes are made; afterwards it is as the caller left it."""
    source = tmp_path / "src"
    _corpus(source, 3)
    seen: list[bool] = []
    real = pipeline.make_notes
    monkeypatch.setattr(pipeline, "make_notes",
                        lambda ctx, items: seen.append(gc.isenabled()) or real(ctx, items))
    try:
        for enabled in (True, False):
            gc.enable() if enabled else gc.disable()
            assert build(source, tmp_path / f"out-{enabled}").ok
            assert gc.isenabled() is enabled
    finally:
        gc.enable()
    assert seen and not any(seen)


@pytest.mark.parametrize("edit_first", [True, False], ids=["edit-then-read", "read-then-edit"])
def test_an_edit_while_a_worker_reads_never_leaves_stale_items_in_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit_first: bool) -> None:
    """The worker keys an article by the very bytes it reads: an edit just before or just
    after that read gives the next build a key it misses (and reads again) or the key of
    what was read, never old items under the new content's key."""
    source, out = tmp_path / "src", tmp_path / "out"
    _corpus(source, 4)
    real_read = worker.read_bytes
    edited: set[str] = set()

    def edit(path: Path) -> None:
        if str(path) not in edited:  # the author saves just as the worker gets to the file
            edited.add(str(path))
            with open(path, "a", encoding="utf-8") as handle:
                handle.write("- Late edits are **picked up** by the next build.\n")

    def racing_read(path: Path, shown: str) -> bytes:
        if edit_first:
            edit(path)
        data = real_read(path, shown)
        if not edit_first:
            edit(path)
        return data

    monkeypatch.setattr(worker, "read_bytes", racing_read)
    assert build(source, out).ok
    assert len(edited) == 4
    monkeypatch.setattr(worker, "read_bytes", real_read)
    assert build(source, out).ok
    assert _state(source, out) == _from_scratch(source, tmp_path / "scratch")


def test_what_a_worker_sends_back_survives_pickling_unchanged() -> None:
    """Outcomes cross the process boundary pickled (compactly: class and field values)."""
    roots = (Path(__file__).parent / "fixtures", Path(__file__).parents[1] / "decks")
    files = sorted(p for root in roots for p in root.rglob("*") if p.suffix in (".md", ".txt"))
    assert len(files) >= 7
    for path in files:
        outcome = worker.run(worker.Job(str(path), path.name, None, True, True))
        back = pickle.loads(pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL))
        assert back == outcome, path.name
        if outcome.article is not None:  # meta is left out of Article equality
            assert back.article is not None and back.article.meta == outcome.article.meta
            assert back.article.sections == outcome.article.sections


def test_cached_items_come_back_as_they_were_read() -> None:
    """The items file stores each item's line, and its path only where it is not the article's."""
    from levcards.cache import _decode, _encode
    from levcards.errors import Problem
    from levcards.model import (
        Article,
        Definition,
        Enumeration,
        Mistake,
        QAPair,
        SourceRef,
        Takeaway,
    )

    article = Article("notes/a.md", "a", "A title", "markdown", (), {"tags": ["x"]}, ((2, "odd byte"),))
    items = [Definition("Float", "Money kept free.", SourceRef("notes/a.md", 4), 0.9),
             QAPair("Why?", "Because.", SourceRef("elsewhere.md", 7)),
             Takeaway("Keep a float.", SourceRef("notes/a.md", 9), highlight="a float"),
             Mistake("No buffer", "It breaks.", SourceRef("notes/a.md", 11), fix="Add one", group="G"),
             Enumeration("Parts", ("one", "two"), SourceRef("notes/a.md", 13), 0.7)]
    outcome = worker.Outcome(article, items, [Problem("notes/a.md", 2, "warning", "reader", "odd")])
    stored = json.loads(json.dumps(_encode(outcome)))
    assert [("path" in i) for i in stored["items"]] == [False, True, False, False, False]
    back = _decode(stored)
    assert back.items == items and back.problems == outcome.problems
    assert back.article == article and back.article.meta == article.meta
