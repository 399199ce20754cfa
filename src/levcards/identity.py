"""Stable identifiers: note GUIDs and deck IDs derived from names, never random."""

from __future__ import annotations

import hashlib

_BASE91 = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
           "!#$%&()*+,-./:;<=>?@[]^_`{|}~")


_PAIRS = tuple(a + b for a in _BASE91 for b in _BASE91)
"""Every two-digit base-91 numeral, so a GUID takes five divisions instead of ten."""


def guid(*parts: str) -> str:
    """A note GUID in Anki's base-91 alphabet from the first 8 bytes of a SHA-256."""
    number = int.from_bytes(hashlib.sha256("\x1e".join(parts).encode()).digest()[:8], "big")
    pairs = []
    while number:
        number, rest = divmod(number, 8281)  # 91 * 91
        pairs.append(_PAIRS[rest])
    return "".join(reversed(pairs)).lstrip(_BASE91[0]) or _BASE91[0]


def deck_id(series_slug: str) -> int:
    """A deck ID in genanki's recommended range, stable for a series slug."""
    number = int.from_bytes(hashlib.sha256(f"levcards:{series_slug}".encode()).digest()[:8], "big")
    return (1 << 30) + number % (1 << 30)
