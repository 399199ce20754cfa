"""render: article text -> safe HTML for Anki fields (no markup, no cloze or template syntax)."""

from __future__ import annotations

import re

import pytest

from levcards import render

CLOZE = re.compile(r"\{\{c\d+::")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ('<img src=x onerror="steal()">', "&lt;img src=x onerror=&quot;steal()&quot;&gt;"),
        ("Tom's \"safe\" rate & fees", "Tom&#x27;s &quot;safe&quot; rate &amp; fees"),
        ("Save 10% of every payday.", "Save 10% of every payday."),
    ],
)
def test_text_escapes_html(value: str, expected: str) -> None:
    assert render.text(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "{{c1::hidden}}",
        "close early }} here",
        "{{Front}} and {{#Reverse}}x{{/Reverse}}",
        "{{cloze:Text}}",
        "{ {c2::spaced} }",
        "{{{triple}}}",
    ],
)
def test_braces_can_never_form_cloze_or_template_syntax(value: str) -> None:
    out = render.text(value)
    assert "{" not in out and "}" not in out
    assert "&#123;" in out or "&#125;" in out
    # the two braces survive as visible characters once Anki decodes the entities
    assert out.replace("&#123;", "{").replace("&#125;", "}").replace("&amp;", "&") == value


def test_text_keeps_plain_words_unchanged() -> None:
    plain = "Compound interest rewards patience."
    assert render.text(plain) == plain


@pytest.mark.parametrize("char", ["\x1f", "\x00", "\x07", "\x0b", "\x0c", "\x1e", "\x7f", "\r"])
def test_control_characters_are_dropped(char: str) -> None:
    out = render.text(f"Save{char}first")
    assert char not in out
    assert out.startswith("Save") and out.endswith("first")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", out)


def test_cloze_answer_escapes_colons_so_no_hint_can_start() -> None:
    out = render.cloze_answer("ratio::hint: 3:1 <b>")
    assert "::" not in out and ":" not in out
    assert out == "ratio&#58;&#58;hint&#58; 3&#58;1 &lt;b&gt;"


def test_cloze_wraps_an_escaped_answer() -> None:
    assert render.cloze(2, "a}}b::c") == "{{c2::a&#125;&#125;b&#58;&#58;c}}"


def test_cloze_sentence_hides_exactly_the_phrase() -> None:
    out = render.cloze_sentence("Build one month of essentials before investing.",
                                "one month of essentials")
    assert out == "Build {{c1::one month of essentials}} before investing."


def test_cloze_sentence_hides_only_the_first_occurrence_and_uses_the_number() -> None:
    out = render.cloze_sentence("Save first, then save more.", "save", 3)
    assert out == "Save first, then {{c3::save}} more."
    assert len(CLOZE.findall(out)) == 1


def test_cloze_sentence_escapes_the_visible_text_and_the_phrase() -> None:
    out = render.cloze_sentence("Spend <less> than {{c9::x}} you earn.", "{{c9::x}}")
    assert out == "Spend &lt;less&gt; than {{c1::&#123;&#123;c9&#58;&#58;x&#125;&#125;}} you earn."
    assert CLOZE.findall(out) == ["{{c1::"]
    assert out.count("}}") == 1


def test_cloze_sentence_with_braces_around_the_phrase() -> None:
    out = render.cloze_sentence("Watch for }} and {{ here: habits.", "habits")
    assert CLOZE.findall(out) == ["{{c1::"]
    assert out.count("{{") == 1 and out.count("}}") == 1


@pytest.mark.parametrize(("sentence", "phrase"), [("Save first.", "spend"), ("Save first.", "")])
def test_cloze_sentence_refuses_a_missing_phrase(sentence: str, phrase: str) -> None:
    with pytest.raises(ValueError):
        render.cloze_sentence(sentence, phrase)


def test_bullet_list_wraps_fragments() -> None:
    assert render.bullet_list(["a", "<b>b</b>"]) == "<ul><li>a</li><li><b>b</b></li></ul>"


@pytest.mark.parametrize(("raw", "escaped"), [
    ("AT&T", "AT&amp;T"), ("a<b", "a&lt;b"), ("a>b", "a&gt;b"), ('say "hi"', "say &quot;hi&quot;"),
    ("don't", "don&#x27;t"), ("{x", "&#123;x"), ("x}", "x&#125;"), ("tab\x0bbed", "tab bed"),
    ("field\x1fsplit", "field split"), ("del\x7f", "del "), ("plain words", "plain words"),
])
def test_each_special_character_is_escaped_even_when_alone(raw: str, escaped: str) -> None:
    assert render.text(raw) == escaped
