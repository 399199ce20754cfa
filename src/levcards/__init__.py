"""levcards: turn articles into spaced-repetition Anki decks."""

from __future__ import annotations

__version__ = "0.3.0"
__all__ = ["__version__"]
