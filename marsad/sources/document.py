"""One read article to one cleaned `Document`: the step every reader ends with.

Readers only find the original text and the metadata; cleaning, the id, the
fallback date and the error for an article with no text are decided here once.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from typing import Any

from marsad.arabic.normalize import norm
from marsad.clean import clean
from marsad.model import Document
from marsad.sources.errors import SourceError
from marsad.sources.limits import check_chars
from marsad.sources.records import Fields


def text_id(text: str) -> str:
    """"sha1:" + the SHA-1 of the normalised text (spelling and spacing variants
    of one text share it)."""
    return "sha1:" + hashlib.sha1(" ".join(norm(text).split()).encode("utf-8")).hexdigest()


_SURROGATE = re.compile("[\ud800-\udfff]")
_LETTER = re.compile(r"[^\W\d_]")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]\w*);")


def _scrubbed(fields: Fields) -> Fields:
    """The fields with lone surrogates (a JSON "\\ud800" escape) replaced by
    U+FFFD, since no UTF-8 writer (the store, stdout) can write them; the
    document's warnings say so."""
    bad = [name for name in ("text", "title", "url", "published", "outlet", "id")
           if isinstance(getattr(fields, name), str) and _SURROGATE.search(getattr(fields, name))]
    meta = _clean(fields.meta)
    if meta != fields.meta:
        bad.append("meta")
    if not bad:
        return fields
    meta["warnings"] = [*meta.get("warnings", []), f"lone surrogate code points replaced by U+FFFD in: {', '.join(bad)}"]
    return replace(fields, meta=meta, **{name: _SURROGATE.sub("\ufffd", getattr(fields, name))
                                         for name in bad if name != "meta"})


def _clean(value: Any) -> Any:
    """`value` (a record's other fields: strings, lists, dicts) with lone surrogates replaced."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def make_document(source: str, fields: Fields, fmt: str) -> Document:
    """Clean `fields.text` and build the Document; raises SourceError when no
    article text is left."""
    fields = _scrubbed(fields)
    original = fields.text or ""
    if not original.strip():
        raise SourceError("no article text")
    check_chars(original)
    cleaned = clean(original, fields.title)
    if not cleaned.text.strip():
        raise SourceError("no article text left after removing boilerplate")
    if not _LETTER.search(_ENTITY.sub("", cleaned.text)):  # "&nbsp;", a run of combining marks
        raise SourceError("no article text: not one letter outside character entities")
    meta = dict(fields.meta)
    meta["format"] = fmt
    if cleaned.credited_source:
        meta["credited_source"] = cleaned.credited_source
    if cleaned.header_date:
        meta["header_date"] = cleaned.header_date
    return Document(
        doc_id=fields.id or fields.url or text_id(cleaned.text),
        source=source,
        text=cleaned.text,
        title=cleaned.title,
        outlet=fields.outlet,
        published=fields.published or cleaned.header_date,
        url=fields.url,
        original=original,
        offsets=cleaned.offsets,
        removed=cleaned.removed,
        meta=meta,
    )
