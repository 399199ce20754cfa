"""Markdown reader: frontmatter, true line numbers, titles, block kinds, warnings and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from levcards.errors import SourceError
from levcards.model import Article, Block
from levcards.readers import markdown, read_article
from levcards.readers.common import title_from_slug

FIXTURES = Path(__file__).parents[1] / "fixtures" / "articles"


def read(text: str, shown: str = "decks/habits/notes.md", slug: str = "notes") -> Article:
    return markdown.read(text, shown, slug)


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the first line of ``text`` that contains ``needle``."""
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


def only(blocks: list[Block], kind: str) -> list[Block]:
    return [b for b in blocks if b.kind == kind]


# --- frontmatter and line numbers -------------------------------------------------------------

FRONTMATTER_ARTICLE = """\
---
title: "Small Wins"
tags: [habits, "daily practice"]
published: 2024-03-01
---

# A Heading That Is Not the Title

Start with a habit so small that skipping it feels silly.

- Floss one tooth.
- Read one page.
"""


def test_frontmatter_becomes_meta_with_dates_as_iso_strings() -> None:
    article = read(FRONTMATTER_ARTICLE)
    assert article.reader == "markdown"
    assert article.meta == {
        "title": "Small Wins",
        "tags": ["habits", "daily practice"],
        "published": "2024-03-01",
    }


def test_lines_after_frontmatter_count_the_frontmatter_lines() -> None:
    article = read(FRONTMATTER_ARTICLE)
    heading = article.sections[0]
    assert heading.line == line_of(FRONTMATTER_ARTICLE, "# A Heading")
    assert [(b.text, b.line) for b in article.blocks()] == [
        ("Start with a habit so small that skipping it feels silly.",
         line_of(FRONTMATTER_ARTICLE, "Start with")),
        ("Floss one tooth.", line_of(FRONTMATTER_ARTICLE, "Floss")),
        ("Read one page.", line_of(FRONTMATTER_ARTICLE, "Read one page")),
    ]


def test_lines_without_frontmatter_are_the_file_lines() -> None:
    text = ("# Saving\n\nPay yourself first.\n\n"
            "## Why\n\n- It removes a decision.\n- It is automatic.\n")
    article = read(text)
    assert [(s.title, s.level, s.line) for s in article.sections] == [
        ("Saving", 1, 1), ("Why", 2, 5)]
    assert [b.line for b in article.blocks()] == [3, 7, 8]


def test_empty_frontmatter_gives_empty_meta() -> None:
    article = read("---\n---\n# Habits\n\nKeep the chain going.\n")
    assert article.meta == {}
    assert article.title == "Habits"


# --- titles -------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("---\ntitle: From Frontmatter\n---\n# From H1\n\nText.\n",
                     "From Frontmatter", id="frontmatter-beats-h1"),
        pytest.param("---\ntitle: ''\n---\n# From H1\n\nText.\n", "From H1",
                     id="blank-title-ignored"),
        pytest.param("## Early Subheading\n\nText.\n\n# The Real H1\n\nMore.\n", "The Real H1",
                     id="h1-beats-earlier-h2"),
        pytest.param("Intro with **bold** and a [link](https://example.org).\n\n"
                     "### Only Heading\n\n"
                     "Text.\n", "Only Heading", id="first-heading-without-h1"),
    ],
)
def test_title_precedence(text: str, expected: str) -> None:
    assert read(text).title == expected


def test_title_falls_back_to_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "why-budgets-fail.md"
    path.write_text("A **budget** is a plan, see [this](https://example.org).\n", encoding="utf-8")
    article = read_article(path)
    assert article.reader == "markdown"
    assert article.slug == "why-budgets-fail"
    assert article.title == "Why budgets fail"


def test_highlight_marks_go_from_a_line_without_other_markup() -> None:
    article = read("## Par value\n\nA bond's par value is ==what the issuer repays at maturity==."
                   " It is also called face value.\n")
    assert [b.text for b in article.blocks()] == [
        "A bond's par value is what the issuer repays at maturity. It is also called face value."]


def test_frontmatter_that_lost_its_opening_fence_is_still_read() -> None:
    text = ("layout: post\ntitle: \"Week 3: Spacing and Sleep\"\n---\n\nNotes from the "
            "course.\n\n## Spacing\n\nShort sessions on many days beat one long one.\n")
    article = read(text)
    assert article.title == "Week 3: Spacing and Sleep"
    assert article.meta["layout"] == "post"
    assert [(s.title, s.line) for s in article.sections if s.title] == [("Spacing", 7)]


def test_text_that_only_looks_like_headless_frontmatter_stays_text() -> None:
    text = "Note: read this first.\nWarning: [unclosed\n---\n\n# Kept\n\nText.\n"
    article = read(text)
    assert article.meta == {} and article.title == "Kept"


@pytest.mark.parametrize(("slug", "title"), [
    ("t08-time-blocking-mistakes", "Time blocking mistakes"), ("007-intro", "Intro"),
    ("ch3_budgets", "Budgets"), ("2024-goals", "2024 goals"), ("3-body-problem", "3 body problem"),
    ("mp3-players", "Mp3 players")])
def test_a_running_number_in_the_file_name_is_no_part_of_the_title(slug: str, title: str) -> None:
    assert title_from_slug(slug) == title


# --- blocks ------------------------------------------------------------------------------------

def test_nested_and_numbered_lists_keep_depth_order_and_list_identity() -> None:
    text = (
        "# Morning\n\n"
        "- Drink water.\n"
        "  - A full glass.\n"
        "    - Before coffee.\n"
        "- Stretch.\n\n"
        "1. Wake.\n"
        "2. Walk.\n"
    )
    items = only(read(text).blocks(), "item")
    assert [(b.text, b.depth, b.ordered, b.line) for b in items] == [
        ("Drink water.", 0, False, 3),
        ("A full glass.", 1, False, 4),
        ("Before coffee.", 2, False, 5),
        ("Stretch.", 0, False, 6),
        ("Wake.", 0, True, 8),
        ("Walk.", 0, True, 9),
    ]
    top_bullets = {items[0].list_id, items[3].list_id}
    numbered = {items[4].list_id, items[5].list_id}
    assert len(top_bullets) == 1 and len(numbered) == 1 and top_bullets != numbered
    assert items[1].list_id != items[0].list_id  # the nested list is a list of its own


def test_second_paragraph_of_a_list_item_continues_it() -> None:
    text = "# Tips\n\n- Track spending.\n\n  Even small amounts.\n- Review weekly.\n"
    items = only(read(text).blocks(), "item")
    assert [(b.text, b.line) for b in items] == [
        ("Track spending. Even small amounts.", 3), ("Review weekly.", 6)]


def test_table_becomes_one_block_with_rows() -> None:
    text = (
        "# Costs\n\n"
        "| Habit | Cost per year |\n"
        "|-------|---------------|\n"
        "| Daily coffee | 900 |\n"
        "| Gym | |\n"
    )
    (table,) = read(text).blocks()
    assert table.kind == "table"
    assert table.line == 3
    assert table.rows == (("Habit", "Cost per year"), ("Daily coffee", "900"), ("Gym", ""))


def test_definition_list_becomes_term_blocks() -> None:
    text = "# Glossary\n\nHabit stacking\n: tying a new habit to one you already have.\n"
    (block,) = read(text).blocks()
    assert block.kind == "term"
    assert block.rows == (("Habit stacking", "tying a new habit to one you already have."),)
    assert block.line == 3


def test_label_lines_in_one_paragraph_become_separate_blocks() -> None:
    text = (
        "# The Habit Loop\n\n"
        "**Cue:** the signal that starts the behaviour.\n"
        "**Routine:** the behaviour itself.\n"
        "**Reward:** the reason your brain wants to repeat it.\n"
    )
    blocks = read(text).blocks()
    assert [(b.kind, b.text, b.line, b.strong) for b in blocks] == [
        ("paragraph", "Cue: the signal that starts the behaviour.", 3, ("Cue:",)),
        ("paragraph", "Routine: the behaviour itself.", 4, ("Routine:",)),
        ("paragraph", "Reward: the reason your brain wants to repeat it.", 5, ("Reward:",)),
    ]


def test_plain_wrapped_lines_stay_one_paragraph() -> None:
    text = "# Note\n\nCompound interest rewards\npatience more than cleverness.\n"
    (block,) = read(text).blocks()
    assert block.text == "Compound interest rewards patience more than cleverness."


def test_bold_spans_are_recorded_in_reading_order() -> None:
    (block,) = read("# T\n\nSpend **less** than you **earn**.\n").blocks()
    assert block.text == "Spend less than you earn."
    assert block.strong == ("less", "earn")


def test_images_are_left_out_with_a_warning_on_their_line() -> None:
    text = ("# Charts\n\nGrowth over ten years:\n"
            "![growth chart](img/growth.png)\nthen it flattens.\n")
    article = read(text)
    (block,) = article.blocks()
    assert block.text == "Growth over ten years: then it flattens."
    assert len(article.warnings) == 1
    line, message = article.warnings[0]
    assert line == 3
    assert "img/growth.png" in message


def test_raw_html_is_kept_as_text_not_markup() -> None:
    text = "# Safety\n\nSay <b>no</b> to <script>alert('x')</script> fees.\n"
    (block,) = read(text).blocks()
    assert block.kind == "paragraph"
    assert block.text == "Say <b>no</b> to <script>alert('x')</script> fees."
    assert block.strong == ()


def test_html_block_is_text_too() -> None:
    (block,) = read("# Box\n\n<div class=\"tip\">Save first.</div>\n").blocks()
    assert block.kind == "paragraph"
    assert block.text == '<div class="tip">Save first.</div>'


def test_fenced_code_is_a_code_block() -> None:
    text = "# Script\n\n```python\nbalance = 100 * 1.05\n```\n\nAfter the code.\n"
    code, after = read(text).blocks()
    assert (code.kind, code.text, code.line) == ("code", "balance = 100 * 1.05\n", 3)
    assert (after.kind, after.line) == ("paragraph", 7)


def test_sections_collect_the_blocks_under_each_heading() -> None:
    text = "Preamble line.\n\n# One\n\nFirst.\n\n## Two\n\nSecond.\n"
    article = read(text)
    assert [(s.title, s.level, [b.text for b in s.blocks]) for s in article.sections] == [
        ("", 0, ["Preamble line."]),
        ("One", 1, ["First."]),
        ("Two", 2, ["Second."]),
    ]


def test_fixture_saved_as_txt_reads_as_markdown() -> None:
    path = FIXTURES / "cash_buffer.txt"
    article = read_article(path, shown="decks/money/cash_buffer.txt")
    assert article.reader == "markdown"
    assert article.path == "decks/money/cash_buffer.txt"
    assert article.title == "The Cash Buffer"
    assert article.meta["series"] == "Money Basics"
    assert article.meta["canonical"] == "/money/the-cash-buffer"
    assert [s.title for s in article.sections] == [
        "Why a Cash Buffer Comes First", "Key terms", "How much to keep", "Quick Q&A",
        "Where should the buffer live?", "Should I invest it?", "Key takeaways", "Common mistakes",
    ]


# --- frontmatter errors ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param("---\ntitle: Fine\n  indented: wrong\n---\n# H\n", 3, id="bad-indent-line-3"),
        pytest.param("---\ntitle: A\nauthor: B\n  nested: bad\n---\n# H\n", 4,
                     id="bad-indent-line-4"),
    ],
)
def test_invalid_yaml_frontmatter_names_its_line(text: str, line: int) -> None:
    with pytest.raises(SourceError) as info:
        read(text, shown="decks/x/bad.md")
    err = info.value
    assert (err.path, err.line, err.code) == ("decks/x/bad.md", line, "frontmatter")
    assert str(err).startswith(f"decks/x/bad.md:{line}: ")
    assert "YAML" in err.message


def test_frontmatter_that_is_a_list_is_an_error() -> None:
    with pytest.raises(SourceError) as info:
        read("---\n- saving\n- spending\n---\n# H\n", shown="list.md")
    assert info.value.code == "frontmatter"
    assert info.value.line == 2
    assert "list" in info.value.message


def test_unterminated_frontmatter_is_an_error() -> None:
    with pytest.raises(SourceError) as info:
        read("---\ntitle: Never closed\n\n# Heading\n\nText.\n", shown="open.md")
    assert (info.value.line, info.value.code) == (1, "frontmatter")
    assert "never closed" in info.value.message


def test_frontmatter_errors_surface_through_read_article(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_text("---\ntitle: [unclosed\n---\n# H\n", encoding="utf-8")
    with pytest.raises(SourceError) as info:
        read_article(path, shown="decks/broken.txt")
    assert info.value.path == "decks/broken.txt"
    assert info.value.code == "frontmatter"


def test_a_thematic_break_starts_an_untitled_section_at_the_same_level() -> None:
    article = read("# T\n\n## Summary\n\nKeep going.\n\n---\n\n*Thanks for reading.*\n")
    assert [(s.title, s.level, s.line) for s in article.sections] == [
        ("T", 1, 1), ("Summary", 2, 3), ("", 2, 7)]
    assert article.sections[2].blocks[0].text == "Thanks for reading."


def test_collapsible_details_keep_only_the_summary_text() -> None:
    article = read("# FAQ\n\n<details>\n<summary>Why?</summary>\n\nBecause.\n\n</details>\n")
    assert [(b.kind, b.text) for b in article.blocks()] == [("paragraph", "Why?"),
                                                           ("paragraph", "Because.")]


# --- inline markup, parsed only where a paragraph has some --------------------------------------

def test_reference_links_use_the_definitions_found_anywhere_in_the_file() -> None:
    article = read("A [float][cash] is money paid in before it is paid out.\n\n"
                   "[cash]: https://example.org/float\n")
    assert [b.text for b in article.blocks()] == ["A float is money paid in before it is paid out."]


@pytest.mark.parametrize("text", [
    "Slack is time  \n   kept free\tfor surprises.",  # hard break, indented next line
    "Slack is time \n kept free for surprises.",
    "Slack is time\n\tkept free for surprises.",
])
def test_line_breaks_in_plain_text_read_as_one_space(text: str) -> None:
    assert [b.text for b in read(text).blocks()] == ["Slack is time kept free for surprises."]


@pytest.mark.parametrize(("source", "expected"), [
    ("Fees \\# compound too.", "Fees # compound too."),  # each case has one kind of markup
    ("Fees &amp; taxes add up.", "Fees & taxes add up."),
    ("Fees and `taxes` add up.", "Fees and taxes add up."),
    ("See <https://example.org> for more.", "See https://example.org for more."),
    ("Fees ~~never~~ add up.", "Fees ~~never~~ add up."),
])
def test_markup_in_a_paragraph_is_parsed_to_its_text(source: str, expected: str) -> None:
    assert [b.text for b in read(source).blocks()] == [expected]


def test_plain_and_marked_up_items_of_one_list_keep_their_bold_terms() -> None:
    article = read("- Float: money held before it is paid out\n"
                   "- **Slack**: spare time kept free\n")
    items = only(article.blocks(), "item")
    assert [(b.text, b.strong) for b in items] == [
        ("Float: money held before it is paid out", ()),
        ("Slack: spare time kept free", ("Slack",))]
