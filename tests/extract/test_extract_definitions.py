"""Definitions: glossary lists, tables, definition lists and "X is/means Y" sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from extracting import of_kind
from levcards.extract import definitions, extract
from levcards.model import Article, Definition
from levcards.readers import pick_reader, read_article

FIXTURES = Path(__file__).parents[1] / "fixtures" / "articles"


def article(text: str, shown: str = "decks/money/notes.md") -> Article:
    return pick_reader(text).read(text, shown, "notes")


def found(text: str) -> list[tuple[str, str, int]]:
    return [(d.term, d.definition, d.ref.line) for d in of_kind("definition", article(text))]


# --- glossary lists ---------------------------------------------------------------------------

def test_glossary_list_in_every_label_style() -> None:
    text = (
        "# Money Words\n\n"
        "## Glossary\n\n"
        "- **Float:** the cash that covers timing gaps between pay and bills.\n"
        "- Runway: the months your savings would last without income.\n"
        "- **Sinking fund** — money saved monthly for a known yearly bill.\n"
        "- Net worth - what you own minus what you owe.\n"
    )
    items = of_kind("definition", article(text))
    assert [(d.term, d.definition, d.ref.line, d.confidence) for d in items] == [
        ("Float", "the cash that covers timing gaps between pay and bills.", 5, 1.0),
        ("Runway", "the months your savings would last without income.", 6, 1.0),
        ("Sinking fund", "money saved monthly for a known yearly bill.", 7, 1.0),
        ("Net worth", "what you own minus what you owe.", 8, 1.0),
    ]
    assert all(d.ref.path == "decks/money/notes.md" for d in items)


@pytest.mark.parametrize("title", ["Key terms", "Definitions", "Glossary", "Vocabulary",
                                   "Terms to know", "Key concepts"])
def test_glossary_section_titles(title: str) -> None:
    text = f"# Saving\n\n## {title}\n\n- Buffer: cash you can reach within a day.\n"
    assert found(text) == [("Buffer", "cash you can reach within a day.", 5)]


def test_bold_label_list_outside_a_glossary_needs_two_descriptive_items() -> None:
    two = (
        "# Habits\n\n## The parts\n\n"
        "- **Cue:** the moment that reminds you to start.\n"
        "- **Reward:** the good feeling that makes you repeat it.\n"
    )
    assert [t for t, _, _ in found(two)] == ["Cue", "Reward"]
    one = "# Habits\n\n## The parts\n\n- **Cue:** the moment that reminds you to start.\n"
    assert found(one) == []


def test_fact_bullets_are_not_definitions() -> None:
    text = (
        "# The Savings Club\n\n## At a glance\n\n"
        "- **Founded:** 1998\n"
        "- **Members:** 40 savers\n"
        "- **Based in:** Leeds\n\n"
        "## Key terms\n\n"
        "- Founded: 1998\n"
        "- Price: free for members\n"
    )
    assert found(text) == []


def test_glossary_term_beats_a_sentence_about_the_same_term() -> None:
    text = (
        "# Runway\n\nRunway is the number of months you could live on savings alone.\n\n"
        "## Key terms\n\n- Runway: months of expenses your savings cover.\n"
    )
    assert found(text) == [("Runway", "months of expenses your savings cover.", 7)]


def test_mistake_bullets_are_not_definitions() -> None:
    text = (
        "# Buffers\n\n## Common mistakes\n\n"
        "- **Counting credit as savings:** an unused card limit is borrowed money.\n"
        "- **Raiding it for treats:** a sale is not an emergency at all.\n"
    )
    assert found(text) == []


# --- tables and definition lists --------------------------------------------------------------

@pytest.mark.parametrize(("term_col", "def_col"), [("Term", "Definition"), ("Concept", "Meaning"),
                                                   ("Word", "What it means")])
def test_table_with_term_and_definition_columns(term_col: str, def_col: str) -> None:
    text = (
        "# Learning\n\n"
        f"| {term_col} | {def_col} |\n"
        "|---|---|\n"
        "| Spacing | reviewing at growing intervals |\n"
        "| Interleaving | mixing related topics in one session |\n"
    )
    assert found(text) == [
        ("Spacing", "reviewing at growing intervals", 5),
        ("Interleaving", "mixing related topics in one session", 6),
    ]


def test_table_columns_can_be_in_any_order_among_others() -> None:
    text = (
        "# Learning\n\n"
        "| Example | Definition | Term |\n"
        "|---|---|---|\n"
        "| flashcards | pulling an idea out of memory | Retrieval |\n"
    )
    assert found(text) == [("Retrieval", "pulling an idea out of memory", 5)]


def test_table_without_term_header_gives_nothing() -> None:
    text = "# Costs\n\n| Habit | Yearly cost |\n|---|---|\n| Coffee | about 900 a year |\n"
    assert found(text) == []


def test_definition_list_entries() -> None:
    text = "# Habits\n\nHabit stacking\n: linking a new habit to one you already have.\n"
    assert found(text) == [("Habit stacking", "linking a new habit to one you already have.", 3)]


# --- sentences --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "term", "definition"),
    [
        ("Opportunity cost is the value of the best option you gave up.", "Opportunity cost",
         "the value of the best option you gave up."),
        ("Anchoring means leaning too hard on the first number you hear.", "Anchoring",
         "leaning too hard on the first number you hear."),
        ("Mental accounting refers to treating money differently by where it came from.",
         "Mental accounting", "treating money differently by where it came from."),
        ("Liquidity is defined as the speed at which an asset turns into cash.", "Liquidity",
         "the speed at which an asset turns into cash."),
        ("Lifestyle creep is when spending rises every time income does.", "Lifestyle creep",
         "when spending rises every time income does."),
        ("Index funds are baskets of shares that follow a whole market.", "Index funds",
         "baskets of shares that follow a whole market."),
    ],
)
def test_definition_sentences(sentence: str, term: str, definition: str) -> None:
    text = f"A short introduction comes first.\n\n{sentence} More text follows here.\n"
    assert found(text) == [(term, definition, 3)]


@pytest.mark.parametrize(
    "sentence",
    [
        "It is a simple rule of thumb for spending.",
        "This is the part that most people skip.",
        "Maria Lopez is a teacher who started a savings club.",
        "Rent is expensive.",
        "Childcare is costly, but worth planning for.",
        "The goal is to save a tenth of every payment.",
        "Saving is important for everyone.",
        "Founded: 1998",
        "Why is saving so hard for people?",
    ],
)
def test_non_definition_sentences(sentence: str) -> None:
    assert definitions.sentence_definition(sentence) is None
    assert found(f"Some context first.\n\n{sentence}\n") == []


def test_only_the_most_convincing_sentence_per_term_is_kept() -> None:
    text = (
        "# Compounding\n\n"
        "Compounding is growth that earns growth of its own.\n\n"
        "## Later\n\n"
        "Compounding means returns that earn returns on themselves over time.\n"
    )
    items = of_kind("definition", article(text))
    assert len(items) == 1
    assert items[0].term == "Compounding"
    assert items[0].ref.line == 3  # the heading names the term, so this one is the surest


def test_sentences_in_answers_to_other_questions_are_skipped() -> None:
    text = ("# Notes\n\n## Why do people overspend?\n\n"
            "Payday is a trigger for treats and upgrades.\n")
    assert found(text) == []


def test_prose_fixture_definition() -> None:
    items = of_kind("definition", read_article(FIXTURES / "learning_essay.md"))
    assert [(d.term, d.ref.line) for d in items] == [("Retrieval practice", 4)]
    assert items[0].definition == "recalling an idea from memory instead of looking at it again."


def test_plaintext_glossary_bullets() -> None:
    text = (
        "Inflation Basics\n\nPrices drift upward over time.\n\nKey terms\n\n"
        "• Purchasing power: what a unit of money can buy.\n"
        "• Real return: your return after inflation.\n"
    )
    assert found(text) == [
        ("Purchasing power", "what a unit of money can buy.", 7),
        ("Real return", "your return after inflation.", 8),
    ]


def test_definitions_come_back_through_extract_in_source_order() -> None:
    text = (
        "# Budget Words\n\n"
        "A budget is a plan for money written before the month begins.\n\n"
        "## Glossary\n\n"
        "- Float: cash that covers timing gaps between pay and bills.\n"
        "- Runway: the months your savings would last.\n"
    )
    items = [i for i in extract(article(text)) if isinstance(i, Definition)]
    assert [(d.term, d.ref.line) for d in items] == [("A budget", 3), ("Float", 7), ("Runway", 8)]


def test_a_leading_article_goes_but_a_latin_a_stays() -> None:
    text = ("# Testing\n\n## Glossary\n\n"
            "- **A Priori Estimate:** a guess made before any data arrives.\n"
            "- **The Control Group:** the users who see no change.\n")
    assert [t for t, _, _ in found(text)] == ["A Priori Estimate", "Control Group"]
