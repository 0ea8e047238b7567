"""The geodesic engines behind claimcheck.geo.geodesic agree, so callers cannot tell them apart.

Measured on all 10,000 geodesics of Karney's GeodTest-short (tests/data, CC0), GeographicLib's
Python port against PROJ's C code (pyproj 3.7): distances differ by at most 7.5e-9 m (one unit
in the last place at 20,000 km); forward azimuths by at most 5.7e-10° on the seven well
conditioned blocks, and up to 1.5e-5° on the last two ("between vertices", "ending near
vertices"), where the file itself warns that azimuths are ill-conditioned; end points of the
direct problem by at most 2.8e-14° and their azimuths by 5.7e-14°. The same Python code over
numpy arrays (claimcheck.geo.karney) against it: distances at most 3.7e-9 m apart, azimuths
5.7e-10°, end points 2.8e-14° (86–100 % of each block bit for bit the same). The tolerances
below are those figures rounded up to a power of ten.
"""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import pytest

from claimcheck.geo import geodesic as geodesy
from claimcheck.geo import karney

DATA = Path(__file__).parent / "data" / "GeodTest-short.dat.gz"
#: GeodTest-short's blocks (tests/data README): name -> (first line, last line + 1), 0-based
BLOCKS = {
    "random": (0, 2000),
    "nearly antipodal": (2000, 3000),
    "short": (3000, 4000),
    "one end near a pole": (4000, 5000),
    "opposite poles": (5000, 6000),
    "nearly meridional": (6000, 7000),
    "nearly equatorial": (7000, 8000),
    "between vertices": (8000, 9000),
    "ending near vertices": (9000, 10000),
}
ILL_CONDITIONED_AZIMUTHS = {"between vertices", "ending near vertices"}
DISTANCE_TOLERANCE_M = 1e-8
AZIMUTH_TOLERANCE_DEG = 1e-9
ILL_CONDITIONED_AZIMUTH_TOLERANCE_DEG = 1e-4
POSITION_TOLERANCE_DEG = 1e-12

Row = list[float]


def _rows() -> list[Row]:
    with gzip.open(DATA, "rt") as handle:
        return [[float(x) for x in line.split()[:7]] for line in handle]


ROWS = _rows()
PYTHON = geodesy.GeographicLibEngine()
NUMPY = geodesy.NumpyEngine(PYTHON)
PROJ = geodesy.ProjEngine()


def _angle(a: float, b: float) -> float:
    return abs((a - b + 180.0) % 360.0 - 180.0)


def _block(name: str, every: int) -> list[Row]:
    first, end = BLOCKS[name]
    return ROWS[first:end:every]


def _check_block(name: str, rows: list[Row]) -> None:
    lat1, lon1, azi1, lat2, lon2, _azi2, s12 = (list(col) for col in zip(*rows, strict=True))
    azimuth_tolerance = (
        ILL_CONDITIONED_AZIMUTH_TOLERANCE_DEG
        if name in ILL_CONDITIONED_AZIMUTHS
        else AZIMUTH_TOLERANCE_DEG
    )
    py = PYTHON.inverse(lat1, lon1, lat2, lon2)
    for other in (karney, PROJ):
        pj = other.inverse(lat1, lon1, lat2, lon2)
        for i, exact in enumerate(s12):
            assert abs(py[0][i] - pj[0][i]) <= DISTANCE_TOLERANCE_M
            assert abs(py[0][i] - exact) <= DISTANCE_TOLERANCE_M
            assert _angle(py[1][i], pj[1][i]) <= azimuth_tolerance
            assert _angle(py[2][i], pj[2][i]) <= azimuth_tolerance
    py = PYTHON.direct(lat1, lon1, azi1, s12)
    for other in (karney, PROJ):
        pj = other.direct(lat1, lon1, azi1, s12)
        for i in range(len(rows)):
            assert abs(py[0][i] - pj[0][i]) <= POSITION_TOLERANCE_DEG
            assert _angle(py[1][i], pj[1][i]) <= POSITION_TOLERANCE_DEG
            assert _angle(py[2][i], pj[2][i]) <= POSITION_TOLERANCE_DEG


@pytest.mark.parametrize("name", list(BLOCKS))
def test_engines_agree_on_a_sample_of_each_geodtest_block(name: str) -> None:
    _check_block(name, _block(name, every=10))


@pytest.mark.slow
@pytest.mark.parametrize("name", list(BLOCKS))
def test_engines_agree_on_all_of_geodtest(name: str) -> None:
    _check_block(name, _block(name, every=1))


def test_the_array_engine_leaves_small_calls_to_python() -> None:
    engine = geodesy.NumpyEngine(PYTHON)
    lat1, lon1, lat2, lon2 = ([float(k)] * 3 for k in (10, 20, 11, 21))
    assert engine.inverse(lat1, lon1, lat2, lon2) == PYTHON.inverse(lat1, lon1, lat2, lon2)
    many = [[x] * engine.SMALL_CALL for x in (10.0, 20.0, 11.0, 21.0)]
    assert engine.inverse(*many) == karney.inverse(*many)


def test_many_calls_go_to_proj_once_they_cost_what_its_import_does() -> None:
    """Past PROJ_CROSSOVER geodesics' worth of Python (an array call costs SMALL_CALL of them,
    its fixed cost), every call is PROJ's: a region built from thousands of small calls."""
    engine = geodesy.NumpyEngine(PYTHON)
    small = [[x] * 4 for x in (10.0, 20.0, 11.0, 21.0)]
    many = [[x] * 100 for x in (10.0, 20.0, 11.0, 21.0)]
    calls = geodesy.PROJ_CROSSOVER // engine.SMALL_CALL
    for _ in range(calls):
        assert engine.inverse(*many) == karney.inverse(*many)
    assert engine.spent == calls * engine.SMALL_CALL
    while engine.spent + 4 <= geodesy.PROJ_CROSSOVER:
        assert engine.inverse(*small) == PYTHON.inverse(*small)
    assert engine.inverse(*small) == PROJ.inverse(*small)
    assert engine.inverse(*many) == PROJ.inverse(*many)
    assert engine.direct(*small) == PROJ.direct(*small)


def test_areas_agree_with_proj_for_large_polygons() -> None:
    rng = random.Random(17)
    for _ in range(5):
        centre = (rng.uniform(-60, 60), rng.uniform(-180, 180))
        count = geodesy.CROSSOVER + 1
        lats, lons, _az = PYTHON.direct(
            [centre[0]] * count,
            [centre[1]] * count,
            [-360.0 * k / count for k in range(count)],
            [rng.uniform(50e3, 150e3) for _k in range(count)],
        )
        assert NUMPY.polygon_area(lats, lons) == pytest.approx(
            PYTHON.polygon_area(lats, lons), rel=1e-12, abs=1e-3
        )


def test_python_runs_until_the_crossover_then_numpy_for_good() -> None:
    selector = geodesy.Selector(crossover=10)
    assert selector.engine(4).name == "geographiclib"
    assert selector.engine(6).name == "geographiclib"
    assert selector.engine(1).name == "numpy"
    assert selector.engine(1).name == "numpy"


def test_a_large_call_goes_straight_to_numpy() -> None:
    selector = geodesy.Selector(crossover=10)
    assert selector.engine(11).name == "numpy"


def test_an_announced_job_starts_on_numpy() -> None:
    selector = geodesy.Selector(crossover=10)
    selector.expect(20)
    assert selector.engine(1).name == "numpy"


def test_scalars_stand_for_columns() -> None:
    dists, azimuths = geodesy.inverse_many(0.0, 0.0, [0.0, 1.0], [1.0, 0.0])
    assert dists == pytest.approx([111319.491, 110574.389], abs=1e-3)
    assert azimuths == pytest.approx([90.0, 0.0], abs=1e-9)


def test_columns_of_different_lengths_are_refused() -> None:
    with pytest.raises(ValueError, match="different lengths"):
        geodesy.inverse_many([0.0, 1.0], [0.0], [1.0, 2.0], [1.0, 2.0])


def test_azimuths_at_the_end_are_forward_ones_in_0_360() -> None:
    """From the equator due west: forward azimuth 270° at both ends (not the back azimuth 90°)."""
    _dist, start, end = geodesy.inverse_ends(0.0, 10.0, 0.0, 9.0)
    assert start == pytest.approx([270.0]) and end == pytest.approx([270.0])
    _lats, _lons, there = geodesy.forward_many(0.0, 10.0, 270.0, 1000.0)
    assert there == pytest.approx([270.0])
