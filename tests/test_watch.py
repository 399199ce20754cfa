"""`levcards watch` rebuilds a deck when its article changes and stops cleanly on Ctrl-C."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a real browser or a running process

ARTICLE = "# Rent or buy\n\n## Glossary\n\n- **Imputed rent:** the rent an owner saves by living in the home.\n"


def _wait_for(condition, seconds: float = 15.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_watch_rebuilds_the_changed_deck(tmp_path: Path) -> None:
    source = tmp_path / "src"
    (source / "housing").mkdir(parents=True)
    (source / "housing" / "rent.md").write_text(ARTICLE, encoding="utf-8")
    (source / "other").mkdir()
    (source / "other" / "note.md").write_text(
        "# Other\n\n## Glossary\n\n- **Float:** money in transit.\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "levcards", "watch", str(source), "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deck, other = out / "housing.apkg", out / "other.apkg"
        assert _wait_for(lambda: deck.exists() and other.exists()), "first build"
        before, other_before = deck.read_bytes(), other.stat().st_mtime_ns
        time.sleep(1.1)  # the new content's time must be a later second
        (source / "housing" / "rent.md").write_text(
            ARTICLE.replace("by living in the home", "by living in the home it owns"), encoding="utf-8")
        assert _wait_for(lambda: deck.read_bytes() != before), "deck rebuilt after the edit"
        time.sleep(0.5)
        assert other.stat().st_mtime_ns == other_before, "the unchanged series was not rewritten"
    finally:
        proc.send_signal(signal.SIGINT)
        output, errors = proc.communicate(timeout=15)
    assert proc.returncode == 0, errors
    lines = [line for line in output.splitlines() if line.startswith("rebuilt")]
    assert len(lines) >= 2 and "1 updated" in lines[-1], output
    assert "stopped watching" in output
    assert "Traceback" not in errors
