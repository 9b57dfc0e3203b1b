"""Zip archives of article files (the SaudiNewsNet corpus: one JSON array per
zip). Members are read one at a time, so memory holds one member, not the
corpus, and a member is read only up to the byte limit (`limits.py`: its
declared and its real size are both checked); each record's source is
`path:member:N`."""
from __future__ import annotations

import zipfile
from collections.abc import Iterator
from typing import BinaryIO

from marsad.model import Document, InputError
from marsad.sources.dispatch import read_data
from marsad.sources.errors import SourceError
from marsad.sources.formats import known_name
from marsad.sources.limits import read_bounded


def read_zip(source: str, stream: BinaryIO) -> Iterator[Document | InputError]:
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError) as e:
        raise SourceError(f"corrupt zip archive: {e}") from None
    with archive:
        members = zip_members(archive)
        escaping = [i.filename for i in archive.infolist() if _climbs(i.filename)]
        for name in escaping:  # never written to disk, but a name that climbs out of the archive is a warning sign
            yield InputError(f"{source}:{name}", "member path climbs out of the archive ('..'): not read")
        if not members:
            if escaping:
                return
            raise SourceError("zip archive holds no readable article files")
        for name in members:
            where = f"{source}:{name}"
            try:
                with archive.open(name) as member:  # read up to the limit: a member may unpack to gigabytes
                    data = read_bounded(member, "zip member", declared=archive.getinfo(name).file_size)
            except SourceError as e:
                yield InputError(where, str(e))
                continue
            except (zipfile.BadZipFile, OSError, EOFError) as e:
                yield InputError(where, f"corrupt zip member: {e}")
                continue
            if not data.strip():
                yield InputError(where, "empty file")
                continue
            try:
                yield from read_data(where, name, data)
            except SourceError as e:
                yield InputError(where, str(e))


def zip_members(archive: zipfile.ZipFile) -> list[str]:
    """The members read, in reading order: article files by name, no folders,
    hidden files, macOS resource forks or names that climb out with '..'."""
    return sorted(i.filename for i in archive.infolist()
                  if not i.is_dir() and not _hidden(i.filename) and not _climbs(i.filename)
                  and known_name(i.filename))


def _climbs(name: str) -> bool:
    """Does the name hold a '..' part, with either kind of slash?"""
    return ".." in name.replace("\\", "/").split("/")


def _hidden(name: str) -> bool:
    return any(part.startswith((".", "__MACOSX")) for part in name.split("/"))
