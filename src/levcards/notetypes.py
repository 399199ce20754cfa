"""levcards' two note types (Basic with an optional reverse card, and Cloze) as genanki Models.

IDs are fixed: Anki matches note types by ID, so changing one would fork every learner's notes
into a copy. Changing the field or template lists needs a new note type (see tests).
"""

from __future__ import annotations

import functools
import hashlib
import json
import zlib
from pathlib import Path

import genanki

BASIC_ID = 1_607_392_319
CLOZE_ID = 1_607_392_320
BASIC_FIELDS = ("Front", "Back", "Reverse", "Article", "Series", "Source")
CLOZE_FIELDS = ("Text", "Extra", "Article", "Series", "Source")
CSS = (Path(__file__).with_name("cards.css")).read_text(encoding="utf-8")

# Every front names its topic on a small muted line (the article's title); the back repeats the
# front muted, then the answer, then a footer with the article (linked to its page when the
# source has an absolute URL) and the series. The Source field (path and line, for authors) is
# kept in the note and never shown: learners have no use for file paths.
_CONTEXT = '<div class="lc-context">{{Article}}</div>'
_FOOTER = '<div class="lc-source">{{Article}}{{#Series}} · {{Series}}{{/Series}}</div>'
BASIC_TEMPLATES = (
    {
        "name": "Forward",
        "qfmt": '<div class="lc-col">' + _CONTEXT + '<div class="lc-front">{{Front}}</div></div>',
        "afmt": '<div class="lc-answer-side">{{FrontSide}}</div><div class="lc-col">'
                '<hr id="answer"><div class="lc-back">{{Back}}</div>' + _FOOTER + '</div>',
    },
    {
        # Reverse holds the term, set only when the definition can be asked back fairly
        "name": "Reverse",
        # only when neither the definition nor the article's title gives the term away
        "qfmt": '{{#Reverse}}<div class="lc-col">' + _CONTEXT
                + '<div class="lc-ask">Which term is this?</div>'
                '<div class="lc-front">{{Back}}</div></div>{{/Reverse}}',
        "afmt": '<div class="lc-answer-side">{{FrontSide}}</div><div class="lc-col">'
                '<hr id="answer"><div class="lc-back">{{Reverse}}</div>' + _FOOTER + '</div>',
    },
)
CLOZE_TEMPLATES = (
    {
        "name": "Cloze",
        "qfmt": '<div class="lc-col">' + _CONTEXT + '<div class="lc-text">{{cloze:Text}}</div></div>',
        "afmt": '<div class="lc-col lc-answer-side">' + _CONTEXT
                + '<div class="lc-text">{{cloze:Text}}</div>'
                '{{#Extra}}<div class="lc-extra">{{Extra}}</div>{{/Extra}}' + _FOOTER + '</div>',
    },
)


def _ids(series_slug: str | None) -> tuple[int, int, str]:
    """Shared IDs, or per-series IDs when a series brings its own CSS."""
    if not series_slug:
        return BASIC_ID, CLOZE_ID, ""
    offset = zlib.crc32(series_slug.encode()) % 1_000_000 * 10
    return BASIC_ID + 1_000_000_000 + offset, CLOZE_ID + 1_000_000_000 + offset, f" ({series_slug})"


@functools.lru_cache(maxsize=64)
def models(extra_css: str = "", series_slug: str | None = None) -> dict[str, genanki.Model]:
    """The Basic and Cloze models; ``series_slug`` gives a series its own copies for its CSS."""
    basic_id, cloze_id, suffix = _ids(series_slug)
    css = CSS + ("\n/* levcards.toml [style] css */\n" + extra_css if extra_css else "")
    return {
        "basic": genanki.Model(
            basic_id, f"levcards Basic{suffix}", fields=[{"name": f} for f in BASIC_FIELDS],
            templates=[dict(t) for t in BASIC_TEMPLATES], css=css),
        "cloze": genanki.Model(
            cloze_id, f"levcards Cloze{suffix}", fields=[{"name": f} for f in CLOZE_FIELDS],
            templates=[dict(t) for t in CLOZE_TEMPLATES], css=css,
            model_type=genanki.Model.CLOZE),
    }


def schema(model: genanki.Model) -> tuple[int, tuple[str, ...], tuple[str, ...]]:
    """(ID, field names, template names): what must never change under the same ID."""
    return (model.model_id, tuple(f["name"] for f in model.fields),
            tuple(t["name"] for t in model.templates))


_OWN_KEYS = ("name", "qfmt", "afmt")
"""The keys levcards gives fields and templates; genanki adds its defaults ("ord", "font", …)
to the same dicts when it first writes a package, which must not change the hash."""


def version_hash(model: genanki.Model) -> str:
    """Changes when anything a learner would see changes: templates, CSS, fields, name."""
    fields = [{k: f[k] for k in _OWN_KEYS if k in f} for f in model.fields]
    templates = [{k: t[k] for k in _OWN_KEYS if k in t} for t in model.templates]
    data = json.dumps([model.name, fields, templates, model.css, model.model_type],
                      sort_keys=True, default=str)
    return hashlib.sha256(data.encode()).hexdigest()[:16]
