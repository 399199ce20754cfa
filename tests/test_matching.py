"""Note IDs set aside by ``reserve`` are the ones ``assign`` would hand out in series order."""

from __future__ import annotations

from levcards.ledger import Entry, Ledger
from levcards.matching import assign, reserve
from levcards.model import NoteSpec, SourceRef

NOW = 1_700_000_000
WORDS = ["apple", "birch", "cedar", "dune", "ember", "fjord", "grove", "heath"]
"""One word a note, so no two notes are similar enough to match each other."""


def _note(series: str, n: int, answer: str = "") -> NoteSpec:
    word = WORDS[n]
    return NoteSpec("basic", (word.title(), answer or f"{word}s explained", "y", "T", series,
                              f"{series}/a.md:{n}"), ("levcards",), f"guid-{series}-{n}",
                    "definition", SourceRef(f"{series}/a.md", n), 2, word, f"{series}/a", series)


def _old(series: str, numbers: range, first_id: int) -> dict[str, Entry]:
    """A ledger block from an earlier build of ``numbers``' notes."""
    return {f"guid-{series}-{n}": Entry(series, f"{series}/a", "definition", WORDS[n], "basic",
                                        [WORDS[n].title(), f"{WORDS[n]}s explained", "y", "T",
                                         series, f"{series}/a.md:{n}"], ["levcards"], 2,
                                        "old-hash", NOW - 100, first_id + i, f"{series}/a:{n}", i)
            for i, n in enumerate(numbers)}


def _series() -> dict[str, tuple[list[NoteSpec], dict[str, Entry]]]:
    """Three series: new notes among kept, edited and vanished ones; one with no ledger block."""
    return {
        "alpha": ([_note("alpha", n) for n in range(6)], _old("alpha", range(2, 8), 500)),
        "beta": ([_note("beta", n, "edited") for n in range(4)], _old("beta", range(3), 600)),
        "gamma": ([_note("gamma", n) for n in range(5)], {}),
    }


def _assigned(order: list[str], reserved: bool) -> dict[str, tuple[list[NoteSpec], dict[str, Entry]]]:
    series = _series()
    ledger = Ledger(next_note_id=700)
    out = {}
    if not reserved:
        for slug in order:
            notes, old = series[slug]
            shipped, entries, _ = assign(notes, old, ledger, slug, NOW, set())
            out[slug] = (shipped, entries)
        return out
    found, first = {}, {}
    for slug in sorted(series):  # series order: the IDs are set aside in it
        first[slug] = Ledger(next_note_id=ledger.next_note_id)
        found[slug] = reserve(series[slug][0], series[slug][1], ledger, NOW)
    for slug in order:  # then any order at all
        notes, old = series[slug]
        shipped, entries, _ = assign(notes, old, first[slug], slug, NOW, set(), found=found[slug])
        out[slug] = (shipped, entries)
    return {slug: out[slug] for slug in sorted(out)}


def test_reserved_ids_are_those_assign_hands_out_in_series_order() -> None:
    in_order = _assigned(["alpha", "beta", "gamma"], reserved=False)
    ids = [n.note_id for shipped, _ in in_order.values() for n in shipped]
    assert len(set(ids)) == len(ids)
    # alpha gains two notes, beta one, gamma five: IDs count on from the build's time
    assert {n.note_id for n in in_order["gamma"][0]} == set(range(NOW * 1000 + 3, NOW * 1000 + 8))
    assert _assigned(["gamma", "alpha", "beta"], reserved=True) == in_order
    assert _assigned(["beta", "gamma", "alpha"], reserved=True) == in_order
