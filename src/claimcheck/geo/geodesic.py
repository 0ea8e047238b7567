"""Geodesics on the WGS84 ellipsoid (Karney's algorithm), solved where it costs least.

Three implementations of the same algorithm sit behind these functions: GeographicLib's pure
Python port (`geographiclib`, ~2 ms to import, ~30–60 µs a geodesic), the same code over
numpy arrays (`claimcheck.geo.karney`: numpy's import, ~35 ms, unless a command already
loaded it; then ~1 ms a call and ~2–6 µs a geodesic) and PROJ's C code (`ProjEngine`). A
process solves its first `CROSSOVER` geodesics in Python; the call that would pass it loads the
array engine, which then solves every call of more than a few dozen (smaller ones stay in
Python, which is faster for them).
Once its calls have cost what `PROJ_CROSSOVER` geodesics cost in Python, PROJ's C code
(through pyproj) solves them all. Most small files therefore never load numpy for geodesics,
and large ones pay for it once; a job that knows it needs thousands (building a region) says
so first (`expect`). Polygon areas of more than `CROSSOVER` vertices are PROJ's too. Each
switch is the rent-or-buy rule: pay for an import once what the calls have cost reaches it,
which never costs more than twice the best choice made in hindsight (A. R. Karlin et al.,
"Competitive snoopy caching", Algorithmica 3, 1988). The three agree to the last
bits that matter (tests/test_geodesic.py, on all of Karney's GeodTest-short): distances within
1e-8 m, azimuths within 1e-9° wherever they are well conditioned, end points of the direct
problem within 1e-12°. So which one ran never shows in a result, and callers cannot tell.

Every function takes latitude before longitude and names it so; only `ProjEngine`'s calls to
pyproj flip to lon, lat. Distances are in metres; azimuths are in degrees clockwise from true
north, in [0, 360).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol, Union

from claimcheck.frozen import frozen

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

#: Geodesics a process solves in pure Python before it loads the array engine. Measured by
#: bench/bench_geodesic.py: numpy's import (35–50 ms) over the per-geodesic saving (~40 µs for
#: an inverse, ~25 µs for a direct problem) puts the break-even between 1,000 and 2,000.
CROSSOVER = 1_000
#: What the array engine's calls may cost, in geodesics solved in Python, before PROJ solves
#: them all. Measured by bench/bench_geodesic.py: pyproj's import once numpy is loaded (75–90
#: ms) over what a geodesic costs in Python in small calls (60–170 µs, short to global ones)
#: puts the break-even between 500 and 1,500.
PROJ_CROSSOVER = 1_000

#: What solves a geodesic, for a report's methods: the engines below implement the same
#: algorithm and agree to 1e-8 m (tests/test_geodesic.py), so a report need not say which ran.
#: How geodesics are solved, as a report's methods say it: the algorithm and its reference, not
#: which implementation ran when (docs/performance.md, "Geodesics", has that)
METHOD = (
    'Karney\'s algorithm (C. F. F. Karney, "Algorithms for geodesics", Journal of Geodesy '
    "87, 43–55, 2013, doi:10.1007/s00190-012-0578-z), as GeographicLib and PROJ implement it; "
    "the two agree to 0.01 µm on Karney's published test set of geodesics"
)

#: a column of values: a sequence, an array, or one value standing for all
Column = Union[Sequence[float], "npt.NDArray[np.float64]", float]
#: (distances m, forward azimuths at the start, forward azimuths at the end), raw degrees
Solutions = tuple[list[float], list[float], list[float]]


@frozen
class Inverse:
    """The solution of the inverse geodesic problem between two points."""

    distance_m: float
    #: forward azimuth at the first point, degrees in [0, 360)
    azimuth_deg: float


class Solver(Protocol):
    """Karney's two problems, solved for columns; lists in, lists out, lat before lon."""

    def inverse(
        self, lat1: list[float], lon1: list[float], lat2: list[float], lon2: list[float]
    ) -> Solutions: ...

    def direct(
        self, lat1: list[float], lon1: list[float], azi1: list[float], s12: list[float]
    ) -> Solutions:
        """(latitudes, longitudes, forward azimuths) of the end points."""
        ...


class Engine(Solver, Protocol):
    """One implementation of Karney's geodesics, areas included."""

    name: str

    def polygon_area(self, lats: list[float], lons: list[float]) -> float: ...


class GeographicLibEngine:
    """GeographicLib's own Python port: nothing to load but itself."""

    name = "geographiclib"

    def __init__(self) -> None:
        from geographiclib.geodesic import Geodesic

        self._geod = Geodesic.WGS84
        self._inverse_mask = Geodesic.DISTANCE | Geodesic.AZIMUTH
        self._direct_mask = Geodesic.LATITUDE | Geodesic.LONGITUDE | Geodesic.AZIMUTH

    def inverse(
        self, lat1: list[float], lon1: list[float], lat2: list[float], lon2: list[float]
    ) -> Solutions:
        solve, mask = self._geod.Inverse, self._inverse_mask
        found = [solve(*args, mask) for args in zip(lat1, lon1, lat2, lon2, strict=True)]
        return [g["s12"] for g in found], [g["azi1"] for g in found], [g["azi2"] for g in found]

    def direct(
        self, lat1: list[float], lon1: list[float], azi1: list[float], s12: list[float]
    ) -> Solutions:
        solve, mask = self._geod.Direct, self._direct_mask
        found = [solve(*args, mask) for args in zip(lat1, lon1, azi1, s12, strict=True)]
        return [g["lat2"] for g in found], [g["lon2"] for g in found], [g["azi2"] for g in found]

    def polygon_area(self, lats: list[float], lons: list[float]) -> float:
        polygon = self._geod.Polygon()
        for lat, lon in zip(lats, lons, strict=True):
            polygon.AddPoint(lat, lon)
        _num, _perimeter, area = polygon.Compute(False, True)
        return float(area)


class ProjEngine:
    """PROJ's C code through pyproj (~75 ms to import once numpy is loaded), then ~5 µs a call
    and ~1 µs a geodesic: what many small calls cost least in, once they are many."""

    name = "pyproj"

    def __init__(self) -> None:
        from pyproj import Geod

        self._geod = Geod(ellps="WGS84")

    def inverse(
        self, lat1: list[float], lon1: list[float], lat2: list[float], lon2: list[float]
    ) -> Solutions:
        az1, az2, dist = self._geod.inv(lon1, lat1, lon2, lat2, return_back_azimuth=False)
        return list(dist), list(az1), list(az2)

    def direct(
        self, lat1: list[float], lon1: list[float], azi1: list[float], s12: list[float]
    ) -> Solutions:
        lon2, lat2, az2 = self._geod.fwd(lon1, lat1, azi1, s12, return_back_azimuth=False)
        return list(lat2), list(lon2), list(az2)

    def polygon_area(self, lats: list[float], lons: list[float]) -> float:
        area, _perimeter = self._geod.polygon_area_perimeter(lons, lats)
        return float(area)


class NumpyEngine:
    """GeographicLib's same code over numpy arrays (claimcheck.geo.karney), loaded on first use.

    A call of fewer than `SMALL_CALL` geodesics goes to GeographicLib's scalar code: numpy's
    fixed cost per call (~0.3 ms for the direct problem, ~1 ms for the inverse one, whose
    Newton steps are a few dozen array operations each) is more than they take one by one.
    Once the calls have cost what `PROJ_CROSSOVER` geodesics cost in Python (a small call its
    geodesics, an array call its fixed cost, about `SMALL_CALL` of them), every call is PROJ's,
    which is faster at every size (a region built from thousands of calls: 15 s in Python and
    arrays, 4 s in all; a story whose calls just pass the crossover pays ~60 ms more), as are
    polygon areas of more than `CROSSOVER` vertices.
    """

    name = "numpy"
    #: below this many geodesics in one call, the scalar code is the faster
    SMALL_CALL = 32

    def __init__(self, python: GeographicLibEngine) -> None:
        from claimcheck.geo import karney

        self._karney = karney
        self._python = python
        self._proj: ProjEngine | None = None
        #: what the calls so far cost, in geodesics solved in Python
        self.spent = 0

    def _engine(self, count: int) -> Solver:
        if self._proj is None:
            self.spent += min(count, self.SMALL_CALL)
            if self.spent <= PROJ_CROSSOVER:
                return self._python if count < self.SMALL_CALL else self._karney
        return self._proj_engine()

    def _proj_engine(self) -> ProjEngine:
        if self._proj is None:
            self._proj = ProjEngine()
        return self._proj

    def inverse(
        self, lat1: list[float], lon1: list[float], lat2: list[float], lon2: list[float]
    ) -> Solutions:
        return self._engine(len(lat1)).inverse(lat1, lon1, lat2, lon2)

    def direct(
        self, lat1: list[float], lon1: list[float], azi1: list[float], s12: list[float]
    ) -> Solutions:
        return self._engine(len(lat1)).direct(lat1, lon1, azi1, s12)

    def polygon_area(self, lats: list[float], lons: list[float]) -> float:
        if len(lats) <= CROSSOVER:
            return self._python.polygon_area(lats, lons)
        return self._proj_engine().polygon_area(lats, lons)


class Selector:
    """Which engine solves the next call: Python until `crossover` geodesics, then numpy."""

    def __init__(self, crossover: int) -> None:
        self.crossover = crossover
        self.solved_in_python = 0
        self._python: GeographicLibEngine | None = None
        self._numpy: NumpyEngine | None = None

    def expect(self, count: int) -> None:
        """Count `count` geodesics that a job is about to solve, before it asks for any."""
        self.solved_in_python += count

    def engine(self, count: int) -> Engine:
        if self._python is None:
            self._python = GeographicLibEngine()
        if self._numpy is None and self.solved_in_python + count <= self.crossover:
            self.solved_in_python += count
            return self._python
        if self._numpy is None:
            self._numpy = NumpyEngine(self._python)
        return self._numpy


#: The process's selector; tests build their own to pin an engine.
SELECTOR = Selector(CROSSOVER)


def expect(count: int) -> None:
    """Announce a job of about `count` geodesics (a region, a map), so it starts on the engine
    that suits its whole size rather than solving its first ones in Python and then loading
    the array engine anyway."""
    SELECTOR.expect(count)


def normalize_azimuth(azimuth_deg: float) -> float:
    """Map (-180, 180] (or any) azimuths onto [0, 360), where compass sectors are defined."""
    value = azimuth_deg % 360.0
    return 0.0 if value == 360.0 else value


def _normalized(azimuths_deg: Sequence[float]) -> list[float]:
    """`normalize_azimuth` over a column, written out: a region's millions of azimuths spent
    a third of a second in the calls alone."""
    return [0.0 if (value := a % 360.0) == 360.0 else value for a in azimuths_deg]


def _columns(*columns: Column) -> list[list[float]]:
    """Equal-length lists of floats; a scalar stands for a column of that value."""
    n = max((len(c) for c in columns if not isinstance(c, (int, float))), default=1)
    return [[float(c)] * n if isinstance(c, (int, float)) else _floats(c, n) for c in columns]


def _floats(column: Any, n: int) -> list[float]:
    values = column.tolist() if hasattr(column, "tolist") else [float(x) for x in column]
    if len(values) != n:
        raise ValueError(f"columns of different lengths: {len(values)} and {n}")
    return values


def inverse(lat1: float, lon1: float, lat2: float, lon2: float) -> Inverse:
    """Geodesic distance (m) and forward azimuth from point 1 to point 2."""
    dist, az, _az2 = SELECTOR.engine(1).inverse([lat1], [lon1], [lat2], [lon2])
    return Inverse(distance_m=float(dist[0]), azimuth_deg=normalize_azimuth(float(az[0])))


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Geodesic distance in metres between two points given as lat, lon."""
    return inverse(lat1, lon1, lat2, lon2).distance_m


def inverse_ends(lat1: Column, lon1: Column, lat2: Column, lon2: Column) -> Solutions:
    """Many inverse problems at once: (distances m, azimuths at the starts, at the ends).

    Azimuths are forward ones, in [0, 360); scalars stand for columns of one value.
    """
    columns = _columns(lat1, lon1, lat2, lon2)
    if not columns[0]:
        return [], [], []
    dist, az1, az2 = SELECTOR.engine(len(columns[0])).inverse(*columns)
    return [float(d) for d in dist], _normalized(az1), _normalized(az2)


def inverse_many(
    lat1: Column, lon1: Column, lat2: Column, lon2: Column
) -> tuple[list[float], list[float]]:
    """Many inverse problems at once: (distances in m, forward azimuths in [0, 360))."""
    dist, az1, _az2 = inverse_ends(lat1, lon1, lat2, lon2)
    return dist, az1


def forward(lat: float, lon: float, azimuth_deg: float, distance_m: float) -> tuple[float, float]:
    """The point (lat, lon) reached from (lat, lon) along azimuth for distance_m metres."""
    lats, lons, _az = SELECTOR.engine(1).direct([lat], [lon], [azimuth_deg], [distance_m])
    return float(lats[0]), float(lons[0])


def forward_many(lat: Column, lon: Column, azimuth_deg: Column, distance_m: Column) -> Solutions:
    """Many direct problems at once: (latitudes, longitudes, forward azimuths there)."""
    columns = _columns(lat, lon, azimuth_deg, distance_m)
    if not columns[0]:
        return [], [], []
    lats, lons, az2 = SELECTOR.engine(len(columns[0])).direct(*columns)
    return [float(x) for x in lats], [float(x) for x in lons], _normalized(az2)


def polygon_area_m2(lats: Column, lons: Column) -> float:
    """Signed geodesic area (m²) of a ring of geodesic edges: positive counterclockwise."""
    lat_list, lon_list = _columns(lats, lons)
    if not lat_list:
        return 0.0
    return SELECTOR.engine(len(lat_list)).polygon_area(lat_list, lon_list)
