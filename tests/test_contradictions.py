from __future__ import annotations

import dataclasses
import itertools
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.analysis.contradictions import Contradiction, find_contradictions
from claimcheck.claims.model import Claim, DirectionAssertion, DistanceAssertion, load_claims
from claimcheck.gazetteer.places import Gazetteer, PlaceRef, Source
from claimcheck.gazetteer.reader import load_places
from claimcheck.grammar.directions import parse_direction
from claimcheck.grammar.relations import parse_requirement

ROOT = Path(__file__).parent.parent
KINDS = ROOT / "tests" / "data" / "kinds"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_places(str(KINDS / "places.yaml"))


@pytest.fixture(scope="module")
def found(gazetteer: Gazetteer) -> dict[tuple[str, ...], list[Contradiction]]:
    claims = load_claims(str(KINDS / "contradictions.yaml"), gazetteer)
    out: dict[tuple[str, ...], list[Contradiction]] = {}
    for c in find_contradictions(claims, gazetteer):
        out.setdefault(c.claim_ids, []).append(c)
    return out


@pytest.mark.parametrize(
    ("pair", "subject"),
    [
        (("a-inside-zone", "a-more-than-45mi-from-garrison"), "strike-site-2017-06-06"),
        (("a-inside-zone", "a-outside-zone"), "strike-site-2017-06-06"),
        (("b-radius-34mi", "b-radius-36mi"), "tanf-deconfliction-zone"),
        (("c-30km-from-border", "c-near-border"), "rukban-camp"),
        (("d-5km-from-triangle", "d-inside-triangle"), "tan-vordme"),
        # a depth inside is a distance of 0 from the polygon, and a depth that others can meet
        (("d-10km-inside-triangle", "d-5km-from-triangle"), "tan-vordme"),
        (("d-5km-from-triangle", "d-more-than-20km-inside-triangle"), "tan-vordme"),
        (("d-10km-inside-triangle", "d-more-than-20km-inside-triangle"), "tan-vordme"),
        (("e-palmyra-100km-from-garrison", "e-palmyra-near-zone"), "palmyra"),
        (("g-rukban-north-of-garrison", "g-rukban-south-of-garrison"), "rukban-camp"),
        # a distance's direction is compared as well: NNW and S are 157.5° apart
        (("g-rukban-20km-nnw-of-garrison", "g-rukban-south-of-garrison"), "rukban-camp"),
        # the reverse view: the garrison north of the camp puts the camp south of it
        (("g-garrison-north-of-rukban", "g-rukban-north-of-garrison"), "al-tanf-garrison"),
        (("g-garrison-north-of-rukban", "g-rukban-20km-nnw-of-garrison"), "al-tanf-garrison"),
    ],
)
def test_direct_contradictions(
    found: dict[tuple[str, ...], list[Contradiction]], pair: tuple[str, str], subject: str
) -> None:
    (contradiction,) = found[pair]
    assert not contradiction.conditional
    assert contradiction.subject == subject
    assert "satisfies both" in contradiction.reason


def test_only_the_expected_pairs(found: dict[tuple[str, ...], list[Contradiction]]) -> None:
    # "more than 45 mi from the garrison" and "outside the zone" agree: no report
    assert ("a-more-than-45mi-from-garrison", "a-outside-zone") not in found
    # a depth inside agrees with a plain "inside"
    assert ("d-10km-inside-triangle", "d-inside-triangle") not in found
    # NNW (337.5° ± 11.25°) meets N (0° ± 22.5°); the garrison north of the camp and the camp
    # south of it agree, turned round; a line's sides are not compared
    assert ("g-rukban-20km-nnw-of-garrison", "g-rukban-north-of-garrison") not in found
    assert ("g-garrison-north-of-rukban", "g-rukban-south-of-garrison") not in found
    assert ("g-rukban-east-of-border", "g-rukban-west-of-border") not in found
    assert len(found) == 14


def test_a_direction_contradiction_names_the_bearings(
    found: dict[tuple[str, ...], list[Contradiction]],
) -> None:
    (c,) = found[("g-rukban-north-of-garrison", "g-rukban-south-of-garrison")]
    assert c.quantity == "direction" and c.references == ("al-tanf-garrison",)
    assert c.reason == (
        "rukban-camp is N (0° ± 22.5°, or ± 45°) of al-tanf-garrison [g-rukban-north-of-garrison:"
        " bearing 315–45°], but rukban-camp is S (180° ± 22.5°, or ± 45°) of al-tanf-garrison "
        "[g-rukban-south-of-garrison: bearing 135–225°]: no bearing satisfies both"
    )


def test_a_reverse_view_is_turned_round_and_widened_by_the_convergence(
    found: dict[tuple[str, ...], list[Contradiction]],
) -> None:
    """The garrison and the camp are 0.1° of longitude apart: the turned sector (north's widest
    reading, ±45°) is widened by 0.2° (the bound rounded up to 0.1°), and the reason says so."""
    (c,) = found[("g-garrison-north-of-rukban", "g-rukban-north-of-garrison")]
    assert c.turned_deg == (None, 0.2)
    assert c.acceptable is not None and (c.acceptable[1].low, c.acceptable[1].high) == (
        pytest.approx(134.8),
        pytest.approx(225.2),
    )
    assert c.reason.endswith(
        "[g-rukban-north-of-garrison: so al-tanf-garrison is at bearing 134.8–225.2° from "
        "rukban-camp, turned round and widened by 0.2° for the meridians' convergence]: no "
        "bearing satisfies both"
    )


def test_an_unknown_place_is_not_turned_round() -> None:
    """Without coordinates the convergence has no bound: "x is N of y" and "y is N of x" are
    left to the verdicts (here, to `locate`)."""
    x_of_y = _towards("a", "N")
    y_of_x = dataclasses.replace(
        _towards("b", "N"), assertion=DirectionAssertion(PlaceRef("y"), PlaceRef("x"),
                                                         parse_direction("N"))
    )  # fmt: skip
    assert find_contradictions([x_of_y, y_of_x], Gazetteer({})) == []


@pytest.mark.parametrize(
    ("first", "second", "meet"),
    [
        ("SE", "SW", False),
        ("SE", "S", True),  # "south" read on four points (135–225°) overlaps 112.5–157.5°
        ("N", "E", True),  # read on four points they share the bearing 45°, which fits both
        ("NNE", "E", False),  # 11.25–33.75° against 45–135°, "east" read on four points
        ("N", "ESE", False),  # 315–45° against 101.25–123.75°
        ("N", "NNW", True),
        ("NNE", "NW", False),  # across north: 22.5° against 315°, 67.5° apart
        ("N", "S", False),
        ("E", "east", True),
    ],
)
def test_sectors_meet_on_the_circle(first: str, second: str, meet: bool) -> None:
    found = find_contradictions([_towards("a", first), _towards("b", second)], Gazetteer({}))
    assert (not found) is meet
    assert all(c.quantity == "direction" for c in found)


def test_ambiguous_reference_read_as_the_other_reference(
    found: dict[tuple[str, ...], list[Contradiction]],
) -> None:
    readings = {
        c.references: c
        for c in found[("f-damascus-inside-zone", "f-damascus-more-than-45mi-from-al-tanf")]
    }
    assert set(readings) == {
        ("al-tanf-garrison",),
        ("al-tanf-garrison", "al-tanf-crossing"),
        ("al-tanf-garrison", "at-tanf-locality"),
    }
    assert all(c.conditional for c in readings.values())
    assert readings[("al-tanf-garrison",)].both_can_hold is False
    # the GeoNames locality is 4.1 km (0-13.1 km) from the garrison: too close for both to hold
    assert readings[("al-tanf-garrison", "at-tanf-locality")].both_can_hold is False


def test_seed_accounts_contradict_only_if_one_al_tanf() -> None:
    gaz = load_places(str(ROOT / "data" / "places.yaml"))
    claims = load_claims(str(ROOT / "data" / "claims.yaml"), gaz)
    (c,) = find_contradictions(claims, gaz)
    assert c.claim_ids == ("coalition-zone-violated", "sana-strike-site-45mi")
    assert c.conditional
    assert c.references == ("al-tanf-garrison", "al-tanf-crossing")
    assert c.separation is not None and c.separation_needed is not None
    assert c.separation.best == pytest.approx(21_710, abs=10)
    assert (c.separation.low, c.separation.high) == pytest.approx((6_710, 36_710), abs=10)
    # more than 45 mi from one, within 55 km of the other: at least 72.42 - 55 km apart
    assert c.separation_needed[0] == pytest.approx(45 * 1609.344 - 55_000)
    # 21.7 km > 17.4 km, but 6.7 km (the low end) is not: it depends on the uncertainty
    assert c.both_can_hold is None
    assert "at the best estimate" in c.reason


def _towards(claim_id: str, direction: str) -> Claim:
    """A claim that an unknown "x" lies in `direction` from an unknown "y"."""
    assertion = DirectionAssertion(PlaceRef("x"), PlaceRef("y"), parse_direction(direction))
    return Claim(claim_id, direction, "test", Source("test"), assertion)


def _claim(i: int, subject: str, reference: str, distance: str) -> Claim:
    assertion = DistanceAssertion(PlaceRef(subject), PlaceRef(reference),
                                  parse_requirement(distance))  # fmt: skip
    return Claim(f"c{i}", distance, "test", Source("test"), assertion)


_PLACES = ["al-tanf-garrison", "al-tanf-crossing", "at-tanf-locality", "palmyra", "al-Tanf"]
_DISTANCES = st.sampled_from(
    ["more than 45 mi", "within 55 km", "about 24 km", "less than 10 km", "between 30 and 40 km",
     "at least 100 km", "34 mi", "20 km"]
)  # fmt: skip


@given(
    st.lists(
        st.tuples(st.sampled_from(_PLACES[:4]), st.sampled_from(_PLACES), _DISTANCES),
        min_size=2,
        max_size=6,
    ),
    st.randoms(use_true_random=False),
)
def test_contradictions_are_symmetric(
    gazetteer: Gazetteer, specs: list[tuple[str, str, str]], rnd: random.Random
) -> None:
    claims = [_claim(i, s, r, d) for i, (s, r, d) in enumerate(specs) if s != r]
    shuffled = claims[:]
    rnd.shuffle(shuffled)
    assert find_contradictions(claims, gazetteer) == find_contradictions(shuffled, gazetteer)


@given(st.sampled_from(_PLACES[:4]), st.sampled_from(_PLACES[:4]), _DISTANCES, _DISTANCES)
def test_pair_symmetric_under_swapping_ends(
    gazetteer: Gazetteer, a: str, b: str, first: str, second: str
) -> None:
    """ "A is x from B" and "B is y from A" constrain one distance, like "A … B" twice."""
    if a == b:
        return
    one = find_contradictions([_claim(0, a, b, first), _claim(1, a, b, second)], gazetteer)
    other = find_contradictions([_claim(1, b, a, second), _claim(0, a, b, first)], gazetteer)
    assert [c.claim_ids for c in one] == [c.claim_ids for c in other]
    expected = (
        not parse_requirement(first).acceptable().overlaps(parse_requirement(second).acceptable())
    )
    assert any(not c.conditional for c in one) is expected


def test_accounts_that_disagree_on_direction_contradict() -> None:
    """Al Haouz, 2023: four accounts put the epicentre south-west of Marrakesh, two south-east;
    the "south" account shares an edge with "south-west" and contradicts neither."""
    story = ROOT / "tests" / "data" / "real" / "morocco-earthquake"
    gazetteer = load_places(str(story / "places.yaml"))
    claims = load_claims(str(story / "claims.yaml"), gazetteer)
    directions = {c.claim_ids for c in find_contradictions(claims, gazetteer)
                  if c.quantity == "direction"}  # fmt: skip
    south_west = [c.id for c in claims if "-sw-of-marrak" in c.id]
    south_east = [c.id for c in claims if "-se-of-marrak" in c.id]
    assert len(south_west) == 4 and len(south_east) == 2
    assert directions == {tuple(sorted(pair)) for pair in itertools.product(south_west, south_east)}


def test_two_outlets_that_turn_the_direction_round_contradict_those_that_do_not() -> None:
    """The Hunga Tonga story: Al Jazeera and RNZ put the volcano north of the capital, Gulf
    Insider and Republic World the capital north of the volcano; no bearing satisfies both."""
    real = ROOT / "tests" / "data" / "real" / "hunga-tonga-eruption"
    gaz = load_places(str(real / "places.yaml"))
    found = find_contradictions(load_claims(str(real / "claims.yaml"), gaz), gaz)
    turned = {c.claim_ids for c in found if any(c.turned_deg)}
    aljazeera, rnz = (
        "aljazeera-volcano-about-65km-north-of-nukualofa",
        "rnz-volcano-65km-north-of-the-capital",
    )
    gulf, republic = (
        "gulf-insider-capital-65km-north-of-the-volcano",
        "republic-capital-around-65km-north-of-the-volcano",
    )
    assert turned == {(aljazeera, gulf), (aljazeera, republic), (gulf, rnz), (republic, rnz)}
    assert len(found) == 6 and {c.turned_deg for c in found} >= {(None, 0.3), (0.3, None)}
