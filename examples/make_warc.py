"""Write examples/clash_illustrative.warc.gz from examples/clash_illustrative.html.

Usage: python examples/make_warc.py
The tests use `write_warc` too, to build archives from pages they make.
"""
from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent


def write_warc(out: BinaryIO, pages: list[tuple[str, bytes]],
               warc_date: str = "2024-04-18T10:00:00Z", gzip: bool = True) -> None:
    """One `response` record per (url, html) page, each preceded by its request."""
    writer = WARCWriter(out, gzip=gzip)
    for url, html in pages:
        request = writer.create_warc_record(
            url, "request", payload=BytesIO(b""),
            http_headers=StatusAndHeaders(f"GET {url} HTTP/1.1", [("Host", "example.org")],
                                          is_http_request=True),
            warc_headers_dict={"WARC-Date": warc_date})
        writer.write_record(request)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        response = writer.create_warc_record(url, "response", payload=BytesIO(html),
                                             http_headers=headers,
                                             warc_headers_dict={"WARC-Date": warc_date})
        writer.write_record(response)


def main() -> None:
    html = (HERE / "clash_illustrative.html").read_bytes()
    with open(HERE / "clash_illustrative.warc.gz", "wb") as out:
        write_warc(out, [("https://example.org/news/2024/04/18/kunar-clash", html)])


if __name__ == "__main__":
    main()
