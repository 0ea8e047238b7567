"""Properties of the geodesy that any correct ellipsoidal distance must have.

Known answers live in test_geodesy.py and point-to-line ≤ distance to any vertex in
test_geometry.py; here hypothesis checks symmetry, the triangle inequality, azimuth round trips
through Geod.fwd and that "inside a zone" means "within its radius of the centre". The fast
profile runs 200 cases each; HYPOTHESIS_PROFILE=long runs 10,000.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import assume, given
from hypothesis import strategies as st

from claimcheck.analysis.verdicts import evaluate
from claimcheck.claims.model import Claim, InsideAssertion, VerdictKind
from claimcheck.gazetteer.places import Gazetteer, Place, PlaceKind, PlaceRef, Source
from claimcheck.geo import geodesic as geodesy
from claimcheck.geo.measure import Measurer
from claimcheck.grammar.units import Length, Unit

#: Karney's algorithm is accurate to ~15 nm; these allow for float round-off over 20,000 km.
SAME_M = 1e-6
LANDING_M = 1e-3

lats = st.floats(-90, 90, allow_nan=False)
lons = st.floats(-180, 180, allow_nan=False)
points = st.tuples(lats, lons)


@given(a=points, b=points)
def test_distance_is_symmetric(a: tuple[float, float], b: tuple[float, float]) -> None:
    assert abs(geodesy.distance_m(*a, *b) - geodesy.distance_m(*b, *a)) <= SAME_M


@given(a=points)
def test_distance_to_itself_is_zero(a: tuple[float, float]) -> None:
    assert geodesy.distance_m(*a, *a) <= SAME_M


@given(a=points, b=points, c=points)
def test_triangle_inequality(
    a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]
) -> None:
    ab, bc, ac = geodesy.distance_m(*a, *b), geodesy.distance_m(*b, *c), geodesy.distance_m(*a, *c)
    assert ac <= ab + bc + SAME_M


@given(a=points, b=points)
def test_azimuth_round_trips_through_forward(
    a: tuple[float, float], b: tuple[float, float]
) -> None:
    """Setting off from a along the inverse azimuth for the inverse distance lands on b."""
    inv = geodesy.inverse(*a, *b)
    assert 0.0 <= inv.azimuth_deg < 360.0
    landed = geodesy.forward(*a, inv.azimuth_deg, inv.distance_m)
    assert geodesy.distance_m(*landed, *b) <= LANDING_M


@given(a=points, azimuth=st.floats(0, 360, exclude_max=True), distance=st.floats(0, 19_000_000))
def test_forward_then_inverse_gives_the_distance_back(
    a: tuple[float, float], azimuth: float, distance: float
) -> None:
    """Below half the meridian (~20,004 km) every geodesic is the shortest path."""
    landed = geodesy.forward(*a, azimuth, distance)
    assert abs(geodesy.distance_m(*a, *landed) - distance) <= LANDING_M


@given(a=points, b=points)
def test_vectorised_and_scalar_inverse_agree(
    a: tuple[float, float], b: tuple[float, float]
) -> None:
    (dist,), (az,) = geodesy.inverse_many([a[0]], [a[1]], [b[0]], [b[1]])
    one = geodesy.inverse(*a, *b)
    assert abs(dist - one.distance_m) <= SAME_M
    if one.distance_m > 1.0:  # the azimuth of a null geodesic means nothing
        assert min(abs(az - one.azimuth_deg), 360 - abs(az - one.azimuth_deg)) < 1e-9


SOURCE = Source("property test")


def _gazetteer(
    centre: tuple[float, float], radius_km: int, subject: tuple[float, float]
) -> Gazetteer:
    places = [
        Place("c", "centre", PlaceKind.POINT, SOURCE, lat=centre[0], lon=centre[1]),
        Place("z", "zone", PlaceKind.ZONE, SOURCE, centre="c",
              radius=Length(Decimal(radius_km), Unit.KM)),
        Place("s", "subject", PlaceKind.POINT, SOURCE, lat=subject[0], lon=subject[1]),
    ]  # fmt: skip
    return Gazetteer({p.id: p for p in places})


@given(
    centre=st.tuples(st.floats(-80, 80), lons),
    radius_km=st.integers(1, 2000),
    azimuth=st.floats(0, 360, exclude_max=True),
    fraction=st.floats(0, 2),
)
def test_inside_a_zone_iff_within_its_radius(
    centre: tuple[float, float], radius_km: int, azimuth: float, fraction: float
) -> None:
    """With no uncertainty, "inside" is consistent exactly when distance ≤ radius, and
    "outside" exactly when it is not; the distance to the edge is max(0, d - radius)."""
    radius_m = radius_km * 1000.0
    subject = geodesy.forward(*centre, azimuth, radius_m * fraction)
    d = geodesy.distance_m(*centre, *subject)
    assume(abs(d - radius_m) > SAME_M)
    gazetteer = _gazetteer(centre, radius_km, subject)
    claims = [
        Claim(word, "q", "c", SOURCE, InsideAssertion(PlaceRef("s"), PlaceRef("z"), word == "in"))
        for word in ("in", "out")
    ]
    inside, outside = (v.verdict for v in evaluate(claims, gazetteer))
    C, X = VerdictKind.CONSISTENT, VerdictKind.INCONSISTENT
    assert (inside, outside) == ((C, X) if d <= radius_m else (X, C))
    edge = Measurer(gazetteer).distance(gazetteer.places["s"], gazetteer.places["z"])
    assert abs(edge.distance.best - max(0.0, d - radius_m)) <= SAME_M
