"""The vocabulary is one table, and the README's table of study items is that table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from levcards.extract import BLOCK_RULES, FREE_RULES, ITEM_RULES, PLAIN_ITEM_RULES
from levcards.extract.vocabulary import (
    ROLE_TABLE,
    clean_heading,
    heading_role,
    item_heading,
    lead_in_role,
)

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
PROSE_RULES = ("definition-sentence", "definition-bold-term", "definition-title", "enumeration")


def _row(role: str) -> list[str]:
    section = README[README.index("## What becomes a study item"):]
    line = next(ln for ln in section.splitlines() if ln.startswith(f"| {role} |"))
    return [cell.strip() for cell in line.strip("|").split("|")]


@pytest.mark.parametrize("entry", ROLE_TABLE, ids=lambda e: e.role)
def test_readme_row_lists_the_vocabulary_and_the_layouts_of_each_role(entry) -> None:
    cells = _row(entry.role)
    assert [s.strip() for s in cells[1].split(",")] == list(entry.shown)
    for phrase in entry.shown:
        assert heading_role(phrase) == entry.role, phrase
    rules = [r.name for r in (*ITEM_RULES[entry.role], *BLOCK_RULES[entry.role])]
    listed = [] if cells[2] == "–" else [s.strip() for s in cells[2].split(",")]
    assert listed == rules


def test_readme_names_every_free_and_prose_layout() -> None:
    for name in [r.name for r in (*FREE_RULES, *PLAIN_ITEM_RULES)] + list(PROSE_RULES):
        assert f"`{name}`" in README or re.search(rf"\b{re.escape(name)}\b", README), name


@pytest.mark.parametrize(("heading", "clean", "role"), [
    ("## 💡Take Away", "Take Away", "takeaways"),
    ("3. KEY POINTS", "KEY POINTS", "takeaways"),
    ("**Common Pitfalls:**", "Common Pitfalls", "mistakes"),
    ("ToggleOverloading Your Calendar", "Overloading Your Calendar", None),
    ("1What is compound interest?", "What is compound interest?", None),
    ("01. Opportunity Cost", "Opportunity Cost", None),
    ("## 🧠 2. Standard Deviation", "Standard Deviation", None),
    ("Seven Budgeting Myths Debunked 🚫", "Seven Budgeting Myths Debunked", "mistakes"),
    ("Gardening Pitfalls and How to Avoid Them", "Gardening Pitfalls and How to Avoid Them",
     "mistakes"),
    ("Frequently Asked Questions About Sourdough", "Frequently Asked Questions About Sourdough",
     "qa"),
    ("Sleep FAQ", "Sleep FAQ", "qa"),
    ("Four Core Components", "Four Core Components", "definitions"),
    ("What It Does:", "What It Does", "definitions"),
    ("Breaking Free from the Comparison Trap", "Breaking Free from the Comparison Trap", None),
    ("Steps to Prune a Rose", "Steps to Prune a Rose", "none"),
    ("A worked example", "A worked example", "none"),
    ("Quiz Time!", "Quiz Time!", "none"),
])
def test_headings_in_every_form(heading: str, clean: str, role: str | None) -> None:
    assert clean_heading(heading) == clean
    assert heading_role(heading) == role


@pytest.mark.parametrize(("title", "label", "rest"), [
    ("Mistake #1: Skipping the warm-up", "mistake", "Skipping the warm-up"),
    ("Myth No. 3: Carbs make you fat.", "myth", "Carbs make you fat."),
    ("Myth3: Cold weather causes colds", "myth", "Cold weather causes colds"),
    ("Question 2) Can I freeze bread?", "question", "Can I freeze bread?"),
])
def test_item_headings_carry_their_kind(title: str, label: str, rest: str) -> None:
    assert item_heading(title) == (label, rest)


@pytest.mark.parametrize(("sentence", "role"), [
    ("Here are the main points to remember about compost:", "takeaways"),
    ("Below are the most common mistakes new cyclists make.", "mistakes"),
    ("Many people hold misconceptions about sleep, including:", "mistakes"),
    ("Let's go through the key terms first:", "definitions"),
    ("There are two types of interest...", "definitions"),
    ("I bought a bike last year:", None),
    ("Here is why that matters.", None),
])
def test_sentences_that_open_a_list(sentence: str, role: str | None) -> None:
    assert lead_in_role(sentence) == role
