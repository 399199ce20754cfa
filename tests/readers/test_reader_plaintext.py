"""Plain-text page exports: bare-line headings, bullets, numbered lists, chrome, series markers."""

from __future__ import annotations

from pathlib import Path

import pytest

from levcards.model import Article, Block
from levcards.readers import plaintext, read_article

FIXTURES = Path(__file__).parents[1] / "fixtures" / "articles"
EXPORT = FIXTURES / "habit_page_export.txt"


def read(text: str, shown: str = "decks/habits/page.txt", slug: str = "page") -> Article:
    return plaintext.read(text, shown, slug)


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


def items(article: Article) -> list[Block]:
    return [b for b in article.blocks() if b.kind == "item"]


@pytest.fixture(scope="module")
def export() -> Article:
    return read_article(EXPORT, shown="decks/habits/habit_page_export.txt")


def test_export_is_read_by_the_plaintext_reader(export: Article) -> None:
    assert export.reader == "plaintext"
    assert export.path == "decks/habits/habit_page_export.txt"
    assert export.slug == "habit-page-export"


def test_first_bare_line_before_content_is_the_title(export: Article) -> None:
    assert export.title == "The Two-Minute Start"
    assert (export.sections[0].title, export.sections[0].level) == ("The Two-Minute Start", 1)


def test_a_long_first_line_standing_alone_is_the_title() -> None:
    text = ("Sourdough starters explained: 4 feeding myths, how they rise, and what to do when "
            "yours stalls\n\nLast updated: March 2, 2026\n\nA starter is flour and water that "
            "wild yeast has moved into.\n\nFeeding basics\n\nFeed it twice a day at room "
            "temperature.\n")
    article = read(text)
    assert article.title.startswith("Sourdough starters explained")
    assert article.sections[0].level == 1


def test_a_name_printed_twice_above_the_content_is_the_site_not_the_title() -> None:
    text = ("Crumb and Crust Bakery\n\nRye Starters (Part 3)\n\nCrumb and Crust Bakery\n\n"
            "Rye ferments faster than wheat because its bran carries more wild yeast.\n")
    assert read(text).title == "Rye Starters (Part 3)"


def test_a_page_of_tables_is_titled_by_its_heading_not_its_footer() -> None:
    text = ("Oven Words\nTerm\nMeaning\nBloom\nThe rise in the first minutes of baking.\n"
            "Crumb\nThe pattern of holes inside the loaf.\nScore\nA cut made so the loaf "
            "opens where you choose.\nLast updated\n")
    assert read(text).title == "Oven Words"


def test_bare_lines_are_headings_at_their_lines(export: Article) -> None:
    text = EXPORT.read_text(encoding="utf-8")
    headings = [(s.title, s.level, s.line) for s in export.sections]
    assert headings[:3] == [
        ("The Two-Minute Start", 1, line_of(text, "The Two-Minute Start")),
        ("Why tiny starts work", 2, line_of(text, "Why tiny starts work")),
        ("How to begin", 2, line_of(text, "How to begin")),
    ]
    assert ("Frequently asked questions", 2, line_of(text, "Frequently asked")) in headings
    assert ("What if two minutes feels pointless?", 2, line_of(text, "What if two")) in headings


def test_series_marker_goes_to_meta_not_to_the_text(export: Article) -> None:
    assert export.meta["series_marker"] == "Habits for Busy People"
    assert not any("Part 2" in b.text for b in export.blocks())
    assert not any("Part 2" in s.title for s in export.sections)


def test_every_bullet_character_starts_an_item(export: Article) -> None:
    text = EXPORT.read_text(encoding="utf-8")
    section = next(s for s in export.sections if s.title == "Why tiny starts work")
    assert [(b.kind, b.text, b.depth, b.line) for b in section.blocks] == [
        ("item", "Starting is the hardest part of most routines.", 0,
         line_of(text, "• Starting")),
        ("item", "A small first step lowers the cost of beginning.", 0,
         line_of(text, "• A small")),
        ("item", "Put your running shoes by the door.", 1, line_of(text, "- Put your")),
        ("item", "Open the book to a marked page.", 1, line_of(text, "- Open the")),
        ("item", "Momentum usually carries you past the first two minutes.", 0,
         line_of(text, "– Momentum")),
        ("item", "Skipping a day matters less than quitting.", 0, line_of(text, "* Skipping")),
    ]
    assert all(not b.ordered for b in section.blocks)
    assert len({b.list_id for b in section.blocks}) == 1


def test_numbered_lines_are_ordered_items(export: Article) -> None:
    section = next(s for s in export.sections if s.title == "How to begin")
    assert [(b.text, b.ordered, b.depth) for b in section.blocks] == [
        ("Choose one habit you keep postponing.", True, 0),
        ("Shrink its first step to two minutes.", True, 0),
        ("Attach it to something you already do daily.", True, 0),
    ]
    bullets = next(s for s in export.sections if s.title == "Why tiny starts work")
    assert section.blocks[0].list_id != bullets.blocks[0].list_id


def test_site_chrome_is_removed(export: Article) -> None:
    everything = [s.title for s in export.sections] + [b.text for b in export.blocks()]
    for chrome in ("Back to all guides", "Share this article", "cookies", "Accept"):
        assert not any(chrome in t for t in everything), chrome


def test_related_pages_section_is_dropped(export: Article) -> None:
    texts = [b.text for b in export.blocks() if b.kind != "code"]
    assert not any("Morning Routines" in t or "Breaking a Bad Habit" in t for t in texts)
    related = [s for s in export.sections if s.title == "Related pages"]
    assert all(b.kind == "code" for s in related for b in s.blocks)


def test_trailing_script_is_one_code_block(export: Article) -> None:
    text = EXPORT.read_text(encoding="utf-8")
    blocks = export.blocks()
    code = [b for b in blocks if b.kind == "code"]
    assert len(code) == 1
    assert code[0].text.startswith("<script>") and code[0].text.endswith("</script>")
    assert "trackView(window.pageInfo);" in code[0].text
    assert code[0].line == line_of(text, "<script>")
    assert not any("trackView" in b.text or "pageInfo" in b.text
                   for b in blocks if b.kind != "code")


def test_paragraph_lines_and_text() -> None:
    text = ("Money Habits\n\nA budget is a plan\nwritten before the month starts.\n\n"
            "Next steps\n\nTry it.\n")
    article = read(text)
    assert [(b.kind, b.text, b.line) for b in article.blocks()] == [
        ("paragraph", "A budget is a plan written before the month starts.", 3),
        ("paragraph", "Try it.", 8),
    ]


def test_sentence_lines_are_not_headings() -> None:
    assert plaintext.is_heading_line("Why saving feels hard")
    assert plaintext.is_heading_line("Is renting a waste?")
    assert not plaintext.is_heading_line("Saving feels hard.")
    assert not plaintext.is_heading_line("lower-case start")
    assert not plaintext.is_heading_line("• Bullet line")
    assert not plaintext.is_heading_line("1. Numbered line")
    assert not plaintext.is_heading_line(" ".join(["word"] * 13).capitalize())


def test_nested_bullets_take_their_depth_from_indentation() -> None:
    text = (
        "Learning Plan\n\n"
        "• Read\n"
        "    ◦ One chapter\n"
        "        ▪ Take notes\n"
        "    ◦ One article\n"
        "• Recall\n"
    )
    assert [(b.text, b.depth) for b in items(read(text))] == [
        ("Read", 0), ("One chapter", 1), ("Take notes", 2), ("One article", 1), ("Recall", 0)]


def test_wrapped_bullet_lines_continue_the_item() -> None:
    text = "Notes\n\n• Save the raise\n  before you get used to it.\n• Spend the rest.\n"
    assert [(b.text, b.line) for b in items(read(text))] == [
        ("Save the raise before you get used to it.", 3), ("Spend the rest.", 5)]


def test_numbered_list_with_parentheses() -> None:
    text = "Steps\n\n1) Pick a habit.\n2) Make it tiny.\n"
    assert [(b.text, b.ordered) for b in items(read(text))] == [
        ("Pick a habit.", True), ("Make it tiny.", True)]


def test_series_marker_on_one_line() -> None:
    article = read("Part 3 of 12 in Personal Finance\n\nBudgets\n\nA plan for money.\n")
    assert article.meta["series_marker"] == "Personal Finance"
    assert article.title == "Budgets"


def test_series_marker_split_over_two_paragraphs() -> None:
    text = "Part of 7 in\n\nMoney Basics\n\nThe Latte Question\n\nSmall purchases matter less.\n"
    article = read(text)
    assert article.meta["series_marker"] == "Money Basics"
    assert article.title == "The Latte Question"
    assert all("Money Basics" not in s.title for s in article.sections)


def test_series_marker_split_over_two_lines_of_one_paragraph() -> None:
    article = read("Part 4 of 9 in\nThinking Tools\n\nInversion\n\nStart from failure.\n")
    assert article.meta["series_marker"] == "Thinking Tools"
    assert article.title == "Inversion"


def test_chrome_lines_are_dropped_wherever_they_stand() -> None:
    text = (
        "Skip to content\n\nThe Envelope Method\n\nBy Ana Reis\n\n5 min read\n\n"
        "Cash goes into labelled envelopes.\n\nShare on Facebook\n\nPrevious article\n\n"
        "This site uses cookies to remember your settings.\n"
    )
    article = read(text)
    assert article.title == "The Envelope Method"
    assert [b.text for b in article.blocks()] == ["Cash goes into labelled envelopes."]


def test_chrome_section_lasts_until_the_next_heading() -> None:
    text = (
        "Compounding\n\nGrowth on growth.\n\nAbout the author\n\nAna writes about money.\n\n"
        "Comments\n\nGreat post!\nThanks for this.\n"
    )
    assert [b.text for b in read(text).blocks()] == ["Growth on growth."]


def test_heading_directly_followed_by_a_list() -> None:
    text = "Saving Tips\n\nSome ideas.\n\nKey Takeaways\n• Automate it.\n• Start small.\n"
    article = read(text)
    sections = {s.title: s for s in article.sections}
    assert "Key Takeaways" in sections
    assert [(b.kind, b.text, b.line) for b in sections["Key Takeaways"].blocks] == [
        ("item", "Automate it.", 6), ("item", "Start small.", 7)]


def test_chrome_lines_run_together_are_dropped() -> None:
    text = ("Skip to content\nBack to all guides\n\n"
            "The Envelope Method\n\nCash goes into envelopes.\n")
    article = read(text)
    assert article.title == "The Envelope Method"
    assert [b.text for b in article.blocks()] == ["Cash goes into envelopes."]


# --- a tight export: headings directly followed by their content ------------------------------

TIGHT = FIXTURES / "envelope_page_tight.txt"


@pytest.fixture(scope="module")
def tight() -> Article:
    return read_article(TIGHT)


def test_tight_export_headings_and_levels(tight: Article) -> None:
    text = TIGHT.read_text(encoding="utf-8")
    assert tight.reader == "plaintext"
    assert tight.title == "The Envelope Method"
    assert tight.meta["series_marker"] == "Money Basics"
    assert [(s.title, s.level, s.line) for s in tight.sections] == [
        (title, level, line_of(text, title)) for title, level in [
            ("The Envelope Method", 1), ("Why it works", 2), ("Setting it up", 2),
            ("Quick Q&A", 2), ("Does this work with cards?", 2),
            ("What goes in the first envelope?", 2), ("Key Takeaways", 2),
            ("Common Mistakes", 2), ("Mistake 1: Too many envelopes", 3),
            ("Mistake 2: Borrowing without a record", 3)]]


def test_tight_export_lists(tight: Article) -> None:
    text = TIGHT.read_text(encoding="utf-8")
    sections = {s.title: s for s in tight.sections}
    assert [(b.text, b.depth, b.ordered, b.line) for b in sections["Why it works"].blocks] == [
        ("Cash makes spending visible.", 0, False, line_of(text, "• Cash makes")),
        ("Fixed envelopes force a choice between categories.", 0, False,
         line_of(text, "• Fixed")),
        ("Moving money between envelopes is allowed, but deliberate.", 1, False,
         line_of(text, "◦ Moving")),
        ("Empty envelopes end the month early for that category.", 0, False,
         line_of(text, "• Empty")),
    ]
    assert [(b.text, b.ordered) for b in sections["Setting it up"].blocks] == [
        ("List your categories for the month.", True),
        ("Put the planned amount in each envelope.", True),
        ("Spend only from the matching envelope.", True),
    ]


def test_tight_export_drops_header_byline_share_bar_related_and_footer(tight: Article) -> None:
    everything = " ".join([s.title for s in tight.sections] +
                          [b.text for b in tight.blocks() if b.kind != "code"])
    for chrome in ("Skip to content", "PennyWise", "Home | Budgeting", "Back to all guides",
                   "Part of 5", "Ana Reis", "min read", "Share this article", "Facebook",
                   "Related pages", "Paying Yourself First", "cookies", "©"):
        assert chrome not in everything, chrome
    paragraphs = [b for b in tight.blocks() if b.kind == "paragraph"]
    assert paragraphs[0].text.startswith("The envelope method means")


def test_tight_export_trailing_script_is_code(tight: Article) -> None:
    text = TIGHT.read_text(encoding="utf-8")
    code = [b for b in tight.blocks() if b.kind == "code"]
    assert [(b.line, b.text.splitlines()[0], b.text.splitlines()[-1]) for b in code] == [
        (line_of(text, "<script>"), "<script>", "</script>")]
    assert not any("pw.track" in b.text for b in tight.blocks() if b.kind != "code")
