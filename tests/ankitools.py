"""Helpers for reading built decks back with the official anki package."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

_STYLE = re.compile(r"<style>.*?</style>", re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")


def import_apkg(col: Collection, path: Path):  # type: ignore[no-untyped-def]
    """Import with Anki's default options (update notes and note types only if newer)."""
    request = ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions())
    log = col.import_anki_package(request).log
    col.models._clear_cache()  # the Python side caches note types; the import changed them
    return log


def review_all(col: Collection, ease: int = 4) -> int:
    """Answer every due card once so each has review history; how many cards have it.
    ``ease`` 4 ("easy") graduates a card at once, so it is not shown again."""
    for deck in col.decks.all_names_and_ids():
        col.decks.select(deck.id)
        for _ in range(col.card_count()):
            card = col.sched.getCard()
            if card is None:
                break
            col.sched.answerCard(card, ease)
    return sum(1 for cid in col.find_cards("") if col.get_card(cid).reps > 0)


def visible_text(html: str) -> str:
    """What a learner sees: the HTML without the style sheet and tags."""
    return " ".join(_TAGS.sub(" ", _STYLE.sub("", html)).split())


@dataclass(frozen=True)
class NoteRow:
    guid: str
    notetype: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    mod: int


def notes(col: Collection) -> list[NoteRow]:
    rows = []
    for nid in col.find_notes(""):
        note = col.get_note(nid)
        rows.append(NoteRow(note.guid, note.note_type()["name"], tuple(note.fields),
                            tuple(sorted(note.tags)), note.mod))
    return sorted(rows, key=lambda r: r.guid)


class _Scanner(HTMLParser):
    """Collects what a browser would treat as markup: element names and attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(k, v or "") for k, v in attrs]


_DANGEROUS_TAGS = {"script", "iframe", "style", "img", "object", "embed", "link", "meta", "frame",
                   "audio", "video", "source", "form", "input", "svg", "math", "base"}


def live_markup(html: str) -> list[str]:
    """Every dangerous element or attribute in ``html`` (empty when the field is inert)."""
    scanner = _Scanner()
    scanner.feed(html)
    found = [f"<{t}>" for t in scanner.tags if t in _DANGEROUS_TAGS]
    for name, value in scanner.attrs:
        if name.startswith("on") or re.match(r"\s*(javascript|data|vbscript):", value, re.I) or \
                (name in ("src", "href", "action") and value):
            found.append(f"{name}={value!r}")
    return found
