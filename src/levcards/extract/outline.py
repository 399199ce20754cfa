"""An article's sections as a tree whose nodes know their role: the structure extractors read.

Every heading gets a place in the tree (by its level) and a *shape*:

    role    a heading that names a kind of item ("Common mistakes", "FAQ", "Key terms")
    group   a heading inside a role section that groups items under it (a sub-list of terms)
    item    a heading inside a role section, or one labelled as an item ("Myth 2: …")
    part    a heading inside an item ("The Problem", "The Fix", "The Truth"): part of it
    plain   anything else

A role covers its subtree, so a sub-heading under "Common mistakes" is a mistake and that
mistake's sub-headings are its parts, never mistakes of their own. A sentence that opens a list
("Here are some key points to understand about X:") gives that list the role it names, and
when it ends its section, the headings under it.

Plain-text exports cannot tell heading levels apart; ``levels.guess_levels`` works them out
from what the headings say before the tree is built.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from ..model import Article, Block, Section
from .levels import guess_levels
from .text import sentences
from .vocabulary import (
    CLOSERS,
    ITEM_KINDS,
    Role,
    clean_heading,
    heading_key,
    heading_role,
    is_numbered,
    is_part_label,
    item_heading,
    lead_in_role,
)

Shape = Literal["role", "group", "item", "part", "plain"]

_NUMBERED_TITLE = re.compile(r"^\s*(?:#{1,6}\s*)?\(?\d{1,3}[.):]?\s*(?=\S)")
# a heading that names a set of concepts: its numbered sub-headings are those concepts
_CONCEPT_CLASS = re.compile(r"\b(mental models?|models|terms|concepts|principles|laws|biases|"
                            r"fallacies|heuristics|theorems|effects|jargon)\b")
MIN_INVENTORY = 3
"""Numbered sub-headings a concept heading needs before they are read as its terms."""
MAX_LABEL_WORDS = 5


@dataclass(eq=False, slots=True)
class ListScope:
    """List items that a lead-in sentence (or a label item) gave a role."""

    role: Role
    blocks: tuple[Block, ...]
    line: int
    """Where the lead-in stands."""


@dataclass(eq=False, slots=True)
class Node:
    """One section in the tree: its heading, shape, role and children."""

    section: Section
    title: str
    """The heading without numbering, emoji and page noise."""
    level: int
    shape: Shape = "plain"
    role: Role | None = None
    """The role this node works in (its own, or the one it inherits as item, group or part)."""
    label: str = ""
    """For an item heading with a label ("Myth 2: …"), the label's kind ("myth")."""
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None
    scopes: list[ListScope] = field(default_factory=list)
    lead_in: tuple[Role, int] | None = None
    """A lead-in sentence ending this node's text, and its line: its role passes to the children."""

    @property
    def blocks(self) -> tuple[Block, ...]:
        return self.section.blocks

    @property
    def line(self) -> int:
        return self.section.line

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    def text_blocks(self) -> list[Block]:
        """Paragraphs and list items of this node and its parts, in reading order."""
        out = [b for b in self.blocks if b.kind in ("paragraph", "item", "term", "table")]
        for child in self.children:
            if child.shape == "part":
                out.extend(child.text_blocks())
        return out


def build(article: Article) -> Node:
    """The article as a tree under a root node (level 0), with shapes and roles assigned."""
    sections = list(article.sections)
    levels = guess_levels(sections) if article.reader != "markdown" else [s.level for s in sections]
    root = Node(Section("", 0, 1, ()), "", 0)
    stack = [root]
    levels = _nest_under_empty_roles(sections, levels)
    for section, level in zip(sections, levels):
        node = Node(section, clean_heading(section.title), level if section.title else 0)
        if not section.title and node.level == 0 and stack[-1] is root and not root.children:
            root.section = section  # the preamble belongs to the root
            continue
        while len(stack) > 1 and stack[-1].level >= max(node.level, 1):
            stack.pop()
        node.parent = stack[-1]
        stack[-1].children.append(node)
        stack.append(node)
    _assign(root, None, "plain")
    return root


def _nest_under_empty_roles(sections: list[Section], levels: list[int]) -> list[int]:
    """"## Key concepts" with no text, then "## 🔑 1. Principal", "## 🔑 2. …" at its own level:
    the numbered headings are its items, one level under it."""
    out = list(levels)
    for index, section in enumerate(sections):
        if section.blocks or not section.title or heading_role(section.title) in (None, "none"):
            continue
        level = out[index]
        for later in range(index + 1, len(sections)):
            if out[later] != level or not is_numbered(sections[later].title):
                break
            out[later] = level + 1
    return out


def _assign(node: Node, role: Role | None, parent_shape: Shape) -> None:
    """Give ``node``'s children their shape and role (``role`` is the one ``node`` works in)."""
    _find_lead_ins(node)
    if node.level == 1 and node.shape == "role" and _below_names_a_role(node):
        # a title naming a kind ("5 Protein Myths …") over sections that name their own: the
        # title announces the topic, the sections say where the items are
        node.shape, node.role, role = "plain", None, None
    inherited = node.lead_in[0] if node.lead_in and node.role is None else role
    inventory = _is_inventory(node)
    last_numbered = _end_of_numbered_run(node, inventory)
    for index, child in enumerate(node.children):
        shape: Shape
        child_role: Role | None
        if index > last_numbered:
            shape, child_role = "plain", None  # "A quick note on history" after "06. Rebalancing"
        else:
            shape, child_role = _shape(child, inherited, node.shape, inventory)
        child.shape, child.role = shape, child_role
        _assign(child, child_role, shape)


def _shape(node: Node, role: Role | None, parent_shape: Shape,
           inventory: bool) -> tuple[Shape, Role | None]:
    title = node.section.title
    labelled = item_heading(title)
    if labelled is not None:
        kind = ITEM_KINDS.get(labelled[0])
        node.label = labelled[0]
        if kind is not None or role is not None:
            return "item", kind or role  # type: ignore[return-value]
    own = heading_role(title)
    if parent_shape in ("item", "part"):
        if own is not None and own != role and not is_part_label(title):
            return "role", own  # "Misconception:" under a term: mistakes of their own
        return "part", role
    if own is not None and not (role is not None and is_part_label(title)):
        return "role", own
    if role is None:
        if inventory:
            return "item", "definitions"
        return "plain", None
    if role == "none":
        return "part", "none"
    if CLOSERS.match(heading_key(title)):
        return "plain", None
    if _groups_items(node, role):
        return "group", role
    return "item", role


def _below_names_a_role(node: Node) -> bool:
    """Some heading under ``node``, at any depth, names a role of its own."""
    return any(heading_role(c.section.title) or _below_names_a_role(c) for c in node.children)


def _end_of_numbered_run(node: Node, inventory: bool) -> int:
    """The index of the last child in a run of numbered items ("01. Index fund" …
    "06. Rebalancing") under a role or inventory heading: an unnumbered heading after the run is
    no item of it but the article moving on. Without such a run, the last child's index."""
    children = node.children
    if node.shape == "role" or inventory:
        run = 0
        for index, child in enumerate(children):
            if is_numbered(child.section.title):
                run += 1
            elif run >= MIN_INVENTORY:
                return index - 1
            else:
                run = 0
    return len(children) - 1


def _groups_items(node: Node, role: Role) -> bool:
    """A heading inside a role section whose text is a list of items, not one item."""
    if role == "qa" and node.section.title.rstrip().endswith("?"):
        return False
    first = next((b for b in node.blocks if b.kind in ("paragraph", "item", "table", "term")), None)
    if first is None:
        return bool(node.children) and not node.section.title.rstrip().endswith("?")
    if first.kind in ("table", "term"):
        return True
    items = [b for b in node.blocks if b.kind == "item" and b.depth == 0]
    if first.kind != "item":
        return False
    if role != "mistakes":
        return True  # "### Saving" over its own bullets, inside "Key takeaways"
    return len(items) >= 2 and all(_labelled(b) for b in items)


def _labelled(block: Block) -> bool:
    return bool(block.strong) and block.text.startswith(block.strong[0]) or ":" in block.text[:60]


def _is_inventory(node: Node) -> bool:
    """A heading naming a set of concepts ("Mental Model Inventory") over three or more numbered
    sub-headings, each with its own text: the sub-headings are the concepts."""
    if not _CONCEPT_CLASS.search(heading_key(node.section.title or "")):
        return False
    run = longest = 0
    for child in node.children:
        counted = bool(_NUMBERED_TITLE.match(child.section.title)) and any(
            b.kind == "paragraph" for b in child.blocks)
        run = run + 1 if counted else 0
        longest = max(longest, run)
    return longest >= MIN_INVENTORY


def _find_lead_ins(node: Node) -> None:
    """Lead-in sentences among ``node``'s blocks: the list after one takes its role; one that
    ends the node's text passes its role to the headings under it."""
    blocks = node.blocks
    for index, block in enumerate(blocks):
        role = _lead_in(block)
        if role is None:
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if following is None:
            if node.children:
                node.lead_in = (role, block.line)
        elif following.kind == "item":
            node.scopes.append(ListScope(role, _list_after(blocks, index + 1), block.line))
    for index, block in enumerate(blocks):  # "- KEY POINTS" heading the bullets after it
        if block.kind == "item" and _is_label_item(block):
            role = heading_role(block.text.strip().rstrip(":"))
            assert role is not None
            members = _label_members(blocks, index)
            if members:
                node.scopes.append(ListScope(role, (block, *members), block.line))


def _label_members(blocks: tuple[Block, ...], index: int) -> tuple[Block, ...]:
    """The items a label item heads: its sub-list, else the items after it in its own list."""
    label = blocks[index]
    nested = []
    for block in blocks[index + 1 :]:
        if block.kind != "item" or block.depth <= label.depth:
            break
        nested.append(block)
    if nested:
        return tuple(nested)
    flat = []
    for block in blocks[index + 1 :]:
        if (block.kind != "item" or block.depth != label.depth or block.list_id != label.list_id
                or _is_label_item(block)):
            break
        flat.append(block)
    return tuple(flat)


_POINTERS = ("below", "following", "these", "here", "as follows")


def _lead_in(block: Block) -> Role | None:
    if block.kind != "paragraph":
        return None
    text = block.text.rstrip()
    # the cheap test first: a lead-in ends in ':' or '…', or points at its end or at the start
    # of its last sentence (LEAD_IN_END)
    if not text.endswith((":", "...", "…")):
        last = text[text.rfind(". ") + 2:].lower()
        if not (any(p in text[-24:].lower() for p in _POINTERS) or last.startswith(_POINTERS)
                or last.startswith("the following")):
            return None
    parts = sentences(text)
    return lead_in_role(parts[-1]) if parts else None


def _is_label_item(block: Block) -> bool:
    text = block.text.strip().rstrip(":")
    return (0 < len(text.split()) <= MAX_LABEL_WORDS and heading_role(text) not in (None, "none")
            and not text.endswith((".", "?", "!")))


def _list_after(blocks: tuple[Block, ...], start: int) -> tuple[Block, ...]:
    """The list items from ``start`` up to the next block that is not an item of the same list."""
    if start >= len(blocks) or blocks[start].kind != "item":
        return ()
    list_id = blocks[start].list_id
    out = []
    for block in blocks[start:]:
        if block.kind != "item" or block.list_id != list_id:
            break
        out.append(block)
    return tuple(out)


def scoped_lines(root: Node) -> set[int]:
    """Lines of the list items some lead-in gave a role."""
    return {b.line for node in root.walk() for scope in node.scopes for b in scope.blocks}


__all__ = ["ListScope", "Node", "Shape", "build", "scoped_lines"]
