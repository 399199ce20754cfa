"""One source text through every stage (read, extract, cards, package, Anki import): the
property the hypothesis test and tools/fuzz.py both check."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from anki.collection import Collection

from ankitools import import_apkg, live_markup
from levcards.cards import NoteContext, make_notes
from levcards.extract import extract
from levcards.package import DeckSpec, write_apkg
from levcards.readers import read_article


def package_text(data: bytes, folder: Path) -> Path | None:
    """The article's package, or None when it has no notes; bad input raises LevcardsError."""
    source = folder / "fuzz.md"
    source.write_bytes(data)
    article = read_article(source, "fuzz.md")
    notes = make_notes(NoteContext(article, "fuzz", "fuzz", "Fuzz"), extract(article))
    if not notes:
        return None
    stamped = [replace(n, note_id=1_000_000 + i, mod=1_700_000_000) for i, n in enumerate(notes)]
    return write_apkg(DeckSpec(1 << 30, "Fuzz", ""), stamped, folder / "fuzz.apkg", {})


def assert_imports_cleanly(package: Path, folder: Path) -> int:
    """Import into a fresh collection; every card renders, nothing live, clozes are ours."""
    col = Collection(str(folder / "check.anki2"))
    try:
        log = import_apkg(col, package)
        assert not log.conflicting and not log.duplicate
        assert col.note_count() == len(log.new)
        for cid in col.find_cards(""):
            card = col.get_card(cid)
            question, answer = card.question(), card.answer()
            for html in (question, answer):
                body = re.sub(r"<style>.*?</style>", "", html, count=1, flags=re.DOTALL)
                assert live_markup(body) == [], body
            assert re.sub(r"<[^>]+>|\s", "", re.sub(r"<style>.*?</style>", "", question, flags=re.DOTALL))
        return col.card_count()
    finally:
        col.close()
