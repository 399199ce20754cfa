"""Card factory: study items -> Anki note specs (basic or cloze), one fact a card.

One function per item kind (the ``FACTORIES`` table); bare-bullet mistakes of one section are
gathered into a single overlapping cloze. Every note carries the article, the series and a
source reference, and its GUID comes from (series, article, kind, key), never from the answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import render
from .extract.text import norm, sentences
from .identity import guid
from .model import (
    Article,
    Definition,
    Enumeration,
    Item,
    Mistake,
    NoteSpec,
    QAPair,
    SourceRef,
    Takeaway,
)
from .phrases import key_phrase


class NoteContext:
    """What every note of one article shares: series, article, source and the keys used so far."""

    def __init__(self, article: Article, article_key: str, series_slug: str, series_name: str,
                 extra_tags: tuple[str, ...] = (), source_path: str = "") -> None:
        self.article = article
        self.article_key = article_key
        self.source_path = source_path or article.path
        """The path shown on cards: relative to the source root, so builds do not depend on
        where they run."""
        self.series_slug = series_slug
        self.series_name = series_name
        self.tags = extra_tags + _frontmatter_tags(article.meta.get("tags"))
        self.used: dict[str, int] = {}
        self.title_field = render.text(article.title)  # shared by every note of the article
        self.series_field = render.text(series_name)

    def source(self, ref: SourceRef) -> str:
        canonical = self.article.meta.get("canonical")
        if isinstance(canonical, str) and canonical.strip():
            return f"{canonical.strip()} (line {ref.line})"
        return f"{self.source_path}:{ref.line}"

    def unique_key(self, kind: str, key: str) -> str:
        """The normalised key; one seen before in this article gets '#2', '#3'…"""
        base = norm(key) or key
        count = self.used.get(f"{kind}\x1f{base}", 0) + 1
        self.used[f"{kind}\x1f{base}"] = count
        return base + (f"#{count}" if count > 1 else "")

    def note(self, notetype: str, kind: str, key: str, ref: SourceRef, fields: list[str],
             cards: int) -> NoteSpec:
        meta = [self.title_field, self.series_field, render.text(self.source(ref))]
        tags = ("levcards", f"levcards::series::{self.series_slug}", f"levcards::kind::{kind}",
                *self.tags)
        unique = self.unique_key(kind, key)
        return NoteSpec(notetype, tuple(fields + meta), tuple(dict.fromkeys(tags)),  # type: ignore[arg-type]
                        guid("levcards", self.series_slug, self.article_key, kind, unique),
                        kind, ref, cards, unique, self.article_key, self.series_slug)


def _frontmatter_tags(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = re.split(r"[,\s]+", value)
    if not isinstance(value, list):
        return ()
    return tuple(t for t in (tag_safe(str(v)) for v in value) if t)


def tag_safe(tag: str) -> str:
    """Anki tags cannot hold spaces; keep letters, digits and a few separators."""
    return re.sub(r"[^\w:.+-]+", "_", tag.strip()).strip("_")


def _qa(ctx: NoteContext, item: QAPair) -> list[NoteSpec]:
    return [ctx.note("basic", "qa", item.question, item.ref,
                     [render.text(item.question), render.text(item.answer), ""], 1)]


def _definition(ctx: NoteContext, item: Definition) -> list[NoteSpec]:
    # One note, two cards: term -> definition, and definition -> term (the Reverse field).
    return [ctx.note("basic", "definition", item.term, item.ref,
                     [render.text(item.term), render.text(item.definition), "y"], 2)]


def _takeaway(ctx: NoteContext, item: Takeaway) -> list[NoteSpec]:
    parts = sentences(item.text) or [item.text]
    notes = []
    extra = render.text(item.text) if len(parts) > 1 else ""
    for sentence in parts:
        phrase = item.highlight if item.highlight and item.highlight in sentence else key_phrase(sentence)
        if not phrase or phrase not in sentence or len(parts) > 1 and len(sentence.split()) < 4:
            continue
        notes.append(ctx.note("cloze", "takeaway", sentence, item.ref,
                              [render.cloze_sentence(sentence, phrase), extra], 1))
    return notes


def _mistake(ctx: NoteContext, item: Mistake) -> list[NoteSpec]:
    back = render.text(item.explanation)
    if item.fix:
        back += f"<div class=\"lc-fix\"><b>Instead:</b> {render.text(item.fix)}</div>"
    front = f"Common mistake: <b>{render.text(item.title)}</b><br>Why is it a mistake?"
    return [ctx.note("basic", "mistake", item.title, item.ref, [front, back, ""], 1)]


def _mistake_list(ctx: NoteContext, group: str, items: list[Mistake]) -> list[NoteSpec]:
    """Bare mistake bullets of one section as one overlapping cloze (a card per member)."""
    members = [render.cloze(n, m.title) for n, m in enumerate(items, 1)]
    text = f"{render.text(group)}:" + render.bullet_list(members)
    return [ctx.note("cloze", "mistake", f"list {group}", items[0].ref, [text, ""], len(items))]


def _enumeration(ctx: NoteContext, item: Enumeration) -> list[NoteSpec]:
    members = [render.cloze(n, m) for n, m in enumerate(item.members, 1)]
    listed = ", ".join(members[:-1]) + (" and " if len(members) > 1 else "") + members[-1]
    return [ctx.note("cloze", "enumeration", item.label, item.ref,
                     [f"{render.text(item.label)}: {listed}", ""], len(members))]


FACTORIES: dict[str, Callable[[NoteContext, Item], list[NoteSpec]]] = {
    "qa": _qa,  # type: ignore[dict-item]
    "definition": _definition,  # type: ignore[dict-item]
    "takeaway": _takeaway,  # type: ignore[dict-item]
    "mistake": _mistake,  # type: ignore[dict-item]
    "enumeration": _enumeration,  # type: ignore[dict-item]
}


def make_notes(ctx: NoteContext, items: list[Item]) -> list[NoteSpec]:
    """Notes for an article's items in reading order."""
    notes: list[NoteSpec] = []
    groups: dict[str, list[Mistake]] = {}
    for item in items:
        if isinstance(item, Mistake) and item.group and not item.explanation:
            if item.group not in groups:
                groups[item.group] = []
                notes.append(_placeholder(item.group))
            groups[item.group].append(item)
            continue
        notes.extend(FACTORIES[item.kind](ctx, item))
    return [n for note in notes for n in (
        _mistake_list(ctx, note.kind[len(_GROUP):], groups[note.kind[len(_GROUP):]])
        if note.kind.startswith(_GROUP) else [note])]


_GROUP = "\x00group:"


def _placeholder(group: str) -> NoteSpec:
    """Holds a group's place in reading order until all its members are known."""
    return NoteSpec("cloze", (), (), "", _GROUP + group, SourceRef("", 0), 0)
