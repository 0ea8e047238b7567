"""render.view: what both maps share, here the lines of claims that measure the same places."""

from __future__ import annotations

from typing import Any

from claimcheck.render.view import label_items, legend, shared_lines


def _line(*points: tuple[float, float]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": [list(p) for p in points]},
        "properties": {"layer": "measurement", "verdict": "consistent"},
    }


def test_lines_on_the_same_ends_get_slots_either_way_round() -> None:
    a, b, c = (36.0, 33.0), (36.2, 33.3), (38.0, 34.0)
    collection = {"features": [_line(a, b), _line(b, a), _line(a, c), _line(a, b)]}
    shared = shared_lines(collection)
    assert sorted(shared) == [0, 1, 3]  # the line to c is alone: drawn where it is
    # Slots -1, 0, 1 from the middle; the line drawn from b to a has its side negated, so that
    # all three lie apart on the map.
    assert [shared[i].slot for i in (0, 1, 3)] == [-1.0, -0.0, 1.0]
    assert shared[0].members == (0, 1, 3)
    texts = [e.text for e in legend(collection, towns=False, base=())]
    assert any(t.startswith("Lines side by side") for t in texts)


def test_lines_drawn_opposite_ways_keep_apart() -> None:
    a, b = (36.0, 33.0), (36.2, 33.3)
    shared = shared_lines({"features": [_line(a, b), _line(b, a)]})
    # Each is half a spacing to the right of its own direction: a→b's right is b→a's left,
    # so the two lie on opposite sides of the track.
    assert shared[0].slot == -0.5 and shared[1].slot == -0.5
    alone = legend({"features": [_line(a, b)]}, towns=False, base=())
    assert not any(e.text.startswith("Lines side by side") for e in alone)


def _claim_line(number: int, fails_on: list[str]) -> dict[str, Any]:
    line = _line((-8.44, 31.11), (-8.0, 31.63))
    line["properties"].update(
        {"verdict": "inconclusive", "number": number, "fails_on": fails_on,
         "places": {"subject": "epicentre", "reference": "marrakesh"}}
    )  # fmt: skip
    return line


def test_a_line_label_says_which_claims_another_check_makes_wrong() -> None:
    """The Morocco trial: claims 7-9 put the epicentre south-east or south of Marrakech, which
    their direction makes inconsistent; their lines, coloured by the distance (inconclusive),
    read as open claims until the label said so."""
    bundle = {"features": [_claim_line(1, []), _claim_line(7, ["direction"]),
                           _claim_line(8, ["direction"])]}  # fmt: skip
    (label,) = label_items(bundle, lines=True)
    assert label.text == "Claims 1, 7 and 8 (7 and 8: direction does not fit)"
    (alone,) = label_items({"features": [_claim_line(7, ["direction"])]}, lines=True)
    assert alone.text == "Claim 7 (direction does not fit)"
    texts = [e.text for e in legend(bundle, towns=False, base=())]
    assert "one line each in its measured distance's colour" in " ".join(texts)


# From the Al Haouz epicentre, Rabat and Larache lie 0.11° apart: 356 and 500 km away.
EPICENTRE, RABAT, LARACHE = (-8.44, 31.11), (-6.83255, 34.01325), (-6.15572, 35.19321)
CASABLANCA = (-7.61138, 33.58831)  # 9° off the same way


def _numbered(number: int, *points: tuple[float, float]) -> dict[str, Any]:
    line = _line(*points)
    line["properties"].update(
        {"number": number, "places": {"a": str(points[0]), "b": str(points[-1])}}
    )
    return line


def test_lines_on_one_track_are_labelled_by_stretches() -> None:
    """Claims 10 and 12 run together from the epicentre to Rabat, claim 10 alone on to
    Larache: each stretch is labelled with the claims drawn on it, at its middle."""
    collection = {"features": [_numbered(10, EPICENTRE, LARACHE), _numbered(12, RABAT, EPICENTRE)]}
    lines = label_items(collection, lines=True, shared=shared_lines(collection, apart_km=1.0))
    by_text = {item.text: item for item in lines}
    assert sorted(by_text) == ["Claim 10", "Claims 10 and 12"]
    both, on = by_text["Claims 10 and 12"], by_text["Claim 10"]
    assert abs(both.lat - (EPICENTRE[1] + RABAT[1]) / 2) < 0.1
    assert abs(on.lat - (RABAT[1] + LARACHE[1]) / 2) < 0.1
    # without the tolerance, each line is labelled on its own at its middle
    alone = label_items(collection, lines=True)
    assert [item.text for item in alone] == ["Claim 10", "Claim 12"]


def test_lines_on_the_same_two_points_share_one_label() -> None:
    """Two claims measured between places with different names at the same point (Lebanon:
    Nabatieh's two entries) are drawn side by side and labelled once."""
    a, b = (35.48, 33.38), (35.6, 33.2)
    first, second = _numbered(1, a, b), _numbered(2, a, b)
    second["properties"]["places"] = {"a": "another name", "b": "for b"}
    (label,) = label_items({"features": [first, second]}, lines=True)
    assert label.text == "Claims 1 and 2"


def test_a_line_that_measures_one_reading_of_a_name_says_so() -> None:
    """The bundled map drew claim 4's seven readings of "al-Shamiyah" and "al-Tanf" in green
    ("fits the claim"), each labelled "Claim 4", for a claim that is unverifiable: a reading's
    line now says it is one, and the legend says what that means."""
    reading = _claim_line(4, [])
    reading["properties"]["candidate"] = True
    (alone,) = label_items({"features": [reading]}, lines=True)
    assert alone.text == "Claim 4 (one reading)"
    failing = _claim_line(4, ["direction"])
    failing["properties"]["candidate"] = True
    (both,) = label_items({"features": [failing]}, lines=True)
    assert both.text == "Claim 4 (one reading; direction does not fit)"
    (bundle,) = label_items({"features": [_claim_line(1, []), reading]}, lines=True)
    assert bundle.text == "Claims 1 and 4 (4: one reading)"
    texts = [e.text for e in legend({"features": [reading]}, towns=False, base=())]
    assert (
        "Claim N (one reading): a name the claim uses fits several places; the line "
        "measures one of them" in texts
    )
    assert not any(
        "one reading" in e.text
        for e in legend({"features": [_claim_line(1, [])]}, towns=False, base=())
    )


def test_the_legend_keys_the_claims_the_labels_number() -> None:
    """The Magic Seas trial: a PNG labelled "Claim 1 holds (claim 7 wrong)" never said what
    claims 1 and 7 are. The legend ends with each claim a line or a region's label numbers,
    its claimant and what it says; claims the map does not number are left out."""
    line = _claim_line(4, [])
    region = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.0, 33.0]},
              "properties": {"layer": "region", "label": "Claims 1 and 3 both hold",
                             "group": "Where the site of 6 June 2017 can be",
                             "stroke": "#000", "fill": "#fff"}}  # fmt: skip
    claims = [{"number": n, "id": f"c{n}", "claimant": "the article's reporter",
               "summary": f"Claim {n} in a sentence"} for n in range(1, 6)]  # fmt: skip
    texts = [e.text for e in legend({"features": [region, line], "claims": claims},
                                    towns=False, base=())]  # fmt: skip
    start = texts.index("The claims, numbered as in the report:")
    assert texts[start + 1 :] == [
        f"{n}. The article's reporter: Claim {n} in a sentence" for n in (1, 3, 4)
    ]
    assert "The claims" not in " ".join(e.text for e in legend({"features": [line]}, False, ()))


def test_the_key_opens_extract_s_unattributed_claimant_with_a_capital() -> None:
    """The Myanmar trial: a key line read "1. unattributed (the article's own words): …"."""
    claims = [{"number": 1, "id": "c1", "claimant": "unattributed (the article's own words)",
               "summary": "S"}]  # fmt: skip
    texts = [e.text for e in legend({"features": [_claim_line(1, [])], "claims": claims},
                                    towns=False, base=())]  # fmt: skip
    assert "1. Unattributed (the article's own words): S" in texts


def test_the_key_keeps_a_claimant_s_own_lower_case() -> None:
    """A trial on the 2005 Maricopa earthquake: the blog "tvnewswatch" read "Tvnewswatch"."""
    claims = [{"number": 1, "id": "c1", "claimant": "tvnewswatch", "summary": "S"}]
    texts = [e.text for e in legend({"features": [_claim_line(1, [])], "claims": claims},
                                    towns=False, base=())]  # fmt: skip
    assert texts[-1] == "1. tvnewswatch: S"
