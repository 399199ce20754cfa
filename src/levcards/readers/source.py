"""Turn a file's bytes into text: encodings, byte-order marks, line endings and binary files."""

from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import SourceError

MAX_BYTES = 20 * 1024 * 1024
"""Files larger than this are refused with a clear message instead of being parsed."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_MAGIC = (b"\x89PNG", b"PK\x03\x04", b"%PDF", b"GIF8", b"\xff\xd8\xff", b"\x7fELF")


def read_bytes(path: Path, shown: str) -> bytes:
    """The file's bytes; raises SourceError (naming ``shown``) if it is missing or too large."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SourceError(
                shown, 1, f"file is {size / 1e6:.1f} MB, over the {MAX_BYTES // 2**20} MiB limit; "
                "split it into several articles", code="too-large")
        data = path.read_bytes()
    except SourceError:
        raise
    except IsADirectoryError:
        raise SourceError(shown, 1, "is a directory, not an article file", code="not-a-file") from None
    except OSError as err:
        reason = err.strerror or str(err)
        raise SourceError(shown, 1, f"cannot be read ({reason}); check that it exists and "
                          "is readable", code="unreadable") from None
    return data


def decode(data: bytes, shown: str) -> tuple[str, list[tuple[int, str]]]:
    """Decode bytes: BOMs first, then UTF-8, then cp1252 with a warning; NUL bytes mean binary."""
    warnings: list[tuple[int, str]] = []
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is None:
        if data.startswith(_BINARY_MAGIC) or b"\x00" in data[:8192]:
            raise SourceError(shown, 1, "is a binary file, not text; keep only articles in the "
                              "source folder", code="binary")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            line = data[: err.start].count(b"\n") + 1
            text = data.decode("cp1252", errors="replace")
            warnings.append((line, f"is not valid UTF-8 (byte 0x{data[err.start]:02x}); read it as "
                             "Windows-1252. Save the file as UTF-8 to silence this"))
    else:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            raise SourceError(shown, 1, f"starts with a {encoding} byte-order mark but is not "
                              f"valid {encoding} ({err.reason}); save it as UTF-8",
                              code="encoding") from None
        text = text.lstrip("\ufeff")
    if "\x00" in text:
        raise SourceError(shown, text[: text.index("\x00")].count("\n") + 1,
                          "contains NUL characters, so it is not a text file", code="binary")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, warnings
