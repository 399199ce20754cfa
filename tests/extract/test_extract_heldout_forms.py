"""Forms real articles use that the first rules missed: each rule with a case it must not take."""

from __future__ import annotations

import pytest

from extracting import article, defs, items, mistakes, qas, takeaways

# --- mistakes ----------------------------------------------------------------------------------

def test_mistake_and_fix_label_lines_give_the_title_and_the_fix() -> None:
    text = (
        "# Moving House\n\n## Common mistakes\n\n"
        "**Mistake:** Packing the kitchen first.\n"
        "**Fix:** Pack it last; you will eat every day until the van comes.\n\n"
        "- **Mistake:** booking the van late. **Fix:** Book it a month ahead.\n"
    )
    assert mistakes(text) == [
        ("Packing the kitchen first", "", "Pack it last; you will eat every day until the van comes."),
        ("Booking the van late", "", "Book it a month ahead."),
    ]


def test_not_a_problem_label_as_the_mistake_title() -> None:
    text = (
        "# Moving House\n\n## Common mistakes\n\n"
        "- **Packing the kitchen first.** **The problem:** you still cook every day.\n"
    )
    assert [m[0] for m in mistakes(text)] == ["Packing the kitchen first"]


def test_title_sentence_then_explanation_in_pitfall_bullets() -> None:
    text = (
        "Garden Basics\n\nBy Kim Ode · 3 min read\n\nA garden is a patch of soil you tend.\n\n"
        "Pitfalls\n"
        "◦ Watering at noon. Most of the water evaporates before the roots get it.\n"
        "◦ Planting too close. Crowded plants compete for light and catch mildew.\n"
    )
    assert mistakes(text) == [
        ("Watering at noon", "Most of the water evaporates before the roots get it.", ""),
        ("Planting too close", "Crowded plants compete for light and catch mildew.", ""),
    ]


def test_not_split_when_the_first_sentence_is_the_whole_point() -> None:
    text = (
        "# Garden\n\n## Pitfalls\n\n"
        "- Gardeners who water at noon on the hottest days of the summer lose most of it. Sad.\n"
        "- Overwatering.\n"
    )
    assert [m[0] for m in mistakes(text)] == [
        "Gardeners who water at noon on the hottest days of the summer lose most of it. Sad",
        "Overwatering"]


def test_numbered_dash_pitfalls_and_numbered_headings() -> None:
    text = (
        "# Budgets\n\n## Pitfalls to Avoid\n\n"
        "1. Counting wants as needs — A new phone is rarely a need.\n\n"
        "## Common mistakes\n\n### 1. Closing old cards\n\nIt lowers your available credit.\n"
    )
    assert mistakes(text) == [
        ("Counting wants as needs", "A new phone is rarely a need.", ""),
        ("Closing old cards", "It lowers your available credit.", ""),
    ]


def test_mistakes_written_as_paragraphs_opening_with_their_title() -> None:
    text = (
        "Decisions\n\nBy Lee Park · 4 min read\n\nChoosing well takes energy.\n\n"
        "Common Mistakes\n\n"
        "Deciding late at night. Judgement is better in the morning, before small choices.\n\n"
        "Treating every choice as big. Which pen to buy is not which job to take.\n"
    )
    assert [m[0] for m in mistakes(text)] == ["Deciding late at night", "Treating every choice as big"]


def test_not_an_intro_or_story_paragraph_in_a_mistakes_section() -> None:
    text = (
        "# Lifting\n\n## Common mistakes\n\n"
        "Lifting too heavy too soon is the classic one. I did it myself in 2015.\n\n"
        "We see it every January. People sign up and vanish.\n"
    )
    assert mistakes(text) == []


def test_arrow_mistakes_in_notes_and_no_how_to_heading() -> None:
    text = (
        "# Lecture 4\n\n## Common mistakes\n\n"
        "- testing private helpers -> tests break on every refactor\n"
        "- one giant test -> the first failure hides the rest\n\n"
        "### How to write a good test\n\nName the behaviour, then assert one thing.\n"
    )
    assert mistakes(text) == [
        ("testing private helpers", "tests break on every refactor", ""),
        ("one giant test", "the first failure hides the rest", ""),
    ]


# --- takeaways ---------------------------------------------------------------------------------

def test_a_thematic_break_ends_the_summary() -> None:
    text = (
        "# Sleep\n\n## The bottom line\n\nKeep one wake time every day of the week.\n\n---\n\n"
        "*About the author: Chris writes about habits.*\n\n**Related:** [Naps](#)\n"
    )
    assert takeaways(text) == ["Keep one wake time every day of the week."]


def test_not_a_question_or_a_disclaimer_in_a_summary() -> None:
    text = (
        "# Roth IRA\n\n## Summary\n\nA Roth trades a tax break today for tax-free income later.\n\n"
        "I'm not a financial advisor, so check with a tax professional.\n\n"
        "Would you like me to compare it with a 401(k)?\n"
    )
    assert takeaways(text) == ["A Roth trades a tax break today for tax-free income later."]


def test_what_i_learned_list_and_inline_summary_label() -> None:
    text = (
        "# My First Raise\n\n## What I learned\n\n"
        "1. Recruiters expect a counter.\n2. Silence after your ask is a tool.\n\n"
        "## Session notes\n\nSummary: Prep wins. Trade across issues.\n"
    )
    assert takeaways(text) == ["Recruiters expect a counter.", "Silence after your ask is a tool.",
                               "Prep wins.", "Trade across issues."]


def test_not_what_i_learned_paragraphs() -> None:
    text = (
        "# Apps\n\n## What I learned\n\nThe first week was chaos. I kept opening three apps.\n\n"
        "Then I settled on paper.\n"
    )
    assert takeaways(text) == []


# --- definitions -------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "term", "definition"), [
    ("The **debt avalanche** is a payoff plan that clears the highest rate first.",
     "Debt avalanche", "a payoff plan that clears the highest rate first."),
    ("Your **BATNA** is your best alternative to a negotiated agreement.",
     "BATNA", "your best alternative to a negotiated agreement."),
    ("And **total pay** means everything you get, not just salary.",
     "Total pay", "everything you get, not just salary."),
    ("The **forgetting curve** describes how memory fades without review.",
     "Forgetting curve", "how memory fades without review."),
    ("The third idea: **active recall**, which is the practice of pulling an answer from memory.",
     "Active recall", "the practice of pulling an answer from memory."),
    ("Both rely on what's called a **rollover payment**: the money freed by a cleared debt.",
     "Rollover payment", "the money freed by a cleared debt."),
    ("The **floor** (some call it the walk-away number) is a price below which you say no.",
     "Floor", "a price below which you say no."),
])
def test_bold_terms_defined_in_running_text(sentence: str, term: str, definition: str) -> None:
    assert defs(f"# Notes\n\n## Background\n\nSome context first. {sentence}\n") == [(term, definition)]


@pytest.mark.parametrize("sentence", [
    "**Time** is the most valuable asset you have.",
    "**Notion** is a great tool, but it became a hobby.",
    "I use **Obsidian**, which is free on desktop.",
    "**Consistency** is what matters most.",
    "**Note:** this is a rough draft of the idea.",
])
def test_not_bold_emphasis_or_praise(sentence: str) -> None:
    assert defs(f"# Notes\n\n## Background\n\n{sentence}\n") == []


def test_term_headings_under_a_glossary_heading() -> None:
    text = (
        "# Index Funds\n\n## Key terms\n\n"
        "### Expense ratio\n\nThe annual fee a fund charges, as a share of your money.\n\n"
        "### ETF vs. mutual fund\n\nBoth can hold the same index.\n\n"
        "### Why fees matter\n\nThey compound against you.\n"
    )
    assert defs(text) == [("Expense ratio", "The annual fee a fund charges, as a share of your money.")]


def test_not_headings_after_a_glossary_with_its_own_list() -> None:
    text = (
        "Inflation\n\nBy Sam Lo · 3 min read\n\nPrices rise over time.\n\n"
        "Key terms\n• Real return: your return after subtracting inflation.\n\n"
        "Working it out\nFor example, a 2% account with 4% inflation loses 2% a year.\n"
    )
    assert defs(text) == [("Real return", "your return after subtracting inflation.")]


def test_glossary_table_with_a_what_it_means_column() -> None:
    text = (
        "# Savings\n\n## Terminology\n\n| Term | What it means here |\n|---|---|\n"
        "| Liquidity | How quickly an asset turns into cash without losing value. |\n"
    )
    assert defs(text) == [("Liquidity", "How quickly an asset turns into cash without losing value.")]


def test_glossary_lines_in_a_text_export_are_separate_entries() -> None:
    text = (
        "Focus Guide\n\nBy Mei Tan · 6 min read\n\nWork in short bursts.\n\n"
        "Glossary\n"
        "Pomodoro: one focused work interval, plus its short break.\n"
        "Set: a group of four pomodoros, followed by a long break.\n"
    )
    assert defs(text) == [("Pomodoro", "one focused work interval, plus its short break."),
                          ("Set", "a group of four pomodoros, followed by a long break.")]


def test_aside_after_the_subject_and_everything_that() -> None:
    text = (
        "# Cash\n\nCash flow is money moving in and out. Profit, by contrast, is an accounting "
        "figure for a period.\n\n## Wants\n\nWants are everything that makes life nicer.\n"
    )
    assert ("Profit", "an accounting figure for a period.") in defs(text)
    assert ("Wants", "everything that makes life nicer.") in defs(text)


def test_not_a_passive_sentence_or_an_author_box() -> None:
    text = (
        "Budgeting Basics\n\nBy Jordan Lee · 7 min read\n\nA budget is a plan for your money.\n\n"
        "Releases\nReleases are cut every other Tuesday by the release bot.\n\n"
        "About Jordan Lee\nJordan is a former bank teller turned writer.\n"
    )
    assert defs(text) == [("A budget", "a plan for your money.")]


def test_a_run_of_terms_among_other_jottings() -> None:
    text = (
        "# Workshop notes\n\n## Session 1\n\n"
        "- BATNA — best alternative to a negotiated agreement\n"
        "- ZOPA — zone of possible agreement\n"
        "- Reservation price — your walk-away number\n"
        "- prep > tactics. she said it five times\n"
        "- homework: write a BATNA for the lease case\n"
    )
    assert [t for t, _ in defs(text)] == ["BATNA", "ZOPA", "Reservation price"]


def test_not_a_run_of_lowercase_status_notes() -> None:
    text = (
        "# Retro\n\n## Notes\n\n"
        "- velocity: down ten percent because of the outage\n"
        "- deploys - smooth except the rollback\n"
        "- on-call: Priya, then Sam next week\n"
        "- CI time = 14 minutes\n"
        "- Sam: will draft the announcement\n"
    )
    assert defs(text) == []


def test_paragraph_beside_a_takeaways_box_can_define() -> None:
    text = (
        "Focus Guide\n\nBy Mei Tan · 6 min read\n\n"
        "Key Takeaways\n• Work in short bursts.\n• Protect the interval.\n\n"
        "The Pomodoro Technique is a time-management method built on timed intervals.\n"
    )
    assert defs(text) == [("The Pomodoro Technique",
                           "a time-management method built on timed intervals.")]


# --- notes and FAQs ----------------------------------------------------------------------------

NOTES = """\
CS 101 - Lecture 3
notes - mine, messy

unit test = tests one small piece in isolation. fast
test double - any stand-in for a real dependency in a test
   stub: returns canned answers
   fake: a working but simplified version, e.g. in-memory db
code coverage = share of lines run by the test suite

Q: why not just e2e everything? A: slow, flaky, hard to pinpoint
Q (from Priya): should tests hit the real db? A: integration tests yes, unit tests no

common mistakes he listed:
- testing internals -> tests break on every refactor
- sleeping in tests -> slow and still flaky

Summary: mostly small fast tests, a few end-to-end ones.
"""


def test_hand_written_notes_give_terms_answers_mistakes_and_a_summary() -> None:
    assert article(NOTES).reader == "prose"
    assert defs(NOTES) == [
        ("unit test", "tests one small piece in isolation. fast"),
        ("test double", "any stand-in for a real dependency in a test"),
        ("stub", "returns canned answers"),
        ("fake", "a working but simplified version, e.g. in-memory db"),
        ("code coverage", "share of lines run by the test suite"),
    ]
    assert qas(NOTES) == [("why not just e2e everything?", "slow, flaky, hard to pinpoint"),
                          ("should tests hit the real db?", "integration tests yes, unit tests no")]
    assert [m[0] for m in mistakes(NOTES)] == ["testing internals", "sleeping in tests"]
    assert takeaways(NOTES) == ["mostly small fast tests, a few end-to-end ones."]


def test_not_notes_when_lines_are_wrapped_prose_or_code() -> None:
    text = (
        "My routine now looks like this: wake at six, walk for twenty minutes,\n"
        "then write. It took a year to get here.\n\n"
        "example on the board:\n"
        "    def test_total():\n"
        "        cart = Cart(items=[1])\n"
        "        assert cart.total() == 1\n"
    )
    assert items(text) == []


def test_collapsible_faq_answers() -> None:
    text = (
        "# Invoices\n\n## FAQ\n\n<details>\n<summary>Can I charge a late fee?</summary>\n\n"
        "Yes, if the fee was in the contract before the work began.\n\n</details>\n"
    )
    assert qas(text) == [("Can I charge a late fee?",
                          "Yes, if the fee was in the contract before the work began.")]
