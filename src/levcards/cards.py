"""Card factory: study items -> Anki note specs (basic or cloze), one fact a card.

One function per item kind (the ``FACTORIES`` table); bare-bullet mistakes of one section are
gathered into a single overlapping cloze. Every note carries the article, the series and a
source reference, and its GUID comes from (series, article, kind, key), never from the answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from . import render
from .answers import (
    atomic,
    is_fragment,
    mistake_answer,
    qa_answer,
    qa_question,
    refers_back,
    split_advice,
)
from .extract.text import norm, sentences, split_label, term_names
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
from .phrases import key_phrases, term_in
from .prompts import informative, kind_word, mistake_prompt
from .restated import drop_restated
from .reverse import answerable_reverse

if TYPE_CHECKING:
    pass


class NoteContext:
    """What every note of one article shares: series, article, source and the keys used so far."""

    def __init__(self, article: Article, article_key: str, series_slug: str, series_name: str,
                 extra_tags: tuple[str, ...] = (), source_path: str = "",
                 base_url: str = "") -> None:
        self.article = article
        self.article_key = article_key
        self.source_path = source_path or article.path
        """The path shown on cards: relative to the source root, so builds do not depend on
        where they run."""
        self.series_slug = series_slug
        self.series_name = series_name
        self.tags = extra_tags + _frontmatter_tags(article.meta.get("tags"))
        self.used: dict[str, int] = {}
        self.title_field = _title_field(article, base_url)  # shared by every note of the article
        self.series_field = render.text(series_name)
        self.terms: tuple[str, ...] = ()
        """The terms the article defines: a takeaway's cloze prefers to hide one of them."""

    def sense(self) -> str:
        """The course a prompt belongs to, in the first field: the same question in two series
        (or courses) is then not a duplicate in a learner's collection."""
        return f' <span class="lc-sense">({self.series_field})</span>' if self.series_field else ""

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


def _title_field(article: Article, base_url: str = "") -> str:
    """The article's title, linked to its page when the frontmatter gives an absolute URL (or a
    relative one and levcards.toml a ``base_url``)."""
    canonical = article.meta.get("canonical") or article.meta.get("url") or ""
    if not isinstance(canonical, str):
        return render.text(article.title)
    if base_url and canonical.strip().startswith("/"):
        canonical = urljoin(base_url, canonical.strip())
    return render.link(canonical, article.title)


def _frontmatter_tags(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = re.split(r"[,\s]+", value)
    if not isinstance(value, list):
        return ()
    return tuple(t for t in (tag_safe(str(v)) for v in value) if t)


def tag_safe(tag: str) -> str:
    """Anki tags cannot hold spaces; keep letters, digits and a few separators."""
    return re.sub(r"[^\w:.+-]+", "_", tag.strip()).strip("_")


_FURTHER_READING = re.compile(r"\b(resources|books?|reading|where can i|where to)\b.*\b(learn|read|"
                              r"find out|study)\b.*\bmore\b|\blearn(ing)? more\b", re.IGNORECASE)
""""What are some resources for learning more about X?": a reading list is no fact to recall."""


def _qa(ctx: NoteContext, item: QAPair) -> list[NoteSpec]:
    if _FURTHER_READING.search(item.question):
        return []
    front = render.text(qa_question(item.question)) + ctx.sense()
    return [ctx.note("basic", "qa", item.question, item.ref,
                     [front, atomic(qa_answer(item.answer)), ""], 1)]


_ARTICLE = re.compile(r"^(An?|The)(?=\s+[a-z])")
"""A term written as it opens its sentence ("A cognitive bias is …") is asked in the middle of
one: "What does a cognitive bias mean?". The article stays ("a priori" needs it) in lower
case; "The Hague" keeps its capital."""


def _definition(ctx: NoteContext, item: Definition) -> list[NoteSpec]:
    """"What does X mean?"; a second card asks for the term from its definition when that is
    a fair question (``answerable_reverse``)."""
    if is_fragment(item.definition) or refers_back(item.definition):
        return []
    sentence = (sentences(item.definition) or [item.definition])[0]
    named = term_in(sentence, item.term)
    if named:  # "A major driver of the fallacy is our emotional attachment …": a sentence that
        return [ctx.note("cloze", "definition", item.term, item.ref,  # uses the term, not a
                         [render.cloze_phrases(sentence, [named]), ""], 1)]  # definition of it
    term = render.text(_ARTICLE.sub(lambda m: m.group(1).lower(), item.term))
    if "," in item.term:  # "Acetylcholine, Dopamine and Serotonin: neuromodulators of …"
        return [ctx.note("basic", "definition", item.term, item.ref,
                         [f"What are <b>{term}</b>?{ctx.sense()}", atomic(item.definition), ""],
                         1)]
    front = f"What does <b>{term}</b> mean?{ctx.sense()}"
    reverse = term if answerable_reverse(item.term, item.definition, ctx.article.title) else ""
    return [ctx.note("basic", "definition", item.term, item.ref,
                     [front, atomic(item.definition), reverse], 2 if reverse else 1)]


_PRONOUN = re.compile(r"\b(it|this|these|they|them|those|he|she|its|their)\b", re.IGNORECASE)
_LEANING_WORDS = 4
"""A pronoun among a sentence's first words leans on the sentence before it."""


def _takeaway(ctx: NoteContext, item: Takeaway) -> list[NoteSpec]:
    """One cloze: on the key phrase of the takeaway's claim, its first sentence with a phrase
    worth a blank ("**Spaced repetition beats cramming.** When we review …": the rest explains
    the claim, and the sentence after it is the Extra). A sentence that leans on the one before
    it shows that one above it; a point's label ("Abstraction: Mental models simplify …") is
    shown above its claim, never blanked: the claim's own words would give it away."""
    label, text = _point_label(item.text, item.phrases)
    parts = sentences(text) or [text]
    for index, sentence in enumerate(parts):
        if len(parts) > 1 and len(sentence.split()) < 4 and index + 1 < len(parts):
            continue
        lead = parts[index - 1] if index else item.context
        leans = _PRONOUN.search(" ".join(sentence.split()[:_LEANING_WORDS]))
        if leans and lead:
            shown = [label, lead] if label and index else [label or lead]
        elif leans and not label:
            continue  # "Use them before bed": nothing on the card says what "them" is
        else:
            shown = [label] if label else []
        if item.highlight and not item.phrases and item.highlight in sentence:
            phrases = [item.highlight]  # the author chose it (a sidecar's "hide")
        else:
            known = " ".join([ctx.article.title, *shown])
            phrases = key_phrases(sentence, [p for p in item.phrases if p in sentence], ctx.terms,
                                  known)
        if not phrases:
            continue
        body = "".join(f'<div class="lc-lead">{render.text(s)}</div>' for s in shown if s)
        extra = parts[index + 1] if index + 1 < len(parts) else ""
        return [ctx.note("cloze", "takeaway", sentence, item.ref,
                         [body + render.cloze_phrases(sentence, phrases),
                          render.text(extra) if extra else ""], len(phrases))]
    return []


MAX_POINT_LABEL = 6


def _point_label(text: str, bolded: tuple[str, ...]) -> tuple[str, str]:
    """("Cognitive Framework", "Mental models are like …") from a key point written as
    "Cognitive Framework: Mental models are like …"; ("", text) for any other point, and for
    one whose label the author bolded (that label is the phrase to hide)."""
    pair = split_label(text)
    if (not pair or len(pair[0].split()) > MAX_POINT_LABEL or not pair[1][:1].isupper()
            or pair[0].endswith((".", "?", "!")) or any(pair[0] in b for b in bolded)):
        return "", text
    return pair[0], pair[1]


def _mistake(ctx: NoteContext, item: Mistake) -> list[NoteSpec]:
    """Why it is a mistake, and (a card of its own: one fact a card) what to do instead. An
    explanation written as advice is what to do instead; one whose reason comes first and
    advice after ("A viral video is not a plan. Check it against a second source.") is both."""
    explanation, fix = mistake_answer(item.explanation, item.title), item.fix
    if explanation and not fix:
        explanation, fix = split_advice(explanation)
    if not explanation and not fix:
        return _bare_mistake(ctx, item)
    notes = []
    if explanation:
        notes.append(ctx.note("basic", "mistake", item.title, item.ref,
                              [mistake_prompt(item.title, ctx.sense(), item.group), atomic(explanation), ""],
                              1))
    if fix:
        front = (f'{kind_word(item.group)}: <b>{render.text(item.title)}</b>{ctx.sense()}'
                 '<div class="lc-ask">What should you do instead?</div>')
        notes.append(ctx.note("basic", "mistake", f"{item.title} (instead)", item.ref,
                              [front, atomic(fix), ""], 1))
    return notes


def _bare_mistake(ctx: NoteContext, item: Mistake) -> list[NoteSpec]:
    """A mistake named with no explanation: a cloze on its key phrase, so no card has an empty
    back ("Common mistake: Closing your {{c1::oldest card}} to tidy things up")."""
    title = item.title.rstrip(".")
    phrases = key_phrases(title, (), ctx.terms, ctx.article.title)
    if not phrases:
        return []
    group = f" ({render.text(item.group)})" if informative(item.group) else ""
    text = (f'<span class="lc-kind">{kind_word(item.group)}{group}:</span> '
            + render.cloze_phrases(title, phrases))
    return [ctx.note("cloze", "mistake", item.title, item.ref, [text, ""], len(phrases))]


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
    """Notes for an article's items in reading order. A term defined twice in one article
    is one card (the first definition), and a cloze that restates another card of the article
    (a summary line) is left out, so no two cards ask the same question."""
    ctx.terms = tuple(i.term for i in items if isinstance(i, Definition))
    notes: list[NoteSpec] = []
    defined: set[str] = set()
    for item in items:
        if isinstance(item, Definition):
            names = term_names(item.term)
            if names & defined:
                continue
            defined |= names
        notes.extend(FACTORIES[item.kind](ctx, item))
    return drop_restated(notes)

