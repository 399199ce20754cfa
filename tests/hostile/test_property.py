"""Property: any text, and any Markdown-like structure, either becomes a package that the real
Anki imports cleanly or is refused with levcards' own error."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from levcards.errors import LevcardsError
from roundtrip import assert_imports_cleanly, package_text

PIECES = ["# ", "## ", "### ", "- ", "* ", "• ", "1. ", "  - ", "**", "*", "`", "> ", "---",
          "Key takeaways", "FAQ", "Glossary", "Common mistakes", "Q: ", "A: ", "?", ":", " is ",
          " means ", "{{c1::", "}}", "{{Front}}", "::", "\x1f", "<script>alert(1)</script>",
          '<img src=x onerror="y">', "[x](javascript:alert(1))", "![i](../../etc/passwd)",
          "\\(", "$$", "|a|b|\n|-|-|\n|c|d|", "\r\n", "\r", "\t", "\u200b", "\u00a0", "مرحبا",
          "🚀", "\n", "\n\n", "Term: meaning here", "Mistake 1: ", "Direct answer: "]

structured = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), max_size=60).map("".join)
_words = st.lists(st.one_of(st.sampled_from(PIECES), st.text(min_size=1, max_size=12)),
                  min_size=1, max_size=8).map("".join)
_TEMPLATES = ["## Glossary\n\n- **{0}:** {1}\n", "## FAQ\n\n### {0}?\n\n{1}\n",
              "## Key takeaways\n\n- {0} lets **{1}** grow.\n", "## Common mistakes\n\n- {0}\n- {1}\n",
              "Quick Q&A\n\n{0}?\n\n{1}\n", "{0} means {1}.\n", "### Mistake 1: {0}\n\n{1}\n"]
sections = st.lists(st.tuples(st.sampled_from(_TEMPLATES), _words, _words)
                    .map(lambda t: t[0].format(t[1], t[2])), min_size=1, max_size=6).map("\n".join)


def _check(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        try:
            package = package_text(data, Path(folder))
        except LevcardsError:
            return
        if package is not None:
            assert_imports_cleanly(package, Path(folder))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(structured)
def test_markdown_like_structure(text: str) -> None:
    _check(text.encode("utf-8", "replace"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sections)
def test_study_sections_with_arbitrary_content(text: str) -> None:
    _check(("# Fuzz\n\n" + text).encode("utf-8", "replace"))


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes(data: bytes) -> None:
    _check(data)
