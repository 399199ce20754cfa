"""The benchmark's helper scripts run on a small tree and leave its sources as they found them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_parser_share_measures_a_build_and_leaves_the_source_alone(seed_decks: Path) -> None:
    (seed_decks / "levcards.lock").unlink()  # a build in place would write a new one
    sources = {p: p.read_bytes() for p in seed_decks.rglob("*") if p.is_file()}
    done = subprocess.run([sys.executable, str(REPO / "bench" / "parser_share.py"), str(seed_decks)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["markdown_files"] >= 1  # the seeds hold Markdown, sniffed whatever the ending
    assert 0 < found["markdown_it_py_cpu_s"] <= found["build_cpu_s"]
    assert found["markdown_it_py_block_ms_per_file"] > 0
    assert {p: p.read_bytes() for p in seed_decks.rglob("*") if p.is_file()} == sources
