"""Mistakes: Common mistakes lists, "Mistake N:" headings with their fix, bare pitfall bullets."""

from __future__ import annotations

import pytest

from extracting import of_kind
from levcards.model import Article
from levcards.readers import pick_reader


def article(text: str, shown: str = "decks/models/notes.md") -> Article:
    return pick_reader(text).read(text, shown, "notes")


def found(text: str) -> list[tuple[str, str, str, str, int]]:
    return [(m.title, m.explanation, m.fix, m.group, m.ref.line)
            for m in of_kind("mistake", article(text))]


@pytest.mark.parametrize("title", ["Common mistakes", "Common pitfalls", "Mistakes to avoid",
                                   "Pitfalls", "What to avoid", "Common misconceptions"])
def test_bold_labelled_list_in_a_mistakes_section(title: str) -> None:
    text = (
        "# The Cash Buffer\n\n"
        f"## {title}\n\n"
        "- **Counting credit as savings:** an unused card limit is borrowed money.\n"
        "- **Raiding it for treats.** A sale is not an emergency.\n"
    )
    items = of_kind("mistake", article(text))
    assert [(m.title, m.explanation, m.fix, m.group, m.ref.line) for m in items] == [
        ("Counting credit as savings", "an unused card limit is borrowed money.", "", "", 5),
        ("Raiding it for treats", "A sale is not an emergency.", "", "", 6),
    ]
    assert {m.ref.path for m in items} == {"decks/models/notes.md"}


def test_plain_label_items_split_into_title_and_explanation() -> None:
    text = "# Budgets\n\n## Common mistakes\n\n- Ignoring annual bills: they arrive all at once.\n"
    assert found(text) == [("Ignoring annual bills", "they arrive all at once.", "", "", 5)]


def test_nested_fix_item_under_a_mistake() -> None:
    text = (
        "# Budgets\n\n## Common mistakes\n\n"
        "- **Budgeting to the penny:** no room is left for surprises.\n"
        "  - Fix: keep a small line called miscellaneous.\n"
        "- **Quitting after one bad month:** one slip is normal.\n"
    )
    assert found(text) == [
        ("Budgeting to the penny", "no room is left for surprises.",
         "keep a small line called miscellaneous.", "", 5),
        ("Quitting after one bad month", "one slip is normal.", "", "", 7),
    ]


def test_numbered_mistake_headings_with_explanation_and_fix() -> None:
    text = (
        "# Mental Models That Mislead\n\n"
        "Models are useful simplifications.\n\n"
        "## Common mistakes\n\n"
        "### Mistake 1: Using one model for everything\n\n"
        "A single lens makes every problem look the same shape.\n\n"
        "Another paragraph that is not the explanation.\n\n"
        "**The fix:** Keep a small toolbox and ask which model fits.\n\n"
        "### Mistake 2: Treating the model as the truth.\n\n"
        "Reality has details no model captures.\n"
    )
    assert found(text) == [
        ("Using one model for everything", "A single lens makes every problem look the same shape.",
         "Keep a small toolbox and ask which model fits.", "", 7),
        ("Treating the model as the truth", "Reality has details no model captures.", "", "", 15),
    ]


def test_unnumbered_headings_under_a_mistakes_section() -> None:
    text = (
        "# Habits\n\n## Mistakes to avoid\n\n### Starting too big\n\n"
        "The mistake: a huge first step makes skipping easy.\n\n"
        "Instead: shrink the first step to two minutes.\n"
    )
    assert found(text) == [("Starting too big", "a huge first step makes skipping easy.",
                            "shrink the first step to two minutes.", "", 5)]


def test_numbered_mistake_heading_anywhere_in_the_article() -> None:
    text = (
        "# Base Rates\n\n## Mistake 3: Skipping the base rate\n\n"
        "People judge by vivid stories instead of frequencies.\n\n"
        "Fix: Look up how often it usually happens.\n"
    )
    assert found(text) == [("Skipping the base rate",
                            "People judge by vivid stories instead of frequencies.",
                            "Look up how often it usually happens.", "", 3)]


def test_numbered_mistakes_in_a_text_export() -> None:
    text = (
        "Budgeting Basics\n\nA budget is a plan for money.\n\nCommon Mistakes\n\n"
        "Mistake 1: Counting wants as needs\n\n"
        "A new phone can feel essential, but it shrinks the savings share.\n\n"
        "Mistake 2: Forgetting irregular bills\n\n"
        "Yearly fees wreck a monthly plan.\n\nThe fix: divide them by twelve and save that.\n"
    )
    assert article(text).reader == "plaintext"
    assert found(text) == [
        ("Counting wants as needs",
         "A new phone can feel essential, but it shrinks the savings share.",
         "", "", 7),
        ("Forgetting irregular bills", "Yearly fees wreck a monthly plan.",
         "divide them by twelve and save that.", "", 11),
    ]


def test_bare_bullets_where_this_breaks_down() -> None:
    text = (
        "# Leverage\n\nLeverage multiplies an input.\n\n"
        "## Where this breaks down\n\n"
        "- Leverage amplifies mistakes as well as wins.\n"
        "- Experts overfit their favourite model.\n"
        "- Simple models hide rare but costly events.\n"
    )
    items = of_kind("mistake", article(text))
    assert [(m.title, m.explanation, m.fix, m.group, m.ref.line) for m in items] == [
        ("Leverage amplifies mistakes as well as wins", "", "", "Where this breaks down", 7),
        ("Experts overfit their favourite model", "", "", "Where this breaks down", 8),
        ("Simple models hide rare but costly events", "", "", "Where this breaks down", 9),
    ]


def test_a_long_clause_before_a_colon_is_not_a_label() -> None:
    text = (
        "# Models\n\n## Pitfalls\n\n"
        "- Trusting a model that worked once in a calm year everywhere: it breaks later.\n"
    )
    assert found(text) == [
        ("Trusting a model that worked once in a calm year everywhere: it breaks later",
         "", "", "Pitfalls", 5)]


@pytest.mark.parametrize("title", ["Best practices", "Steps", "Key takeaways", "Examples"])
def test_lists_in_other_sections_are_not_mistakes(title: str) -> None:
    text = f"# Habits\n\n## {title}\n\n- **Start small:** one push-up counts.\n- Track it daily.\n"
    assert found(text) == []


def test_an_explanation_ending_in_a_colon_gives_the_first_labelled_reason() -> None:
    text = (
        "# Buffers\n\n## Myth 1: A Buffer Is Idle Money\n\n"
        "Savers often think so. In truth it pays for itself in three ways:\n\n"
        "- **Avoided Interest:** no card debt at 25% when the car breaks. It adds up.\n"
        "- **Fewer Fees:** no overdraft charges on a bad month.\n"
        "- **Calm Decisions:** no forced sales in a slump.\n"
    )
    ((title, explanation, _, _, _),) = found(text)
    assert title == "A Buffer Is Idle Money"
    assert explanation == ("Avoided interest: no card debt at 25% when the car breaks. "
                           "Also: fewer fees and calm decisions.")


def test_an_explanation_ending_in_a_colon_is_completed_by_short_items() -> None:
    text = ("# Buffers\n\n## Mistake 1: Waiting for a Raise\n\n"
            "Start with any amount:\n\n- $25 a month\n- $50 a month\n")
    ((_, explanation, _, _, _),) = found(text)
    assert explanation == "Start with any amount: $25 a month and $50 a month."


def test_a_list_too_long_or_too_wordy_to_name_stays_in_the_article() -> None:
    items = "".join(f"- Reason number {n} is a long sentence that explains itself fully.\n"
                    for n in range(3))
    text = f"# Buffers\n\n## Myth 1: Buffers Are Idle\n\nIt pays for itself:\n\n{items}"
    ((_, explanation, _, _, _),) = found(text)
    assert explanation == "It pays for itself:"


def test_items_of_a_limitations_section_carry_its_name() -> None:
    text = ("# Budgets\n\n## Limits, misuse and common misconceptions\n\n"
            "**Limitations and Drawbacks:**\n\n"
            "- **Rigidity:** a fixed budget ignores a changing income.\n"
            "- **Busywork:** tracking every coin costs more time than it saves.\n")
    assert [(title, group) for title, _, _, group, _ in found(text)] == [
        ("Rigidity", "Limitations and Drawbacks"), ("Busywork", "Limitations and Drawbacks")]
