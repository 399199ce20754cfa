"""Benchmark levcards against two floors on synthetic corpora and print a Markdown table.

    python bench/run.py [--sizes 1000 10000] [--repeat 3] [--workdir /tmp/levcards-bench] [--json]

For each size N the corpus from bench/generate.py is made once and cached in the work folder.
Then, --repeat times and interleaved so drift hits every figure alike, each of these runs as its
own process (wall time from here; peak RSS and CPU time, user + system of the process and the
workers it waited for, from ``/usr/bin/time -v``, else ``os.wait4``):

  floor A    bench/floor_parse.py: python-frontmatter + markdown-it on every file, one core
  levcards   levcards build SRC --out FRESH --format json
  floor B    bench/floor_genanki.py: as many notes as levcards made, plain genanki, no parsing

After that, on a copy of the corpus: a full build, one sentence appended to one article, and the
timed rebuild into the same --out ("incremental"). Last, ``levcards --help`` ten times.
Every full build starts without the ledger (levcards.lock) an earlier build left in the source
folder; the incremental rebuild keeps the one its full build wrote.
Figures are medians. Progress goes to stderr; the table (or --json) to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402  (a sibling script, not a package)

TIME = Path("/usr/bin/time")
try:  # levcards keeps its note ledger beside the sources; a fresh build starts without one
    from levcards.ledger import LEDGER_NAME
except ImportError:
    LEDGER_NAME = "levcards.lock"
STARTUP_RUNS = 10


@dataclass
class Sample:
    """One finished process."""

    wall: float
    rss_mb: float
    stdout: str = field(repr=False)
    stderr: str = field(repr=False)
    returncode: int
    cpu: float = float("nan")
    """User + system seconds of the process and of the children it waited for (its workers)."""


@dataclass
class Figure:
    """Medians over the repeats of one kind of run, and the runs themselves."""

    wall_s: float
    rss_mb: float
    walls: list[float]
    rss: list[float]
    cpu_s: float
    cpus: list[float]

    @classmethod
    def of(cls, samples: list[Sample]) -> Figure:
        walls = [round(s.wall, 4) for s in samples]
        rss = [round(s.rss_mb, 1) for s in samples]
        cpus = [round(s.cpu, 3) for s in samples]
        return cls(round(statistics.median(walls), 4), round(statistics.median(rss), 1), walls, rss,
                   round(statistics.median(cpus), 3), cpus)


def _gnu_time_works() -> bool:
    if not TIME.exists():
        return False
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        done = subprocess.run([str(TIME), "-v", "-o", report.name, "true"], capture_output=True)
        return done.returncode == 0 and "Maximum resident set size" in Path(report.name).read_text()


RSS_METHOD = "/usr/bin/time -v" if _gnu_time_works() else "os.wait4 ru_maxrss"


def run(cmd: list[str], check: bool = True) -> Sample:
    """Run ``cmd`` as its own process; wall time measured here, peak RSS of that process only."""
    if RSS_METHOD.startswith("/usr/bin/time"):
        with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
            start = time.perf_counter()
            done = subprocess.run([str(TIME), "-v", "-o", report.name, *cmd], capture_output=True,
                                  text=True)
            wall = time.perf_counter() - start
            text = Path(report.name).read_text()
            m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
            times = [float(t) for t in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", text)]
        sample = Sample(wall, int(m.group(1)) / 1024 if m else float("nan"), done.stdout,
                        done.stderr, done.returncode,
                        sum(times) if len(times) == 2 else float("nan"))
    else:
        with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True)
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            # ru_maxrss is KiB on Linux, bytes on macOS
            scale = 1024 * 1024 if sys.platform == "darwin" else 1024
            sample = Sample(wall, usage.ru_maxrss / scale, out.read(), err.read(), proc.returncode,
                            usage.ru_utime + usage.ru_stime)
    if check and sample.returncode != 0:
        tail = "\n".join(sample.stderr.strip().splitlines()[-15:])
        raise SystemExit(f"command failed with exit {sample.returncode}: {' '.join(cmd)}\n{tail}")
    return sample


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def levcards_command(given: str | None) -> list[str]:
    if given:
        return [given]
    beside = Path(sys.executable).parent / "levcards"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("levcards")
    return [found] if found else [sys.executable, "-m", "levcards"]


def corpus(workdir: Path, articles: int, series: int, seed: int) -> Path:
    """The cached corpus for these arguments, generated when missing or stale."""
    folder = workdir / f"corpus-{articles}-s{series}-seed{seed}"
    marker = folder / generate.MARKER
    if marker.is_file():
        manifest = json.loads(marker.read_text())
        if (manifest.get("version"), manifest.get("articles"), manifest.get("series"),
                manifest.get("seed"), manifest.get("words")) == (
                generate.FORMAT_VERSION, articles, series, seed, 1200):
            return folder
    log(f"generating {articles} articles in {folder} ...")
    run([sys.executable, str(HERE / "generate.py"), str(folder), "--articles", str(articles),
         "--series", str(series), "--seed", str(seed)])
    return folder


def deck_stats(out: Path) -> tuple[float, int, float]:
    """(total .apkg MB, notes, mean characters of a note's fields) of the decks in ``out``."""
    size, notes, chars = 0, 0, 0
    for apkg in sorted(out.glob("*.apkg")):
        size += apkg.stat().st_size
        with zipfile.ZipFile(apkg) as archive, tempfile.TemporaryDirectory() as tmp:
            db = Path(archive.extract("collection.anki2", tmp))
            conn = sqlite3.connect(db)
            try:
                for (flds,) in conn.execute("SELECT flds FROM notes"):
                    notes += 1
                    chars += len(flds)
            finally:
                conn.close()
    return size / 1e6, notes, chars / notes if notes else 0.0


@contextmanager
def scratch(prefix: str, workdir: Path) -> Iterator[Path]:
    """A fresh folder under ``workdir``, removed afterwards even when a run fails."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=workdir))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def forget_ledger(source: Path) -> None:
    """Remove the ledger an earlier build left in the source folder (a from-scratch build)."""
    (source / LEDGER_NAME).unlink(missing_ok=True)


def build_cmd(lev: list[str], source: Path, out: Path) -> list[str]:
    return [*lev, "build", str(source), "--out", str(out), "--format", "json"]


def notes_in(sample: Sample) -> int:
    report = json.loads(sample.stdout)
    return sum(s["notes"] for s in report["series"])


def measure_size(n: int, args: argparse.Namespace, lev: list[str]) -> dict[str, Any]:
    workdir: Path = args.workdir
    source = corpus(workdir, n, args.series, args.seed)
    files = sorted(p for p in source.rglob("*") if p.is_file() and not p.name.startswith("."))
    floor_a: list[Sample] = []
    floor_b: list[Sample] = []
    builds: list[Sample] = []
    notes = 0
    apkg_mb = mean_chars = ledger_mb = 0.0
    for r in range(args.repeat):
        log(f"N={n} run {r + 1}/{args.repeat}: floor A")
        floor_a.append(run([sys.executable, str(HERE / "floor_parse.py"), str(source)]))
        log(f"N={n} run {r + 1}/{args.repeat}: levcards build")
        forget_ledger(source)
        with scratch("out-", workdir) as out:
            builds.append(run(build_cmd(lev, source, out)))
            if r == 0:
                notes = notes_in(builds[0])
                apkg_mb, _, mean_chars = deck_stats(out)
                ledger = source / LEDGER_NAME
                ledger_mb = ledger.stat().st_size / 1e6 if ledger.exists() else 0.0
        forget_ledger(source)
        log(f"N={n} run {r + 1}/{args.repeat}: floor B ({notes} notes)")
        with scratch("floor-b-", workdir) as out:
            floor_b.append(run([sys.executable, str(HERE / "floor_genanki.py"), str(out),
                                "--notes", str(notes), "--series", str(args.series),
                                "--chars", str(round(mean_chars))]))
    incremental = measure_incremental(n, source, files, args, lev)
    a, b, lc = Figure.of(floor_a), Figure.of(floor_b), Figure.of(builds)
    return {
        "articles": n, "files": len(files), "notes": notes, "apkg_mb": round(apkg_mb, 2),
        "ledger_mb": round(ledger_mb, 2),
        "mean_note_chars": round(mean_chars), "floor_a": asdict(a), "floor_b": asdict(b),
        "levcards": asdict(lc), "ratio_floor_a": round(lc.wall_s / a.wall_s, 2),
        "ratio_floor_b": round(lc.wall_s / b.wall_s, 2), "incremental": incremental,
    }


def measure_incremental(n: int, source: Path, files: list[Path], args: argparse.Namespace,
                        lev: list[str]) -> dict[str, Any]:
    """Full build, append a sentence to one article (newer mtime), time the rebuild."""
    copy = args.workdir / f"incremental-{n}"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns(LEDGER_NAME))
    full: list[Sample] = []
    rebuild: list[Sample] = []
    for r in range(args.repeat):
        log(f"N={n} run {r + 1}/{args.repeat}: incremental")
        forget_ledger(copy)
        with scratch("incr-", args.workdir) as out:
            full.append(run(build_cmd(lev, copy, out)))
            target = copy / files[(r * 7919 + len(files) // 2) % len(files)].relative_to(source)
            with target.open("a", encoding="utf-8") as f:
                f.write(f"\nBench edit {r + 1} means one more sentence appended to force a "
                        "rebuild.\n")
            stamp = max(time.time(), target.stat().st_mtime) + 1
            os.utime(target, (stamp, stamp))
            rebuild.append(run(build_cmd(lev, copy, out)))
    shutil.rmtree(copy)
    f_full, f_re = Figure.of(full), Figure.of(rebuild)
    return {"full": asdict(f_full), "rebuild": asdict(f_re),
            "ratio_to_full": round(f_re.wall_s / f_full.wall_s, 2)}


def measure_startup(lev: list[str]) -> dict[str, Any]:
    log(f"start-up: levcards --help x{STARTUP_RUNS}")
    helps = [run([*lev, "--help"]) for _ in range(STARTUP_RUNS)]
    bare = [run([sys.executable, "-c", "pass"]) for _ in range(STARTUP_RUNS)]
    return {"help": asdict(Figure.of(helps)), "python": asdict(Figure.of(bare))}


def table(results: dict[str, Any]) -> str:
    lines = [("| N articles | run | notes | median wall (s) | CPU (s) | peak RSS (MB) "
              "| ratio to floor A | ratio to floor B |"), "|---:|---|---:|---:|---:|---:|---:|---:|"]
    for size in results["sizes"]:
        n, notes = size["articles"], f"{size['notes']:,}"
        a, b, lc = size["floor_a"], size["floor_b"], size["levcards"]
        lines.append(f"| {n:,} | floor A: frontmatter + markdown-it, 1 core | – "
                     f"| {a['wall_s']:.2f} | {a['cpu_s']:.2f} | {a['rss_mb']:.0f} | 1.00 | – |")
        lines.append(f"| {n:,} | floor B: genanki only | {notes} | {b['wall_s']:.2f} "
                     f"| {b['cpu_s']:.2f} | {b['rss_mb']:.0f} | – | 1.00 |")
        lines.append(f"| {n:,} | **levcards build** | {notes} | {lc['wall_s']:.2f} "
                     f"| {lc['cpu_s']:.2f} | {lc['rss_mb']:.0f} | {size['ratio_floor_a']:.2f} "
                     f"| {size['ratio_floor_b']:.2f} |")
    out = ["\n".join(lines), ""]
    repeat = results["repeat"]
    out.append(f"Incremental rebuild (one article edited, same --out; median of {repeat}):")
    for size in results["sizes"]:
        inc = size["incremental"]
        out.append(f"- N={size['articles']:,}: {inc['rebuild']['wall_s']:.2f} s, "
                   f"{inc['rebuild']['rss_mb']:.0f} MB (full build before it "
                   f"{inc['full']['wall_s']:.2f} s; rebuild/full = {inc['ratio_to_full']:.2f})")
    s = results["startup"]
    out.append("")
    out.append(f"Start-up: `levcards --help` {s['help']['wall_s']:.3f} s median of "
               f"{STARTUP_RUNS}, {s['help']['rss_mb']:.0f} MB (bare `python -c pass` "
               f"{s['python']['wall_s']:.3f} s)")
    out.append("")
    out.append("Total .apkg size: " + "; ".join(
        f"N={size['articles']:,}: {size['apkg_mb']:.2f} MB" for size in results["sizes"]))
    if any(size["ledger_mb"] for size in results["sizes"]):
        out.append(f"Ledger ({LEDGER_NAME}, written into the source folder): " + "; ".join(
            f"N={size['articles']:,}: {size['ledger_mb']:.2f} MB" for size in results["sizes"]))
    env = results["environment"]
    out.append("")
    out.append("CPU time over the usable cores, the least wall time a build could take on "
               f"them ({env['usable_cpus']}): " + "; ".join(
                   f"N={size['articles']:,}: {size['levcards']['cpu_s'] / env['usable_cpus']:.2f} s "
                   f"({size['levcards']['cpu_s'] / env['usable_cpus'] / size['floor_a']['wall_s']:.2f}"
                   " × floor A)" for size in results["sizes"]))
    out.append("")
    out.append(f"_{env['python']} on {env['machine']}, {env['cpus']} CPUs; peak RSS and CPU "
               f"time via {env['rss_method']}; wall ratios are levcards ÷ floor._")
    return "\n".join(out)


def _usable_cpus() -> int:
    """The CPUs this process may run on (its affinity), as levcards counts them."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000],
                        help="corpus sizes in articles (default: 1000 10000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/levcards-bench"),
                        help="cached corpora and scratch outputs")
    parser.add_argument("--series", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--levcards", help="levcards executable (default: the one beside python)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.repeat < 1 or any(n < 1 for n in args.sizes):
        parser.error("--repeat and every size must be at least 1")
    args.workdir = args.workdir.resolve()
    args.workdir.mkdir(parents=True, exist_ok=True)
    lev = levcards_command(args.levcards)
    results: dict[str, Any] = {
        "environment": {"python": f"Python {platform.python_version()}",
                        "machine": platform.platform(), "cpus": os.cpu_count(),
                        "usable_cpus": _usable_cpus(),
                        "rss_method": RSS_METHOD, "levcards": " ".join(lev)},
        "repeat": args.repeat,
        "sizes": [measure_size(n, args, lev) for n in args.sizes],
        "startup": measure_startup(lev),
    }
    print(json.dumps(results, indent=2) if args.json else table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
