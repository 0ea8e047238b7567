"""The PNG/SVG figure as drawn: what matplotlib puts where, read back from the Figure."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimcheck import api
from claimcheck.render import figure, geojson
from claimcheck.render.regions import locate_regions

REAL = sorted(p for p in Path("tests/data/real").iterdir() if p.is_dir())
STORIES = [("data/claims.yaml", "data/places.yaml")] + [
    (str(p / "claims.yaml"), str(p / "places.yaml")) for p in REAL
]


def _collection(claims: str, places: str) -> dict[str, Any]:
    report = api.verify(api.load_dataset(claims, places), regions=True)
    return geojson.feature_collection(report, locate_regions(report))


@pytest.fixture
def drawn() -> Iterator[Any]:
    """Draws a collection's figure and closes it afterwards."""
    import matplotlib.pyplot as plt

    figures: list[Any] = []

    def draw(collection: dict[str, Any]) -> Any:
        figures.append(figure.draw(collection))
        figures[-1].canvas.draw()
        return figures[-1]

    yield draw
    for fig in figures:
        plt.close(fig)


@pytest.mark.slow
@pytest.mark.parametrize("claims, places", STORIES, ids=["bundled"] + [p.name for p in REAL])
def test_no_two_labels_overlap(claims: str, places: str, drawn: Any) -> None:
    """Every label's rendered text box (the renderer's, not the placement's estimate) is clear
    of every other's."""
    from matplotlib.text import Text

    fig = drawn(_collection(claims, places))
    renderer = fig.canvas.get_renderer()
    labels = [t for t in fig.axes[0].texts if (t.get_gid() or "").startswith("label-")]
    assert any(t.get_gid().startswith("label-place-") for t in labels)
    boxes = [(t.get_text(), Text.get_window_extent(t, renderer)) for t in labels]
    clashes = [(a, b) for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2)
               if box_a.overlaps(box_b)]  # fmt: skip
    assert not clashes


def _from_line(point: Any, line: Any) -> float:
    """Display pixels from `point` to the straight line through `line`'s two ends."""
    (ax, ay), (bx, by) = line[0], line[-1]
    return abs((bx - ax) * (ay - point[1]) - (ax - point[0]) * (by - ay)) / math.hypot(
        bx - ax, by - ay
    )


def test_claims_on_the_same_two_places_are_drawn_side_by_side(drawn: Any) -> None:
    """Tower 22 to the al-Tanf garrison: four claims, three inconclusive and one inconsistent,
    measure the same two points; each line is drawn in its colour beside the others."""
    collection = _collection(
        "tests/data/real/tower-22/claims.yaml", "tests/data/real/tower-22/places.yaml"
    )
    fig = drawn(collection)
    lines = {line.get_gid(): line for line in fig.axes[0].get_lines()}
    pair = [
        i
        for i, f in enumerate(collection["features"])
        if f["properties"]["layer"] == "measurement"
        and set(f["properties"]["places"].values()) == {"tower-22", "al-tanf-garrison"}
    ]
    drawn_lines = [lines[f"measurement-{i}"] for i in pair]
    assert sorted(line.get_color() for line in drawn_lines) == [
        "#b2182b", "#b35806", "#b35806", "#b35806"
    ]  # fmt: skip
    on_screen = [line.get_transform().transform(line.get_xydata()) for line in drawn_lines]
    width_px = drawn_lines[0].get_linewidth() * fig.dpi / 72
    for a, b in itertools.combinations(on_screen, 2):
        middle = a[len(a) // 2]
        assert _from_line(middle, b) >= width_px * 1.3  # a gap between each two lines
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert any(t.startswith("Lines side by side") for t in legend)


def test_only_lines_that_share_their_ends_are_moved(drawn: Any) -> None:
    """In the bundled story only the two radius claims of the al-Tanf zone share a line."""
    collection = _collection("data/claims.yaml", "data/places.yaml")
    fig = drawn(collection)
    ax = fig.axes[0]
    moved = {
        collection["features"][int(line.get_gid().split("-")[1])]["properties"]["claim"]
        for line in ax.get_lines()
        if re.fullmatch(r"measurement-\d+", line.get_gid() or "")
        and line.get_transform() != ax.transData
    }
    assert moved == {"coalition-zone-radius-34mi", "wikipedia-zone-radius-55km"}


def test_every_id_in_the_svg_is_there_once() -> None:
    from collections import Counter

    report = api.verify(api.load_dataset("data/claims.yaml", "data/places.yaml"), regions=True)
    svg = figure.render(report, "svg", locate_regions(report)).decode()
    ids = Counter(re.findall(r' id="([^"]+)"', svg))
    assert [i for i, n in ids.items() if n > 1] == []
    assert any(i.startswith("measurement-") for i in ids)
    assert any(i.startswith("label-place-") for i in ids)
