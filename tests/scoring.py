"""Score extracted items against the dev set's gold files (precision, recall, F1 per kind).

An extracted item matches a gold item when the words of each compared field overlap enough
(a Dice coefficient over lower-cased content words); each gold item matches at most once, best
pairs first. Gold items marked ``optional`` count neither as hits nor as misses.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from levcards.extract import extract
from levcards.readers import read_article
from levcards.report import item_dict

# gold list -> (item kind, [(field, minimum overlap)])
KINDS = {
    "definitions": ("definition", [("term", 0.6), ("definition", 0.5)]),
    "qa": ("qa", [("question", 0.6), ("answer", 0.4)]),
    "takeaways": ("takeaway", [("text", 0.6)]),
    "mistakes": ("mistake", [("title", 0.6)]),
}
_IGNORED = frozenset("a an the of to and or is it in that as be by".split())


def bag(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9']+", text.lower()) if w not in _IGNORED]


def overlap(a: str, b: str) -> float:
    wa, wb = bag(a), bag(b)
    if not wa or not wb:
        return 0.0
    pool = list(wb)
    shared = 0
    for word in wa:
        if word in pool:
            pool.remove(word)
            shared += 1
    return 2 * shared / (len(wa) + len(wb))


def pair_score(found: dict, gold: dict, fields: list[tuple[str, float]]) -> float:
    scores = []
    for name, minimum in fields:
        if not str(gold.get(name) or "").strip():
            continue
        score = overlap(str(found.get(name) or ""), str(gold[name]))
        if name == "term" and score < 0.8:
            fw, gw = set(bag(str(found.get(name) or ""))), set(bag(gold[name]))
            if fw and gw and (fw <= gw or gw <= fw):
                score = 0.8  # the same term with or without a qualifier
        if score < minimum:
            return 0.0
        scores.append(score)
    return sum(scores) / len(scores) if scores else 0.0


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_kind(found: list[dict], gold: list[dict], fields: list[tuple[str, float]],
               tally: Tally, misses: list[str]) -> None:
    candidates = sorted(((pair_score(f, g, fields), i, j) for i, f in enumerate(found)
                         for j, g in enumerate(gold)), reverse=True)
    used_found: set[int] = set()
    used_gold: set[int] = set()
    for score, i, j in candidates:
        if score > 0 and i not in used_found and j not in used_gold:
            used_found.add(i)
            used_gold.add(j)
    tally.tp += sum(1 for j in used_gold if not gold[j].get("optional"))
    tally.fp += len(found) - len(used_found)
    tally.fn += sum(1 for j, g in enumerate(gold) if j not in used_gold and not g.get("optional"))
    misses += [f"missed {g}" for j, g in enumerate(gold) if j not in used_gold and not g.get("optional")]
    misses += [f"extra {f}" for i, f in enumerate(found) if i not in used_found]


def score_folder(folder: Path) -> tuple[dict[str, Tally], list[str]]:
    """Tallies per gold list name plus 'overall', and a list of misses for debugging."""
    tallies = {name: Tally() for name in KINDS}
    notes: list[str] = []
    for gold_file in sorted((folder / "gold").glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        (article_path,) = [p for p in (folder / "articles").iterdir() if p.stem == gold_file.stem]
        items = [item_dict(i) for i in extract(read_article(article_path))]
        for name, (kind, fields) in KINDS.items():
            found = [i for i in items if i["kind"] == kind]
            misses: list[str] = []
            # GOLD.md allows a takeaway as a bare string
            golds = [g if isinstance(g, dict) else {fields[0][0]: g} for g in gold.get(name, [])]
            score_kind(found, golds, fields, tallies[name], misses)
            notes += [f"{gold_file.stem}: {m}" for m in misses]
    overall = Tally(*(sum(getattr(t, k) for t in tallies.values()) for k in ("tp", "fp", "fn")))
    tallies["overall"] = overall
    return tallies, notes


if __name__ == "__main__":
    import sys

    folders = [a for a in sys.argv[1:] if not a.startswith("-")]
    tallies, notes = score_folder(Path(folders[0]) if folders else Path(__file__).parent / "devset")
    if "-v" in sys.argv:
        print("\n".join(notes))
    print(f"{'kind':<12}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}")
    for name, t in tallies.items():
        print(f"{name:<12}{t.tp:>5}{t.fp:>5}{t.fn:>5}{t.precision:>8.3f}{t.recall:>8.3f}{t.f1:>8.3f}")
