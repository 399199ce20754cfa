"""Format families end to end (reader + extractors): what each layout yields, and what it must not."""

from __future__ import annotations

import pytest

from extracting import article, defs, items, mistakes, qas, takeaways

# --- text exports: headings, chrome, lists -----------------------------------------------------

EXPORT = """\
Skip to content
PennyWise
Home | Guides | Tools | About
Back to all guides

Part 2 of 5 in Money Basics

Sinking Funds, Explained
By Lee Park · 4 min read
Share this article

A sinking fund is money you set aside each month for a known future bill.

Kinds of fund
• Annual fund: savings for bills that arrive once a year, such as insurance.
• Replacement fund: savings for things that wear out, such as a laptop or tyres.

Fund profile
• Started: 2019
• Members: 40

Quick Q&A

How much should go in each month?
Divide the bill by the months left before it is due.

Is it the same as an emergency fund?
No. An emergency fund covers surprises; a sinking fund covers bills you can see coming.

Key Takeaways
• Name each fund after the bill it pays.
• Automate the transfer on payday.

Common mistakes

Mistake 1: Using one pot for everything
Every withdrawal then looks like an emergency, so the pot never grows.

Mistake 2: Forgetting price rises
Bills grow each year. Add a little on top of last year's amount.

Related pages
Building an Emergency Fund
What Is a Budget?

About the author
Lee Park is a writer who covers household money.

Leave a comment
Your email address will not be published.
Name *
Comment *
Post Comment

We use cookies to improve your experience. Accept
© 2024 PennyWise. All rights reserved.

<script>
var labels = { term: "Definition", note: "is shown" };
// What is this for?
track("page");
</script>
"""


def test_text_export_title_skips_the_masthead_and_byline() -> None:
    page = article(EXPORT)
    assert page.reader == "plaintext"
    assert page.title == "Sinking Funds, Explained"
    assert page.meta["series_marker"] == "Money Basics"
    titles = [s.title for s in page.sections]
    assert "PennyWise" not in titles and "Related pages" not in titles
    assert "Key Takeaways" in titles and "Kinds of fund" in titles


def test_text_export_items_of_every_kind_and_no_chrome() -> None:
    found = items(EXPORT)
    assert defs(EXPORT) == [
        ("A sinking fund", "money you set aside each month for a known future bill."),
        ("Annual fund", "savings for bills that arrive once a year, such as insurance."),
        ("Replacement fund", "savings for things that wear out, such as a laptop or tyres."),
    ]
    assert qas(EXPORT) == [
        ("How much should go in each month?", "Divide the bill by the months left before it is due."),
        ("Is it the same as an emergency fund?",
         "No. An emergency fund covers surprises; a sinking fund covers bills you can see coming."),
    ]
    assert takeaways(EXPORT) == ["Name each fund after the bill it pays.",
                                 "Automate the transfer on payday."]
    assert [m[0] for m in mistakes(EXPORT)] == ["Using one pot for everything",
                                                "Forgetting price rises"]
    everything = " ".join(str(i) for i in found)
    for chrome in ("Lee Park", "cookies", "Emergency Fund Building", "labels", "What is this for",
                   "Started", "Post Comment"):
        assert chrome not in everything, chrome


def test_headings_sit_directly_on_their_lists_and_text() -> None:
    text = "Notes on Habits\n\nA short intro.\n\nKey Takeaways\n- Start small.\n- Stack habits.\n"
    assert takeaways(text) == ["Start small.", "Stack habits."]


def test_colon_heading_and_indented_takeaways_box() -> None:
    text = (
        "Saving Basics\n\nSaving is hard at first.\n\n"
        "    Key takeaways\n    Start early; time matters more than the rate\n"
        "    Reinvest gains instead of spending them\n\n"
        "In short:\nSpend less than you earn.\n"
    )
    assert takeaways(text) == ["Start early; time matters more than the rate",
                               "Reinvest gains instead of spending them",
                               "Spend less than you earn."]


def test_wrapped_sentence_lines_are_not_headings() -> None:
    text = ("Compounding Notes\n\nIntro line.\n\nCompounding is growth on growth, and it works\n"
            "best when it is left alone for years.\n\nKey Takeaways\n\n- Start early.\n")
    page = article(text)
    assert [s.title for s in page.sections] == ["Compounding Notes", "Key Takeaways"]


def test_self_check_questions_and_best_practices_in_an_export_give_nothing() -> None:
    text = (
        "Before You Invest\n\nA short checklist.\n\nAsk yourself\n"
        "• Can I leave this money alone for five years?\n• Do I have a buffer?\n\n"
        "Best practices\n1. Keep costs low.\n2. Rebalance once a year.\n"
    )
    assert items(text) == []


# --- definitions ------------------------------------------------------------------------------

def test_what_is_title_gives_a_definition_not_a_question() -> None:
    text = ("# What is a sinking fund?\n\nA sinking fund is money saved monthly for a known bill. "
            "The name comes from old bond markets.\n\n## More\n\nOther text.\n")
    assert defs(text) == [("Sinking fund", "money saved monthly for a known bill.")]
    assert qas(text) == []


def test_question_title_with_a_direct_answer_stays_a_question() -> None:
    text = "# Is a Buffer Worth It?\n\n**Direct answer:** Yes, it turns a shock into a nuisance.\n"
    assert qas(text) == [("Is a Buffer Worth It?", "Yes, it turns a shock into a nuisance.")]


def test_frontmatter_summary_defining_the_title_concept() -> None:
    text = ("---\ntitle: Opportunity Cost\ndescription: Opportunity cost is the value of the best "
            "option you give up.\n---\n\n# Opportunity Cost\n\nEvery yes is a no to something.\n")
    assert defs(text) == [("Opportunity cost", "the value of the best option you give up.")]
    other = ("---\ntitle: Opportunity Cost\nsummary: Why every choice has a hidden price.\n---\n\n"
             "# Opportunity Cost\n\nEvery yes is a no to something.\n")
    assert defs(other) == []


def test_pandoc_definition_list() -> None:
    text = "# Words\n\n## Vocabulary\n\nFeedback loop\n: effects that circle back to their cause.\n"
    assert defs(text) == [("Feedback loop", "effects that circle back to their cause.")]


def test_plain_term_bullets_outside_a_glossary() -> None:
    text = ("# Debt\n\nIntro.\n\n## Kinds of debt\n\n"
            "- Deliberate debt: shortcuts taken knowingly to hit a deadline.\n"
            "- Accidental debt: problems that come from not knowing a better design.\n")
    assert [t for t, _ in defs(text)] == ["Deliberate debt", "Accidental debt"]


@pytest.mark.parametrize("body", [
    "- Founded: 1998\n- Headquarters: Berlin\n- Staff: 240 people in two offices\n",
    "- Morning: write for two hours before email.\n- Afternoon: take calls and meetings.\n",
    "- Monday: rest and light stretching.\n- Tuesday: 5 km easy run at chatting pace.\n"
    "- Wednesday\n",
])
def test_fact_schedule_and_mixed_lists_are_not_definitions(body: str) -> None:
    assert defs(f"# Plan\n\nIntro.\n\n## This week\n\n{body}") == []


def test_label_bullets_in_mistake_and_takeaway_sections_are_not_definitions() -> None:
    text = ("# Budgets\n\n## Mistakes to avoid\n\n"
            "- Comparing against zero: asking whether it is worth it without an alternative.\n"
            "- Forgetting your time: doing it yourself can cost more than paying someone.\n\n"
            "## Takeaways\n\n- Time: count your hours as a real cost every time.\n"
            "- Money: compare with the best alternative you have.\n")
    assert defs(text) == []
    assert len(mistakes(text)) == 2


@pytest.mark.parametrize(("sentence", "term", "definition"), [
    ("A margin of safety is the gap between value and price.", "A margin of safety",
     "the gap between value and price."),
    ("The Lindy effect refers to the idea that old things last.", "The Lindy effect",
     "the idea that old things last."),
    ("The 50/30/20 rule is a budget that splits income three ways.", "The 50/30/20 rule",
     "a budget that splits income three ways."),
    ("A perishable thing is something that runs down over time.", "A perishable thing",
     "something that runs down over time."),
    ("Mental accounting is when you treat money differently by its source.", "Mental accounting",
     "when you treat money differently by its source."),
])
def test_prose_definition_sentences(sentence: str, term: str, definition: str) -> None:
    assert defs(f"Some opening words here.\n\n{sentence} More follows.\n") == [(term, definition)]


@pytest.mark.parametrize("sentence", [
    "The ticket money is gone either way.",
    "Leaving a salaried job is exciting for about a day.",
    "Inversion is a second pass, not a substitute.",
    "Progress is defined by repetitions, not by intensity.",
    "The opposite approach is lump-sum investing.",
    "The name itself refers to a delicatessen.",
    "A common mistake is waiting for the perfect moment.",
    "Cash is the right place for an emergency fund.",
    "Monthly is enough for most people.",
])
def test_sentences_that_do_not_define(sentence: str) -> None:
    assert defs(f"Some opening words here.\n\n{sentence}\n") == []


def test_example_sections_define_nothing() -> None:
    text = ("# Roads\n\nIntro.\n\n## An illustration\n\n"
            "The first-order effect is shorter journeys for every driver.\n")
    assert defs(text) == []


# --- Q&A --------------------------------------------------------------------------------------

def test_bold_question_lines_become_questions_in_markdown() -> None:
    text = ("# Budgeting\n\n## Common questions\n\n**Is cash better than cards?**\n"
            "Not always; cards leave a record.\n\n**Do I need an app?**\n\nNo, a notebook works.\n")
    assert qas(text) == [("Is cash better than cards?", "Not always; cards leave a record."),
                         ("Do I need an app?", "No, a notebook works.")]


def test_questions_nested_under_a_self_check_or_an_example_are_not_qa() -> None:
    text = ("# Review\n\n## Questions to ask yourself\n\n### What would I cut first?\n\n"
            "Think about it before payday.\n\n## A worked example\n\n### What if rates rise?\n\n"
            "Then the payment goes up by forty a month.\n")
    assert qas(text) == []


def test_rhetorical_question_lines_in_a_text_export_paragraph_are_not_qa() -> None:
    text = ("Saying No\n\nIt is tempting to agree. Who wants to be the one who refuses? "
            "Most of us do not.\n\nWhy it matters\n\nTime is finite.\n")
    assert qas(text) == []


# --- takeaways and mistakes -------------------------------------------------------------------

def test_bold_line_heading_over_a_list() -> None:
    text = "# Notes\n\nSome notes.\n\n**Key takeaways:**\n\n- Sleep first.\n- Test yourself.\n"
    assert takeaways(text) == ["Sleep first.", "Test yourself."]


@pytest.mark.parametrize("title", ["Best practices", "Steps", "How to start"])
def test_procedure_lists_are_not_takeaways_or_mistakes(title: str) -> None:
    text = f"# Habits\n\nIntro.\n\n## {title}\n\n- Start with one habit.\n- Track it daily.\n"
    assert takeaways(text) == [] and mistakes(text) == []


def test_donts_with_bold_sentences() -> None:
    text = ("# Emergency Fund\n\n## Don'ts\n\n"
            "- **Don't keep it in checking.** Money next to spending money gets spent.\n"
            "- **Don't use it for holidays.** Save for those in a separate pot.\n")
    assert mistakes(text) == [
        ("Don't keep it in checking", "Money next to spending money gets spent.", ""),
        ("Don't use it for holidays", "Save for those in a separate pot.", ""),
    ]


def test_mistake_headings_with_mistake_and_fix_labels() -> None:
    text = ("# Cards\n\n## Mistakes\n\n### Mistake #1: Making cards too big\n\n"
            "**The mistake:** Putting a paragraph on the back.\n\n"
            "**The fix:** Split it into one fact per card.\n")
    assert mistakes(text) == [("Making cards too big", "Putting a paragraph on the back.",
                               "Split it into one fact per card.")]


def test_unnumbered_pitfall_headings_in_a_text_export_end_at_the_next_section() -> None:
    text = ("Planning\n\nPlans fail.\n\nCommon pitfalls\n\nOverfitting the plan\n"
            "Real weeks never match the spreadsheet.\n\nIgnoring feedback\n"
            "The first month tells you what to change.\n\nFinal thoughts\n"
            "Keep the plan light and revise it often.\n")
    assert [m[0] for m in mistakes(text)] == ["Overfitting the plan", "Ignoring feedback"]
