"""Release artefacts beside the decks: a Markdown changelog and a manifest with checksums."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .atomic import write_text

if TYPE_CHECKING:
    from .pipeline import Report

CHANGELOG_NAME = "CHANGELOG.md"
MANIFEST_NAME = "manifest.json"


def changelog(report: Report, version: str = "") -> str:
    """What Anki will do with each package compared with the previous release."""
    lines = [f"# levcards release {version}".rstrip(), ""]
    if report.changes is None:
        return "\n".join(lines + ["No decks were built.", ""])
    if report.changes.notetypes:
        lines += [f"Note types with new templates or CSS: {', '.join(report.changes.notetypes)}.", ""]
    for series in report.series:
        sc = report.changes.series.get(series.slug)
        if sc is None:
            continue
        counts = sc.counts()
        lines += [f"## {series.deck_name}", "",
                  ", ".join(f"{n} {label}" for label, n in counts.items()) + ".", ""]
        if sc.renamed_from:
            lines += [f"- Deck renamed from **{sc.renamed_from}**: Anki does not move cards to a "
                      "renamed deck; learners can move them by hand or delete the old deck.", ""]
        keys = sc.keys
        for label, guids in (("Added", sc.added), ("Updated", sc.updated), ("Retired", sc.retired),
                             ("Carried over (article failed to read)", sc.carried)):
            if guids:
                lines.append(f"### {label}")
                lines += [f"- {keys.get(g, g)} (`{g}`)" for g in guids]
                lines.append("")
        if sc.retired:
            lines += ["Retired notes are tagged `levcards::retired`: search `tag:levcards::retired` "
                      "in Anki's browser to find and delete them.", ""]
    return "\n".join(lines)


def manifest(report: Report, version: str) -> dict[str, object]:
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
        })
    return {"version": version, "generator": f"levcards {__version__}", "files": files}


def write_release_files(report: Report, out: Path, version: str) -> list[Path]:
    """The changelog always; the manifest when this is a release (a version is given)."""
    write_text(out / CHANGELOG_NAME, changelog(report, version))
    if not version:
        return [out / CHANGELOG_NAME]
    write_text(out / MANIFEST_NAME, json.dumps(manifest(report, version), indent=2, sort_keys=True) + "\n")
    return [out / CHANGELOG_NAME, out / MANIFEST_NAME]
