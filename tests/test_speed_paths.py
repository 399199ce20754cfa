"""The fast paths change nothing: parallel = serial, and a cache (fresh, stale or broken) = none."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from levcards import worker
from levcards.cache import CACHE_NAME
from levcards.builder import build


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


def test_cache_is_used_and_a_broken_or_stale_cache_changes_nothing(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "src"
    _corpus(source, 6)
    out = tmp_path / "out"
    reference = _fresh_build(source, out)
    assert (out / CACHE_NAME).is_file()

    calls: list[str] = []
    real_run = worker.run
    monkeypatch.setattr(worker, "run", lambda job: calls.append(job.path) or real_run(job))
    assert _fresh_build(source, out) == reference
    assert calls == [], "an unchanged tree is not read again"

    (out / CACHE_NAME).write_text('{"version": "0.1.0", "entries": {"x": 1', encoding="utf-8")
    assert _fresh_build(source, out) == reference
    text = (out / CACHE_NAME).read_text(encoding="utf-8")
    (out / CACHE_NAME).write_text(text.replace('"definition":"the meaning', '"definition":"WRONG'),
                                  encoding="utf-8")
    calls.clear()
    assert _fresh_build(source, out) == reference, "damaged entries are read again"
    assert len(calls) == 6
    edited = source / "series-0" / "note-000.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(edited, (1_700_000_000, 1_700_000_000))
    calls.clear()
    fresh = _fresh_build(source, out)
    assert calls == [str(edited)], "only the edited article is read again"
    (out / CACHE_NAME).write_text("[]", encoding="utf-8")
    assert _fresh_build(source, out) == fresh
    (out / CACHE_NAME).write_bytes(b"\xff\xfe garbage")
    assert _fresh_build(source, out) == fresh


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
