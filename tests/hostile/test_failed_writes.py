"""A failed or interrupted write never harms earlier outputs or the ledger."""

from __future__ import annotations

import errno
import os
import resource
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from levcards import package
from levcards.cli import app

runner = CliRunner()
REPO = Path(__file__).resolve().parents[2]


def _snapshot(*folders: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for f in folders for p in sorted(f.rglob("*")) if p.is_file()}


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    source = tmp_path / "decks"
    shutil.copytree(REPO / "decks", source)
    out = tmp_path / "dist"
    assert runner.invoke(app, ["build", str(source), "--out", str(out)]).exit_code == 0
    # a later edit to every deck's description, so the next build rewrites every package
    (source / "levcards.toml").write_text('description = "Edited later."\n', encoding="utf-8")
    os.utime(source / "levcards.toml", (2_000_000_000, 2_000_000_000))
    return source, out


@pytest.mark.parametrize("failure", [KeyboardInterrupt(), OSError(errno.ENOSPC, "No space left on device")])
def test_interrupted_write_keeps_earlier_outputs(built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
                                                 failure: BaseException) -> None:
    source, out = built
    before = _snapshot(out, source)
    calls = []
    real_zip = package._zip

    def failing_zip(collection: bytes, target: Path) -> None:
        calls.append(target)
        if len(calls) == 2:  # the second deck dies halfway through its zip
            target.write_bytes(b"PK half a zip")
            raise failure
        real_zip(collection, target)

    monkeypatch.setattr(package, "_zip", failing_zip)
    result = runner.invoke(app, ["build", str(source), "--out", str(out)])
    assert result.exit_code in (1, 130)
    assert "Traceback" not in result.output
    after = _snapshot(out, source)
    assert {k: v for k, v in after.items() if "levcards-cache" not in k and not k.endswith(".apkg")} == \
        {k: v for k, v in before.items() if "levcards-cache" not in k and not k.endswith(".apkg")}
    first = str(calls[0]).rsplit("/", 1)[-1]
    for name, data in before.items():
        if name.endswith(".apkg") and first.split(".")[1] not in name:
            assert after[name] == data, f"{name} changed"
    assert (source / "levcards.lock").read_bytes() == before[str(source / "levcards.lock")]
    assert not [p for p in out.iterdir() if p.name.startswith(".") and p.suffix == ".tmp"]


def test_output_folder_not_writable(built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    source, out = built
    before = _snapshot(out, source)

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(package.tempfile, "mkstemp", refuse)
    result = runner.invoke(app, ["build", str(source), "--out", str(out)])
    assert result.exit_code == 1
    assert "cannot write there" in result.output and "Permission denied" in result.output
    assert _snapshot(out, source) == before


def test_real_file_size_limit(built: tuple[Path, Path]) -> None:
    """One real build under `ulimit -f`: the deck that does not fit fails cleanly."""
    source, out = built
    before = _snapshot(out, source)
    sizes = sorted(p.stat().st_size for p in out.glob("*.apkg"))
    assert sizes[0] < sizes[-1] - 1000
    limit = (sizes[0] + sizes[-1]) // 2  # the smallest deck fits, the largest does not

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run([sys.executable, "-m", "levcards", "build", str(source), "--out", str(out)],
                            capture_output=True, text=True, preexec_fn=small_files, check=False)
    assert result.returncode == 1, result.stderr
    assert "could not be written" in result.stderr and "Traceback" not in result.stderr
    after = _snapshot(out, source)
    assert after[str(source / "levcards.lock")] == before[str(source / "levcards.lock")]
    for name in after:
        if name.endswith(".apkg"):
            zipfile.ZipFile(name).testzip()  # every package on disk is whole
