from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.analysis.verdicts import decide, evaluate, margin, worst
from claimcheck.claims.model import VerdictKind, load_claims
from claimcheck.gazetteer.reader import load_places
from claimcheck.geo.measure import Measured
from claimcheck.grammar.directions import compass
from claimcheck.grammar.relations import RELATION_WORDS, Interval, parse_requirement
from claimcheck.grammar.units import MAX_LENGTH_M

ROOT = Path(__file__).parent.parent
C, X, N, U = (VerdictKind.CONSISTENT, VerdictKind.INCONSISTENT, VerdictKind.INCONCLUSIVE,
              VerdictKind.UNVERIFIABLE)  # fmt: skip
KM = 1000.0


@pytest.mark.parametrize(
    ("claim", "best_km", "unc_km", "expected"),
    [
        ("more than 45 km", 50, 2, C),
        ("more than 45 km", 50, 5, N),  # [45, 55] touches 45, which is not "more than"
        ("at least 45 km", 50, 5, C),
        ("more than 45 km", 40, 5, X),  # [35, 45]: 45 is not more than 45
        ("less than 5 km", 2, 1, C),
        ("within 5 km", 4, 1, C),
        ("within 5 km", 4, 2, N),
        ("about 34 mi", 34.18 * 1.609344, 0, C),
        ("between 30 and 40 km", 35, 5, C),
        ("between 30 and 40 km", 45, 4, X),
    ],
)
def test_decide(claim: str, best_km: float, unc_km: float, expected: VerdictKind) -> None:
    measured = Measured.around(best_km * KM, unc_km * KM)
    assert decide(measured, parse_requirement(claim).acceptable()) is expected


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
    assert readings["maqha-ash-shuhaymi"] is N  # 43.2 mi ± 8.1 straddles 45
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
