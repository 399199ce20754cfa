"""Enumerations ("three pillars of X: a, b and c") and the combined extract() over every kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from levcards.extract import KINDS, enumerations, extract
from levcards.model import ITEM_KINDS, Article, Mistake, QAPair
from levcards.readers import pick_reader, read_article

FIXTURES = Path(__file__).parents[1] / "fixtures" / "articles"


def article(text: str, shown: str = "decks/habits/notes.md") -> Article:
    return pick_reader(text).read(text, shown, "notes")


def found(text: str) -> list[tuple[str, tuple[str, ...], int]]:
    return [(e.label, e.members, e.ref.line) for e in enumerations.extract(article(text))]


@pytest.mark.parametrize(
    ("sentence", "label", "members"),
    [
        ("The three pillars of a budget: income, spending and saving.",
         "The three pillars of a budget", ("income", "spending", "saving")),
        ("Good learners lean on two habits: retrieval and spacing.",
         "Good learners lean on two habits", ("retrieval", "spacing")),
        ("There are 3 kinds of risk: market risk, inflation risk, or personal risk.",
         "There are 3 kinds of risk", ("market risk", "inflation risk", "personal risk")),
        ("A habit has four parts: cue, craving, response, and reward.",
         "A habit has four parts", ("cue", "craving", "response", "reward")),
    ],
)
def test_enumeration_sentences(sentence: str, label: str, members: tuple[str, ...]) -> None:
    text = f"Intro paragraph here.\n\nSome context. {sentence} More follows.\n"
    items = enumerations.extract(article(text))
    assert [(e.label, e.members, e.ref.line) for e in items] == [(label, members, 3)]
    assert items[0].ref.path == "decks/habits/notes.md"


@pytest.mark.parametrize(
    "sentence",
    [
        "The four pillars of a budget: income, spending and saving.",
        "The five stages of a habit: cue, craving, response, reward.",
        "Two tips: write down what you spent every single evening without fail and review.",
        "The pillars of a budget: income, spending and saving.",
    ],
)
def test_count_must_match_and_members_must_be_short(sentence: str) -> None:
    assert found(f"Intro paragraph here.\n\n{sentence}\n") == []


def test_list_items_are_not_scanned() -> None:
    text = "# Budget\n\n- The three pillars of a budget: income, spending and saving.\n"
    assert found(text) == []


# --- extract(): every kind together ------------------------------------------------------------

def test_extractor_table_covers_every_item_kind_once() -> None:
    assert KINDS == ITEM_KINDS


MIXED = """\
# Thinking in Models

Second-order thinking means asking what happens after the first effect.
There are three layers of consequence: immediate, delayed and hidden.

## FAQ

### Is this slow?

Only at first; it becomes a habit.

## Key takeaways

- Ask **and then what?** before deciding.

## Where this breaks down

- Long chains of guesses compound errors.
"""


def test_extract_returns_every_kind_in_source_order_with_true_lines() -> None:
    lines = MIXED.split("\n")
    items = extract(article(MIXED))
    assert [(i.kind, i.ref.line) for i in items] == [
        ("definition", 3), ("enumeration", 4), ("qa", 8), ("takeaway", 14), ("mistake", 18)]
    assert [i.ref.line for i in items] == sorted(i.ref.line for i in items)
    keys = [i.key for i in items]
    assert keys[0] == "Second-order thinking"
    assert keys[2] == "Is this slow?" and lines[7] == "### Is this slow?"
    assert keys[3] == "Ask and then what? before deciding."
    assert "Ask **and then what?**" in lines[13]
    assert keys[4] == "Long chains of guesses compound errors" and "Long chains" in lines[17]


def test_threshold_drops_less_certain_items() -> None:
    items = extract(article(MIXED), threshold=0.96)
    assert [i.kind for i in items] == ["enumeration", "qa", "takeaway"]
    assert all(i.confidence >= 0.96 for i in items)


def test_exact_repeats_are_dropped() -> None:
    text = ("# Notes\n\nTL;DR: save first.\n\n"
            "## Key takeaways\n\n- Spend later.\n\nTL;DR: save first.\n")
    items = extract(article(text))
    assert [(i.kind, i.key, i.ref.line) for i in items] == [
        ("takeaway", "save first.", 3), ("takeaway", "Spend later.", 7)]


def test_fixture_items_in_order() -> None:
    items = extract(read_article(FIXTURES / "habit_page_export.txt"))
    assert [(i.kind, i.key) for i in items] == [
        ("qa", "What if two minutes feels pointless?"),
        ("qa", "Can I stack several tiny habits?"),
    ]


def test_fixture_with_frontmatter_has_true_lines() -> None:
    path = FIXTURES / "cash_buffer.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    items = extract(read_article(path))
    assert items
    for item in items:
        source = lines[item.ref.line - 1]
        word = max(item.key.split()[:3], key=len).strip("*:?.")
        assert word in source, (item, source)


def test_tight_text_export_items_in_order_with_true_lines() -> None:
    path = FIXTURES / "envelope_page_tight.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    items = extract(read_article(path))
    assert [(i.kind, i.key) for i in items] == [
        ("definition", "The envelope method"),
        ("qa", "Does this work with cards?"),
        ("qa", "What goes in the first envelope?"),
        ("takeaway", "Give every unit of money a job before the month starts."),
        ("takeaway", "Refill the envelopes on payday, not when they run out."),
        ("mistake", "Too many envelopes"),
        ("mistake", "Borrowing without a record"),
    ]
    for item in items:
        assert item.key in lines[item.ref.line - 1], item
    assert [i.answer for i in items if isinstance(i, QAPair)] == [
        "Yes: use separate sub-accounts instead of paper envelopes.",
        "Rent and other bills that cannot wait.",
    ]
    assert [i.explanation for i in items if isinstance(i, Mistake)] == [
        "Twenty categories turn the method into bookkeeping and people give up.",
        "Taking from one envelope for another hides overspending.",
    ]
