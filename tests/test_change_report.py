"""What a build says changed (issue 21, defects 3 and 4): which notes, in 80 columns, and a
release changelog that lists what changed since the previous release and survives builds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from levcards.cli import app
from levcards.release import code_span

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

## FAQ

### Why automate savings?

Because a transfer that runs by itself never waits for willpower.
"""


@pytest.fixture
def course(tmp_path: Path) -> Path:
    source = tmp_path / "course"
    (source / "habits").mkdir(parents=True)
    (source / "habits" / "autopilot.md").write_text(ARTICLE, encoding="utf-8")
    return source


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _edit(course: Path) -> None:
    """One note retired, one updated, one added."""
    path = course / "habits" / "autopilot.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("- **Sinking fund:** money set aside monthly for a known future cost.\n",
                        "- **Round-up saving:** moving the change of every purchase to savings.\n"
                        "- **Sinking fund:** money set aside monthly for a known future cost.\n")
    text = text.replace("- **Pay yourself first:** moving savings out before any spending happens.\n", "")
    path.write_text(text.replace("never waits", "never has to wait"), encoding="utf-8")


def test_build_prints_which_notes_were_added_updated_and_retired(course: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = _run("build", str(course), "--out", str(out))
    assert "+ sinking fund" in first and "+ why automate savings" in first
    _edit(course)
    second = _run("build", str(course), "--out", str(out))
    assert "+ round-up saving" in second
    assert "~ why automate savings" in second
    assert "- pay yourself first" in second
    assert "sinking fund" not in second  # unchanged notes are not listed
    assert "Habits of money" in second


def test_a_long_change_list_stops_after_a_few_and_verbose_and_json_list_all(
        course: Path, tmp_path: Path) -> None:
    path = course / "habits" / "autopilot.md"
    terms = "".join(f"- **Term {chr(97 + n)}:** meaning number {n} of this glossary.\n"
                    for n in range(12))
    path.write_text(ARTICLE.replace("## FAQ", terms + "\n## FAQ"), encoding="utf-8")
    twin = tmp_path / "twin"
    shutil.copytree(course, twin)
    printed = _run("build", str(course), "--out", str(tmp_path / "a"))
    listed = [line for line in printed.splitlines() if line.lstrip().startswith("+ ")]
    assert 0 < len(listed) < 15
    assert f"and {15 - len(listed)} more" in printed and "--verbose" in printed
    verbose = _run("build", str(twin), "--out", str(tmp_path / "b"), "--verbose")
    assert all(f"+ term {chr(97 + n)}" in verbose for n in range(12))
    report = json.loads(_run("build", str(course), "--out", str(tmp_path / "c"), "--format", "json"))
    (series,) = report["series"]
    assert series["changes"]["added"] == 0  # the ledger already holds them
    assert series["changes"]["notes"] == {"added": [], "updated": [], "retired": []}


def test_json_names_every_changed_note_with_its_guid(course: Path, tmp_path: Path) -> None:
    report = json.loads(_run("build", str(course), "--out", str(tmp_path / "a"), "--format", "json"))
    (series,) = report["series"]
    added = series["changes"]["notes"]["added"]
    assert {a["key"] for a in added} == {"sinking fund", "pay yourself first", "why automate savings"}
    assert all(len(a["guid"]) == 10 for a in added)


def test_the_build_table_fits_80_columns(course: Path, tmp_path: Path) -> None:
    printed = _run("build", str(course), "--out", str(tmp_path / "out"))
    assert max(len(line) for line in printed.splitlines()) <= 80, printed
    for column in ("series", "articles", "notes", "cards", "changes", "output"):
        assert column in printed
    verbose = _run("build", str(course), "--out", str(tmp_path / "v"), "--verbose")
    assert "takeaways" in verbose and "unchanged" in verbose  # the details are one flag away


def test_a_plain_build_writes_no_changelog_and_leaves_a_releases_alone(course: Path,
                                                                      tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run("build", str(course), "--out", str(out))
    assert not (out / "CHANGELOG.md").exists()
    _run("release", "--version", "v1.0.0", str(course), "--out", str(out))
    released = (out / "CHANGELOG.md").read_bytes()
    assert released.startswith(b"# levcards release v1.0.0")
    _edit(course)
    _run("build", str(course), "--out", str(out))
    assert (out / "CHANGELOG.md").read_bytes() == released


def test_a_release_lists_what_changed_since_the_previous_release(course: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run("build", str(course), "--out", str(out))  # the ledger, as an author commits it
    _run("release", "--version", "v1.0.0", str(course), "--out", str(out))
    _edit(course)
    _run("build", str(course), "--out", str(tmp_path / "local"))  # the author's own rebuild
    printed = _run("release", "--version", "v1.1.0", str(course), "--out", str(out))
    assert "release v1.1.0: since v1.0.0; Habits of money +1 ~1 -1" in printed
    log = (out / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "since v1.0.0" in log
    added, updated, retired = (log.split(f"### {h}")[1].split("###")[0]
                               for h in ("Added", "Updated", "Retired"))
    assert "round-up saving" in added and "why automate savings" in updated
    assert "pay yourself first" in retired
    assert "sinking fund" not in log


@pytest.mark.parametrize(("text", "span"), [("abc", "`abc`"), ("a`b", "``a`b``"),
                                            ("`ab", "`` `ab ``"), ("a``b`", "``` a``b` ```")])
def test_a_code_span_holds_any_backticks(text: str, span: str) -> None:
    assert code_span(text) == span
