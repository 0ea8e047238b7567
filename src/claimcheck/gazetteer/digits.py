"""How far a point can be from where its written digits put it.

A source that gives "29.8N 93.3W" (the National Hurricane Center's positions, to 0.1°) says
nothing closer than its last digit. Georeferencing Best Practices (Chapman & Wieczorek 2020,
GBIF, https://doi.org/10.15468/doc-gg7h-s853, §3.4.3 "Uncertainty Related to Coordinate
Precision") sizes this as the hypotenuse of one step of latitude and one step of longitude at
the point, on WGS84 (its table: 0.1° is 14,697 m at 30° latitude). That counts a whole step,
because a written figure may have been truncated; if it was rounded, the point is still up to
half of it away (the half-step radius), which no reading of the digits can reduce.
"""

from __future__ import annotations

import math

from claimcheck.frozen import frozen
from claimcheck.grammar.coords import written_steps


@frozen
class DigitsRadius:
    """What a written coordinate's precision alone leaves open around its point, in metres."""

    #: the steps of the last written digit, degrees of latitude and of longitude
    lat_step_deg: float
    lon_step_deg: float
    #: one whole step each way (Chapman & Wieczorek 2020: the figure may be truncated)
    whole_step_m: float
    #: half a step each way: the least, even for a rounded figure
    half_step_m: float

    @property
    def steps(self) -> str:
        """The steps as people write them: '0.1°', '1″', or '0.01° by 0.1°'."""
        lat, lon = _step_text(self.lat_step_deg), _step_text(self.lon_step_deg)
        return lat if lat == lon else f"{lat} by {lon}"


def digits_radius(text: str, lat: float) -> DigitsRadius:
    """The radius that the digits of `text` (a coordinate pair as grammar.coords reads it)
    leave open at latitude `lat`, a step or half a step each way."""
    lat_step, lon_step = written_steps(text)
    return DigitsRadius(
        lat_step,
        lon_step,
        _radius_m(lat, lat_step, lon_step),
        _radius_m(lat, lat_step / 2, lon_step / 2),
    )


def _radius_m(lat: float, lat_step: float, lon_step: float) -> float:
    """The guide's hypotenuse: a step of latitude centred on `lat` and a step of longitude along
    its parallel, both geodesic lengths on WGS84."""
    # imported only when a place gives its coordinates as text (the reader's other points do
    # not need it)
    from geographiclib.geodesic import Geodesic

    wgs84, distance = Geodesic.WGS84, Geodesic.DISTANCE
    south, north = max(lat - lat_step / 2, -90.0), min(lat + lat_step / 2, 90.0)
    along_meridian = wgs84.Inverse(south, 0.0, north, 0.0, distance)["s12"]
    along_parallel = wgs84.Inverse(lat, 0.0, lat, min(lon_step, 180.0), distance)["s12"]
    return math.hypot(along_meridian, along_parallel)


def _step_text(step: float) -> str:
    """A step as written: in degrees or minutes when it is a power of ten of them, else in
    seconds (grammar.coords.written_steps gives no other steps)."""
    for unit, per_degree in (("°", 1), ("′", 60)):
        decimals = -math.log10(step * per_degree)
        if abs(decimals - round(decimals)) < 1e-9:
            return f"{step * per_degree:.{max(round(decimals), 0)}f}{unit}"
    seconds = step * 3600
    return f"{seconds:.{max(round(-math.log10(seconds)), 0)}f}″"


def overclaim(text: str, lat: float, uncertainty_m: float) -> str | None:
    """Why an uncertainty is smaller than the digits of `text` allow, or None when it is not:
    below half a step, it claims to know the point more closely than any reading of them."""
    radius = digits_radius(text, lat)
    if uncertainty_m >= radius.half_step_m:
        return None
    half, whole = length_text(radius.half_step_m), length_text(radius.whole_step_m)
    return (
        f"uncertainty {length_text(uncertainty_m)} is less than the coordinates' digits allow: "
        f"{text.strip()!r} is written to {radius.steps}, so the point can be {half} from it if "
        f"the source rounded, {whole} if it truncated (Chapman & Wieczorek 2020, Georeferencing "
        f"Best Practices, §3.4.3): give at least {half}, or {whole} unless the source says it "
        "rounds"
    )


def length_text(metres: float) -> str:
    """Rounded up (to 0.1 km, or to the metre), so that an uncertainty given as shown is enough."""
    if metres >= 1000:
        return f"{math.ceil(metres / 100 - 1e-9) / 10:.1f}".removesuffix(".0") + " km"
    return f"{math.ceil(metres - 1e-9)} m"
