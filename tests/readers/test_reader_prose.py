"""Headingless prose: one untitled section of paragraphs; the reader that always matches."""

from __future__ import annotations

from pathlib import Path

from levcards.readers import prose, read_article

FIXTURES = Path(__file__).parents[1] / "fixtures" / "articles"


def test_prose_sniff_matches_anything() -> None:
    assert prose.sniff("")
    assert prose.sniff("One sentence.")
    assert prose.sniff("# Even Markdown\n")


def test_paragraphs_become_blocks_at_their_first_line() -> None:
    text = (
        "\n"
        "Habits form when a cue\n"
        "  reliably comes before a routine.\n"
        "\n\n"
        "Rewards close the loop.\n"
    )
    article = prose.read(text, "essays/loop.txt", "loop")
    assert article.reader == "prose"
    assert article.path == "essays/loop.txt"
    (section,) = article.sections
    assert (section.title, section.level, section.line) == ("", 0, 1)
    assert [(b.kind, b.text, b.line) for b in section.blocks] == [
        ("paragraph", "Habits form when a cue reliably comes before a routine.", 2),
        ("paragraph", "Rewards close the loop.", 6),
    ]


def test_title_comes_from_the_slug() -> None:
    article = prose.read("Plain words.\n", "x", "why-we-forget")
    assert article.title == "Why we forget"
    assert article.meta == {}


def test_white_space_and_invisible_characters_are_cleaned() -> None:
    article = prose.read("Save\u00a0\u00a0first,\tspend\u200b later.\n", "x", "x")
    assert article.blocks()[0].text == "Save first, spend later."


def test_prose_fixture_saved_as_md_is_read_as_prose() -> None:
    article = read_article(FIXTURES / "learning_essay.md")
    assert article.reader == "prose"
    assert article.title == "Learning essay"
    assert len(article.sections) == 1
    assert [b.line for b in article.blocks()] == [1, 4, 8]
    assert all(b.kind == "paragraph" for b in article.blocks())
    assert article.blocks()[2].text.startswith("So the practical habit is simple:")


def test_jotted_notes_are_split_into_one_block_a_line() -> None:
    text = (
        "loss aversion: losses hurt more than gains please\n"
        "endowment effect - we value what we own\n"
        "   e.g. mugs in the classic study\n"
        "Q: universal? A: mostly\n\n"
        "mistakes to avoid:\n"
        "- anchoring on the first offer\n"
    )
    article = prose.read(text, "x", "x")
    assert [(s.title, s.level) for s in article.sections] == [("", 0), ("mistakes to avoid", 2)]
    assert [(b.kind, b.text, b.line, b.depth) for b in article.blocks()] == [
        ("item", "loss aversion: losses hurt more than gains please", 1, 0),
        ("item", "endowment effect - we value what we own", 2, 0),
        ("item", "e.g. mugs in the classic study", 3, 1),
        ("paragraph", "Q: universal? A: mostly", 4, 0),
        ("item", "anchoring on the first offer", 7, 0),
    ]


def test_wrapped_prose_with_a_colon_stays_one_paragraph() -> None:
    text = "Two warnings: first, habits formed under stress\nstick; second, cues matter.\n"
    assert [b.kind for b in prose.read(text, "x", "x").blocks()] == ["paragraph"]
