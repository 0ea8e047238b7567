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
    """Tower 22 to the al-Tanf garrison: four claims, all inconclusive, measure the same two
    points; each line is drawn in its colour beside the others."""
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
        "#b35806", "#b35806", "#b35806", "#b35806"
    ]  # fmt: skip
    on_screen = [line.get_transform().transform(line.get_xydata()) for line in drawn_lines]
    width_px = drawn_lines[0].get_linewidth() * fig.dpi / 72
    for a, b in itertools.combinations(on_screen, 2):
        middle = a[len(a) // 2]
        assert _from_line(middle, b) >= width_px * 1.3  # a gap between each two lines
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert any(t.startswith("Lines side by side") for t in legend)


def test_each_measured_line_says_which_claims_it_is(drawn: Any) -> None:
    """A printed figure has no hover: each line, or bundle of lines between the same two
    places, is labelled with the claims' numbers in the report."""
    collection = _collection(
        "tests/data/real/tower-22/claims.yaml", "tests/data/real/tower-22/places.yaml"
    )
    fig = drawn(collection)
    labels = {
        t.get_text() for t in fig.axes[0].texts if (t.get_gid() or "").startswith("label-line-")
    }
    assert "Claims 1, 2, 3 and 4" in labels  # Tower 22 to the al-Tanf garrison
    numbers = {
        f["properties"]["number"]
        for f in collection["features"]
        if f["properties"]["layer"] == "measurement"
    }
    named = {int(n) for label in labels for n in re.findall(r"\d+", label)}
    assert named == numbers, labels


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


def _main_lonlat(fig: Any, collection: dict[str, Any]) -> Any:
    """Display pixels of the main view -> (lon, lat): the figure's frame is an azimuthal
    equidistant one centred on the padded extent of what the claims name (render.view)."""
    import numpy as np

    from claimcheck.geo.aeqd import local_aeqd
    from claimcheck.render.view import focus_extent, padded

    west, south, east, north = padded(focus_extent(collection), 0.06)
    aeqd = local_aeqd((south + north) / 2, (west + east) / 2)
    ax = fig.axes[0]

    def lonlat(px: Any) -> Any:
        km = ax.transData.inverted().transform(px)
        lon, lat = aeqd.to_lon_lat.transform(km[:, 0] * 1000, km[:, 1] * 1000)
        return np.column_stack([lon, lat])

    return lonlat


def _inset(fig: Any) -> Any | None:
    return next(iter(fig.axes[0].child_axes), None)


def _plain(text: str) -> str:
    return " ".join(text.replace("\u2009\u2009", " ").replace("\u2009", "").split()).upper()


@pytest.mark.slow
@pytest.mark.parametrize("claims, places", STORIES, ids=["bundled"] + [p.name for p in REAL])
def test_each_country_in_the_main_view_is_named(claims: str, places: str, drawn: Any) -> None:
    """A country whose land covers 2 % or more of the main view (outside the overview) is
    named on the map, and its name lies on its land: a border alone does not say which side
    is which."""
    import numpy as np
    from shapely import contains_xy
    from shapely.geometry import shape

    from claimcheck.render import basemap

    collection = _collection(claims, places)
    fig = drawn(collection)
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    view = ax.get_window_extent(renderer)
    xs, ys = np.meshgrid(np.linspace(view.x0, view.x1, 50)[1:-1],
                         np.linspace(view.y0, view.y1, 50)[1:-1])  # fmt: skip
    px = np.column_stack([xs.ravel(), ys.ravel()])
    inset = _inset(fig)
    if inset is not None:
        box = inset.get_tightbbox(renderer)
        px = px[~((px[:, 0] >= box.x0) & (px[:, 0] <= box.x1)
                  & (px[:, 1] >= box.y0) & (px[:, 1] <= box.y1))]  # fmt: skip
    to_lonlat = _main_lonlat(fig, collection)
    lonlat = to_lonlat(px)
    extent = (*lonlat.min(axis=0), *lonlat.max(axis=0))
    countries = {f["properties"]["name"]: shape(f["geometry"])
                 for f in basemap.countries_in(tuple(float(v) for v in extent))}  # fmt: skip
    shown = {name for name, land in countries.items()
             if contains_xy(land, lonlat[:, 0], lonlat[:, 1]).mean() >= 0.02}  # fmt: skip
    assert shown
    named = {_plain(t.get_text()): t for t in ax.texts
             if (t.get_gid() or "").startswith("label-country-")}  # fmt: skip
    assert {name.upper() for name in shown} <= set(named)
    for name in shown:
        box = named[name.upper()].get_window_extent(renderer)
        middle = to_lonlat(np.array([[(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2]]))
        assert contains_xy(countries[name], middle[0, 0], middle[0, 1]), name


def test_the_petropavlovka_map_says_which_side_is_russia(drawn: Any) -> None:
    fig = drawn(_collection("tests/data/real/petropavlovka/claims.yaml",
                            "tests/data/real/petropavlovka/places.yaml"))  # fmt: skip
    names = {_plain(t.get_text()) for t in fig.axes[0].texts
             if (t.get_gid() or "").startswith("label-country-")}  # fmt: skip
    assert names == {"RUSSIA", "UKRAINE"}


def _drawn_px(ax: Any) -> Any:
    """What the main view draws over the land (places, towns, claims' lines, borders, coasts;
    not the scale bar), in display pixels."""
    import shapely

    parts = []
    for line in ax.get_lines():
        if line.get_zorder() >= 9:  # the scale bar, which moves out of the overview's way
            continue
        xy = line.get_transform().transform(line.get_xydata())
        if line.get_linestyle() == "None" or len(xy) == 1:
            parts += [shapely.Point(p) for p in xy]
        else:
            parts.append(shapely.LineString(xy))
    return shapely.GeometryCollection(parts)


@pytest.mark.slow
@pytest.mark.parametrize("claims, places", STORIES, ids=["bundled"] + [p.name for p in REAL])
def test_the_overview_hides_nothing_where_a_corner_is_free(
    claims: str, places: str, drawn: Any
) -> None:
    """The overview's box (with its title) covers no line or place of the main view when the
    box moved to some corner of the view would cover none; the petropavlovka map has one."""
    import shapely

    fig = drawn(_collection(claims, places))
    inset = _inset(fig)
    if inset is None:
        assert "petropavlovka" not in claims
        return
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    box, view = inset.get_tightbbox(renderer), ax.get_window_extent(renderer)
    width, height = box.width, box.height
    gap_x, gap_y = (
        box.x0 - view.x0 if box.x0 - view.x0 < view.x1 - box.x1 else view.x1 - box.x1,
        (box.y0 - view.y0 if box.y0 - view.y0 < view.y1 - box.y1 else view.y1 - box.y1),
    )
    corners = [
        shapely.box(x, y, x + width, y + height)
        for x in (view.x0 + gap_x, view.x1 - gap_x - width)
        for y in (view.y0 + gap_y, view.y1 - gap_y - height)
    ]
    drawn_px = _drawn_px(ax)
    free = [c for c in corners if not c.intersects(drawn_px)]
    if "petropavlovka" in claims:
        assert free
    if free:
        assert not shapely.box(box.x0, box.y0, box.x1, box.y1).intersects(drawn_px)


@pytest.mark.slow
@pytest.mark.parametrize("claims, places", STORIES, ids=["bundled"] + [p.name for p in REAL])
def test_the_overview_holds_the_main_views_frame_and_every_place(
    claims: str, places: str, drawn: Any
) -> None:
    collection = _collection(claims, places)
    fig = drawn(collection)
    inset = _inset(fig)
    if inset is None:
        return
    ax = fig.axes[0]
    (x0, x1), (y0, y1) = inset.get_xlim(), inset.get_ylim()
    frames = [line for line in inset.get_lines() if line.get_color() == "#c00"]
    assert len(frames) == 1
    xy = frames[0].get_xydata()
    assert (xy.min(axis=0) == (ax.get_xlim()[0], ax.get_ylim()[0])).all()
    assert (xy.max(axis=0) == (ax.get_xlim()[1], ax.get_ylim()[1])).all()
    points = [line.get_xydata() for line in inset.get_lines() if line.get_linestyle() == "None"]
    places = sum(f["properties"]["layer"] == "place" for f in collection["features"])
    assert len(points) == places
    for shown in [xy, *points]:
        assert (x0 < shown[:, 0]).all() and (shown[:, 0] < x1).all()
        assert (y0 < shown[:, 1]).all() and (shown[:, 1] < y1).all()


@pytest.mark.parametrize(
    ("story", "coast"),
    [
        ("turkey-earthquake", False),  # the Mediterranean coast is near, but not in the view
        ("kursk-incursion", False),  # inland: no coast or sea in the view
        ("operation-sindoor", False),
        ("lebanon-strikes", True),  # Tyre is on the coast
    ],
)
def test_the_legend_names_only_base_layers_the_map_shows(
    drawn: Any, story: str, coast: bool
) -> None:
    """The legend listed a coast and the sea whenever they lay in the surroundings loaded for
    the map, though the view showed neither (found on a map of the 2023 Turkey earthquake)."""
    path = Path("tests/data/real") / story
    fig = drawn(_collection(str(path / "claims.yaml"), str(path / "places.yaml")))
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert ("Coast (Natural Earth)" in legend) is coast
    assert ("Sea" in legend) is coast
    assert "Land (Natural Earth)" in legend


@pytest.mark.slow
@pytest.mark.parametrize(
    "claims, places",
    [*STORIES, ("tests/data/digits/claims.yaml", "tests/data/digits/places.yaml")],
    ids=["bundled", *(p.name for p in REAL), "hurricane-laura"],
)
def test_the_legend_lists_towns_only_when_the_view_shows_one(
    drawn: Any, claims: str, places: str
) -> None:
    """The legend listed "Town of 100,000 people or more" for Beaumont, Texas, which the frame of
    a Hurricane Laura map cut off (towns were picked around the claims, not in the view)."""
    fig = drawn(_collection(claims, places))
    ax = fig.axes[0]
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    towns = [
        (x, y)
        for line in ax.lines
        if line.get_marker() == "s"
        for x, y in zip(line.get_xdata(), line.get_ydata(), strict=True)
    ]
    assert all(x0 <= x <= x1 and y0 <= y <= y1 for x, y in towns)
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert ("Town of 100,000 people or more (GeoNames)" in legend) is bool(towns)


def _furniture(fig: Any) -> dict[str, Any]:
    """The boxes (display px) of what every label keeps clear of: the scale bar's stroke and
    text, the overview with its title, the legend."""
    from matplotlib.transforms import Bbox

    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    out = {"legend": fig.legends[0].get_window_extent(renderer)}
    bar = [line for line in ax.get_lines() if line.get_zorder() == 9]
    for line in bar:  # a line's extent is its points'; its stroke is half its width around
        half = line.get_linewidth() * fig.dpi / 72 / 2
        box = line.get_window_extent(renderer)
        out["scale bar"] = Bbox.from_extents(box.x0, box.y0 - half, box.x1, box.y1 + half)
    text = next(t for t in ax.texts if t.get_gid() is None and t.get_text().endswith(" km"))
    out["scale bar text"] = text.get_window_extent(renderer)
    inset = _inset(fig)
    if inset is not None:
        out["overview"] = inset.get_tightbbox(renderer)
    return out


@pytest.mark.slow
@pytest.mark.parametrize(
    "claims, places",
    [*STORIES, ("tests/data/furniture/claims.yaml", "tests/data/furniture/places.yaml")],
    ids=["bundled", *(p.name for p in REAL), "costa-rica-earthquake"],
)
def test_no_label_meets_the_furniture(claims: str, places: str, drawn: Any) -> None:
    """No label's rendered box meets (overlaps or touches) the scale bar, the overview or the
    legend: "COSTA RICA" was set right under the scale bar's line, whose extent (its points')
    is 0 px high (a trial on the 2024 Costa Rica earthquake)."""
    from matplotlib.text import Text

    fig = drawn(_collection(claims, places))
    renderer = fig.canvas.get_renderer()
    labels = [t for t in fig.axes[0].texts if (t.get_gid() or "").startswith("label-")]
    furniture = _furniture(fig)
    meets = [
        (label.get_text(), name)
        for label in labels
        for name, box in furniture.items()
        if Text.get_window_extent(label, renderer).padded(1).overlaps(box)
    ]
    assert not meets


def test_the_scale_bar_figure_has_a_backing_over_lines(drawn: Any) -> None:
    """A claim's line ran through "50 km" on the bundled map: the bar's figure has a label's
    light backing, drawn above the lines."""
    fig = drawn(_collection(*STORIES[0]))
    lines = max(line.get_zorder() for line in fig.axes[0].get_lines() if line.get_zorder() < 9)
    text = next(t for t in fig.axes[0].texts if t.get_text() == "50 km")
    backing = text.get_bbox_patch()
    assert backing is not None and backing.get_facecolor()[:3] == (1.0, 1.0, 1.0)
    assert text.get_zorder() > lines


def _measured_px(fig: Any) -> dict[int, Any]:
    """Each measured line as drawn (display px, side-by-side shift included), by its feature's
    index: its pieces (`measurement-<index>-<n>`) as one geometry."""
    import shapely

    pieces: dict[int, list[Any]] = {}
    for line in fig.axes[0].get_lines():
        found = re.fullmatch(r"measurement-(\d+)(?:-\d+)?", line.get_gid() or "")
        if found:
            xy = line.get_transform().transform(line.get_xydata())
            pieces.setdefault(int(found[1]), []).append(shapely.LineString(xy))
    return {i: shapely.MultiLineString(parts) for i, parts in pieces.items()}


@pytest.mark.slow
@pytest.mark.parametrize("claims, places", STORIES, ids=["bundled"] + [p.name for p in REAL])
def test_no_two_claims_lines_read_as_one(claims: str, places: str, drawn: Any) -> None:
    """No measured line lies within a line's width of another over half its length or more:
    two dash patterns on one track read as one solid line (the Al Haouz epicentre's lines to
    Rabat and to Larache, 0.11° apart, before they were drawn side by side; Przewodów's and
    its impact site's lines to the border, 0.6 km apart). A stub hardly longer than the places'
    markers at its ends is left out: Nova Kakhovka to the dam, 2.3 km on a 100 km map."""
    import numpy as np
    import shapely

    fig = drawn(_collection(claims, places))
    lines = _measured_px(fig)
    width_px = 0.7 * fig.dpi / 72
    stub_px = 4 * figure.LINE_SPACING_PT * fig.dpi / 72  # hardly longer than its end markers
    merged = []
    for (i, a), (j, b) in itertools.combinations(lines.items(), 2):
        short, other = (a, b) if a.length <= b.length else (b, a)
        if short.length < stub_px:
            continue
        samples = shapely.line_interpolate_point(short, np.linspace(0, 1, 101), normalized=True)
        near = shapely.distance(samples, other) < width_px
        if near.mean() >= 0.5:
            merged.append((i, j, float(near.mean())))
    assert not merged


def test_the_rabat_and_larache_lines_are_told_apart(drawn: Any) -> None:
    """From the Al Haouz epicentre, EFE's Rabat (claim 12) and Larache (claim 10) lie 0.11°
    apart: the two lines are drawn side by side to Rabat, and the labels say which is which."""
    story = "tests/data/real/morocco-earthquake"
    collection = _collection(f"{story}/claims.yaml", f"{story}/places.yaml")
    fig = drawn(collection)
    index = {f["properties"]["number"]: i for i, f in enumerate(collection["features"])
             if f["properties"]["layer"] == "measurement"}  # fmt: skip
    lines = _measured_px(fig)
    rabat, larache = lines[index[12]], lines[index[10]]
    middle = rabat.interpolate(0.5, normalized=True)
    assert middle.distance(larache) >= 0.7 * fig.dpi / 72 * 1.3  # a gap between the two
    labels = {t.get_text(): t for t in fig.axes[0].texts
              if (t.get_gid() or "").startswith("label-line-")}  # fmt: skip
    assert {"Claims 10 and 12", "Claim 10"} <= set(labels)
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert any("or would run on one track" in t for t in legend)
    # the pair's label is off Casablanca's line (claim 11), which would read as labelled by it
    import shapely
    from matplotlib.text import Text

    box = Text.get_window_extent(labels["Claims 10 and 12"], fig.canvas.get_renderer())
    assert not shapely.box(box.x0, box.y0, box.x1, box.y1).intersects(lines[index[11]])
