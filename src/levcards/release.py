"""Release artefacts beside the decks: a Markdown changelog and a manifest with checksums.

Only ``levcards release`` writes them. The changelog compares the notes with the previous
release's manifest in the same folder (each file there lists its notes' GUIDs and content
hashes), so a release says what changed since the last one a learner may have imported, and
the builds between two releases never touch it.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .atomic import write_text

if TYPE_CHECKING:
    from .ledger import Ledger
    from .pipeline import Report

CHANGELOG_NAME = "CHANGELOG.md"
MANIFEST_NAME = "manifest.json"


def changelog(report: Report, ledger: Ledger, version: str, previous: dict | None) -> str:
    """What changed in each package since the ``previous`` manifest (every note is new
    without one)."""
    since = previous.get("version") if previous else None
    summary: list[str] = []
    lines = [f"# levcards release {md_text(version)}", "",
             f"Changes since {md_text(str(since))}." if since else
             "First release: every note is new.", ""]
    if report.changes is not None and report.changes.notetypes:
        lines += [f"Note types with new templates or CSS: "
                  f"{', '.join(map(md_text, report.changes.notetypes))}.", ""]
    before = {f.get("file"): f.get("note_hashes", {}) for f in (previous or {}).get("files", [])
              if isinstance(f, dict)}
    for series in report.series:
        if series.output is None:
            continue
        entries = ledger.series(series.slug)
        now = {g: e.hash for g, e in entries.items() if not e.retired}
        then = before.get(series.output.name, {})
        groups = (("Added", [g for g in now if g not in then]),
                  ("Updated", [g for g in now if g in then and then[g] != now[g]]),
                  ("Retired", [g for g in then if g not in now]))
        counts = ", ".join(f"{len(guids)} {label.lower()}" for label, guids in groups)
        lines += [f"## {md_text(series.deck_name)}", "", f"{counts}.", ""]
        summary.append(f"{series.deck_name} " + " ".join(
            f"{mark}{len(guids)}" for mark, (_, guids) in zip("+~-", groups)))
        sc = report.changes.series.get(series.slug) if report.changes else None
        if sc and sc.renamed_from:
            lines += [f"- Deck renamed from **{md_text(sc.renamed_from)}**: Anki does not move "
                      "cards to a renamed deck; learners can move them by hand or delete the old "
                      "deck.", ""]
        for label, guids in groups:
            if guids:
                lines.append(f"### {label}")
                lines += [f"- {md_text(entries[g].key if g in entries else g)} ({code_span(g)})"
                          for g in guids]
                lines.append("")
        if groups[2][1]:
            lines += ["Retired notes are tagged `levcards::retired`: search `tag:levcards::retired` "
                      "in Anki's browser to find and delete them.", ""]
    report.release_summary = (f"release {version}: "
                              + (f"since {since}" if since else "first release, every note new")
                              + (f"; {', '.join(summary)}" if summary else "") + f" ({CHANGELOG_NAME})")
    return "\n".join(lines)


def code_span(text: str) -> str:
    """``text`` as a Markdown code span, whatever backticks it holds (a GUID may)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def md_text(text: str) -> str:
    """``text`` with the characters Markdown would read as markup escaped."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def manifest(report: Report, ledger: Ledger, version: str) -> dict[str, object]:
    files = []
    for series in report.series:
        if series.output is None:
            continue
        files.append({
            "file": series.output.name,
            "series": series.deck_name,
            "sha256": hashlib.sha256(series.output.read_bytes()).hexdigest(),
            "notes": series.note_count,
            "cards": series.card_count,
            "note_hashes": {g: e.hash for g, e in sorted(ledger.series(series.slug).items())
                            if not e.retired},
        })
    return {"version": version, "generator": f"levcards {__version__}", "files": files}


def previous_manifest(out: Path) -> dict | None:
    """The manifest of the release last written to ``out``, if there is a readable one."""
    try:
        data = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_release_files(report: Report, ledger: Ledger, out: Path, version: str) -> list[Path]:
    """The changelog and the manifest of a release; nothing for a plain build."""
    if not version:
        return []
    previous = previous_manifest(out)
    write_text(out / CHANGELOG_NAME, changelog(report, ledger, version, previous))
    write_text(out / MANIFEST_NAME, json.dumps(manifest(report, ledger, version), indent=2,
                                               sort_keys=True) + "\n")
    return [out / CHANGELOG_NAME, out / MANIFEST_NAME]
