"""Author controls without touching Anki or the prose: drafts, and a sidecar file per article."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from levcards.cli import app

runner = CliRunner()
ARTICLE = """\
# Renting versus buying

## Glossary

- **Imputed rent:** the rent an owner saves by living in their own home.
- **Closing costs:** fees paid once when a purchase completes.

## FAQ

### Is renting money thrown away?

No: rent buys housing, flexibility and freedom from repairs.
"""


def _extract(path: Path) -> list[dict]:  # type: ignore[type-arg]
    result = runner.invoke(app, ["extract", str(path), "--format", "json"])
    data = json.loads(result.stdout)
    return data["articles"][0]["items"] if data["articles"] else []


def _tree(tmp_path: Path, sidecar: str | None = None, meta: str = "") -> Path:
    folder = tmp_path / "src" / "housing"
    folder.mkdir(parents=True)
    (folder / "rent.md").write_text(meta + ARTICLE, encoding="utf-8")
    if sidecar is not None:
        (folder / "rent.levcards.toml").write_text(sidecar, encoding="utf-8")
    return folder / "rent.md"


def test_sidecar_skips_fixes_and_adds_cards(tmp_path: Path) -> None:
    article = _tree(tmp_path, """
skip = ["definition: Closing costs"]
[[fix]]
kind = "qa"
key = "Is renting money thrown away?"
answer = "No. Rent pays for housing and flexibility."
[[card]]
question = "What does owning add to your monthly costs?"
answer = "Maintenance, insurance and property tax."
[[card]]
text = "Compare the total cost of owning with rent, not the mortgage alone."
hide = "total cost of owning"
""")
    before = ARTICLE
    items = _extract(article)
    terms = [i["term"] for i in items if i["kind"] == "definition"]
    assert terms == ["Imputed rent"]
    (qa_fixed, qa_added) = [i for i in items if i["kind"] == "qa"]
    assert qa_fixed["answer"] == "No. Rent pays for housing and flexibility."
    assert qa_added["question"] == "What does owning add to your monthly costs?"
    (takeaway,) = [i for i in items if i["kind"] == "takeaway"]
    assert takeaway["highlight"] == "total cost of owning"
    assert article.read_text(encoding="utf-8") == before, "the prose is never rewritten"

    result = runner.invoke(app, ["build", str(tmp_path / "src"), "--out", str(tmp_path / "out"),
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    (series,) = json.loads(result.stdout)["series"]
    assert series["notes"] == 4  # one definition, two Q&A, one cloze


def test_sidecar_mistakes_are_reported(tmp_path: Path) -> None:
    _tree(tmp_path, 'skip = ["definition: Mortgage"]\n[[card]]\ntext = "No hide here"\n')
    result = runner.invoke(app, ["check", str(tmp_path / "src"), "--format", "json"])
    codes = {(Path(p["path"]).name, p["code"]) for p in json.loads(result.stdout)["problems"]}
    assert ("rent.levcards.toml", "override-unused") in codes
    assert ("rent.levcards.toml", "override-card") in codes
    bad = tmp_path / "src" / "housing" / "rent.levcards.toml"
    bad.write_text("skip = [\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path / "src"), "--format", "json"])
    assert result.exit_code == 1
    assert any(p["code"] == "sidecar" for p in json.loads(result.stdout)["problems"])


def test_draft_articles_are_left_out(tmp_path: Path) -> None:
    _tree(tmp_path, meta="---\ndraft: true\n---\n")
    (tmp_path / "src" / "housing" / "live.md").write_text(
        ARTICLE.replace("Renting versus buying", "Live page"), encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path / "src"), "--out", str(tmp_path / "out"),
                                 "--format", "json"])
    data = json.loads(result.stdout)
    assert result.exit_code == 0
    (series,) = data["series"]
    assert series["articles"] == 1 and series["notes"] == 3
    assert any(p["code"] == "draft" and p["path"].endswith("rent.md") for p in data["problems"])
    (tmp_path / "src" / "housing" / "rent.md").write_text("---\nlevcards: false\n---\n" + ARTICLE,
                                                          encoding="utf-8")
    data = json.loads(runner.invoke(app, ["build", str(tmp_path / "src"), "--out",
                                          str(tmp_path / "out2"), "--format", "json"]).stdout)
    assert data["series"][0]["articles"] == 1


def test_confidence_threshold_and_all(tmp_path: Path) -> None:
    folder = tmp_path / "src" / "essays"
    folder.mkdir(parents=True)
    essay = folder / "essay.txt"
    essay.write_text("Slack is spare capacity that absorbs surprises.\n\n"
                     "Most weeks nobody notices it at all, which is the point of having it.\n",
                     encoding="utf-8")
    low = [i for i in _extract(essay)]
    everything = json.loads(runner.invoke(app, ["extract", str(essay), "--all", "--format", "json"]).stdout)
    all_items = everything["articles"][0]["items"]
    assert all("confidence" in i for i in all_items)
    assert len(all_items) >= len(low)
    (tmp_path / "src" / "levcards.toml").write_text("threshold = 0.0\n", encoding="utf-8")
    data = json.loads(runner.invoke(app, ["build", str(tmp_path / "src"), "--out", str(tmp_path / "o"),
                                          "--format", "json"]).stdout)
    assert data["series"][0]["items"]["definition"] == len([i for i in all_items if i["kind"] == "definition"])
    (tmp_path / "src" / "levcards.toml").write_text("threshold = 1.0\n", encoding="utf-8")
    check = json.loads(runner.invoke(app, ["check", str(tmp_path / "src"), "--format", "json"]).stdout)
    suggestions = [p for p in check["problems"] if p["code"] == "suggestion"]
    assert len(suggestions) == len([i for i in all_items if i["confidence"] < 1.0]) >= 1


def test_a_broken_config_stops_the_build_before_anything_is_written(tmp_path: Path) -> None:
    _tree(tmp_path)
    source, out = tmp_path / "src", tmp_path / "out"
    first = runner.invoke(app, ["build", str(source), "--out", str(out)])
    assert first.exit_code == 0, first.output
    written = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    lock = (source / "levcards.lock").read_bytes()
    (source / "levcards.toml").write_text("[style\ncss = 1\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(source), "--out", str(out), "--format", "json"])
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    assert [(Path(p["path"]).name, p["code"], p["line"]) for p in problems] == [
        ("levcards.toml", "config", 1)]
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == written
    assert (source / "levcards.lock").read_bytes() == lock


def test_images_documents_and_the_output_folder_are_not_read_as_articles(tmp_path: Path) -> None:
    article = _tree(tmp_path)
    (article.parent / "floor-plan.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (article.parent / "Lease.PDF").write_bytes(b"%PDF-1.4\n\x00\x01\x02")
    source, out = tmp_path / "src", tmp_path / "src" / "dist"
    first = runner.invoke(app, ["build", str(source), "--out", str(out), "--format", "json"])
    again = runner.invoke(app, ["build", str(source), "--out", str(out), "--format", "json",
                                "--verbose"])
    for result in (first, again):
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert [s["slug"] for s in data["series"]] == ["housing"]
        found = {(Path(p["path"]).name, p["severity"], p["code"]) for p in data["problems"]}
        assert found == {("floor-plan.png", "info", "not-article"),
                         ("Lease.PDF", "info", "not-article")}
    assert "floor-plan.png" in again.stderr and "not-article" not in first.stderr


def test_a_series_folder_or_file_inside_a_course_is_not_built_alone(tmp_path: Path) -> None:
    article = _tree(tmp_path)
    source = tmp_path / "src"
    assert runner.invoke(app, ["build", str(source), "--out", str(tmp_path / "out")]).exit_code == 0
    for part in (article.parent, article):
        result = runner.invoke(app, ["build", str(part), "--out", str(tmp_path / "part")])
        assert result.exit_code == 2
        assert f"levcards build {source}" in result.stderr
        assert not (tmp_path / "part").exists()
    assert sorted(p.name for p in source.rglob("levcards.lock")) == ["levcards.lock"]
    assert (source / "levcards.lock").exists()


def test_an_unknown_config_key_is_named_with_its_line_and_every_key_allowed_there(
        tmp_path: Path) -> None:
    article = _tree(tmp_path)
    root = tmp_path / "src" / "levcards.toml"
    root.write_text('threshold = 0.5\ntags = ["rent"]\n\ndescripton = "typo"\n', encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path / "src"), "--format", "json"])
    (problem,) = [p for p in json.loads(result.stdout)["problems"] if p["code"] == "config"]
    assert (Path(problem["path"]).name, problem["line"]) == ("levcards.toml", 4)
    for key in ("description", "threshold", "max_answer_words", "pins", "base_url", "[series."):
        assert key in problem["message"]
    root.unlink()
    (article.parent / "levcards.toml").write_text('name = "Rent"\nthreshold = 1\n', encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path / "src"), "--format", "json"])
    (problem,) = [p for p in json.loads(result.stdout)["problems"] if p["code"] == "config"]
    assert problem["line"] == 2 and "'threshold'" in problem["message"]
    assert "max_answer_words" not in problem["message"]  # a root-only key, not allowed here
