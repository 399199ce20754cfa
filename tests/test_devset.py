"""Extraction quality on the dev set of our own articles: fails if the score drops."""

from __future__ import annotations

from pathlib import Path

from scoring import score_folder

DEVSET = Path(__file__).parent / "devset"
# Floors sit a little under the last measured figures (see README, "Extraction quality").
FLOOR_F1 = 0.68
FLOOR_PRECISION = 0.85


def test_every_gold_file_has_its_article() -> None:
    gold = {p.stem for p in (DEVSET / "gold").glob("*.json")}
    articles = {p.stem for p in (DEVSET / "articles").iterdir()}
    assert len(gold) >= 20 and gold == articles


def test_devset_score_stays_above_its_floor() -> None:
    tallies, misses = score_folder(DEVSET)
    overall = tallies["overall"]
    assert overall.precision >= FLOOR_PRECISION, misses
    assert overall.f1 >= FLOOR_F1, misses
