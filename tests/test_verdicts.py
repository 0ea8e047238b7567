from __future__ import annotations

import math
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.analysis.verdicts import Verdict, evaluate, margin, worst
from claimcheck.claims.meaning import DistanceAssertion, ZoneRadiusAssertion
from claimcheck.claims.model import Claim, VerdictKind, load_claims
from claimcheck.gazetteer.places import Gazetteer, Place, PlaceKind, PlaceRef, Source
from claimcheck.gazetteer.reader import load_places
from claimcheck.geo import geodesic as geodesy
from claimcheck.geo.measure import Measured
from claimcheck.grammar.directions import compass
from claimcheck.grammar.interval import Interval
from claimcheck.grammar.relations import RELATION_WORDS, parse_requirement
from claimcheck.grammar.units import MAX_LENGTH_M

ROOT = Path(__file__).parent.parent
C, X, N, U = (VerdictKind.CONSISTENT, VerdictKind.INCONSISTENT, VerdictKind.INCONCLUSIVE,
              VerdictKind.UNVERIFIABLE)  # fmt: skip
KM = 1000.0
MI = 1609.344
SOURCE = Source("test")


def _places(distance_km: float, uncertainty_m: float = 0.0) -> Gazetteer:
    """A reference and a subject distance_km due east of it, each uncertain by uncertainty_m."""
    lat, lon = geodesy.forward(33.0, 38.0, 90.0, distance_km * KM)
    return Gazetteer(
        {
            "ref": Place("ref", "ref", PlaceKind.POINT, SOURCE, lat=33.0, lon=38.0,
                         uncertainty_m=uncertainty_m),
            "subject": Place("subject", "subject", PlaceKind.POINT, SOURCE, lat=lat, lon=lon,
                             uncertainty_m=uncertainty_m),
        }
    )  # fmt: skip


def _distance_verdict(figure: str, distance_km: float, uncertainty_m: float = 0.0) -> Verdict:
    assertion = DistanceAssertion(PlaceRef("subject"), PlaceRef("ref"), parse_requirement(figure))
    (verdict,) = evaluate(
        [Claim("c", "q", "c", SOURCE, assertion)], _places(distance_km, uncertainty_m)
    )
    return verdict


@pytest.mark.parametrize(
    ("figure", "true_km", "expected"),
    [
        ("100 km", 71.0, X),  # a round figure reads 75–125 at most (25 % cap)
        ("70 km", 71.0, C),  # rounded to tens: 65–75
        ("about 150 km", 122.8, X),  # to fifties at most: 125–175
        ("about 500 km", 540.0, C),  # to hundreds: 450–550
        ("about 45 mi", 43.2 * MI / KM, C),  # 45 ± 2.25 (5 %) or ± 2.5 (fives)
        ("about 150 km", 140.0, N),  # tens (±7.5) exclude it, fifties (±25) include it
        ("about 31 mi", 28.0 * MI / KM, N),  # ±1.55 mi excludes it, 50 km converted includes it
    ],
)
def test_acceptance_round_figures(figure: str, true_km: float, expected: VerdictKind) -> None:
    """Issue 13, item 1: each figure against a distance measured with no uncertainty."""
    verdict = _distance_verdict(figure, true_km)
    assert verdict.verdict is expected, verdict.reason


def test_a_converted_figure_says_what_it_may_have_been() -> None:
    """docs/rules.md, "A converted figure": the reason names the rounder original."""
    verdict = _distance_verdict("about 31 mi", 28.0 * MI / KM)
    assert "or as a conversion of 50 km read as rounded to tens (50 ± 5 km)" in verdict.reason


@pytest.mark.parametrize(("figure", "expected"), [("34 mi", C), ("35 mi", X)])
def test_acceptance_zone_radius_in_miles(figure: str, expected: VerdictKind) -> None:
    """Issue 13, item 1: "the 34-mile zone" and "the 35-mile zone" against a 55 km radius."""
    zone = Place("zone", "zone", PlaceKind.ZONE, SOURCE, centre="ref", radius=parse_requirement(
        "55 km").figure, uncertainty_m=0.0)  # fmt: skip
    gazetteer = Gazetteer({**{p.id: p for p in _places(1.0)}, "zone": zone})
    assertion = ZoneRadiusAssertion(PlaceRef("zone"), parse_requirement(figure))
    (verdict,) = evaluate([Claim("c", "q", "c", SOURCE, assertion)], gazetteer)
    assert verdict.verdict is expected, verdict.reason
    assert "34.2 mi" in verdict.reason


def test_the_reading_that_decides_is_named() -> None:
    verdict = _distance_verdict("about 150 km", 140.0)
    assert "the reading decides (strict: inconsistent, lenient: consistent)" in verdict.reason
    assert "as rounded to fifties" in verdict.reason


@pytest.mark.parametrize(
    ("figure", "true_km", "uncertainty_m", "expected"),
    [
        ("more than 45 km", 50, 2_000, C),  # P > 99 %: the worst case (45–55) no longer stalls it
        ("more than 45 km", 45, 2_000, N),  # the best estimate on the threshold: P = 50 %
        ("more than 45 km", 40, 1_000, X),
        ("within 5 km", 4, 300, C),
        ("within 5 km", 4, 2_000, N),
        ("between 30 and 40 km", 35, 2_000, C),
        ("between 30 and 40 km", 45, 2_000, X),
    ],
)
def test_decisions_at_95_percent(
    figure: str, true_km: float, uncertainty_m: float, expected: VerdictKind
) -> None:
    verdict = _distance_verdict(figure, true_km, uncertainty_m)
    assert verdict.verdict is expected, verdict.reason


def test_every_reason_states_the_probability_and_the_rule() -> None:
    reason = _distance_verdict("more than 45 km", 45, 2_000).reason
    assert re.search(r"P\(more than 45 km\) = 5\d %", reason)
    assert "places uniform within their uncertainty" in reason
    assert "between 5 % and 95 %: inconclusive" in reason
    assert "worst case 41.0–49.0 km" in reason


def test_interval_is_clamped_at_zero() -> None:
    assert Measured.around(1.0, 5.0) == Measured(1.0, 0.0, 6.0)
    assert Measured.around(1.0, 5.0, floor=None).low == -4.0


@pytest.mark.parametrize(
    ("best", "acceptable", "expected"),
    [
        (50.0, Interval(45.0, math.inf, low_open=True), 5.0),
        (40.0, Interval(45.0, math.inf, low_open=True), -5.0),
        (3.0, Interval(0.0, 5.0), 2.0),  # "within": 0 is no threshold
        (6.0, Interval(0.0, 5.0), -1.0),
        (31.0, Interval(30.0, 40.0), 1.0),
    ],
)
def test_margin_is_signed_distance_to_nearest_threshold(
    best: float, acceptable: Interval, expected: float
) -> None:
    assert margin(best, acceptable) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("azimuth", "name"),
    [(0.0, "N"), (11.2, "N"), (11.3, "NNE"), (45.0, "NE"), (285.3, "WNW"), (348.8, "N"),
     (359.99, "N"), (180.0, "S")],
)  # fmt: skip
def test_compass(azimuth: float, name: str) -> None:
    assert compass(azimuth) == name


@pytest.mark.parametrize(
    ("kinds", "expected"), [([C, N], N), ([C, X, U], X), ([C, U, N], U), ([C, C], C)]
)
def test_worst_verdict_wins(kinds: list[VerdictKind], expected: VerdictKind) -> None:
    assert worst(kinds) is expected


def test_seed_claims() -> None:
    gaz = load_places(str(ROOT / "data" / "places.yaml"))
    claims = load_claims(str(ROOT / "data" / "claims.yaml"), gaz)
    by_id = {v.claim.id: v for v in evaluate(claims, gaz)}
    sana = by_id["sana-shamiyah-45mi"]
    assert sana.verdict is U and sana.reason.startswith("ambiguous")
    readings = {dict(c.places)["subject"]: c.verdict for c in sana.candidates}
    assert readings["maqha-ash-shuhaymi"] is N  # 43.2 mi, 1.8 mi short of 45, ± 8.1 worst case
    assert readings["ash-shamiyah-kuwait"] is C
    assert readings["badiyat-al-sham"] is U
    radius = by_id["coalition-zone-radius-34mi"]
    assert radius.verdict is C
    assert radius.checks[0].measured.best == 55_000.0
    walid = by_id["wikipedia-garrison-24km-west-of-walid"]
    assert [c.quantity for c in walid.checks] == ["distance", "direction"]
    assert walid.checks[0].measured.best == pytest.approx(30_780, abs=10)
    assert walid.checks[1].measured.best == pytest.approx(285.3, abs=0.1)
    assert "no coordinates" in by_id["coalition-zone-violated"].reason


@given(
    relation=st.sampled_from(sorted(RELATION_WORDS)),
    figure=st.decimals(min_value=0, max_value=20_000, places=1, allow_nan=False),
    unit=st.sampled_from(["m", "km", "mi", "nmi"]),
    best_m=st.floats(min_value=0.0, max_value=MAX_LENGTH_M),
)
def test_no_claim_the_grammar_reads_has_an_infinite_margin(
    relation: str, figure: Decimal, unit: str, best_m: float
) -> None:
    """ "margin +inf km" printed next to a verdict for "at least 0 km"; such claims are errors."""
    try:
        requirement = parse_requirement(f"{relation} {figure} {unit}")
    except ValueError:
        return
    assert math.isfinite(margin(best_m, requirement.acceptable()))


@pytest.mark.parametrize(
    "strict, lenient, best, ends",
    [
        (0.83, 0.83, (True, True), "(a conditional pass: likely right)"),
        (0.28, 0.28, (True, True), "(a conditional pass, yet likely wrong)"),
        (0.15, 0.15, (False, False), "(a conditional fail: likely wrong)"),
        (0.6, 0.6, (False, False), "(a conditional fail, yet likely right)"),
        (0.3, 0.7, (True, True), "(a conditional pass)"),
    ],
)
def test_likely_right_or_wrong_only_where_the_probability_agrees(
    strict: float, lenient: float, best: tuple[bool, bool], ends: str
) -> None:
    """ILAC-G8's conditional pass is where the best estimate lies; "likely right" is a
    probability over 50 % (the claim at P 28 % with its best estimate inside is not)."""
    from decimal import Decimal

    from claimcheck.analysis.checks import Chance, decision_text

    text = decision_text(Chance(strict, lenient, Decimal("0.95")), "x", "r", best=best)
    assert text.endswith(ends), text
