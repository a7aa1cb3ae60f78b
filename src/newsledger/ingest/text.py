"""Bytes → clean text: decoding, sanity checks and the one text normalisation.

Every later stage stores character offsets into the text produced here, so
``normalise_text`` is deliberately minimal and must stay stable: changing it
changes every stored offset and every document id.

Decoding order (documented in ``decode_bytes``): a byte-order mark, then a
charset the source declared (HTTP header, HTML meta), then strict UTF-8, then
Windows-1252 only when it decodes cleanly. We do not use a statistical charset
guesser: on short or damaged input it happily "decodes" garbage as some exotic
code page, and a wrong guess silently corrupts names; refusing is better.
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from typing import BinaryIO

from newsledger.errors import InputError

MB = 1024 * 1024
MAX_INPUT_BYTES = 20 * MB
"""Default cap on one input; far above any real article (a long one is ~100 KB)."""

_BOMS: tuple[tuple[bytes, str], ...] = (
    # Longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control bytes that legitimately occur in text files.
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
_SNIFF_BYTES = 64 * 1024
# More than this share of control bytes in the sniffed prefix means binary data
# (real text has well under 1%; compressed or image data ~10% or more).
_CONTROL_SHARE_LIMIT = 0.10

_NEWLINES = re.compile(r"\r\n|[\r\u2028\u2029\x85]")
_TRAILING_SPACE = re.compile(r"[^\S\n]+$", re.MULTILINE)
# Three or more blank lines (four or more newlines with only spaces between,
# already stripped above) collapse to two blank lines; one or two are kept as
# the article's own paragraph/section breaks.
_MANY_BLANK_LINES = re.compile(r"\n{4,}")
_WS_RUN = re.compile(r"\s+")


def too_large_reason(size: int | None, limit: int = MAX_INPUT_BYTES) -> str:
    """The one-line reason used everywhere an input exceeds its size cap (size None: unknown)."""
    if size is None:
        return f"too large (over the {limit / MB:g} MB limit)"
    return f"too large ({size / MB:.1f} MB > {limit / MB:g} MB limit)"


def read_file_bytes(path: str | os.PathLike[str], origin: str, *, limit: int = MAX_INPUT_BYTES) -> bytes:
    """Read a file whole, refusing (before reading) one above ``limit`` bytes."""
    try:
        size = os.stat(path).st_size
        if size > limit:
            raise InputError(origin, too_large_reason(size, limit))
        with open(path, "rb") as fh:
            return read_stream_bytes(fh, origin, limit=limit)
    except FileNotFoundError:
        raise InputError(origin, "no such file or directory") from None
    except PermissionError:
        raise InputError(origin, "cannot read (permission denied)") from None
    except IsADirectoryError:
        raise InputError(origin, "is a directory") from None
    except OSError as exc:
        raise InputError(origin, f"cannot read ({exc.strerror or exc})") from None


def read_stream_bytes(stream: BinaryIO, origin: str, *, limit: int = MAX_INPUT_BYTES) -> bytes:
    """Read a binary stream in chunks, stopping as soon as it passes ``limit``.

    Streams (stdin, growing files) have no trustworthy size up front, so the
    cap is enforced while reading rather than after.
    """
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(1 * MB, limit + 1 - total) or 1)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            # A regular file knows its size; a pipe does not, and we will not read it all to find out.
            size: int | None = None
            try:
                size = os.fstat(stream.fileno()).st_size or None
            except (AttributeError, OSError, ValueError):
                pass
            raise InputError(origin, too_large_reason(size, limit))
    return b"".join(chunks)


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes or many control bytes.

    Call only on data without a UTF-16/32 byte-order mark (those contain NULs).
    """
    sample = data[:_SNIFF_BYTES]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 0x20 and b not in _TEXT_CONTROLS)
    return controls / len(sample) > _CONTROL_SHARE_LIMIT


def _decode_declared(data: bytes, declared: str | None) -> str | None:
    if not declared:
        return None
    try:
        codec = codecs.lookup(declared.strip().strip("\"'").lower())
    except LookupError:
        return None
    if codec.name in {"latin-1", "iso8859-1", "ascii"}:
        # Browsers (and the WHATWG encoding spec) read these labels as
        # Windows-1252; the true Latin-1 would turn curly quotes into controls.
        codec = codecs.lookup("cp1252")
    try:
        return data.decode(codec.name)
    except (UnicodeDecodeError, ValueError):
        return None


def _decode_cp1252_cleanly(data: bytes) -> str | None:
    """Windows-1252, accepted only when every byte maps to a printable character."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v\x1b" for ch in text):
        return None
    return text


def decode_bytes(data: bytes, origin: str, *, declared: str | None = None) -> str:
    """Decode an input's bytes to text, or raise InputError saying why not.

    Order: byte-order mark → declared charset → UTF-8 → Windows-1252 (clean
    decodes only). Empty, whitespace-only and binary data are refused.
    """
    if not data:
        raise InputError(origin, "empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(origin, f"not valid text (bad {encoding} at byte {exc.start})") from None
            return _require_content(text, origin)
    if looks_binary(data):
        raise InputError(origin, "binary file, not text")
    text = _decode_declared(data, declared)
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            text = _decode_cp1252_cleanly(data)
            if text is None:
                raise InputError(
                    origin,
                    f"not valid text (not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}; "
                    "not clean Windows-1252 either)",
                ) from None
    return _require_content(text, origin)


def _require_content(text: str, origin: str) -> str:
    if not text.strip():
        raise InputError(origin, "empty")
    return text


def normalise_text(text: str) -> str:
    """The stored form of an article's text (offsets index this form).

    Unicode NFC; every newline convention → ``\\n``; trailing spaces on each
    line removed; three or more blank lines → two. Nothing else changes.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.lstrip("\ufeff")  # a stray BOM left by a text-level source
    text = _NEWLINES.sub("\n", text)
    text = _TRAILING_SPACE.sub("", text)
    return _MANY_BLANK_LINES.sub("\n\n\n", text)


def identity_text(text: str) -> str:
    """The form of a text used for its identity: casefolded, whitespace collapsed.

    Two copies of one article that differ only in layout or case get one id.
    """
    return _WS_RUN.sub(" ", unicodedata.normalize("NFC", text).casefold()).strip()
