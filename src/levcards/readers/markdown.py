"""Markdown with optional YAML frontmatter -> Article, via python-frontmatter and markdown-it-py."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.container import container_plugin
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
    # admon: MkDocs' "!!! tip \"Key takeaways\"" boxes, whose indented body would otherwise
    # be read as a code block
    # container: Docusaurus' ":::note Recap" boxes, of any name
    return (MarkdownIt("commonmark", {"html": False}).enable("table").use(deflist_plugin)
            .use(admon_plugin).use(container_plugin, name="box", validate=_any_box)
            .disable(["html_block", "html_inline"]))


def _any_box(params: str, *_: object) -> bool:
    return bool(params.strip())


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
        return _headless(text, shown)
    lines = text.split("\n")
    end = next((i for i in range(1, len(lines)) if re.fullmatch(r"-{3,}\s*", lines[i])), None)
    if end is None:
        raise SourceError(shown, 1, "frontmatter starts with '---' but is never closed; add a "
                          "'---' line after the metadata", code="frontmatter")
    return _load(lines, 1, end, shown)


_KEY_LINE = re.compile(r"[A-Za-z_][\w-]*:(?:\s|$)")
MAX_HEADLESS_LINES = 30


def _headless(text: str, shown: str) -> tuple[dict[str, Any], str]:
    """Frontmatter whose opening '---' a copy lost: the file opens with two or more
    ``key: value`` lines and a '---' line closes them. Metadata that does not parse as YAML
    is then taken for text, as it may be."""
    lines = text.split("\n", MAX_HEADLESS_LINES + 1)[:MAX_HEADLESS_LINES]
    end = next((i for i, line in enumerate(lines) if re.fullmatch(r"-{3,}\s*", line)), None)
    if end is None or end < 2 or not all(
            _KEY_LINE.match(line) or line.startswith((" ", "\t", "- ")) for line in lines[:end]):
        return {}, text
    try:
        return _load(text.split("\n"), 0, end, shown)
    except SourceError:
        return {}, text


def _load(lines: list[str], start: int, end: int, shown: str) -> tuple[dict[str, Any], str]:
    """The metadata on ``lines[start:end]`` and the body with those lines (and the fences)
    blanked, so body lines keep their numbers."""
    raw = "\n".join(lines[start:end])
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
        path=shown, slug=slug, title=clean(title) or title_from_slug(slug, sections),
        reader="markdown",
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
    """The text of an inline token without markup: plain text and line breaks read as spaces,
    ==highlight== marks dropped as in marked-up text."""
    text = token.content.replace("\n", " ")
    return clean(_unhighlight(text) if "==" in text else text), ()


def inline_text(token: Token, warnings: list[tuple[int, str]], line: int) -> tuple[str, tuple[str, ...]]:
    """Plain text and bold spans of a parsed inline token; images are dropped with a warning."""
    parts: list[str] = []
    strong: list[str] = []
    strong_start: int | None = None
    for child in token.children or ():
        t = child.type
        if t == "text":
            parts.append(_unhighlight(child.content) if "==" in child.content else child.content)
        elif t in ("code_inline", "html_inline"):
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


_HIGHLIGHT = re.compile(r"==(?=\S)(.+?)(?<=\S)==")


def _unhighlight(text: str) -> str:
    """Obsidian's ==highlight== marks, kept as the words they mark."""
    return _HIGHLIGHT.sub(r"\1", text)


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


_BULLET_CHARS = "•●▪◦‣"
_QA_LINE = re.compile(r"(?i)^(q|a|question|answer)\s*\d*\s*[:.)]\s")
_LABEL_LINE = re.compile(r"^[A-Z][\w ,'’/&()#-]{0,40}:\s+\S")
_SENTENCE_END = (".", "!", "?", ":", "…", '"', "”", ")")
_CALLOUT = re.compile(r"^\s*\[!(\w+)\][-+]?[ \t]*([^\n]*)$")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)[^*_\n]+(\*\*|__):?\s*$")
_SHORTCODE = re.compile(r"^\s*(\{\{[<%].*[%>]\}\}|\{%.*%\})\s*$")
"""A Hugo or Liquid template tag on a line of its own ("{{% callout note %}}"): page machinery."""


def _statements(content: str) -> list[tuple[int, str]]:
    """Split a paragraph's source lines into the statements they hold, with line offsets.

    A page export keeps a question and its answer, a "Term:" line and its definition, or
    "•" bullets on consecutive lines; markdown-it joins them into one paragraph with soft
    breaks. A line starts a statement of its own when it opens with bold text or a bullet
    character, follows a question, opens with "Q:" / "A:", or is a "Label: text" line after a
    finished sentence. Other lines continue the statement (hard-wrapped prose).
    """
    lines = content.split("\n")
    groups: list[tuple[int, list[str]]] = [(0, [lines[0]])]
    for offset, line in enumerate(lines[1:], 1):
        if _starts_statement(groups[-1][1][-1], line):
            groups.append((offset, [line]))
        else:
            groups[-1][1].append(line)
    return [(offset, "\n".join(group)) for offset, group in groups]


def _starts_statement(previous: str, line: str) -> bool:
    s, p = line.lstrip(), previous.rstrip()
    if not s:
        return False
    if _BOLD_LINE.match(p):
        return True  # "**B-tree**" on a line of its own heads the lines under it
    if s.startswith(("**", "__")) or s[0] in _BULLET_CHARS or _QA_LINE.match(s):
        return True
    if p.endswith("?") and (s[0].isupper() or s[0].isdigit()):
        return True
    if p.endswith((".", "!")) and s.rstrip().endswith("?") and (s[0].isupper() or s[0].isdigit()):
        return True  # the next question after an answer line ("2Why does …?" too)
    return p.endswith(_SENTENCE_END) and bool(_LABEL_LINE.match(s))


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
        self._heading_level = 0
        """The level of the last '#' heading: a bold line heads a section one level under it."""
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
            self._heading_level = int(tok.tag[1])
            self.sections.heading(text, self._heading_level, line)
            return i + 3
        if t == "container_box_open":
            # ":::note Recap": the title (else the kind) heads what the box holds
            kind, _, title = tok.info.strip().partition(" ")
            self.sections.heading(title.strip() or kind.capitalize(),
                                  min(6, max(2, self._heading_level + 1)), line)
            return i + 1
        if t == "admonition_title_open":
            # a box's title heads what the box holds, one level under the last heading
            text, _ = _text(tokens[i + 1], self.env, self.warnings, line)
            kind = tokens[i - 1].meta.get("tag", "") if i else ""
            title = text or str(kind).capitalize()
            if title:
                self.sections.heading(title, min(6, max(2, self._heading_level + 1)), line)
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
        if self._item_open or self._dt or "\n" not in tok.content:
            self._statement(tok, line, single=True)
            return
        parts = _statements(tok.content)
        for offset, content in parts:
            part = Token("inline", "", 0, content=content)
            self._statement(part, line + offset, single=len(parts) == 1)

    def _statement(self, tok: Token, line: int, single: bool) -> None:
        """One statement of a paragraph (or a list item's or definition's text)."""
        opening = tok.content.lstrip()[:2]
        if opening in ("{{", "{%") and _SHORTCODE.match(tok.content):
            return
        callout = _CALLOUT.match(tok.content) if opening == "[!" else None
        if callout and not self._item_open:
            # "> [!summary] Key points": an Obsidian callout's title heads what it holds
            title = callout.group(2).strip() or callout.group(1).capitalize()
            self.sections.heading(title, min(6, max(2, self._heading_level + 1)), line)
            return
        stripped = tok.content.lstrip()
        if not self._item_open and not self._dt and stripped[:1] in _BULLET_CHARS:
            # "• text" lines a page export kept inside a paragraph: a list of its own
            self._bullet(tok, stripped, line)
            return
        parsed = _with_markup(tok, self.env)
        if parsed is None:
            self._place(_plain_text(tok)[0], line)
            return
        text, strong = inline_text(parsed, self.warnings, line)
        if not self._item_open and not self._dt:
            text = _disclosure(text)
            if _bold_heading(text, strong) and (single or _BOLD_LINE.match(tok.content)):
                # a paragraph that is nothing but a short bold line ("**Key takeaways**")
                # works as a heading one level under the current one
                level = min(6, max(2, self._heading_level + 1))
                self.sections.heading(text.rstrip(":").rstrip(), level, line)
                return
        self._place(text, line, strong)

    def _bullet(self, tok: Token, stripped: str, line: int) -> None:
        last = self.sections.last
        list_id = last.list_id if last is not None and last.kind == "item" and last.line == line - 1 \
            and last.list_id >= 10**6 else 10**6 + self._next_list
        self._next_list += 1
        body = Token("inline", "", 0, content=stripped[1:].strip())
        parsed = _with_markup(body, self.env)
        text, strong = (_plain_text(body) if parsed is None
                        else inline_text(parsed, self.warnings, line))
        if text:
            self.sections.add(Block("item", text, line, strong, 0, False, list_id))

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
