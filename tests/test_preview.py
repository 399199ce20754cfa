"""The preview site, read in headless Chromium: every card's front and back, dark mode, screenshot."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from levcards.cli import app
from levcards.pipeline import check
from levcards.preview import card_faces

runner = CliRunner()
ARTICLE = """\
---
title: Index funds in brief
category: Investing
---

# Index funds in brief

## Key terms

- **Index fund:** a fund that holds every stock in a market index.
- **Expense ratio:** the yearly fee, as a share of what you hold.

## FAQ

### Why do index funds cost so little?

Nobody is paid to pick stocks, so there is little to charge for.

## Key takeaways

- Low fees compound into a **large difference** over decades.
- The fund in the example uses <script>alert(1)</script> as a ticker.
"""


def _site(tmp_path: Path) -> tuple[Path, list]:  # type: ignore[type-arg]
    source = tmp_path / "src" / "investing"
    source.mkdir(parents=True)
    (source / "index-funds.md").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["preview", str(tmp_path / "src"), "--out", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    notes = [n for s in check(tmp_path / "src").series for n in s.notes]
    return tmp_path / "site", notes


def test_preview_pages_hold_every_card(tmp_path: Path) -> None:
    site, notes = _site(tmp_path)
    (page,) = [p for p in site.glob("*.html") if p.name != "index.html"]
    text = page.read_text(encoding="utf-8")
    faces = [f for n in notes for f in card_faces(n)]
    assert len(faces) == sum(n.cards for n in notes) == text.count('class="lc-card"')
    assert "<script>alert" not in text and "&lt;script&gt;" in text
    assert 'class="cloze">[...]</span>' in text and 'class="cloze">large difference</span>' in text


def _chromium() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@pytest.mark.slow
def test_preview_in_headless_chromium(tmp_path: Path) -> None:
    found = _chromium()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install Debian's chromium and chromium-driver (see .ci/run)")
        pytest.skip("no chromium/chromedriver here: apt-get install chromium chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    site, notes = _site(tmp_path)
    options = webdriver.ChromeOptions()
    options.binary_location = found[0]
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(found[1]), options=options)
    try:
        driver.get((site / "index.html").as_uri())
        driver.find_element(By.PARTIAL_LINK_TEXT, "Index funds in brief").click()
        cards = driver.find_elements(By.CSS_SELECTOR, ".lc-card")
        assert len(cards) == sum(n.cards for n in notes)
        for card in cards:
            front = card.find_element(By.CSS_SELECTOR, ".lc-front-face").text.strip()
            back = card.find_element(By.CSS_SELECTOR, ".lc-back-face").text.strip()
            assert front and back
        shown = driver.find_element(By.TAG_NAME, "main").text
        assert "Why do index funds cost so little?" in shown
        assert "a fund that holds every stock in a market index." in shown
        light = driver.execute_script(
            "return getComputedStyle(document.querySelector('.card')).backgroundColor")
        driver.find_element(By.ID, "theme").click()
        dark = driver.execute_script(
            "return getComputedStyle(document.querySelector('.card')).backgroundColor")
        assert driver.execute_script("return document.body.classList.contains('nightMode')")
        assert light != dark
        driver.set_window_size(1400, 900)
        driver.find_element(By.ID, "width").click()  # phone width
        width = driver.execute_script(
            "return document.querySelector('.lc-card').getBoundingClientRect().width")
        assert width <= 390
        driver.refresh()  # both choices are remembered
        assert driver.execute_script("return document.body.classList.contains('nightMode') && "
                                     "document.body.classList.contains('lc-phone')")
        driver.find_element(By.ID, "width").click()  # desktop width
        assert driver.execute_script(
            "return document.querySelector('.lc-card').getBoundingClientRect().width") > 390
        shot = tmp_path / "preview-dark.png"
        driver.save_screenshot(str(shot))
        assert shot.stat().st_size > 1000
    finally:
        driver.quit()
