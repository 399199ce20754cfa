"""Author controls that never touch the article: a sidecar ``<article stem>.levcards.toml``.

    skip = ["qa: What is leverage?", "definition: Code"]   # "kind: key" of items to leave out

    [[fix]]                                  # correct the text of one item
    kind = "definition"
    key = "Capital leverage"                 # the term / question / text / title as extracted
    definition = "using money to produce more money or output."

    [[card]]                                 # a hand-written Q&A card
    question = "Who pays for leverage that fails?"
    answer = "Whoever owns the downside."

    [[card]]                                 # a hand-written cloze: `hide` must occur in `text`
    text = "Leverage amplifies mistakes as readily as results."
    hide = "mistakes"
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import Problems, SourceError
from .extract.text import norm
from .model import TEXT_FIELDS, Item, QAPair, SourceRef, Takeaway

SUFFIX = ".levcards.toml"
@dataclass
class Overrides:
    path: str
    skip: list[str] = field(default_factory=list)
    fixes: list[dict[str, str]] = field(default_factory=list)
    cards: list[dict[str, str]] = field(default_factory=list)


def sidecar_for(article: Path) -> Path:
    return Path(sidecar_name(str(article)))


def sidecar_name(article: str) -> str:
    """``sidecar_for`` on a path string."""
    folder, name = os.path.split(article)
    return os.path.join(folder, name.split(".")[0] + SUFFIX)


def read_sidecar(article: str) -> bytes | None:
    """The bytes of the article's sidecar, None when it has none; raises OSError if unreadable."""
    path = sidecar_name(article)
    if not os.path.isfile(path):
        return None
    with open(path, "rb") as handle:
        return handle.read()


def parse(shown: str, raw: bytes) -> Overrides:
    """The sidecar named ``shown``, from its bytes ``raw`` (the worker reads them once, for
    the article's content key and for this)."""
    try:
        data = tomllib.loads(raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise SourceError(shown, getattr(err, "lineno", None) or 1, f"cannot be used ({err})",
                          code="sidecar") from None
    unknown = sorted(set(data) - {"skip", "fix", "card"})
    if unknown:
        raise SourceError(shown, 1, f"unknown key {unknown[0]!r}; keys must be one of card, fix, skip",
                          code="sidecar")
    skip, fixes, cards = data.get("skip", []), data.get("fix", []), data.get("card", [])
    if not (isinstance(skip, list) and isinstance(fixes, list) and isinstance(cards, list)):
        raise SourceError(shown, 1, "'skip' must be a list of strings, [[fix]] and [[card]] tables",
                          code="sidecar")
    return Overrides(shown, [str(s) for s in skip], [dict(f) for f in fixes], [dict(c) for c in cards])


def apply(items: list[Item], overrides: Overrides, problems: Problems) -> list[Item]:
    """Items with skips left out, fixes applied and hand-written cards appended."""
    skip = {_skip_key(s) for s in overrides.skip}
    used: set[tuple[str, str]] = set()
    out: list[Item] = []
    for item in items:
        ident = (item.kind, norm(item.key))
        if ident in skip:
            used.add(ident)
            continue
        for fix in overrides.fixes:
            if (fix.get("kind"), norm(str(fix.get("key", "")))) == ident:
                changes = {k: str(v) for k, v in fix.items()
                           if k in TEXT_FIELDS[item.kind] and isinstance(getattr(item, k), str)}
                item = replace(item, **changes)  # type: ignore[arg-type]
        out.append(item)
    for kind, key in skip - used:
        problems.warning(overrides.path, 1, "override-unused", f"skip {kind}: {key!r} matches no "
                         "extracted item; check the spelling with 'levcards extract'")
    for n, card in enumerate(overrides.cards, 1):
        ref = SourceRef(overrides.path, 1)
        if card.get("question") and card.get("answer"):
            out.append(QAPair(str(card["question"]), str(card["answer"]), ref))
        elif card.get("text") and card.get("hide") and str(card["hide"]) in str(card["text"]):
            out.append(Takeaway(str(card["text"]), ref, str(card["hide"])))
        else:
            problems.warning(overrides.path, 1, "override-card", f"card {n} needs 'question' and "
                             "'answer', or 'text' and a 'hide' phrase that occurs in the text")
    return out


def _skip_key(entry: str) -> tuple[str, str]:
    kind, _, key = entry.partition(":")
    return kind.strip(), norm(key)
