"""Every card kind as a learner sees it: rendered by Anki itself (the official package renders
each card's question and answer HTML), shown in headless Chromium at phone and desktop width,
light and night, and measured: one column, no horizontal overflow, the answer the strongest
text on the back, body and footer sizes, night mode changing colours only.

Screenshots go to ``LEVCARDS_SCREENSHOTS`` when set (the closing notes link them), else to the
test's temporary folder.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from anki.collection import Collection
from typer.testing import CliRunner

from ankitools import import_apkg
from levcards.cli import app

pytestmark = pytest.mark.slow  # a real browser or a running process

ARTICLE = """\
---
title: "The Cash Buffer"
canonical: "https://example.org/money/cash-buffer"
---

# The Cash Buffer

## Key terms

- **Float:** the cash that covers timing gaps between pay and bills.

## FAQ

### Where should the buffer live?

In a separate savings account, away from the card you spend with every day.

## Key takeaways

- A buffer of one month's costs turns a surprise bill into an inconvenience. It also keeps
  you out of expensive debt.

## Common mistakes

- **Counting credit as savings:** an unused card limit is borrowed money, not a buffer.
"""
SIZES = {"phone": (390, 844), "desktop": (1100, 800)}
# Anki desktop and AnkiMobile mark night mode on the card's ancestors, AnkiDroid (older) too
THEMES = {"light": "", "night": "nightMode night_mode"}


def _chromium() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


def _rendered_cards(tmp_path: Path) -> list[tuple[str, str, str, str]]:
    """(note type, card name, question HTML, answer HTML) for every card, from Anki."""
    source = tmp_path / "src" / "money"
    source.mkdir(parents=True)
    (source / "buffer.md").write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(tmp_path / "src"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    collection = Collection(str(tmp_path / "collection.anki2"))
    try:
        import_apkg(collection, tmp_path / "out" / "money.apkg")
        out = []
        for cid in sorted(collection.find_cards("")):
            card = collection.get_card(cid)
            out.append((card.note_type()["name"], card.template()["name"], card.question(),
                        card.answer()))
        return out
    finally:
        collection.close()


REVIEWER = {"light": "#ffffff", "night": "#2c2c2c"}
"""The background Anki desktop's reviewer draws behind the card (the card sets none)."""


def _page(html: str, classes: str, theme: str) -> str:
    # Anki's reviewer: the card's HTML (which carries its <style>) in a body with class "card"
    return (f'<!doctype html><html class="{classes}" style="background:{REVIEWER[theme]}"><head>'
            '<meta charset="utf-8"><meta name="viewport" content="width=device-width, '
            f'initial-scale=1"></head><body class="card {classes}" style="margin:0">{html}'
            '</body></html>')


MEASURE = """
const body = document.body, style = getComputedStyle(body);
const size = el => el ? parseFloat(getComputedStyle(el).fontSize) : 0;
const weight = el => el ? parseInt(getComputedStyle(el).fontWeight) : 0;
const col = document.querySelector('.lc-col');
const parts = col ? Array.from(col.children) : [];
return {
  overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  colWidth: col ? col.getBoundingClientRect().width : 0,
  childWidths: parts.map(p => p.getBoundingClientRect().width),
  bodySize: parseFloat(style.fontSize),
  footerSize: size(document.querySelector('.lc-source')),
  answerWeight: weight(document.querySelector('.lc-back, .cloze')),
  promptWeight: weight(document.querySelector('.lc-answer-side .lc-front')),
  background: style.backgroundColor,
  color: style.color,
};
"""


def test_every_card_kind_renders_in_one_column_on_phones_and_desktops(tmp_path: Path) -> None:
    found = _chromium()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install Debian's chromium and chromium-driver (see .ci/run)")
        pytest.skip("no chromium/chromedriver here: apt-get install chromium chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    cards = _rendered_cards(tmp_path)
    assert {(n.split()[1], t) for n, t, _, _ in cards} >= {
        ("Basic", "Forward"), ("Basic", "Reverse"), ("Cloze", "Cloze")}
    shots = Path(os.environ.get("LEVCARDS_SCREENSHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    options = webdriver.ChromeOptions()
    options.binary_location = found[0]
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(found[1]), options=options)
    try:
        for index, (notetype, template, question, answer) in enumerate(cards):
            for size, (width, height) in SIZES.items():
                driver.set_window_size(width, height)
                for theme, classes in THEMES.items():
                    for side, html in (("front", question), ("back", answer)):
                        page = tmp_path / f"card-{index}-{side}-{size}-{theme}.html"
                        page.write_text(_page(html, classes, theme), encoding="utf-8")
                        driver.get(page.as_uri())
                        m = driver.execute_script(MEASURE)
                        name = f"{notetype.split()[1]}-{template}-{index}-{side}-{size}-{theme}"
                        driver.save_screenshot(str(shots / f"{name}.png"))
                        assert m["overflow"] <= 0, (name, m)
                        assert 0 < m["colWidth"] <= min(640, width), (name, m)  # 40rem
                        assert all(abs(w - m["colWidth"]) < 1 for w in m["childWidths"]), (name, m)
                        assert m["bodySize"] >= 20, (name, m)
                        assert m["background"] == "rgba(0, 0, 0, 0)", (name, m)  # no forced one
                        if side == "back":
                            assert m["footerSize"] >= 14, (name, m)
                            assert m["answerWeight"] >= 700, (name, m)
                            if m["promptWeight"]:
                                assert m["promptWeight"] < m["answerWeight"], (name, m)
                        night = theme == "night"
                        light_text = m["color"] in ("rgb(242, 242, 247)",)
                        assert light_text == night, (name, m)
    finally:
        driver.quit()
    assert len(list(shots.glob("*.png"))) == len(cards) * len(SIZES) * len(THEMES) * 2
