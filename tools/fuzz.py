"""A longer fuzzing run of the round-trip property (read -> extract -> cards -> package -> Anki).

    python tools/fuzz.py --examples 5000

It runs the same hypothesis strategies as tests/hostile/test_property.py, many more times,
and prints how many inputs were tried and any failure hypothesis found (minimised).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1] / "tests"),
                str(Path(__file__).resolve().parents[1] / "tests" / "hostile")]

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from test_property import _check, sections, structured  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=2000)
    args = parser.parse_args()
    tried = 0

    @settings(max_examples=args.examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.one_of(structured.map(lambda t: t.encode("utf-8", "replace")),
                     sections.map(lambda t: ("# Fuzz\n\n" + t).encode("utf-8", "replace")),
                     st.binary(max_size=2000)))
    def run(data: bytes) -> None:
        nonlocal tried
        tried += 1
        _check(data)

    started = time.perf_counter()
    try:
        run()
    except Exception as err:  # report what hypothesis found, minimised
        print(f"tried {tried} inputs in {time.perf_counter() - started:.0f}s: FAILURE {err!r}")
        raise
    print(f"tried {tried} inputs in {time.perf_counter() - started:.0f}s: no failure")
    return 0


if __name__ == "__main__":
    sys.exit(main())
