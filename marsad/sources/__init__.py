"""Reading inputs of every common format into cleaned `Document`s.

`read_paths` takes files and directories (read recursively, sorted, hidden
files skipped) and yields one or more Documents per input, or one `InputError`
with a one-line reason for an input (or a record of one) that cannot be read;
a bad input never stops the batch and never raises. Formats: plain text, HTML,
JSON and JSON Lines records, zips of those (the SaudiNewsNet corpus), WARC and
WARC.gz archives, and RSS/Atom feeds, chosen by extension and by sniffing the
first bytes (`formats.py`). Every Document is already cleaned
(`marsad.clean`): `text` is the article, `original` what was read, `offsets`
the map between them.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad.model import Document, InputError
from marsad.sources.archive import read_zip
from marsad.sources.dispatch import BYTES_READERS
from marsad.sources.errors import SourceError
from marsad.sources.formats import detect, known_name
from marsad.sources.jsonfile import stream_jsonl, streamable
from marsad.sources.limits import read_bounded
from marsad.sources.warc import read_warc

__all__ = ["read_paths", "read_file", "input_files", "SourceError"]

_SNIFF_BYTES = 8192


def read_paths(paths: Iterable[str | Path]) -> Iterator[Document | InputError]:
    """Documents and errors from every file under `paths`, in order."""
    for file in input_files(paths):
        if isinstance(file, InputError):
            yield file
        else:
            yield from read_file(file)


def input_files(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """The files `read_paths` reads, in its order (directories walked), or an
    InputError for a given path that is not read at all (a URL). Public so
    that a batch planner splits exactly the inputs `read_paths` would read."""
    for given in paths:
        if str(given).startswith(("http://", "https://")):
            yield InputError(str(given), "URLs are not fetched: save the page and pass the file")
            continue
        path = Path(given)
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path


def read_file(path: Path) -> Iterator[Document | InputError]:
    """Documents from one file, or the InputError that stops it (records read
    before a failure, as in a truncated WARC, are kept)."""
    source = label(path)
    try:
        info = path.stat()  # a missing file: FileNotFoundError, reported below
        if not stat.S_ISREG(info.st_mode):
            raise SourceError("not a regular file (a FIFO, socket or device): not read")
        with path.open("rb") as stream:
            head = stream.read(_SNIFF_BYTES)
            while head and not head.strip():  # blank lines before the first record
                head = stream.read(_SNIFF_BYTES) or b""
            if not head.strip():
                raise SourceError("empty file")
            fmt = detect(path.name, head)
            stream.seek(0)
            if fmt == "zip":
                yield from read_zip(source, stream)
            elif fmt == "warc":
                yield from read_warc(source, stream)
            elif fmt == "jsonl" and streamable(head):
                yield from stream_jsonl(source, stream)
            else:
                yield from BYTES_READERS[fmt](source, read_bounded(stream, "file", declared=info.st_size))
    except SourceError as e:
        yield InputError(source, str(e))
    except FileNotFoundError:
        yield InputError(source, "no such file")
    except IsADirectoryError:
        yield InputError(source, "is a directory")
    except PermissionError:
        yield InputError(source, "unreadable file: permission denied")
    except OSError as e:
        yield InputError(source, f"unreadable file: {e.strerror or e}")
    except Exception as e:  # a library's bug must not stop the batch either
        yield InputError(source, f"could not read ({e.__class__.__name__}: {_one_line(e)})")


def label(path: Path) -> str:
    """The path as it is reported: a name that is not valid UTF-8 (a file
    copied from an old system) shows its bad bytes as U+FFFD instead of
    breaking every writer of UTF-8 text."""
    return os.fsencode(path).decode("utf-8", errors="replace")


def _walk(root: Path) -> Iterator[Path]:
    """Files under `root` in sorted order, hidden files and folders skipped,
    and only those named like an input format (a README or a script beside
    the data is not an article)."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and known_name(name):
                yield Path(dirpath) / name


def _one_line(e: Exception) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else ""
