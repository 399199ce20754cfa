"""Article text that attacks the output: nothing live reaches a card, cloze syntax stays ours."""

from __future__ import annotations

import re
from pathlib import Path

from anki.collection import Collection
from typer.testing import CliRunner

from ankitools import import_apkg, live_markup, notes
from levcards.cli import app

runner = CliRunner()
HOSTILE = """\
---
title: "<img src=x onerror=alert(1)> Tricky {{Front}}"
tags: [safe, "bad tag with spaces", "<b>"]
---

# Tricky page

## Glossary

- **<script>alert('t')</script>:** a term whose name is a script tag.
- **Escape hatch:** see [this](javascript:alert(1)) and <iframe src="https://example.com"></iframe>.
- **Style trap:** <style>.card{display:none}</style> hides cards.
- **Cloze breaker:** text with {{c1::fake deletion}} and a stray }} and {{c2::hint::x}}.
- **Separator:** one\x1ftwo and {{Front}} and {{#Back}}x{{/Back}}.
- **MathJax:** \\\\(x^2\\\\) and $$y$$ pass through as text.
- **Long word:** Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt.
- **خطأ شائع:** نص من اليمين إلى اليسار 🙂 with emoji 🚀.

## Key takeaways

- Never let **{{c1::x}} :: }}** escape the field.
- Remote images like ![x](https://example.com/pixel.png) and ![y](../../etc/passwd) are not fetched.
"""


def test_every_rendered_card_is_inert(tmp_path: Path, collection: Collection) -> None:
    source = tmp_path / "src" / "tricky"
    source.mkdir(parents=True)
    (source / "tricky.md").write_text(HOSTILE, encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path / "src"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    package = tmp_path / "out" / "tricky.apkg"
    log = import_apkg(collection, package)
    assert log.new and not log.conflicting

    rows = notes(collection)
    for row in rows:
        for value in row.fields:
            assert live_markup(value) == [], value
            assert "\x1f" not in value
        assert all(" " not in tag for tag in row.tags)
        if row.notetype == "levcards Cloze":
            assert re.findall(r"\{\{c(\d+)::", row.fields[0]) == ["1"], row.fields[0]
        else:
            assert "{{" not in "".join(row.fields)
    for cid in collection.find_cards(""):
        card = collection.get_card(cid)
        for html in (card.question(), card.answer()):
            body = re.sub(r"<style>.*?</style>", "", html, count=1, flags=re.DOTALL)  # our CSS
            assert live_markup(body) == [], body
    texts = " ".join(v for r in rows for v in r.fields)
    assert "&lt;script&gt;" in texts and "Donaudampfschifffahrt" in texts and "🚀" in texts
    media = __import__("zipfile").ZipFile(package).read("media")
    assert media == b"{}", "no file from outside (or inside) the tree is packaged"


def test_the_scanner_sees_real_markup() -> None:
    assert live_markup('<img src=x onerror="alert(1)">') == ["<img>", "src='x'", "onerror='alert(1)'"]
    assert live_markup('<a href="javascript:alert(1)">x</a>')
    assert live_markup("&lt;script&gt; onerror=alert(1)") == []


def test_cloze_numbering_cannot_be_changed_by_text(tmp_path: Path) -> None:
    from levcards import render

    hidden = render.cloze_sentence("Pay {{c9::yourself}} first :: always", "Pay")
    assert re.findall(r"\{\{c(\d+)::", hidden) == ["1"]
    assert hidden.count("}}") == 1


def test_control_characters_count_as_space_and_never_make_a_blank_side(tmp_path: Path) -> None:
    """Found by the property test: a definition that is only an escape character became a
    card whose front Anki showed as blank."""
    from levcards.pipeline import plan

    (tmp_path / "a.md").write_text("# Page\n\n## Glossary\n\n- **# :** \x1b\n"
                                   "- **Bell:** rings\x07\x07 twice\x1b.\n", encoding="utf-8")
    notes = [n for s in plan(tmp_path).series for n in s.notes]
    assert [(re.sub(r"<[^>]+>", "", n.fields[0]).split(" (")[0], n.fields[1]) for n in notes] == [
        ("What does Bell mean?", "rings twice .")]
