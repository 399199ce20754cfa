"""Reader registry and read_article: content sniffing, overrides, file errors and encodings."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from levcards.errors import SourceError
from levcards.readers import READER_NAMES, READERS, pick_reader, read_article, slug_for

MARKDOWN = "# Opportunity Cost\n\nEvery yes is a **no** to something else.\n"
EXPORT = (
    "Back to all guides\n\n"
    "Saying No\n\n"
    "Time is the budget you cannot top up.\n\n"
    "How to decline\n\n"
    "• Thank them.\n"
    "• Say what you can do instead.\n"
)
PROSE = (
    "We rarely notice the options we turn down.\n\n"
    "Choosing one evening class means giving up every other use of that evening.\n"
)


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


# --- the table -------------------------------------------------------------------------------

def test_readers_are_ordered_markdown_plaintext_prose() -> None:
    assert READER_NAMES == ("markdown", "plaintext", "prose")
    assert tuple(r.name for r in READERS) == READER_NAMES
    assert len(set(READER_NAMES)) == len(READER_NAMES)


def test_prose_is_last_and_matches_everything() -> None:
    assert READERS[-1].name == "prose"
    for text in ("", MARKDOWN, EXPORT, PROSE, "\x00odd"):
        assert READERS[-1].sniff(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(MARKDOWN, "markdown", id="atx-heading"),
        pytest.param("---\ntitle: T\n---\nJust text.\n", "markdown", id="frontmatter"),
        pytest.param("Read **this** and [that](https://example.org).\n", "markdown",
                     id="two-markup-signals"),
        pytest.param(EXPORT, "plaintext", id="bullets-and-bare-headings"),
        pytest.param("Intro\n\nText here.\n\nMore Detail\n\nMore text.\n", "plaintext",
                     id="two-bare-headings"),
        pytest.param(PROSE, "prose", id="paragraphs-only"),
        pytest.param("Only **one** kind of markup here.\n", "prose", id="one-markup-signal"),
        pytest.param("Leverage\n========\n\nUse **time** well.\n", "markdown",
                     id="setext-underline-and-bold"),
        pytest.param("=====\nUse **time** well.\n", "markdown", id="underline-on-the-first-line"),
        pytest.param("Use **time** well - or -- not.\n", "prose", id="dashes-inside-a-line"),
    ],
)
def test_pick_reader_sniffs_the_content(text: str, expected: str) -> None:
    assert pick_reader(text).name == expected


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        pytest.param("opportunity-cost.txt", MARKDOWN, "markdown", id="markdown-saved-as-txt"),
        pytest.param("saying-no.md", EXPORT, "plaintext", id="export-saved-as-md"),
        pytest.param("choices.markdown", PROSE, "prose", id="prose-saved-as-markdown"),
        pytest.param("no-ending", MARKDOWN, "markdown", id="no-file-ending"),
    ],
)
def test_read_article_ignores_the_file_ending(tmp_path: Path, name: str, text: str,
                                              expected: str) -> None:
    assert read_article(write(tmp_path, name, text)).reader == expected


def test_reader_override_wins_over_sniffing(tmp_path: Path) -> None:
    path = write(tmp_path, "heading.md", MARKDOWN)
    article = read_article(path, reader="prose")
    assert article.reader == "prose"
    assert article.blocks()[0].text == "# Opportunity Cost"
    assert pick_reader(PROSE, "markdown").name == "markdown"


def test_unknown_reader_name_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown reader 'html'.*markdown, plaintext, prose"):
        pick_reader(MARKDOWN, "html")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Why Trust Matters.md", "why-trust-matters"),
        ("a02_opportunity_cost.txt", "a02-opportunity-cost"),
        ("notes.v2.md", "notes"),
        ("???.txt", "article"),
    ],
)
def test_slug_for(name: str, slug: str) -> None:
    assert slug_for(Path("decks") / name) == slug


def test_shown_path_is_used_in_the_article(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "a.md", MARKDOWN), shown="decks/money/a.md")
    assert article.path == "decks/money/a.md"
    assert article.slug == "a"


# --- files that are not articles -------------------------------------------------------------

@pytest.mark.parametrize("data", ["", "   \n\n\t\n"], ids=["empty", "blank"])
def test_empty_file_is_an_error(tmp_path: Path, data: str) -> None:
    with pytest.raises(SourceError) as info:
        read_article(write(tmp_path, "empty.md", data), shown="decks/empty.md")
    assert (info.value.path, info.value.line, info.value.code) == ("decks/empty.md", 1, "empty")


def test_png_bytes_are_a_binary_error(tmp_path: Path) -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(40))
    with pytest.raises(SourceError) as info:
        read_article(write(tmp_path, "chart.md", data))
    assert info.value.code == "binary"
    assert info.value.line == 1


def test_nul_bytes_in_text_are_a_binary_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as info:
        read_article(write(tmp_path, "odd.txt", b"Saving\n\x00\x00money\n"))
    assert info.value.code == "binary"


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as info:
        read_article(tmp_path / "gone.md", shown="decks/gone.md")
    assert (info.value.path, info.value.code) == ("decks/gone.md", "unreadable")


def test_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as info:
        read_article(tmp_path)
    assert info.value.code == "not-a-file"


# --- encodings and line endings ---------------------------------------------------------------

ARTICLE = "# Café Budget\n\nA sinking fund is money set aside for a known future bill.\n"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), id="utf8-bom"),
        pytest.param(codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), id="utf16-le-bom"),
        pytest.param(codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), id="utf16-be-bom"),
        pytest.param(ARTICLE.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
        pytest.param(ARTICLE.replace("\n", "\r").encode("utf-8"), id="cr"),
    ],
)
def test_encodings_and_line_endings_decode_to_the_same_article(tmp_path: Path, data: bytes) -> None:
    article = read_article(write(tmp_path, "fund.md", data))
    assert article.reader == "markdown"
    assert article.title == "Café Budget"
    assert [(b.text, b.line) for b in article.blocks()] == [
        ("A sinking fund is money set aside for a known future bill.", 3)]
    assert article.warnings == ()


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_line_endings_in_text_exports_and_prose(tmp_path: Path, newline: str) -> None:
    export = read_article(write(tmp_path, "no.txt", EXPORT.replace("\n", newline).encode()))
    assert export.reader == "plaintext"
    assert [(b.text, b.line) for b in export.blocks()] == [
        ("Time is the budget you cannot top up.", 5),
        ("Thank them.", 9),
        ("Say what you can do instead.", 10),
    ]
    essay = read_article(write(tmp_path, "essay.txt", PROSE.replace("\n", newline).encode()))
    assert essay.reader == "prose"
    assert [b.line for b in essay.blocks()] == [1, 3]
    assert all("\r" not in b.text for b in essay.blocks() + export.blocks())


def test_cp1252_bytes_decode_with_a_warning_on_the_first_bad_line(tmp_path: Path) -> None:
    text = "# Prices\n\nA coffee costs \u20ac3 \u2014 every day.\n\nThat is \u00a31,000 a year.\n"
    article = read_article(write(tmp_path, "prices.md", text.encode("cp1252")))
    assert [b.text for b in article.blocks()] == [
        "A coffee costs \u20ac3 \u2014 every day.", "That is \u00a31,000 a year."]
    assert len(article.warnings) == 1
    line, message = article.warnings[0]
    assert line == 3
    assert "UTF-8" in message and "Windows-1252" in message


def test_decoding_warning_comes_before_reader_warnings(tmp_path: Path) -> None:
    text = "# Caf\u00e9\n\n![photo](cafe.jpg)\n"
    article = read_article(write(tmp_path, "cafe.md", text.encode("cp1252")))
    assert [line for line, _ in article.warnings] == [1, 3]
    assert "Windows-1252" in article.warnings[0][1]
    assert "cafe.jpg" in article.warnings[1][1]
