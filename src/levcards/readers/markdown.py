"""Markdown with optional YAML frontmatter -> Article, via python-frontmatter and markdown-it-py."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin

from ..errors import SourceError
from ..model import Article, Block, Section
from .common import SectionBuilder, clean, first_heading, title_from_slug

_HANDLER = YAMLHandler()
_ATX = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.MULTILINE)
_SIGNALS = (  # (strings a match contains one of, pattern): the cheap test goes first
    (("**",), re.compile(r"^\s*[-*+]\s+\*\*[^*\n]+\*\*", re.MULTILINE)),  # - **Term:** text
    (("**",), re.compile(r"\*\*[^*\n]+\*\*")),  # bold
    (("```",), re.compile(r"^```", re.MULTILINE)),  # fenced code
    (("](",), re.compile(r"\[[^\]\n]+\]\([^)\s]+\)")),  # [link](url)
    (("|",), re.compile(r"^\|.+\|\s*$", re.MULTILINE)),  # table row
    (("\n-", "\n="), re.compile(r"^[=-]{3,}\s*$", re.MULTILINE)),  # setext underline
)
"""Each string is looked for once, in the text after a line break (so "\n-" finds a line that
starts with "-", the first one included): each look is a pass over the whole text."""
_ALIAS = re.compile(r"(?<![\w*])\*[A-Za-z0-9_-]+")
MAX_FRONTMATTER_ALIASES = 50


def _parser() -> MarkdownIt:
    # "commonmark" with html=False: raw HTML in articles is shown as text, never passed through.
    # The HTML rules would then only be asked at every line and "<" to say no: they are off.
    return (MarkdownIt("commonmark", {"html": False}).enable("table").use(deflist_plugin)
            .disable(["html_block", "html_inline"]))


_INLINE = _parser()
"""Parses the inline markup of one paragraph, heading or cell (``parseInline``)."""
_MD = _parser()
_MD.core.ruler.disable(["inline", "text_join"])
"""Parses the block structure only: most paragraphs hold no inline markup at all, and those
that do are parsed by ``_INLINE`` when the walker reaches them."""
_MARKUP = re.compile(r"[\\`*_\[\]!<&~]")
"""Characters that start an inline rule of the parser (escape, code, emphasis, link, image,
autolink, entity); text without them parses to plain text and line breaks."""


def sniff(text: str) -> bool:
    """Frontmatter, an ATX heading, or two kinds of Markdown markup."""
    if _HANDLER.detect(text):
        return True
    if "#" in text and _ATX.search(text):
        return True
    probe = "\n" + text
    present: dict[str, bool] = {}
    found = 0
    for needles, pattern in _SIGNALS:
        for needle in needles:
            if needle not in present:
                present[needle] = needle in probe
            if present[needle]:
                break
        else:
            continue
        if pattern.search(text):
            found += 1
            if found == 2:
                return True
    return False


def split_frontmatter(text: str, shown: str) -> tuple[dict[str, Any], str]:
    """Return (metadata, body) where body keeps the file's line numbers (frontmatter blanked)."""
    if not _HANDLER.detect(text):
        return {}, text
    lines = text.split("\n")
    end = next((i for i in range(1, len(lines)) if re.fullmatch(r"-{3,}\s*", lines[i])), None)
    if end is None:
        raise SourceError(shown, 1, "frontmatter starts with '---' but is never closed; add a "
                          "'---' line after the metadata", code="frontmatter")
    raw = "\n".join(lines[1:end])
    if len(_ALIAS.findall(raw)) > MAX_FRONTMATTER_ALIASES:
        raise SourceError(shown, 1, "frontmatter uses too many YAML aliases; write the values "
                          "out", code="frontmatter")
    try:
        meta = _HANDLER.load(raw) if raw.strip() else {}
    except yaml.YAMLError as err:
        # the context mark is where the broken construct began (an unclosed '[' say)
        mark = getattr(err, "context_mark", None) or getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise SourceError(shown, line, f"frontmatter is not valid YAML ({problem}); fix the "
                          "metadata between the '---' lines", code="frontmatter") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise SourceError(shown, 2, f"frontmatter must be 'key: value' lines, found a "
                          f"{type(meta).__name__}", code="frontmatter")
    # blank out the frontmatter lines (both '---' included) so body lines keep their numbers
    body = "\n" * (end + 1) + "\n".join(lines[end + 1 :])
    try:
        return _plain(meta), body
    except (ValueError, RecursionError):
        raise SourceError(shown, 2, f"frontmatter expands to more than {MAX_FRONTMATTER_VALUES:,} "
                          "values (YAML aliases repeated inside each other?); write the metadata "
                          "out plainly", code="frontmatter") from None


MAX_FRONTMATTER_VALUES = 10_000
"""YAML aliases share objects, so a small file can describe a huge tree ("billion laughs");
walking more values than this is refused instead of exhausting memory."""


def _plain(value: Any, budget: list[int] | None = None) -> Any:
    """JSON-safe metadata: dates become ISO strings; a tree too large to walk is refused."""
    budget = budget if budget is not None else [MAX_FRONTMATTER_VALUES]
    budget[0] -= 1
    if budget[0] < 0:
        raise ValueError("frontmatter expands to too many values")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v, budget) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v, budget) for k, v in value.items()}
    return value


def read(text: str, shown: str, slug: str) -> Article:
    meta, body = split_frontmatter(text, shown)
    walker = _Walker(shown)
    walker.walk(_MD.parse(body, walker.env))
    sections = walker.sections.finish()
    title = str(meta.get("title") or "").strip() or _h1(sections) or first_heading(sections)
    return Article(
        path=shown, slug=slug, title=clean(title) or title_from_slug(slug), reader="markdown",
        sections=sections, meta=meta, warnings=tuple(walker.warnings),
    )


def _h1(sections: tuple[Section, ...]) -> str:
    return next((s.title for s in sections if s.level == 1), "")


def _with_markup(token: Token, env: dict[str, Any]) -> Token | None:
    """The inline token with its markup parsed into children; None when it has no markup."""
    if _MARKUP.search(token.content) is None:
        return None
    return Token("inline", "", 0, children=_INLINE.parseInline(token.content, env)[0].children)


def _text(token: Token, env: dict[str, Any], warnings: list[tuple[int, str]],
          line: int) -> tuple[str, tuple[str, ...]]:
    """Plain text and bold spans of an inline token from the block parse."""
    parsed = _with_markup(token, env)
    return _plain_text(token) if parsed is None else inline_text(parsed, warnings, line)


def _plain_text(token: Token) -> tuple[str, tuple[str, ...]]:
    """The text of an inline token without markup: plain text and line breaks read as spaces."""
    return clean(token.content.replace("\n", " ")), ()


def inline_text(token: Token, warnings: list[tuple[int, str]], line: int) -> tuple[str, tuple[str, ...]]:
    """Plain text and bold spans of a parsed inline token; images are dropped with a warning."""
    parts: list[str] = []
    strong: list[str] = []
    strong_start: int | None = None
    for child in token.children or ():
        t = child.type
        if t in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif t in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif t == "strong_open":
            strong_start = len(parts)
        elif t == "strong_close" and strong_start is not None:
            strong.append(clean("".join(parts[strong_start:])))
            strong_start = None
        elif t == "image":
            warnings.append((line, f"image {child.attrs.get('src', '')!s:.80} left out (images "
                             "are not packaged yet)"))
    return clean("".join(parts)), tuple(s for s in strong if s)


def _bold_heading(text: str, strong: tuple[str, ...]) -> bool:
    """All of ``text`` is one bold span of at most ten words (a trailing colon aside)."""
    return (len(strong) == 1 and text.rstrip(":").strip() == strong[0].rstrip(":").strip()
            and 0 < len(text.split()) <= 10)


def _disclosure(text: str) -> str:
    """A collapsible "<details><summary>Question?</summary>" shown as text: keep the summary.

    HTML is off, so the tags arrive as literal text; "</details>" alone leaves nothing.
    """
    m = _SUMMARY_TAG.fullmatch(text)
    if m:
        return m.group(1).strip()
    return "" if _DETAILS_TAG.fullmatch(text) else text


_SUMMARY_TAG = re.compile(r"(?:<details(?:\s[^>]*)?>\s*)?<summary>(.*?)</summary>", re.IGNORECASE)
_DETAILS_TAG = re.compile(r"</?details(?:\s[^>]*)?>", re.IGNORECASE)


def _label_lines(tok: Token) -> list[tuple[int, Token]]:
    """Split an inline token before every line that starts with bold text (a label line)."""
    children = tok.children or []
    cuts = [0]
    offsets = [0]
    line = 0
    for i, child in enumerate(children):
        if child.type in ("softbreak", "hardbreak"):
            line += 1
            j = i + 1
            while j < len(children) and children[j].type == "text" and not children[j].content:
                j += 1  # markdown-it puts an empty text token before the bold
            if j < len(children) and children[j].type == "strong_open":
                cuts.append(i + 1)
                offsets.append(line)
    if len(cuts) == 1:
        return [(0, tok)]
    parts = []
    for n, start in enumerate(cuts):
        end = cuts[n + 1] if n + 1 < len(cuts) else len(children)
        part = Token("inline", "", 0, children=children[start:end])
        parts.append((offsets[n], part))
    return parts


class _Walker:
    """Walks the flat token stream, keeping list nesting, and fills a SectionBuilder."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.sections = SectionBuilder()
        self.warnings: list[tuple[int, str]] = []
        self._lists: list[tuple[int, bool]] = []  # (list_id, ordered) stack
        self._next_list = 0
        self._item_open: list[bool] = []  # per open list item: has its first paragraph been seen
        self._dt: str = ""
        self._dt_line = 1
        self.env: dict[str, Any] = {}
        """The parse's environment: link reference definitions for the inline parse."""

    def walk(self, tokens: list[Token]) -> None:
        i = 0
        while i < len(tokens):
            i = self._step(tokens, i)

    def _step(self, tokens: list[Token], i: int) -> int:
        tok = tokens[i]
        t = tok.type
        line = tok.map[0] + 1 if tok.map else 1
        if t == "heading_open":
            text, _ = _text(tokens[i + 1], self.env, self.warnings, line)
            self.sections.heading(text, int(tok.tag[1]), line)
            return i + 3
        if t == "hr" and not self._lists:
            # a thematic break closes the section: what follows it (a byline, comments, a
            # footer) belongs to no heading, so no summary or mistakes list runs on into it
            self.sections.heading("", self.sections.level, line)
        if t in ("bullet_list_open", "ordered_list_open"):
            self._lists.append((self._next_list, t == "ordered_list_open"))
            self._next_list += 1
        elif t in ("bullet_list_close", "ordered_list_close"):
            self._lists.pop()
        elif t == "list_item_open":
            self._item_open.append(False)
        elif t == "list_item_close":
            self._item_open.pop()
        elif t == "inline":
            self._inline(tok, line)
        elif t in ("fence", "code_block"):
            self.sections.add(Block("code", tok.content, line))
        elif t == "table_open":
            return self._table(tokens, i, line)
        elif t == "dt_open":
            # dt_open, inline, dt_close: the term is the inline token right after the opener
            self._dt, _ = _text(tokens[i + 1], self.env, self.warnings, line)
            self._dt_line = line
            return i + 3
        return i + 1

    def _inline(self, tok: Token, line: int) -> None:
        parsed = _with_markup(tok, self.env)
        if parsed is None:
            self._place(_plain_text(tok)[0], line)
            return
        if not self._item_open and not self._dt:
            # "**Label:** text" lines inside one paragraph are separate statements
            parts = _label_lines(parsed)
            for offset, part in parts:
                text, strong = inline_text(part, self.warnings, line + offset)
                text = _disclosure(text)
                if len(parts) == 1 and _bold_heading(text, strong):
                    # a paragraph that is nothing but a short bold line ("**Key takeaways**")
                    # works as a heading one level under the current one
                    level = min(6, max(2, self.sections.level + 1))
                    self.sections.heading(text.rstrip(":").rstrip(), level, line)
                elif text:
                    self.sections.add(Block("paragraph", text, line + offset, strong))
            return
        text, strong = inline_text(parsed, self.warnings, line)
        self._place(text, line, strong)

    def _place(self, text: str, line: int, strong: tuple[str, ...] = ()) -> None:
        """Place the text of a paragraph, list item or definition (bold spans in ``strong``)."""
        if not text:
            return
        if self._dt:
            self.sections.add(Block("term", f"{self._dt}: {text}", self._dt_line,
                                    rows=((self._dt, text),)))
            self._dt = ""
            return
        if self._item_open and self._lists:
            list_id, ordered = self._lists[-1]
            last = self.sections.last
            if self._item_open[-1] and last is not None and last.kind == "item":
                # a second paragraph of the same list item continues it
                self.sections.replace_last(Block("item", f"{last.text} {text}", last.line,
                                                 last.strong + strong, last.depth, last.ordered,
                                                 last.list_id))
                return
            self._item_open[-1] = True
            self.sections.add(Block("item", text, line, strong, len(self._lists) - 1, ordered,
                                    list_id))
            return
        self.sections.add(Block("paragraph", text, line, strong))

    def _table(self, tokens: list[Token], i: int, line: int) -> int:
        rows: list[tuple[str, ...]] = []
        row: list[str] = []
        while i < len(tokens) and tokens[i].type != "table_close":
            tok = tokens[i]
            if tok.type == "tr_open":
                row = []
            elif tok.type == "inline":
                row.append(_text(tok, self.env, self.warnings, line)[0])
            elif tok.type in ("th_close", "td_close") and tokens[i - 1].type != "inline":
                row.append("")
            elif tok.type == "tr_close":
                rows.append(tuple(row))
            i += 1
        self.sections.add(Block("table", " | ".join(rows[0]) if rows else "", line, rows=tuple(rows)))
        return i + 1
