"""Takeaways: Key takeaways / Summary / TL;DR sections, inline TL;DR lines, nested lists."""

from __future__ import annotations

import pytest

from extracting import of_kind
from levcards.model import Article
from levcards.readers import pick_reader


def article(text: str, shown: str = "decks/learning/notes.md") -> Article:
    return pick_reader(text).read(text, shown, "notes")


def found(text: str) -> list[tuple[str, str, int]]:
    return [(t.text, t.highlight, t.ref.line) for t in of_kind("takeaway", article(text))]


@pytest.mark.parametrize("title", ["Key Takeaways", "Key takeaways", "Takeaways", "Summary",
                                   "TL;DR", "In short", "Bottom line", "The bottom line", "Recap"])
def test_takeaway_sections_give_one_item_per_bullet(title: str) -> None:
    text = (
        "# Learning in Short Bursts\n\n"
        "Short sessions beat marathons.\n\n"
        f"## {title}\n\n"
        "- Review new material the next day.\n"
        "- Space later reviews further apart.\n"
    )
    items = of_kind("takeaway", article(text))
    assert [(t.text, t.ref.line, t.confidence) for t in items] == [
        ("Review new material the next day.", 7, 1.0),
        ("Space later reviews further apart.", 8, 1.0),
    ]
    assert {t.ref.path for t in items} == {"decks/learning/notes.md"}


def test_bold_phrase_becomes_the_highlight() -> None:
    text = "# Money\n\n## Key takeaways\n\n- Build **one month of essentials** before investing.\n"
    assert found(text) == [("Build one month of essentials before investing.",
                            "one month of essentials", 5)]


def test_a_leading_bold_label_is_not_the_highlight() -> None:
    text = (
        "# Money\n\n## Key takeaways\n\n"
        "- **Automate:** move savings on **payday** before spending starts.\n"
        "- **Review:** check the balance monthly.\n"
    )
    assert found(text) == [
        ("Automate: move savings on payday before spending starts.", "payday", 5),
        ("Review: check the balance monthly.", "", 6),
    ]


def test_only_top_level_bullets_of_a_takeaway_section() -> None:
    text = (
        "# Habits\n\n## Key takeaways\n\n"
        "- Make the first step tiny.\n"
        "  - For example, one push-up.\n"
        "- Attach new habits to old ones.\n"
    )
    assert [t for t, _, _ in found(text)] == ["Make the first step tiny.",
                                              "Attach new habits to old ones."]


def test_summary_paragraph_gives_one_takeaway_per_sentence() -> None:
    text = (
        "# Learning\n\n## Summary\n\n"
        "Spacing beats cramming for long-term memory. Testing yourself beats rereading notes.\n"
    )
    items = of_kind("takeaway", article(text))
    assert [(t.text, t.ref.line, t.confidence) for t in items] == [
        ("Spacing beats cramming for long-term memory.", 5, 0.9),
        ("Testing yourself beats rereading notes.", 5, 0.9)]


def test_lead_in_line_ending_in_a_colon_is_skipped() -> None:
    text = "# Learning\n\n## Summary\n\nRemember this:\n\nSleep helps memory settle overnight.\n"
    assert found(text) == [("Sleep helps memory settle overnight.", "", 7)]


def test_subsections_of_a_takeaway_section_count_too() -> None:
    text = (
        "# Money\n\n## Key takeaways\n\n### Saving\n\n- Pay yourself first.\n\n"
        "### Spending\n\n- Wait a day before big purchases.\n\n## Next\n\n- Not a takeaway.\n"
    )
    assert [(t, line) for t, _, line in found(text)] == [
        ("Pay yourself first.", 7), ("Wait a day before big purchases.", 11)]


@pytest.mark.parametrize("label", ["TL;DR", "TLDR", "In short", "Bottom line", "Key takeaway"])
def test_inline_summary_lines(label: str) -> None:
    text = (f"# Notes\n\nSome context first.\n\n"
            f"{label}: ten focused minutes beat one long session.\n")
    assert found(text) == [("ten focused minutes beat one long session.", "", 5)]


def test_items_nested_under_a_key_takeaways_bullet() -> None:
    text = (
        "# Study Notes\n\n"
        "- Key takeaways:\n"
        "  - Review material the day after you meet it.\n"
        "  - Space later reviews further apart.\n"
        "    - Not this deeper note.\n"
        "- Other notes\n"
        "  - Not a takeaway either.\n"
    )
    items = of_kind("takeaway", article(text))
    assert [(t.text, t.ref.line, t.confidence) for t in items] == [
        ("Review material the day after you meet it.", 4, 0.95),
        ("Space later reviews further apart.", 5, 0.95),
    ]


def test_nested_key_takeaways_in_a_text_export() -> None:
    text = (
        "Study Notes\n\nA page of notes.\n\nWhat I learned\n\n"
        "• Key takeaways\n"
        "   ◦ Sleep before a test, not after.\n"
        "   ◦ Write answers from memory.\n"
    )
    assert article(text).reader == "plaintext"
    assert found(text) == [("Sleep before a test, not after.", "", 8),
                           ("Write answers from memory.", "", 9)]


@pytest.mark.parametrize("title", ["Best practices", "Steps", "How to start", "Tips"])
def test_other_lists_are_not_takeaways(title: str) -> None:
    text = (
        "# Studying\n\n"
        f"## {title}\n\n"
        "- Turn off notifications while studying.\n"
        "- Use a timer for each session.\n\n"
        "1. Pick a topic.\n"
        "2. Study for ten minutes.\n"
    )
    assert found(text) == []


def test_takeaway_section_in_a_text_export() -> None:
    text = (
        "The 50/30/20 Split\n\nA simple way to divide income.\n\nKey Takeaways\n\n"
        "• Use take-home pay as the starting number.\n"
        "• Move the savings share on payday.\n\nCommon Mistakes\n\nSome text.\n"
    )
    assert found(text) == [("Use take-home pay as the starting number.", "", 7),
                           ("Move the savings share on payday.", "", 8)]
