"""`places add NAME --at COORDINATES` and `--unknown`: a place a source gives, cited, with no
gazetteer asked.

An agency's own position for an event (a storm's centre, an epicentre) is no gazetteer's row:
it is copied as the source wrote it, so that its digits keep saying how closely the source knew
it, and its uncertainty is at least what those digits leave open (gazetteer.digits: a whole
step, after Chapman & Wieczorek 2020) unless the user gives more. An event site no source
locates (`--unknown`) is entered with the report that speaks of it and no position: the claims
locate it (`claimcheck locate`).
"""

from __future__ import annotations

import datetime

from claimcheck.errors import UsageError
from claimcheck.gazetteer.append import Entry
from claimcheck.gazetteer.digits import digits_radius, length_text, overclaim
from claimcheck.grammar.coords import CoordinateError, parse_coordinates
from claimcheck.grammar.units import UnitError, parse_length


def at_entry(
    name: str,
    at: str,
    title: str | None,
    url: str | None,
    date: str | None,
    uncertainty: str | None,
    place_id: str,
) -> tuple[Entry, str]:
    """The entry for NAME at the position `at`, and what its uncertainty is and why."""
    cited = _cited("--at needs --source-title: every position cites where it came from", title,
                   date)  # fmt: skip
    try:
        position = parse_coordinates(at)
    except CoordinateError as exc:
        raise UsageError(f"--at {at!r}: {exc}") from exc
    radius = digits_radius(at, position.lat)
    if uncertainty is None:
        written = length_text(radius.whole_step_m)
        why = (
            f"uncertainty {written}: what its digits ({radius.steps}) leave open, a whole step "
            "each way (Chapman & Wieczorek 2020); add the source's own error if it states one, "
            "and the feature's extent if a claim may measure from anywhere on it"
        )
        note = (
            f"Added by claimcheck places add --at, as the source gives it; uncertainty {written}: "
            f"what the digits ({radius.steps}) leave open, a whole step each way (Chapman & "
            "Wieczorek 2020, Georeferencing Best Practices, §3.4.3; docs/data.md, 'A position a "
            "source gives'). Add the source's own error if it states one, and the feature's "
            "extent if a claim may measure from anywhere on it (§3.4.1)."
        )
    else:
        try:
            metres = parse_length(uncertainty).metres
        except UnitError as exc:
            raise UsageError(f"--uncertainty: {exc}") from exc
        written = uncertainty.strip()
        warning = overclaim(at, position.lat, metres)
        why = f"uncertainty {written}, as given" + (f"; warning: {warning}" if warning else "")
        note = (
            "Added by claimcheck places add --at, as the source gives it; uncertainty "
            f"{written}, as given."
        )
    entry = _given(
        place_id, name, cited, url, date, note,
        lat=position.lat, lon=position.lon, uncertainty=written, coordinates=at.strip(),
    )  # fmt: skip
    return entry, why


def unknown_entry(
    name: str, title: str | None, url: str | None, date: str | None, place_id: str
) -> Entry:
    """The entry for an event site that the report names and no source locates."""
    cited = _cited("--unknown needs --source-title: the report that speaks of the place", title,
                   date)  # fmt: skip
    note = (
        "Added by claimcheck places add --unknown: no source gives its position; "
        f"`claimcheck locate {place_id}` shows where the claims put it."
    )
    return _given(place_id, name, cited, url, date, note)


def _given(
    place_id: str, name: str, cited: str, url: str | None, date: str | None, note: str,
    lat: float | None = None, lon: float | None = None, uncertainty: str | None = None,
    coordinates: str | None = None,
) -> Entry:  # fmt: skip
    """A place as a source gives it: its own name, no gazetteer's aliases or areas; a position
    only when the source gives one."""
    return Entry(
        id=place_id, name=name.strip(), aliases=(), country=None, admin=None, lat=lat, lon=lon,
        uncertainty=uncertainty, source_title=cited, source_url=(url or "").strip(),
        source_date=date or "", publisher="", note=note, coordinates=coordinates,
    )  # fmt: skip


def _cited(missing: str, title: str | None, date: str | None) -> str:
    """The source's title, checked with its date (`missing`: the error when there is none)."""
    if not title or not title.strip():
        raise UsageError(missing)
    if date is not None:
        try:
            datetime.date.fromisoformat(date)
        except ValueError as exc:
            raise UsageError(f"--source-date {date!r}: write it as YYYY-MM-DD") from exc
    return title.strip()
