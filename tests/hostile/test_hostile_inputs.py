"""Broken and hostile sources: a clear message with file and line, exit 1, and the good article
beside the bad one still makes its notes. Every fixture is generated here."""

from __future__ import annotations

import errno
import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from levcards.cli import app

runner = CliRunner()
GOOD = ("# Cash flow basics\n\n## Glossary\n\n"
        "- **Cash flow:** money moving into and out of an account over a period.\n"
        "- **Runway:** how many months the cash lasts at the current burn.\n")
GOOD_NOTES = 2


def _build(tmp_path: Path, name: str, content: bytes | str | None, *extra: str):  # type: ignore[no-untyped-def]
    source = tmp_path / "src"
    (source / "money").mkdir(parents=True, exist_ok=True)
    (source / "money" / "good.md").write_text(GOOD, encoding="utf-8")
    if content is not None:
        target = source / "money" / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["build", str(source), "--out", str(tmp_path / "out"),
                                 "--format", "json", *extra])
    assert "Traceback" not in result.output
    data = json.loads(result.stdout) if result.stdout.strip().startswith("{") else None
    return result, data, source


def _problems(data: dict, code: str | None = None) -> list[dict]:  # type: ignore[type-arg]
    return [p for p in data["problems"] if code is None or p["code"] == code]


def _good_survived(data: dict) -> None:  # type: ignore[type-arg]
    (series,) = [s for s in data["series"] if s["slug"] == "money"]
    assert series["notes"] >= GOOD_NOTES and series["output"]


BAD_FILES = {
    # name: (bytes, expected code, expected line, words in the message)
    "empty.md": (b"", "empty", 1, "empty"),
    "blank.md": (b"  \n\t\n   \n", "empty", 1, "empty"),
    "image-without-its-ending": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary", 1, "binary"),
    "nul.txt": (b"Budget notes\x00\x00 more text\n", "binary", 1, "binary"),
    "utf16-broken.txt": (b"\xff\xfeA\x00\x00\xd8", "encoding", 1, "UTF-8"),
    "unterminated.md": (b"---\ntitle: Never closed\n\n# Body\n", "frontmatter", 1, "never closed"),
    "list-meta.md": (b"---\n- one\n- two\n---\n# X\n", "frontmatter", 2, "key: value"),
    "scalar-meta.md": (b"---\njust a sentence\n---\n# X\n", "frontmatter", 2, "key: value"),
    "object-tag.md": (b"---\ntitle: !!python/object/apply:os.system ['echo hi']\n---\n# X\n",
                      "frontmatter", 2, "YAML"),
    "bad-yaml.md": (b"---\ntitle: [unclosed\n---\n# X\n", "frontmatter", 2, "YAML"),
    "laughs.md": (("---\na: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n"
        for i in range(8)) + "---\n# Laughs\n").encode(), "frontmatter", None, "aliases"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_reported_and_the_others_still_build(tmp_path: Path, name: str) -> None:
    content, code, line, words = BAD_FILES[name]
    result, data, _ = _build(tmp_path, name, content)
    assert result.exit_code == 1
    (problem,) = _problems(data, code)
    assert problem["path"].endswith(name) and problem["severity"] == "error"
    if line is not None:
        assert problem["line"] == line
    assert words.lower() in problem["message"].lower()
    assert f"{name}:{problem['line']}:1: error {code}" in result.output  # the human line too
    _good_survived(data)
    assert data["skipped"] == [problem["path"]]


ODD_BUT_FINE = {
    "bom.md": "\ufeff" + GOOD.replace("Cash flow basics", "Bom page"),
    "crlf.md": GOOD.replace("\n", "\r\n").replace("Cash flow:", "Burn rate:"),
    "lone-cr.md": GOOD.replace("\n", "\r").replace("Cash flow:", "Float:"),
    "tabs-and-spaces.md": GOOD.replace("- **Runway:**", "-\t**Run\u200bway:**\u00a0"),
    "frontmatter-only.md": "---\ntitle: Only metadata\n---\n",
}


@pytest.mark.parametrize("name", sorted(ODD_BUT_FINE))
def test_odd_encodings_and_shapes_read_cleanly(tmp_path: Path, name: str) -> None:
    result, data, _ = _build(tmp_path, name, ODD_BUT_FINE[name])
    assert result.exit_code == 0, result.output
    assert not [p for p in data["problems"] if p["severity"] == "error"]
    _good_survived(data)


def test_utf16_and_cp1252_are_decoded(tmp_path: Path) -> None:
    source = tmp_path / "src" / "money"
    source.mkdir(parents=True)
    (source / "u16.md").write_bytes(GOOD.replace("Runway", "Caf\u00e9 budget").encode("utf-16"))
    (source / "latin.md").write_bytes(GOOD.replace("Runway", "Caf\u00e9 fund").encode("cp1252"))
    result = runner.invoke(app, ["extract", str(source / "u16.md"), str(source / "latin.md"),
                                 "--format", "json"])
    data = json.loads(result.stdout)
    terms = {i["term"] for a in data["articles"] for i in a["items"]}
    assert {"Caf\u00e9 budget", "Caf\u00e9 fund"} <= terms
    (warning,) = [p for p in data["problems"] if p["severity"] == "warning"]
    assert warning["path"].endswith("latin.md") and "Windows-1252" in warning["message"]


def test_huge_file_is_refused_with_the_limit(tmp_path: Path) -> None:
    big = ("Padding line of an oversized export.\n" * 1_500_000).encode()  # ~55 MB
    result, data, _ = _build(tmp_path, "huge.txt", big)
    assert result.exit_code == 1
    (problem,) = _problems(data, "too-large")
    assert "MiB limit" in problem["message"]
    _good_survived(data)


@pytest.mark.slow
def test_pathological_shapes_finish(tmp_path: Path) -> None:
    source = tmp_path / "src" / "money"
    source.mkdir(parents=True)
    (source / "good.md").write_text(GOOD, encoding="utf-8")
    (source / "one-line.txt").write_text("word " * 200_000, encoding="utf-8")  # 1 MB, one line
    (source / "nested.md").write_text("".join("  " * i + "- level\n" for i in range(5000)),
                                      encoding="utf-8")
    (source / "headings.md").write_text("".join(f"## Heading {i}\n" for i in range(100_000)),
                                        encoding="utf-8")
    (source / "quotes.md").write_text(">" * 5000 + " deep\n", encoding="utf-8")
    (source / "looks-like-article.md").mkdir()
    (source / "archive.bin").write_bytes(_zip_bytes(tmp_path))
    loop = source / "loop.md"
    loop.symlink_to(loop)
    result = runner.invoke(app, ["build", str(tmp_path / "src"), "--out", str(tmp_path / "out"),
                                 "--format", "json"])
    data = json.loads(result.stdout)
    assert result.exit_code == 1  # the zip and the link loop are errors
    codes = {(Path(p["path"]).name, p["code"]) for p in data["problems"] if p["severity"] == "error"}
    assert ("archive.bin", "binary") in codes
    assert ("loop.md", "unreadable") in codes
    _good_survived(data)


def _zip_bytes(tmp_path: Path) -> bytes:
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("inside.txt", "hello")
    return path.read_bytes()


def test_link_out_of_the_source_tree_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("# Secret\n\n## Glossary\n\n- **Password:** hunter2 is the password.\n",
                      encoding="utf-8")
    source = tmp_path / "src" / "money"
    source.mkdir(parents=True)
    (source / "good.md").write_text(GOOD, encoding="utf-8")
    (source / "escape.md").symlink_to(secret)
    result = runner.invoke(app, ["build", str(tmp_path / "src"), "--out", str(tmp_path / "out"),
                                 "--format", "json"])
    data = json.loads(result.stdout)
    assert result.exit_code == 1
    (problem,) = _problems(data, "outside-source")
    assert problem["path"].endswith("escape.md")
    package = (tmp_path / "out" / "money.apkg").read_bytes()
    assert b"hunter2" not in package and b"hunter2" not in zipfile.ZipFile(
        tmp_path / "out" / "money.apkg").read("collection.anki2")


def test_unreadable_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self.name == "locked.md":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    monkeypatch.setenv("LEVCARDS_SERIAL", "1")
    result, data, _ = _build(tmp_path, "locked.md", GOOD)
    assert result.exit_code == 1
    (problem,) = _problems(data, "unreadable")
    assert "Permission denied" in problem["message"] and problem["path"].endswith("locked.md")
    _good_survived(data)


def test_series_and_articles_that_collide_after_slugging(tmp_path: Path) -> None:
    source = tmp_path / "src"
    for folder in ("a", "b"):
        (source / folder).mkdir(parents=True, exist_ok=True)
    (source / "a" / "note.md").write_text("---\nseries: Money!\n---\n" + GOOD, encoding="utf-8")
    (source / "a" / "note.txt").write_text("---\nseries: Money!\n---\n" + GOOD, encoding="utf-8")
    (source / "b" / "x.md").write_text("---\nseries: money\n---\n" + GOOD.replace("Runway", "Slack"),
                                       encoding="utf-8")
    result = runner.invoke(app, ["build", str(source), "--out", str(tmp_path / "out"), "--format", "json"])
    data = json.loads(result.stdout)
    assert result.exit_code == 0, result.output
    (series,) = data["series"]
    assert series["notes"] == 6  # no GUID collision although both files are a/note.*
    check = runner.invoke(app, ["check", str(source), "--format", "json"])
    codes = {p["code"] for p in json.loads(check.stdout)["problems"]}
    assert "series-case" in codes and "duplicate-key" in codes


def test_strict_writes_nothing(tmp_path: Path) -> None:
    result, data, _ = _build(tmp_path, "empty.md", b"", "--strict")
    assert result.exit_code == 1
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.apkg"))


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["build", str(tmp_path / "nope")]).exit_code == 2
    assert runner.invoke(app, ["check", "--strict=maybe"]).exit_code == 2
    assert runner.invoke(app, ["frobnicate"]).exit_code == 2
