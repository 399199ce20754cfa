"""levcards' exceptions and the collector for problems found in sources.

    LevcardsError              anything levcards reports instead of a traceback
    ├── SourceError            a problem in one source file (path, line)
    └── OutputError            the output folder could not be written
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]


class LevcardsError(Exception):
    """Base of every error levcards reports to the user."""


class SourceError(LevcardsError):
    """A source file could not be used; carries the path and (where known) the line."""

    def __init__(self, path: str, line: int, message: str, code: str = "read-error") -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message
        self.code = code


class OutputError(LevcardsError):
    """Writing an output file failed; earlier outputs are left untouched."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about the sources, printed as ``path:line:col: severity code message``."""

    path: str
    line: int
    severity: Severity
    code: str
    message: str
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity} {self.code} {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


@dataclass
class Problems:
    """Collects problems while a build runs, so one bad file never stops the others."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: str, line: int, severity: Severity, code: str, message: str) -> None:
        self.items.append(Problem(path, line, severity, code, message))

    def error(self, path: str, line: int, code: str, message: str) -> None:
        self.add(path, line, "error", code, message)

    def warning(self, path: str, line: int, code: str, message: str) -> None:
        self.add(path, line, "warning", code, message)

    def from_error(self, err: SourceError) -> None:
        self.error(err.path, err.line, err.code, err.message)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def sorted(self) -> list[Problem]:
        return sorted(self.items, key=lambda p: (p.path, p.line, p.col, p.code))
