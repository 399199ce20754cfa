"""`levcards check`: each kind of finding, with its exact file:line and code, and the exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from levcards.cli import app

runner = CliRunner()


def _tree(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    root = tmp_path / "src"
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def _check(root: Path, *extra: str) -> tuple[int, list[dict]]:  # type: ignore[type-arg]
    result = runner.invoke(app, ["check", str(root), "--format", "json", *extra])
    return result.exit_code, json.loads(result.stdout)["problems"]


def _found(problems: list[dict], root: Path) -> set[tuple[str, int, str]]:  # type: ignore[type-arg]
    return {(str(Path(p["path"]).relative_to(root)), p["line"], p["code"]) for p in problems
            if p["severity"] != "info"}


GOOD = "# Budgets\n\n## Glossary\n\n- **Envelope:** a fixed sum set aside for one kind of spending.\n"


def test_bundled_decks_pass() -> None:
    result = runner.invoke(app, ["check", "decks"])
    assert result.exit_code == 0, result.output


def test_errors_exit_1_and_name_file_and_line(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        "a/good.md": GOOD,
        "a/bad-yaml.md": "---\ntitle: Budgets\ntags: [one, two\n---\n# X\n",
        "a/list-meta.md": "---\n- one\n- two\n---\n# X\n",
        "a/binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR",
        "a/latin1.txt": "Caf\xe9 notes\n\nA budget is a plan for money you expect to earn.\n".encode("cp1252"),
    })
    code, problems = _check(root)
    assert code == 1
    found = _found(problems, root)
    assert ("a/bad-yaml.md", 3, "frontmatter") in found
    assert ("a/list-meta.md", 2, "frontmatter") in found
    assert ("a/binary.txt", 1, "binary") in found
    assert ("a/latin1.txt", 1, "reader") in found  # read as Windows-1252, with a warning
    message = next(p["message"] for p in problems if p["code"] == "frontmatter" and p["line"] == 3)
    assert "YAML" in message and "fix" in message


def test_warnings_exit_0_unless_strict(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        "a/good.md": GOOD,
        "a/empty-takeaways.md": "# Cash\n\n## Glossary\n\n- **Float:** money in transit.\n\n"
                                "## Key takeaways\n\n## Next steps\n\nRead the next article.\n",
    })
    code, problems = _check(root)
    assert _found(problems, root) == {("a/empty-takeaways.md", 7, "empty-section")}
    assert code == 0
    assert _check(root, "--strict")[0] == 1


def test_each_warning_kind(tmp_path: Path) -> None:
    long_answer = " ".join(["word"] * 70)
    root = _tree(tmp_path, {
        "s/one.md": (
            "# One\n\n"                                                     # 1
            "## Glossary\n\n"                                               # 3
            "- **Envelope:** a fixed sum set aside for one kind of spending.\n"  # 5
            "- **Sinking fund:** saving monthly for a known cost.\n\n"      # 6
            "## FAQ\n\n"                                                    # 8
            "### Why budget at all?\n\n"                                    # 10
            f"{long_answer}.\n\n"                                           # 12
            "## Key takeaways\n\n"                                          # 14
            "- Always **spend less than you earn in every single month**.\n\n"  # 16
            "## Notes\n\n"                                                  # 18
            "Write {{c1::this}} down and close \\\\(x + 1 later.\n"            # 20
        ),
        "s/two.md": "# Two\n\n## Glossary\n\n- **Envelope:** cash kept apart for a purpose.\n",
        "t/empty.md": "# Nothing to learn\n\nJust a short note with no study items in it.\n",
        "u/x.md": "---\nseries: Money Basics\n---\n" + GOOD,
        "v/y.md": "---\nseries: money basics\n---\n" + GOOD,
    })
    code, problems = _check(root)
    found = _found(problems, root)
    assert ("s/one.md", 12, "long-answer") in found or ("s/one.md", 10, "long-answer") in found
    assert ("s/one.md", 16, "cloze-size") in found
    assert ("s/one.md", 20, "braces") in found
    assert ("s/one.md", 20, "mathjax") in found
    assert ("s/two.md", 5, "duplicate-key") in found
    assert ("t/empty.md", 1, "no-items") in found
    assert any(code_ == "series-case" for _, _, code_ in found)
    assert code == 0


def test_duplicate_guid_is_an_error(tmp_path: Path) -> None:
    # the same question twice in one article is disambiguated (#2): not an error …
    twice = GOOD + "\n## FAQ\n\n### Why?\n\nBecause.\n\n### Why?\n\nAgain because.\n"
    root = _tree(tmp_path, {"a/twice.md": twice})
    code, problems = _check(root)
    assert code == 0 and not [p for p in problems if p["code"] == "duplicate-guid"]


def test_check_writes_nothing(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"a/good.md": GOOD})
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert _check(root)[0] == 0
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_human_output_is_one_line_per_finding(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"a/bad.md": "---\n- x\n---\n"})
    result = runner.invoke(app, ["check", str(root)])
    assert result.exit_code == 1
    line = next(ln for ln in result.output.splitlines() if "frontmatter" in ln)
    assert line.startswith(f"{root / 'a' / 'bad.md'}:2:1: error frontmatter ")
