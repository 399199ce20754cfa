"""Floor B: the cost of writing the same number of notes with plain genanki, no parsing.

    python bench/floor_genanki.py OUT_DIR --notes N [--series 10] [--chars 600]

One Basic model, one deck (and one .apkg via ``write_to_file``) per series, N notes spread
evenly over them, each with Front and Back fields that together hold about ``--chars``
characters (run.py passes the mean field length of the notes levcards wrote).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import genanki

MODEL = genanki.Model(
    1_607_392_319, "bench Basic",
    fields=[{"name": "Front"}, {"name": "Back"}],
    templates=[{"name": "Card 1", "qfmt": "{{Front}}",
                "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"}],
)
WORDS = ("budget", "habit", "recall", "margin", "review", "buffer", "streak", "ledger", "model",
         "interval", "reserve", "practice")


def text(n: int, chars: int) -> str:
    """Plain words with the note number in them, about ``chars`` long."""
    out: list[str] = [f"note {n}"]
    size = len(out[0])
    i = n
    while size < chars:
        word = WORDS[i % len(WORDS)]
        out.append(word)
        size += len(word) + 1
        i += 7
    return " ".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--notes", type=int, required=True)
    parser.add_argument("--series", type=int, default=10)
    parser.add_argument("--chars", type=int, default=600, help="characters per note, all fields")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    front, back = args.chars // 3, args.chars - args.chars // 3
    written = 0
    for s in range(args.series):
        deck = genanki.Deck(2_059_400_110 + s, f"bench series {s}")
        for n in range(s, args.notes, args.series):
            deck.add_note(genanki.Note(model=MODEL, fields=[text(n, front), text(n + 1, back)],
                                       guid=genanki.guid_for("bench", n)))
            written += 1
        genanki.Package(deck).write_to_file(str(args.out / f"series-{s}.apkg"))
    print(json.dumps({"notes": written, "decks": args.series}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
