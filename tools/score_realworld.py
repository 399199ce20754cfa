#!/usr/bin/env python3
"""Score `levcards extract` on ../shared/eval/realworld: the whole set, or its odd or even half.

    python tools/score_realworld.py [all|odd|even] [--verbose]

The odd half (t01, t03, ..., m01, m03, ...) is the one rules are tuned on; the even half is
looked at only to report an honest figure. The articles stay in ../shared: this links the
chosen half's gold files and articles into a throw-away folder and runs the shared scorer.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT.parent / "shared" / "eval" / "realworld"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def in_half(stem: str, half: str) -> bool:
    number = int(stem[1:3])
    return half == "all" or (number % 2 == 1) == (half == "odd")


def main(argv: list[str]) -> int:
    half = next((a for a in argv if a in ("all", "odd", "even")), "all")
    extra = [a for a in argv if a.startswith("--")]
    with tempfile.TemporaryDirectory() as tmp:
        gold, articles = Path(tmp, "gold"), Path(tmp, "articles")
        gold.mkdir()
        articles.mkdir()
        for path in sorted((SET / "gold").glob("*.json")):
            if in_half(path.stem, half):
                (gold / path.name).symlink_to(path)
                article = next((SET / "articles").glob(f"{path.stem}.*"))
                (articles / article.name).symlink_to(article)
        levcards = [sys.executable, "-m", "levcards", "extract", "--format", "json"]
        return subprocess.call([sys.executable, str(SCORER), "--gold", str(gold),
                                "--articles", str(articles), *extra, "--", *levcards])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
