"""Run one call in a forked copy of this process, so the second core can share the packaging.

After the articles are read, packaging is the rest of a build, and it would run on one core:
a forked child already holds everything the series need (no pickling of notes), so it matches
and packages a share of them while this process does the rest. Only on Linux, where ``fork`` is
the platform's own way to start workers; elsewhere, or with ``LEVCARDS_SERIAL`` set, callers do
the work themselves. A child that raises or dies gives ``None``: the caller then does the work
itself, so the output never depends on the child.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

T = TypeVar("T")


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity), not all those in the machine."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def available() -> bool:
    """True where a forked helper can run beside this process."""
    return (sys.platform.startswith("linux") and usable_cpus() >= 2
            and not os.environ.get("LEVCARDS_SERIAL"))


class Forked(Generic[T]):
    """``call()`` running in a forked child; ``result()`` waits for what it returned."""

    def __init__(self, call: Callable[[], T]) -> None:
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(call, send), daemon=True)
        self._process.start()  # flushes stdout and stderr first, so nothing is printed twice
        send.close()

    def result(self) -> T | None:
        """The call's return value, or None when the child raised or died."""
        try:
            ok, value = self._receive.recv()
        except (EOFError, OSError):  # the child died before it could answer
            ok, value = False, None
        finally:
            self._receive.close()
            self._process.join()
        return value if ok else None


def _run(call: Callable[[], object], send: Connection) -> None:
    try:
        answer = (True, call())
    except BaseException:  # noqa: BLE001 (anything at all: the parent does the work again)
        answer = (False, None)
    send.send(answer)
    send.close()
