"""Reading GeoNames dumps as geonames.org serves them: zipped or not, or on standard input.

A dump (`allCountries.zip`, `SY.zip`, `alternateNamesV2.zip`, or the `.txt` inside) is read
as UTF-8 and streamed line by line, reporting the bytes read; its rows are checked as they
come (column count, GeoNames id, coordinates), each bad row named by file and line.
"""

from __future__ import annotations

import io
import math
import os
import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import IO

from claimcheck.errors import DataError, Problem
from claimcheck.files.yamlfile import STDIN

GEONAMES_COLUMNS = 19
ALTERNATE_COLUMNS = 10
#: alternateNamesV2 "isolanguage" values that are codes or links, not names
_NOT_NAMES = frozenset({"link", "post", "iata", "icao", "faac", "fr_1793", "wkdt", "unlc", "tcid"})
_MAX_PROBLEMS = 20
#: GeoNames ids are below this (13 million in 2026): a posting packs one in 32 bits
MAX_GEONAMEID = 1 << 32
#: rows between two progress reports (a few hundred KB of a dump)
_PROGRESS_ROWS = 4096

#: called with the number of bytes read since its last call; the calls add up to `dump_size`
Progress = Callable[[int], None]


def dump_size(*paths: str | None) -> int:
    """Bytes the import will read from these files (uncompressed, for a zip's member)."""
    total = 0
    for path in paths:
        if path is None or path == STDIN:
            continue
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                total += zf.getinfo(_member(zf, path)).file_size
        else:
            total += os.path.getsize(path)
    return total


def dump_date(path: str) -> str:
    """The day GeoNames wrote the dump, as its zip records it (YYYY-MM-DD); "" for a plain text
    file or standard input, whose dates say when a copy was made, not what it is a copy of."""
    if path == STDIN or not zipfile.is_zipfile(path):
        return ""
    with zipfile.ZipFile(path) as zf:
        year, month, day = zf.getinfo(_member(zf, path)).date_time[:3]
    if (year, month, day) == _NO_ZIP_DATE:
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


#: what a zip entry written without a date carries (the zip format's earliest)
_NO_ZIP_DATE = (1980, 1, 1)


def _member(zf: zipfile.ZipFile, path: str) -> str:
    """The dump inside a GeoNames zip: `SY.txt` in `SY.zip`, else its one other .txt file."""
    stem = os.path.splitext(os.path.basename(path))[0]
    names = zf.namelist()
    if f"{stem}.txt" in names:
        return f"{stem}.txt"
    dumps = [n for n in names if n.endswith(".txt") and n not in _NOT_DUMPS]
    if len(dumps) != 1:
        listing = ", ".join(names) or "nothing"
        raise DataError(
            [Problem(path, 0, 0, "", f"which file is the dump? the zip holds {listing}")]
        )
    return dumps[0]


#: what geonames.org zips hold beside the dump
_NOT_DUMPS = frozenset({"readme.txt", "iso-languagecodes.txt"})


@contextmanager
def dump_lines(path: str, progress: Progress | None) -> Iterator[Iterator[str]]:
    """The dump's lines, read as UTF-8 from the file or from its zip, reporting progress."""
    if path == STDIN:  # e.g. `unzip -p SY.zip SY.txt | ...`; it has no size to show progress of
        text = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", newline="\n")
        try:
            yield iter(text)
        finally:
            text.detach()
        return
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                member = _member(zf, path)
                with zf.open(member) as raw:
                    yield from _read(raw, zf.getinfo(member).file_size, progress)
        else:
            with open(path, "rb") as raw:
                yield from _read(raw, os.path.getsize(path), progress)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DataError([Problem(path, 0, 0, "", f"cannot read file: {reason}")]) from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile) as exc:
        raise DataError([Problem(path, 0, 0, "", f"cannot read the zip: {exc}")]) from exc


def _read(raw: IO[bytes], size: int, progress: Progress | None) -> Iterator[Iterator[str]]:
    with io.TextIOWrapper(raw, encoding="utf-8", newline="\n") as text:
        yield _lines(text, raw, size, progress)


def _lines(text: IO[str], raw: IO[bytes], size: int, progress: Progress | None) -> Iterator[str]:
    if progress is None:
        yield from text
        return
    reported = 0
    for count, line in enumerate(text, 1):
        if count % _PROGRESS_ROWS == 0:
            position = raw.tell()
            progress(position - reported)
            reported = position
        yield line
    progress(size - reported)  # what the decoder had read ahead, and the rest: 100 % exactly


def rows(lines: Iterable[str], path: str, columns: int) -> Iterator[tuple[int, list[str]]]:
    """Tab-separated rows with exactly `columns` fields; comment lines (#) are skipped."""
    problems: list[Problem] = []
    try:
        for line_no, line in enumerate(lines, 1):
            if line[:1] == "#" or line.isspace():
                continue
            fields = line.rstrip("\r\n").split("\t")
            if len(fields) == columns:
                yield line_no, fields
                continue
            found = f"expected {columns} tab-separated columns, found {len(fields)}"
            problems.append(Problem(path, line_no, 1, "", found))
            if len(problems) >= _MAX_PROBLEMS:
                break
    except UnicodeDecodeError as exc:
        raise DataError([Problem(path, 0, 0, "", f"not UTF-8 text: {exc.reason}")]) from exc
    if problems:
        raise DataError(problems)


def alternate_names(lines: Iterable[str], path: str) -> Iterator[tuple[int, str]]:
    """(geonameid, name) of each alternateNamesV2 row that is a name, not a code or a link."""
    for _line_no, fields in rows(lines, path, ALTERNATE_COLUMNS):
        name = fields[3]
        if name and fields[2] not in _NOT_NAMES and fields[1].isdecimal():
            yield int(fields[1]), name


def place_row(
    fields: list[str], path: str, line_no: int
) -> tuple[int, str, float, float, str, str, str, str, int, str, str]:
    """A row of `places`: the index's columns, then the names GeoNames lists after the name."""
    try:
        geonameid = int(fields[0])
        lat, lon = float(fields[4]), float(fields[5])
    except ValueError as exc:
        raise DataError(
            [Problem(path, line_no, 1, "", f"geonameid, latitude and longitude: {exc}")]
        ) from exc
    if not 0 <= geonameid < MAX_GEONAMEID:
        raise DataError([Problem(path, line_no, 1, "", f"geonameid {geonameid} is out of range")])
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise DataError(
            [
                Problem(
                    path,
                    line_no,
                    1,
                    "",
                    f"latitude {lat}, longitude {lon} are out of range",
                )
            ]
        )
    population = int(fields[14]) if fields[14].isdecimal() else 0
    return (
        geonameid,
        fields[1],
        lat,
        lon,
        fields[6],
        fields[7],
        fields[8],
        fields[10],
        population,
        fields[2],
        fields[3],
    )
