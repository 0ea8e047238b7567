"""The decision rule (analysis.checks, docs/rules.md "The decision"): inconsistent only on one
side of a two-sided figure (ISO 14253-1:2017), a figure finer than the places can test is
inconclusive and says so (JCGM 106:2012's capability index), bounds and directions as before."""

from __future__ import annotations

from decimal import Decimal

import pytest

from claimcheck.analysis.checks import (
    Chance,
    LengthCheck,
    Limits,
    Sides,
    percent,
)
from claimcheck.analysis.verdicts import Verdict, evaluate
from claimcheck.claims.meaning import DistanceAssertion
from claimcheck.claims.model import Claim, VerdictKind
from claimcheck.gazetteer.places import Gazetteer, Place, PlaceKind, PlaceRef, Source
from claimcheck.geo import geodesic as geodesy
from claimcheck.geo.probability import Spread, SpreadKind
from claimcheck.grammar.interval import Interval
from claimcheck.grammar.relations import parse_requirement
from claimcheck.grammar.units import Unit
from claimcheck.render.reasons import check_why
from claimcheck.render.sentence import verdict_sentence

C, X, N = VerdictKind.CONSISTENT, VerdictKind.INCONSISTENT, VerdictKind.INCONCLUSIVE
LEVEL = Decimal("0.95")
KM = 1000.0
SOURCE = Source("test")


@pytest.mark.parametrize(
    ("strict", "lenient", "sides", "strict_sides", "expected"),
    [
        (0.012, 0.012, Sides(0.40, 0.588), None, N),  # outside 98.8 %, but split: Calypso Deep
        (0.02, 0.02, Sides(0.0, 0.98), None, X),  # one side with 98 %
        (0.049, 0.049, Sides(0.951, 0.0), None, X),  # a bound: its outside is one side
        (0.3, 0.3, Sides(0.7, 0.0), None, N),
        (0.97, 0.97, Sides(0.01, 0.02), None, C),
        (0.04, 0.04, None, None, X),  # a direction: its outside is one arc, P ≤ 5 % as before
        (0.001, 0.03, Sides(0.01, 0.96), Sides(0.2, 0.799), X),  # two readings: the lenient one
        (0.001, 0.03, Sides(0.5, 0.47), Sides(0.5, 0.499), N),
        (0.96, 0.99, Sides(0.0, 0.01), Sides(0.02, 0.02), C),  # the strict one decides consistent
    ],
)
def test_inconsistent_only_on_one_side(
    strict: float, lenient: float, sides: Sides | None, strict_sides: Sides | None,
    expected: VerdictKind,
) -> None:  # fmt: skip
    assert Chance(strict, lenient, LEVEL, sides, strict_sides).verdict is expected


def test_split_is_what_the_two_sided_rule_would_have_called_wrong() -> None:
    assert Chance(0.012, 0.012, LEVEL, Sides(0.40, 0.588)).split
    assert not Chance(0.02, 0.02, LEVEL, Sides(0.0, 0.98)).split
    assert not Chance(0.04, 0.04, LEVEL).split


@pytest.mark.parametrize(
    ("a", "b", "jitter", "interval", "expected"),
    [
        (5000.0, 2400.0, 0.0, Interval(62550.0, 62650.0), 100 / (4 * 2773.3)),
        (0.0, 0.0, 0.0, Interval(62550.0, 62650.0), None),  # no uncertainty: nothing to compare
        (0.0, 0.0, 2500.0, Interval(-2000.0, 2000.0), 4000 / (4 * 2500 / 3**0.5)),
    ],
)
def test_capability_index_is_jcgm_106s(
    a: float, b: float, jitter: float, interval: Interval, expected: float | None
) -> None:
    """C_m = (T_U − T_L)/(4u), u from uniform discs (r²/4 along an axis) and a uniform edge."""
    spread = Spread(SpreadKind.RADIAL, 60000.0, a, b, jitter=jitter)
    found = Limits(interval.low, interval.high, Unit.KM, spread, interval.high - interval.low)
    assert (
        found.capability == pytest.approx(expected, rel=1e-3)
        if expected
        else (found.capability is None)
    )


@pytest.mark.parametrize(
    ("a", "b", "jitter", "opening"),
    [
        (5000.0, 2400.0, 0.0, "the places are known only to ±5 km and ±2.4 km, too loosely"),
        (4000.0, 0.0, 2500.0, "the places are known only to ±4 km, the zone's edge to ±2.5 km,"),
        (0.0, 0.0, 2500.0, "the zone's edge is known only to ±2.5 km, too loosely"),
        # USGS's epicentre of the 2025 Myanmar earthquake, to 0.001°, and Mandalay's GeoNames row
        (152.0, 5000.0, 0.0, "the places are known only to ±152 m and ±5 km, too loosely"),
    ],
)
def test_the_resolution_names_what_is_loosely_known(
    a: float, b: float, jitter: float, opening: str
) -> None:
    spread = Spread(SpreadKind.RADIAL, 60000.0, a, b, offset=55000.0, jitter=jitter)
    ends = Limits(54500.0, 55500.0, Unit.KM, spread, 1000.0)
    assert ends.resolution.startswith(opening), ends
    assert (ends.low, ends.high) == ("54.5 km", "55.5 km")


def _verdict(figure: str, distance_km: float, uncertainty_km: float) -> Verdict:
    """A subject distance_km due east of a reference, each uncertain by uncertainty_km."""
    lat, lon = geodesy.forward(36.9, 21.7, 90.0, distance_km * KM)
    r = uncertainty_km * KM
    places = Gazetteer(
        {
            "ref": Place("ref", "ref", PlaceKind.POINT, SOURCE, lat=36.9, lon=21.7,
                         uncertainty_m=r),
            "subject": Place("subject", "subject", PlaceKind.POINT, SOURCE, lat=lat, lon=lon,
                             uncertainty_m=r),
        }
    )  # fmt: skip
    assertion = DistanceAssertion(PlaceRef("subject"), PlaceRef("ref"), parse_requirement(figure))
    (verdict,) = evaluate([Claim("c", "q", "c", SOURCE, assertion)], places)
    return verdict


@pytest.mark.parametrize(
    ("true_km", "expected"),
    [
        (62.6, N),  # the best estimate inside: as likely below as above
        (63.3, N),  # just outside (the Calypso Deep): P(holds) ~1 %, but on no one side
        (75.0, X),  # far outside: above with P ~100 %
        (50.0, X),  # far outside, below
    ],
)
def test_a_narrow_figure_against_loose_places(true_km: float, expected: VerdictKind) -> None:
    """ "62.6 km" (62.55–62.65) with both places ±5 km: P(holds) is small wherever the truth is,
    so only a side decides inconsistent."""
    verdict = _verdict("62.6 km", true_km, 5.0)
    (check,) = verdict.checks
    assert isinstance(check, LengthCheck) and check.chance is not None
    assert check.chance.lenient < 0.05
    assert verdict.verdict is expected, verdict.reason
    if expected is N:
        assert "on neither side with at least 95 %: inconclusive" in verdict.reason
        assert "the places are known only to ±5 km and ±5 km, too loosely to test" in check.reason
        assert "C_m = 0.0071" in check.reason and "likely" not in check.reason
        why = check_why(check, {}, {})
        assert "so it is inconclusive" in why and "probably" not in why
        assert "too loosely to tell whether its figure is too high or too low" in (
            verdict_sentence(verdict)
        )
    else:
        assert "at least 95 % on one side: inconsistent" in verdict.reason
        assert "too loosely" not in verdict.reason


@pytest.mark.parametrize("true_km", [50.0, 68.0, 70.0, 72.0, 80.0])
@pytest.mark.parametrize("figure", ["more than 70 km", "within 70 km", "less than 70 km"])
def test_a_bound_is_decided_as_before(figure: str, true_km: float) -> None:
    """A bound's outside is one side: inconsistent exactly when P(holds) ≤ 5 %, as the rule was
    before sides; one of the sides is 0."""
    (check,) = _verdict(figure, true_km, 5.0).checks
    chance = check.chance
    assert chance is not None and chance.sides is not None
    assert min(chance.sides.below, chance.sides.above) == 0.0
    before = C if chance.strict >= 0.95 else X if chance.lenient <= 0.05 else N
    assert check.verdict is before
    assert isinstance(check, LengthCheck) and check.ends is None


@pytest.mark.parametrize(
    ("uncertainty_km", "true_km", "expected", "words"),
    [
        (100.0, 180.0, N, "read strictly at most 5 %, but on neither side with at least 95 %"),
        (20.0, 180.0, N, "the reading decides (strict: inconsistent, lenient: inconclusive)"),
        (20.0, 250.0, X, "above 175 km with P = 100 %, at least 95 % on one side"),
    ],
)
def test_two_readings_decide_on_the_lenient_side(
    uncertainty_km: float, true_km: float, expected: VerdictKind, words: str
) -> None:
    """ "150 km": 145–155 read strictly, 125–175 leniently. The strict reading's P ≤ 5 % makes
    it "strict: inconsistent" only where it too lies on one side (4.6 % with places ±100 km is
    split 24 % below, 71 % above; 3.4 % with ±20 km is above with 96.5 %)."""
    verdict = _verdict("150 km", true_km, uncertainty_km)
    assert verdict.verdict is expected, verdict.reason
    assert words in verdict.reason


@pytest.mark.parametrize(
    ("p", "shown"),
    [(0.9496, "94.96 %"), (0.9504, "95.04 %"), (0.95, "95.0 %"), (0.0504, "5.04 %"),
     (0.949, "94.9 %"), (0.0391, "3.9 %")],
)  # fmt: skip
def test_a_side_next_to_the_level_shows_which_side_of_it_it_is(p: float, shown: str) -> None:
    """ "above 8.5 km with 95.0 %: on neither side with at least 95 %" would read as a mistake."""
    assert percent(p) == shown


@pytest.mark.parametrize(
    ("low_km", "high_km", "shown"),
    [
        (62.55, 62.65, ("62.55 km", "62.65 km")),  # Wikipedia's Calypso Deep, read to 0.1 km
        (7.5, 8.5, ("7.5 km", "8.5 km")),
        # UrduPoint's "16 kilometres (10 miles)", read as 10 ± 2.5 mi (the 2025 Myanmar quake)
        (11.88322, 20.11678, ("11.88 km", "20.12 km")),
        (1200.0, 1250.0, ("1,200 km", "1,250 km")),
    ],
)
def test_the_ends_are_written_to_the_half_widths_precision(
    low_km: float, high_km: float, shown: tuple[str, str]
) -> None:
    spread = Spread(SpreadKind.RADIAL, 60000.0, 5000.0, 5000.0)
    width = (high_km - low_km) * 1000.0
    ends = Limits(low_km * 1000.0, high_km * 1000.0, Unit.KM, spread, width)
    assert (ends.low, ends.high) == shown
