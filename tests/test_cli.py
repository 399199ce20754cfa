"""The command line: exit codes, JSON shape, help."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from levcards import __version__
from levcards.cli import app

runner = CliRunner()
REPO = Path(__file__).resolve().parents[1]


def test_extract_json_has_the_documented_shape() -> None:
    path = "decks/money/000_49af584fc83ed8ca.txt"
    result = subprocess.run([sys.executable, "-m", "levcards", "extract", path, "--format", "json"],
                            cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)  # stdout is exactly one JSON document
    (article,) = data["articles"]
    assert article["path"] == path
    assert article["title"] == "What Is Leverage (Really)?"
    assert article["series"] == "money"
    kinds = {item["kind"] for item in article["items"]}
    assert {"definition", "qa", "takeaway", "mistake"} <= kinds
    definition = next(i for i in article["items"] if i["kind"] == "definition")
    assert set(definition) >= {"term", "definition", "line", "confidence"}
    assert [p for p in data["problems"] if p["severity"] == "error"] == []


def test_extract_reports_an_unreadable_file_and_still_extracts_the_others(tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text("# Notes\n\n## Glossary\n\n- **Float:** money in transit between accounts.\n",
                    encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: [unclosed\n---\n\n# Body\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(good), str(bad), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [a["path"] for a in data["articles"]] == [str(good)]
    assert data["articles"][0]["items"][0]["term"] == "Float"
    (error,) = [p for p in data["problems"] if p["severity"] == "error"]
    assert error["path"] == str(bad) and error["line"] == 2 and "frontmatter" in error["message"]


def test_build_reports_counts_as_json(seed_decks: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", str(seed_decks), "--out", str(tmp_path / "o"),
                                 "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [s["slug"] for s in data["series"]] == ["essays", "mental-models", "money"]
    assert all(s["notes"] > 0 and s["cards"] >= s["notes"] for s in data["series"])
    assert all(Path(s["output"]).is_file() for s in data["series"])


def test_one_bad_article_costs_only_itself(seed_decks: Path, tmp_path: Path) -> None:
    (seed_decks / "money" / "broken.md").write_text("---\n- a\n- b\n---\n# X\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(seed_decks), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "broken.md:2" in result.output
    assert len(list((tmp_path / "o").glob("*.apkg"))) == 3


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["build", str(tmp_path / "missing")]).exit_code == 2
    assert runner.invoke(app, ["build", "--no-such-flag"]).exit_code == 2


@pytest.mark.slow
def test_the_command_keeps_exit_codes_and_all_its_output_when_it_skips_teardown(tmp_path: Path) -> None:
    """`levcards` leaves through os._exit: what it printed must still arrive, code intact."""
    source = tmp_path / "decks" / "notes"
    source.mkdir(parents=True)
    for n in range(40):  # enough output to sit in a pipe's buffer when the process leaves
        (source / f"a{n:02}.md").write_text(f"# Topic {n}\n\n## Glossary\n\n- **Term {n}:** what "
                                           f"the word number {n} means here.\n", encoding="utf-8")
    command = [sys.executable, "-m", "levcards", "build", str(tmp_path / "decks"),
               "--out", str(tmp_path / "out"), "--format", "json"]
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=buffered)
    assert done.returncode == 0, done.stderr
    assert sum(s["notes"] for s in json.loads(done.stdout)["series"]) == 40
    (source / "broken.md").write_text("---\ntitle: [unclosed\n---\n\n# Body\n", encoding="utf-8")
    failed = subprocess.run(command, capture_output=True, text=True, check=False, env=buffered)
    assert failed.returncode == 1
    report = json.loads(failed.stdout)
    assert not report["ok"] and report["problems"][0]["path"].endswith("broken.md")
    usage = subprocess.run([sys.executable, "-m", "levcards", "build", "--no-such-flag"],
                           capture_output=True, text=True, check=False)
    assert usage.returncode == 2 and "--no-such-flag" in usage.stderr


_HEAVY = {"genanki", "sqlite3", "anki", "pydantic"}
"""Packages only a build needs (or none of our commands): start-up must not pay for them."""


def _modules_loaded_by(args: list[str]) -> set[str]:
    script = ("import sys\nfrom levcards.cli import app\ntry:\n    app(sys.argv[1:], "
              "prog_name='levcards')\nexcept SystemExit:\n    pass\n"
              "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", script, *args], cwd=REPO, capture_output=True,
                          text=True, check=True)  # a crash must fail the test, not pass it
    loaded = set(done.stderr.splitlines()[-1].split())
    assert "levcards" in loaded, done.stderr  # the last line is the module listing
    return loaded


def test_help_and_check_on_one_file_load_nothing_heavy() -> None:
    """`levcards --help` and `levcards check FILE` stay quick: no genanki, SQLite or pydantic
    (typer 0.29 validates every option through pydantic, 0.1 s a command; hence typer<0.29)."""
    assert _modules_loaded_by(["--help"]) & _HEAVY == set()
    loaded = _modules_loaded_by(["check", "decks/money/000_49af584fc83ed8ca.txt"])
    assert "markdown_it" in loaded  # the check really read the article
    assert loaded & _HEAVY == set()


@pytest.mark.slow
def test_a_json_build_never_imports_rich_even_to_print_its_findings(tmp_path: Path) -> None:
    """Rich draws tables and progress bars; CI's JSON build shows neither, and its findings
    (the bundled decks have a few) are plain lines on stderr."""
    source = tmp_path / "decks"
    shutil.copytree(REPO / "decks", source)
    (source / "levcards.lock").unlink(missing_ok=True)
    out = tmp_path / "out"
    loaded = _modules_loaded_by(["build", str(source), "--out", str(out), "--format", "json"])
    assert "genanki" in loaded and list(out.glob("*.apkg"))  # it really built
    assert "rich" not in loaded
    assert "rich" in _modules_loaded_by(["build", str(source), "--out", str(out)])  # the table


def test_help_and_module_entry_point() -> None:
    result = subprocess.run([sys.executable, "-m", "levcards", "--help"], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0
    assert "build" in result.stdout and "extract" in result.stdout


def test_every_command_prints_one_json_envelope(seed_decks: Path, tmp_path: Path) -> None:
    """Issue 21, 9: extract, check and build printed three different shapes."""
    article = next(seed_decks.rglob("*.txt"))
    documents = {
        "extract": runner.invoke(app, ["extract", str(article), "--format", "json"]),
        "check": runner.invoke(app, ["check", str(seed_decks), "--format", "json"]),
        "build": runner.invoke(app, ["build", str(seed_decks), "--out", str(tmp_path / "o"),
                                     "--format", "json"]),
    }
    for command, result in documents.items():
        data = json.loads(result.stdout)
        assert list(data)[:4] == ["command", "version", "ok", "problems"], command
        assert data["command"] == command and data["version"] == __version__
        assert data["ok"] is (result.exit_code == 0)
        assert all({"path", "line", "severity", "code", "message"} <= set(p) for p in data["problems"])


def test_help_lists_every_command_without_cutting_its_summary() -> None:
    listed = runner.invoke(app, ["--help"], terminal_width=80).stdout.split("Commands:")[1]
    lines = [line for line in listed.splitlines() if line.strip()]
    assert len(lines) >= 6 and not any(line.rstrip().endswith("...") for line in lines), listed
