"""One set of rules, the same findings from every command (issue 21, defect 5): `build`,
`check` and `watch` report what `check` finds, on a first build and on a cached rebuild."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from levcards.builder import build
from levcards.cli import app
from levcards.watch import report_lines

runner = CliRunner()

FIRST = """\
---
series: Household money
---

# Buffers

## Glossary

- **Float:** money that covers the gap between pay day and the bills.

## Frequently asked questions

We will answer your questions here soon.
"""

SECOND = """\
---
series: household money
---

# Bills

## Glossary

- **Float:** the money kept in the account between pay days.
- **Sinking fund:** {{money}} put aside each month for a known bill.
"""


@pytest.fixture
def course(tmp_path: Path) -> Path:
    source = tmp_path / "course"
    (source / "money").mkdir(parents=True)
    (source / "money" / "buffers.md").write_text(FIRST, encoding="utf-8")
    (source / "money" / "bills.md").write_text(SECOND, encoding="utf-8")
    return source


def _findings(document: dict) -> set[tuple[str, int, str]]:
    return {(Path(p["path"]).name, p["line"], p["code"]) for p in document["problems"]
            if p["severity"] != "info"}


def test_build_reports_what_check_finds_first_time_and_from_its_cache(course: Path,
                                                                      tmp_path: Path) -> None:
    checked = json.loads(runner.invoke(app, ["check", str(course), "--format", "json"]).stdout)
    codes = {code for _, _, code in _findings(checked)}
    assert {"series-case", "duplicate-key", "empty-section", "braces"} <= codes
    out = tmp_path / "out"
    for _ in range(2):  # the second build reuses the first one's cache and package
        result = runner.invoke(app, ["build", str(course), "--out", str(out), "--format", "json"])
        assert result.exit_code == 0, result.output
        assert _findings(json.loads(result.stdout)) == _findings(checked)


def test_build_strict_fails_where_check_strict_does(course: Path, tmp_path: Path) -> None:
    assert runner.invoke(app, ["check", str(course), "--strict"]).exit_code == 1
    result = runner.invoke(app, ["build", str(course), "--out", str(tmp_path / "o"), "--strict"])
    assert result.exit_code == 1
    assert "series-case" in result.output


def test_watch_prints_each_finding_not_only_their_number(course: Path, tmp_path: Path) -> None:
    (course / "money" / "broken.md").write_text("---\ntitle: [unclosed\n---\n# Broken\n",
                                                encoding="utf-8")
    report = build(course, tmp_path / "out")
    lines = report_lines(report, None, 0.5)
    assert any("broken.md:" in line and "error" in line for line in lines)
    assert any("series-case" in line for line in lines)
    assert lines[-1].startswith("rebuilt") and "1 error(s)" in lines[-1]


def _on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """What the command prints to a real terminal (a pseudo-terminal)."""
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    done = subprocess.run([sys.executable, "-m", "levcards", *args], stdout=follower,
                          stderr=follower, env=env, timeout=60, check=False)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert done.returncode == 0
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.slow
def test_no_color_turns_colour_off_on_a_terminal(course: Path) -> None:
    """Issue 21, 9: check's finding lines were coloured on a terminal even with NO_COLOR."""
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(TERM="xterm-256color", COLUMNS="100")
    coloured = _on_a_terminal(["check", str(course)], env)
    assert "series-case" in coloured and "\x1b[33m" in coloured  # yellow warnings
    plain = _on_a_terminal(["check", str(course)], {**env, "NO_COLOR": "1"})
    assert "series-case" in plain and "\x1b[3" not in plain
