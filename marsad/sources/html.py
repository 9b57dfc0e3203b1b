"""HTML pages: the main text and metadata, by trafilatura.

trafilatura drops navigation, footers, comments and most link lists; options
here keep paragraphs (one per line) and leave out tables, images, links and
comments. What link blocks remain ("اقرأ أيضا" lists inside the article body)
the cleaner removes. `original` is trafilatura's text, so offsets point into it.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import lxml.html
import trafilatura
from lxml import etree

from marsad.model import Document
from marsad.sources.decode import decode_text
from marsad.sources.document import make_document
from marsad.sources.errors import SourceError
from marsad.sources.records import Fields, normalize_date

# trafilatura reports pages it finds thin as warnings; a batch reader reports
# those pages itself, once, as InputErrors.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)
# Only the page's own metadata dates: a search through the body would pick
# any date the story mentions.
_DATE_PARAMS = {"original_date": True, "extensive_search": False}
_META_KEYS = ("author", "description", "hostname", "categories", "tags")


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode a page: byte-order marks, then the charset the server or the
    page's <meta> declares, then the usual guesses."""
    if declared is None:
        m = _META_CHARSET.search(data[:4096])
        declared = m.group(1).decode("ascii") if m else None
    return decode_text(data, declared)


def read_html(source: str, data: bytes, url: str | None = None,
              fallback_date: str | None = None, declared: str | None = None) -> Iterator[Document]:
    yield html_document(source, decode_html(data, declared), url, fallback_date)


def html_document(source: str, html: str, url: str | None = None,
                  fallback_date: str | None = None) -> Document:
    """The article of one page. `url` (a WARC record's target) is used as
    given, else the page's canonical URL; `fallback_date` (the capture date)
    only when the page states no date of its own."""
    try:
        found = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, include_links=False, favor_precision=True,
            date_extraction_params=_DATE_PARAMS)
    except (ValueError, TypeError, etree.LxmlError) as e:
        raise SourceError(f"unparsable HTML ({e.__class__.__name__})") from None
    text = found.text if found is not None else None
    if not text or not text.strip():
        raise SourceError("HTML page with no article text")
    meta = {k: getattr(found, k) for k in _META_KEYS if getattr(found, k, None)}
    fields = Fields(
        text=text,
        title=found.title or None,
        url=url or found.url or None,
        published=normalize_date(found.date) if found.date else fallback_date,
        outlet=found.sitename or None,
        meta=meta,
    )
    return make_document(source, fields, "html")


_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6",
                         "blockquote", "tr", "section", "article", "ul", "ol", "figcaption"})


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), one block per line."""
    if not fragment.strip():
        return ""
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for el in list(root.iter("script", "style")):
        el.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
    return "\n".join(line.strip() for line in root.text_content().splitlines()).strip()
