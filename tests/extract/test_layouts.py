"""Each item layout on small articles of our own, in the forms real pages take, including what
must NOT become an item. Page exports are written the way a browser copies a page: headings,
paragraphs, questions and answers on consecutive lines."""

from __future__ import annotations

from extracting import article, defs, items, mistakes, qas, takeaways
from levcards.extract import explain

# --- page exports without blank lines ---------------------------------------------------------

EXPORT = """\
Skip to content
Compost Basics for Small Gardens
Published Apr 3, 2026
Compost turns kitchen scraps into food for the soil. This page explains the words you will meet and the mistakes that ruin a heap.
Key terms
Greens: nitrogen-rich material such as grass clippings and fruit peel.
Browns: carbon-rich material such as dry leaves and cardboard.
Curing: the weeks a finished heap rests before it goes on the beds.
Common mistakes
Mistake #1: Adding only greens
The Problem
A heap of only greens turns slimy and smells of ammonia.
The Fix
Add a bucket of browns for every bucket of greens.
Mistake #2: Letting the heap dry out
Why It Happens
Summer sun dries the top layer within days.
The Fix
Water the heap until it feels like a wrung-out sponge.
Frequently asked questions
1How long does compost take?
A hot heap is ready in two to three months; a cold one takes a year.
2Can I compost citrus peel?
Yes, in small amounts, chopped.
3Is a bin better than a pile?
Leave a Reply
"""


def test_a_page_export_without_blank_lines_keeps_its_structure() -> None:
    assert article(EXPORT).reader == "plaintext"
    assert defs(EXPORT) == [
        ("Greens", "nitrogen-rich material such as grass clippings and fruit peel."),
        ("Browns", "carbon-rich material such as dry leaves and cardboard."),
        ("Curing", "the weeks a finished heap rests before it goes on the beds."),
    ]


def test_mistake_sub_parts_belong_to_their_mistake() -> None:
    assert mistakes(EXPORT) == [
        ("Adding only greens", "A heap of only greens turns slimy and smells of ammonia.",
         "Add a bucket of browns for every bucket of greens."),
        ("Letting the heap dry out", "Summer sun dries the top layer within days.",
         "Water the heap until it feels like a wrung-out sponge."),
    ]


def test_numbered_question_lines_and_a_question_without_an_answer() -> None:
    assert qas(EXPORT) == [
        ("How long does compost take?",
         "A hot heap is ready in two to three months; a cold one takes a year."),
        ("Can I compost citrus peel?", "Yes, in small amounts, chopped."),
    ]


def test_labelled_lines_under_an_inventory_heading_are_not_terms() -> None:
    text = (
        "Thinking Tools: A Mental Model Inventory\n"
        "A short list of models worth knowing, with where each one comes from.\n"
        "01. Circle of Competence\n"
        "Know the edges of what you understand and stay inside them.\n"
        "Used by: Warren Buffett, investors\n"
        "Example: Skip the stock you cannot explain to a friend.\n"
        "02. Margin of Safety\n"
        "Leave room for being wrong by building in a buffer.\n"
        "Used in: Engineering, finance\n"
        "03. Map and Territory\n"
        "Remember that every description leaves things out.\n"
        "Used by: Philosophers\n"
    )
    assert [term for term, _ in defs(text)] == [
        "Circle of Competence", "Margin of Safety", "Map and Territory"]
    assert defs(text)[0][1] == "Know the edges of what you understand and stay inside them."


def test_a_flattened_term_table_in_a_page_export() -> None:
    text = (
        "Bike Words\n"
        "Term\n"
        "Meaning\n"
        "Cadence\n"
        "How many times the pedals turn in a minute.\n"
        "Derailleur\n"
        "The arm that moves the chain between sprockets, e.g. from\n"
        "small\n"
        "to large.\n"
        "Groupset\n"
        "All the gears and brakes of one bike as a set.\n"
    )
    assert defs(text) == [
        ("Cadence", "How many times the pedals turn in a minute."),
        ("Derailleur", "The arm that moves the chain between sprockets, e.g. from small to large."),
        ("Groupset", "All the gears and brakes of one bike as a set."),
    ]


def test_a_flattened_table_ends_at_the_heading_the_contents_named() -> None:
    text = (
        "Bike Words\n"
        "On this page\n"
        "Parts\n"
        "Chain wear\n"
        "Tyres\n"
        "Parts\n"
        "Term\n"
        "Meaning\n"
        "Cadence\n"
        "How many times the pedals turn in a minute.\n"
        "Derailleur\n"
        "The arm that moves the chain between sprockets.\n"
        "Groupset\n"
        "All the gears and brakes of one bike as a set.\n"
        "Chain wear\n"
        "Mistake #1 \u2014 Waiting for the chain to skip\n"
        "By then the sprockets have worn to match it and must be replaced too.\n"
    )
    assert [term for term, _ in defs(text)] == ["Cadence", "Derailleur", "Groupset"]
    assert [m[0] for m in mistakes(text)] == ["Waiting for the chain to skip"]


def test_an_unnumbered_heading_after_numbered_terms_is_no_term() -> None:
    text = ("# Four Terms Every Beekeeper Should Know\n\n"
            "## 1. Brood\n\nThe eggs, larvae and pupae of a colony.\n\n"
            "## 2. Super\n\nA box set above the brood box where bees store honey.\n\n"
            "## 3. Smoker\n\nA can that puffs cool smoke to calm the bees.\n\n"
            "## A word on history\n\nThe movable-frame hive was patented in 1852.\n")
    assert [term for term, _ in defs(text)] == ["Brood", "Super", "Smoker"]


def test_a_bold_label_is_the_term_whole_even_with_a_dash_inside() -> None:
    text = ("# Test Planning\n\n## Glossary\n\n"
            "- **Power (1 - β):** the chance a test detects an effect that is really there.\n"
            "- **Alpha - the threshold:** the false-alarm rate you accept in advance.\n")
    assert defs(text) == [
        ("Power (1 - β)", "the chance a test detects an effect that is really there."),
        ("Alpha - the threshold", "the false-alarm rate you accept in advance."),
    ]


# --- Markdown: lines kept inside a paragraph, headings in every form ----------------------------

def test_question_and_answer_lines_inside_one_markdown_paragraph() -> None:
    text = ("# Sourdough\n\n## FAQ\n\nWhy did my loaf not rise?\nThe starter was not active "
            "enough yet.\nCan I use plain flour?\nYes, though bread flour gives more lift.\n")
    assert qas(text) == [("Why did my loaf not rise?", "The starter was not active enough yet."),
                         ("Can I use plain flour?", "Yes, though bread flour gives more lift.")]


def test_bullet_characters_inside_a_markdown_paragraph_are_a_list() -> None:
    text = ("# Sleep\n\n### Sleep Myths\n\n"
            "• Older adults need less sleep: Their need barely changes after sixty.\n"
            "• A nightcap helps: Alcohol fragments the second half of the night.\n")
    assert [m[0] for m in mistakes(text)] == ["Older adults need less sleep", "A nightcap helps"]


def test_myth_headings_with_a_truth_part_and_key_points() -> None:
    text = (
        "# Running Myths\n\n"
        "## **Myth 1: Stretching Prevents Injury**\n\n"
        "### **The Truth**:\n\nStatic stretching before a run does little to prevent injury.\n\n"
        "### **Key Points**:\n\n- Warm up with easy running instead.\n\n"
        "## **Myth 2: More Miles Are Always Better**\n\n"
        "### **The Truth**:\n\nFatigue piles up faster than fitness.\n"
    )
    assert mistakes(text) == [
        ("Stretching Prevents Injury",
         "Static stretching before a run does little to prevent injury.", ""),
        ("More Miles Are Always Better", "Fatigue piles up faster than fitness.", ""),
    ]
    assert takeaways(text) == []


def test_myth_and_truth_on_one_bullet() -> None:
    text = ("# Wi-Fi\n\n## 3 Router Myths Debunked 📶\n\n"
            "- Myth 1: More antennas mean more speed. Truth: Placement matters far more.\n"
            "- Myth2: Routers last forever. Truth: Most need replacing after five years.\n")
    assert mistakes(text) == [
        ("More antennas mean more speed", "Placement matters far more.", ""),
        ("Routers last forever", "Most need replacing after five years.", ""),
    ]


def test_a_lead_in_sentence_gives_the_list_its_role() -> None:
    text = ("# Index Funds\n\nHere are some key points to understand about index funds:\n\n"
            "* Low cost: Fees are a fraction of an active fund's.\n"
            "* Broad reach: One fund can hold thousands of companies.\n")
    assert takeaways(text) == ["Low cost: Fees are a fraction of an active fund's.",
                               "Broad reach: One fund can hold thousands of companies."]
    assert defs(text) == []


def test_a_lead_in_that_ends_its_section_gives_the_headings_below_their_role() -> None:
    text = ("Cycling in Winter\n"
            "Cold rides are fine with a little care. Below are the most common mistakes riders "
            "make when the weather turns.\n"
            "Dressing Too Warmly\n"
            "You sweat on the first climb and freeze on the descent.\n"
            "Skipping Lights\n"
            "Days are short and drivers do not expect bikes at dusk.\n")
    assert [m[0] for m in mistakes(text)] == ["Dressing Too Warmly", "Skipping Lights"]


def test_a_label_bullet_heads_the_bullets_after_it() -> None:
    text = ("- KEY POINTS\n- Batch your errands into one trip.\n- Keep a list by the door.\n"
            "- Plan the route before leaving.\n"
            "Errands eat a day when they are scattered. This page shows how to tame them.\n")
    assert takeaways(text) == ["Batch your errands into one trip.", "Keep a list by the door.",
                               "Plan the route before leaving."]


def test_what_it_means_labels_define_the_heading_above() -> None:
    text = ("# Stats Cheat Sheet\n\n## 📏 1. Standard Deviation\n**What It Means:**\n"
            "- How far values typically sit from their mean.\n\n**Misconception:**\n"
            "- A small deviation does **not** mean the data are correct.\n\n"
            "**Example:**\n- Heights in a class vary by about 7 cm.\n")
    assert defs(text) == [("Standard Deviation", "How far values typically sit from their mean.")]
    assert mistakes(text) == [
        ("A small deviation does not mean the data are correct", "", "")]


def test_a_term_table_with_other_column_names() -> None:
    text = ("# Bias Guide\n\n## Biases at a Glance\n\n| Bias | What It Is | Example |\n"
            "| --- | --- | --- |\n| Anchoring | Leaning on the first number you hear. | A list "
            "price |\n| Herding | Doing what the crowd does. | Meme stocks |\n")
    assert defs(text) == [("Anchoring", "Leaning on the first number you hear."),
                          ("Herding", "Doing what the crowd does.")]


def test_a_comparison_table_gives_nothing() -> None:
    text = ("# Roth or Traditional?\n\n|  | Roth | Traditional |\n| --- | --- | --- |\n"
            "| Taxed | Now | Later |\n| Withdrawals | Tax-free | Taxed |\n")
    assert items(text) == []


# --- Q&A layouts --------------------------------------------------------------------------------

def test_q_headings_with_a_answers() -> None:
    text = ("# Tea\n\n## FAQ: Brewing\n\n### Q: How hot should the water be?\n\n"
            "A: Just off the boil for black tea, cooler for green.\n")
    assert qas(text) == [("How hot should the water be?",
                          "Just off the boil for black tea, cooler for green.")]


def test_a_self_interview_of_numbered_questions() -> None:
    text = ("# My Running Year\n\nI was asked a few things after the marathon.\n\n"
            "1. How did you train?\n\nFour runs a week, one of them long.\n\n"
            "2. What would you change?\n\nMore sleep and fewer races.\n")
    assert qas(text) == [("How did you train?", "Four runs a week, one of them long."),
                         ("What would you change?", "More sleep and fewer races.")]


def test_rhetorical_questions_in_prose_are_not_qa() -> None:
    text = ("# Habits\n\nWhy do habits stick?\n\nBecause the cue comes first. Who knew?\n\n"
            "Most of us never think about it.\n")
    assert qas(text) == []


def test_bold_numbered_questions_keep_both_sentences() -> None:
    text = ("# Budgets\n\n## Frequently Asked Questions\n\n"
            "**1. Is a budget always strict? Can it change monthly?**\n\n"
            "It can change every month; the point is deciding in advance.\n")
    assert qas(text) == [("Is a budget always strict? Can it change monthly?",
                          "It can change every month; the point is deciding in advance.")]


def test_answers_that_lost_their_questions_give_nothing() -> None:
    text = ("Fasting Guide\n\nFrequently Asked Questions\n\n"
            "Most people start with a twelve-hour overnight fast and stretch it slowly.\n")
    assert qas(text) == []


# --- never items ----------------------------------------------------------------------------------

def test_analogies_quotes_and_pronoun_sentences_are_not_definitions() -> None:
    text = ("# Networks\n\nA VPN is like a private tunnel for your data. It is easy to set up. "
            "\"A router is the heart of the house,\" my uncle says.\n")
    assert defs(text) == []


def test_quizzes_templates_and_checklists_give_nothing() -> None:
    text = ("# Saving\n\n## Quiz Time\n\n### What is an emergency fund?\n\n- [ ] A loan\n"
            "- [x] Cash for surprises\n\n## Template\n\n**Status:** Draft\n\n**Owner:** Sam\n\n"
            "## Questions to ask yourself\n\n- Could I cover a month without pay?\n"
            "- Do I know my fixed costs?\n")
    assert items(text) == []


def test_procedures_and_tool_lists_are_not_glossaries() -> None:
    text = ("# Budgeting\n\n## Steps to Build a Budget\n\n1. **List income:** Write down every "
            "source.\n2. **Track spending:** Keep receipts for a month.\n\n## Tools\n\n"
            "- **Apps:** Mint, YNAB, Goodbudget, or a spreadsheet.\n"
            "- **Paper:** A notebook, a pencil, and ten minutes a week.\n")
    assert defs(text) == []


def test_bold_label_lists_outside_a_glossary_define_their_terms() -> None:
    text = ("# Bonds\n\nA bond pays interest in one of two ways:\n\n"
            "- **Fixed-rate bonds:** The coupon stays the same until maturity.\n"
            "- **Floating-rate bonds:** The coupon resets with a benchmark rate.\n")
    assert defs(text) == [("Fixed-rate bonds", "The coupon stays the same until maturity."),
                          ("Floating-rate bonds", "The coupon resets with a benchmark rate.")]


def test_prose_definitions_read_past_asides() -> None:
    text = ("# Investing Words\n\nDollar-Cost Averaging (DCA) is the practice of investing a "
            "fixed sum at regular intervals. At its core, the **expense ratio** is the yearly "
            "fee a fund charges as a share of your money. The Rule of 72, named after its "
            "magic number, is a shortcut for estimating doubling time.\n")
    assert [term for term, _ in defs(text)] == [
        "Expense ratio", "Dollar-Cost Averaging (DCA)", "The Rule of 72"]


# --- explain ---------------------------------------------------------------------------------------

def test_explain_names_the_layout_role_and_section_and_the_silent_sections() -> None:
    text = ("# Notes\n\n## Glossary\n\n- **Float:** cash that covers timing gaps.\n\n"
            "## Key takeaways\n\nSee the glossary.\n\n## FAQ\n\nNothing asked yet.\n")
    found, silent = explain(article(text))
    assert [(f.rule, f.role, f.section) for f in found] == [
        ("definition-glossary-line", "definitions", "Glossary"),
        ("takeaway-sentence", "takeaways", "Key takeaways")]
    assert [(s.title, s.role, s.reason) for s in silent] == [
        ("FAQ", "qa", "no question followed by its answer")]


# --- boxes and tables from other site builders --------------------------------------------------

def test_docusaurus_obsidian_and_mkdocs_boxes_head_what_they_hold() -> None:
    text = ("# Indexes\n\nAn index speeds up reads.\n\n:::note Recap\n- Indexes cost writes.\n"
            "- Check plans with EXPLAIN.\n:::\n\n> [!summary] Key points\n> - Order columns by "
            "use.\n\n!!! tip \"Key takeaways\"\n    - Drop unused indexes.\n")
    assert takeaways(text) == ["Indexes cost writes.", "Check plans with EXPLAIN.",
                               "Order columns by use.", "Drop unused indexes."]


def test_a_tab_separated_table_in_a_page_export() -> None:
    text = ("Knitting Words\n\nSome words you will meet in patterns.\n\nKnitting vocabulary\n"
            "Word\tWhat it means\nGauge\tHow many stitches and rows fit in ten centimetres.\n"
            "Purl\tThe stitch that shows a bump on the side facing you.\n")
    assert defs(text) == [("Gauge", "How many stitches and rows fit in ten centimetres."),
                          ("Purl", "The stitch that shows a bump on the side facing you.")]


def test_myth_and_reality_label_lines() -> None:
    text = ("# Coffee\n\n## Myths\n\n**Myth:** Dark roasts have more caffeine.\n"
            "**Reality:** Roasting burns off a little caffeine, so light roasts have slightly more.\n")
    assert mistakes(text) == [("Dark roasts have more caffeine",
                               "Roasting burns off a little caffeine, so light roasts have "
                               "slightly more.", "")]
