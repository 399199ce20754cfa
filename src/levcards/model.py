"""The document model every reader produces and the study items every extractor returns.

Instances are never changed in place (``dataclasses.replace`` makes changed copies), yet the
classes are not declared frozen: a frozen dataclass takes five times as long to create (every
field is set through ``object.__setattr__``), and a build of 10,000 articles creates about
650,000 of them, in the workers and again when their results are unpickled.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union


def _compact(self: object) -> tuple[type, tuple[object, ...]]:
    """Pickle as (class, field values): about a third faster than the default (workers send
    every article's items back this way)."""
    return type(self), tuple(getattr(self, name) for name in type(self).__match_args__)  # type: ignore[attr-defined]


BlockKind = Literal["paragraph", "item", "term", "code", "table"]
"""paragraph: running text; item: one list item; term: a definition-list entry whose
``rows`` is ((term, definition),); code: a code block (never studied); table: a table whose
rows are in ``Block.rows`` (first row is the header)."""


@dataclass(slots=True)
class SourceRef:
    """Where something came from: the path as the user named it and a 1-based line."""

    __reduce__ = _compact

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(slots=True)
class Block:
    """One unit of content inside a section, as plain text with its source line."""

    __reduce__ = _compact

    kind: BlockKind
    text: str
    """Plain text with inline markup removed."""
    line: int
    strong: tuple[str, ...] = ()
    """Bold spans in reading order (what the author emphasised)."""
    depth: int = 0
    """List nesting depth of an item (0 = top level)."""
    ordered: bool = False
    """True for items of a numbered list."""
    list_id: int = -1
    """Items of the same list share a list_id; -1 for non-items."""
    rows: tuple[tuple[str, ...], ...] = ()
    """Table rows, header first (tables only)."""


@dataclass(slots=True)
class Section:
    """A heading and the blocks up to the next heading. The preamble has an empty title, level 0."""

    __reduce__ = _compact

    title: str
    level: int
    line: int
    blocks: tuple[Block, ...] = ()


@dataclass(slots=True)
class Article:
    """One source file in the common document model."""

    __reduce__ = _compact

    path: str
    """The path as the user named it (used in every message)."""
    slug: str
    """Stable identifier from the file name, used in note identity."""
    title: str
    reader: str
    """Name of the reader that parsed it (markdown, plaintext, prose)."""
    sections: tuple[Section, ...]
    meta: dict[str, object] = field(default_factory=dict, hash=False, compare=False)
    """Frontmatter and reader-found metadata (e.g. ``series_marker``)."""
    warnings: tuple[tuple[int, str], ...] = ()
    """(line, message) pairs the reader wants reported (e.g. skipped images)."""

    def blocks(self) -> list[Block]:
        """Every block in reading order."""
        return [b for s in self.sections for b in s.blocks]


@dataclass(slots=True)
class Definition:
    """A term and what it means."""

    __reduce__ = _compact

    term: str
    definition: str
    ref: SourceRef
    confidence: float = 1.0
    kind: Literal["definition"] = "definition"

    @property
    def key(self) -> str:
        return self.term


@dataclass(slots=True)
class QAPair:
    """A question and its direct answer."""

    __reduce__ = _compact

    question: str
    answer: str
    ref: SourceRef
    confidence: float = 1.0
    kind: Literal["qa"] = "qa"

    @property
    def key(self) -> str:
        return self.question


@dataclass(slots=True)
class Takeaway:
    """One key point the author wants remembered; ``highlight`` is the phrase they bolded."""

    __reduce__ = _compact

    text: str
    ref: SourceRef
    highlight: str = ""
    confidence: float = 1.0
    kind: Literal["takeaway"] = "takeaway"
    context: str = ""
    """The sentence before it, when the takeaway leans on it ("It turns inputs into …")."""
    phrases: tuple[str, ...] = ()
    """Every phrase the author bolded inside the text, in order (each becomes a cloze)."""

    @property
    def key(self) -> str:
        return self.text


@dataclass(slots=True)
class Mistake:
    """A common mistake or pitfall, its explanation and (where given) the fix."""

    __reduce__ = _compact

    title: str
    explanation: str
    ref: SourceRef
    fix: str = ""
    group: str = ""
    """For bare bullets with no explanation: the section they were listed under."""
    confidence: float = 1.0
    kind: Literal["mistake"] = "mistake"

    @property
    def key(self) -> str:
        return self.title


@dataclass(slots=True)
class Enumeration:
    """A named set of members ("five examples of leverage: a, b, c")."""

    __reduce__ = _compact

    label: str
    """The sentence that introduces the members, up to the colon."""
    members: tuple[str, ...]
    ref: SourceRef
    confidence: float = 1.0
    kind: Literal["enumeration"] = "enumeration"

    @property
    def key(self) -> str:
        return self.label


Item = Union[Definition, QAPair, Takeaway, Mistake, Enumeration]
ITEM_TYPES: dict[str, type] = {"definition": Definition, "qa": QAPair, "takeaway": Takeaway,
                               "mistake": Mistake, "enumeration": Enumeration}
ITEM_KINDS: tuple[str, ...] = tuple(ITEM_TYPES)
TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "definition": ("term", "definition"),
    "qa": ("question", "answer"),
    "takeaway": ("text", "highlight"),
    "mistake": ("title", "explanation", "fix"),
    "enumeration": ("label", "members"),
}
"""Each kind's content fields, main field first (what `extract` prints and authors can fix)."""


@dataclass(slots=True)
class NoteSpec:
    """One Anki note, ready for the writer: HTML fields in note-type order."""

    notetype: Literal["basic", "cloze"]
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    guid: str
    kind: str
    ref: SourceRef
    cards: int
    """How many cards Anki will generate from this note (ords 0..cards-1)."""
    key: str = ""
    """The normalised key the GUID was derived from (term, question, sentence, title)."""
    article: str = ""
    """The article's key: its path under the source root without the file ending."""
    series: str = ""
    """The series slug."""
    note_id: int = 0
    """Anki note ID, assigned from the identity ledger before writing."""
    mod: int = 0
    """Seconds since the epoch when this note's content last changed (from the ledger)."""

    def with_identity(self, guid: str, note_id: int, mod: int) -> NoteSpec:
        """This note with the GUID, note ID and mod matching gave it (``dataclasses.replace``
        without its per-call introspection: it runs once per note)."""
        return NoteSpec(self.notetype, self.fields, self.tags, guid, self.kind, self.ref,
                        self.cards, self.key, self.article, self.series, note_id, mod)
