"""Bytes to text for Arabic news files: UTF-8 (with or without BOM), UTF-16
(with BOM, or without one when it reads as Arabic) and Windows-1256, the
code page older Arabic sites and exports use.

A legacy code page cannot be told from its bytes alone, so the guess
(charset-normalizer's, then Windows-1256's) is accepted only when the result
reads as Arabic; anything else is reported rather than turned into mojibake.
UTF-8 with a few bad bytes (a cut character, one stray byte) is still UTF-8:
the bad bytes become U+FFFD and `warn` is told where the first one was, since
the same bytes read as Windows-1256 would turn the whole text into mojibake.
"""
from __future__ import annotations

import codecs
import re
import threading
from collections.abc import Callable

from charset_normalizer import from_bytes

from marsad.sources.errors import SourceError

_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
_LETTER = re.compile(r"[^\W\d_]")
_MIN_ARABIC_SHARE = 0.5
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_BAD_UTF8_PER_BYTE = 1 / 1000  # more invalid sequences than this: not UTF-8 (a legacy code page)


def looks_arabic(text: str) -> bool:
    """Most letters are Arabic letters (not the Latin-1 or box-drawing soup a
    wrong code page makes of Arabic bytes)."""
    sample = text[:20000]
    letters = len(_LETTER.findall(sample))
    return letters > 0 and len(_ARABIC_LETTER.findall(sample)) / letters >= _MIN_ARABIC_SHARE


def decode_text(data: bytes, declared: str | None = None, warn: Callable[[str], None] | None = None) -> str:
    """Decode `data`. `declared` is a charset the container names (an HTTP
    header, an HTML meta tag); pages often declare it wrongly, so valid UTF-8
    wins over it, and it is trusted only if its result reads as Arabic or
    nothing else does. `warn` hears of bad bytes replaced in UTF-8."""
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    utf16 = None if bom else utf16_without_bom(data[:8192])
    if utf16:
        return _strict(data[:len(data) // 2 * 2], utf16)
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError:
        pass
    text, bad, first = _utf8_replaced(data[bom:], limit=max(3, int(len(data) * _BAD_UTF8_PER_BYTE)))
    if text is not None:
        if warn is not None:
            warn(f"invalid UTF-8 at byte {bom + first} ({bad} bad sequence{'s' if bad > 1 else ''}) "
                 "replaced by U+FFFD")
        return text
    if bom:
        raise SourceError(f"undecodable text: a UTF-8 mark, then {bad} or more invalid UTF-8 sequences")
    declared_text = _try(data, declared) if declared else None
    if declared_text and looks_arabic(declared_text):
        return declared_text
    best = from_bytes(data[:200000]).best()
    for text in (_try(data, best.encoding) if best else None, _try(data, "cp1256")):
        if text and looks_arabic(text) and not _CONTROL.search(text):
            return text
    if declared_text is not None:
        return declared_text
    raise SourceError("undecodable text: not UTF-8 or UTF-16, and not Arabic in Windows-1256")


class _TooMany(Exception):
    pass


_COUNTING = threading.local()  # the current call's count, per thread (the handler registry is global)


def _count(e: UnicodeDecodeError) -> tuple[str, int]:
    _COUNTING.seen.append(e.start)
    if len(_COUNTING.seen) > _COUNTING.limit:
        raise _TooMany
    return "\ufffd", e.end


codecs.register_error("marsad.count_utf8", _count)


def _utf8_replaced(data: bytes, limit: int) -> tuple[str | None, int, int]:
    """(the text with each invalid UTF-8 sequence as U+FFFD, their count,
    the offset of the first) when there are at most `limit` of them, else
    (None, limit + 1, -1): the bytes are not UTF-8. One decoding pass,
    counted by an error handler that replaces as "replace" does."""
    _COUNTING.seen, _COUNTING.limit = [], limit
    try:
        text = data.decode("utf-8", errors="marsad.count_utf8")
    except _TooMany:
        return None, limit + 1, -1
    seen = _COUNTING.seen
    return text, len(seen), (seen[0] if seen else -1)


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise SourceError(f"undecodable text: invalid {encoding.upper()} at byte {e.start}") from None


def utf16_without_bom(head: bytes) -> str | None:
    """The UTF-16 byte order ("utf-16-le" or "-be") of text written with no
    byte-order mark (some Windows exports), when that decoding of `head`
    reads as Arabic with no control characters; else None. Arabic in UTF-16
    is made of bytes below 0x80, so it would pass for (garbled) ASCII."""
    even = head[:len(head) // 2 * 2]
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = even.decode(encoding)
        except UnicodeDecodeError:
            continue
        if looks_arabic(text) and not _CONTROL.search(text):
            return encoding
    return None


def is_binary(head: bytes) -> bool:
    """NUL bytes (outside UTF-16) or many control bytes: not a text file."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or utf16_without_bom(head):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return bool(head) and controls / len(head) > 0.05
