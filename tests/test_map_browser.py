"""The HTML map and report as a reader sees them, drawn by a real headless Chromium, offline.

A small script appended to a copy of each page reports, once it has drawn, what is on screen:
the label boxes shown, the legend's entries, the paths per layer, and every resource the page
fetched or tried to (the page's own Content-Security-Policy would block one; the test says
there was none to block).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from claimcheck.cli import main

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1200,800",
]
HOSTILE = [
    "--claims",
    "tests/data/publish/claims.yaml",
    "--places",
    "tests/data/publish/places.yaml",
]
#: Appended to a page: after it has drawn, write what a reader sees into <body data-seen>.
PROBE = """<script>
var cc_violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  cc_violations.push(e.blockedURI || e.violatedDirective);
});
setTimeout(function () {
  function box(e) { var r = e.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom]; }
  var labels = [];
  document.querySelectorAll(".cc-label").forEach(function (e) {
    if (e.parentNode.style.display !== "none") {
      labels.push({text: e.textContent, kind: e.getAttribute("data-kind"), box: box(e)});
    }
  });
  var paths = {};
  document.querySelectorAll("#map path").forEach(function (p) {
    var m = /cc-([a-z]+)/.exec(p.getAttribute("class") || "");
    if (m) { paths[m[1]] = (paths[m[1]] || 0) + 1; }
  });
  // Each measured line: its colour, its two ends and its middle in screen pixels.
  var lines = [];
  document.querySelectorAll("#map path.cc-measurement").forEach(function (p) {
    var m = p.getScreenCTM(), n = p.getTotalLength();
    function at(d) { var q = p.getPointAtLength(d);
      return [m.a * q.x + m.c * q.y + m.e, m.b * q.x + m.d * q.y + m.f]; }
    lines.push({stroke: p.getAttribute("stroke"), ends: [at(0), at(n)], middle: at(n / 2)});
  });
  var seen = {
    lines: lines,
    labels: labels,
    legend: Array.prototype.map.call(document.querySelectorAll("[data-legend]"),
      function (e) { return e.getAttribute("data-legend"); }),
    paths: paths,
    resources: performance.getEntriesByType("resource").map(function (r) { return r.name; }),
    violations: cc_violations,
    headings: Array.prototype.map.call(document.querySelectorAll("h2"),
      function (e) { return e.textContent; }),
    overview: Array.prototype.map.call(
      document.querySelectorAll("#overview, #overview-caption, #overview path.cc-overview-frame"),
      box)
  };
  document.body.setAttribute("data-seen", JSON.stringify(seen));
}, 300);
</script>"""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        BROWSER is None, reason="no chromium on PATH (.ci/run installs Debian's chromium package)"
    ),
]


def _write(target: Path, command: str, *args: str) -> Path:
    result = CliRunner().invoke(main, [command, "--format", "html", "-o", str(target), *args])
    assert result.exit_code == 0, result.output
    return target


def _chromium(*args: str) -> str:
    assert BROWSER is not None
    done = subprocess.run(
        [BROWSER, *FLAGS, *args], capture_output=True, text=True, timeout=120, check=True
    )
    return done.stdout


def _seen(page: Path) -> dict[str, Any]:
    probed = page.with_name("probed-" + page.name)
    text = page.read_text().replace("</body>", PROBE + "\n</body>")
    # The report allows no script at all: let the probe in, and nothing else.
    text = text.replace(
        "default-src 'none'; style-src 'unsafe-inline'\"",
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\"",
    )
    probed.write_text(text)
    dom = _chromium("--virtual-time-budget=5000", "--dump-dom", probed.as_uri())
    found = re.search(r'data-seen="([^"]*)"', dom)
    assert found, "the page did not finish drawing"
    seen: dict[str, Any] = json.loads(unescape(found.group(1)))
    return seen


@pytest.fixture(scope="module")
def map_seen(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _seen(_write(tmp_path_factory.mktemp("map") / "map.html", "map"))


def _overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_no_two_labels_overlap_at_the_default_view(map_seen: dict[str, Any]) -> None:
    labels = map_seen["labels"]
    clashes = [
        (a["text"], b["text"])
        for i, a in enumerate(labels)
        for b in labels[i + 1 :]
        if _overlap(a["box"], b["box"])
    ]
    assert not clashes
    shown = {label["text"] for label in labels}
    # Every place a claim names outright is labelled at the default view, by name.
    for name in ("al-Tanf border crossing", "al-Walid border crossing", "al-Tanf garrison",
                 "Iraq–Jordan–Syria tripoint", "Rukban camp"):  # fmt: skip
        assert name in shown, name
    assert not any("-" in t and t == t.lower() for t in shown)  # no ids
    assert "Ash Shāmīyah (Capital, Kuwait)" not in shown  # an outlier: in the overview only


def test_the_legend_explains_every_layer(map_seen: dict[str, Any]) -> None:
    legend = map_seen["legend"]
    for entry in ("Place a claim names", "Other place in the places file",
                  "How far off a place may be (its stated uncertainty)",
                  "Measured distance: fits the claim",
                  "Measured distance: partly fits the claim (inconclusive)",
                  "Zone: al-Tanf deconfliction zone (55 km)", "Border or line from the places file",
                  "Where the site of the coalition air strike of 6 June 2017 can be if the fewest "
                  "claims are wrong (1 of 3):",
                  "By claims 3 and 5, if claim 1 is wrong",
                  "Border between countries (Natural Earth)", "Land (Natural Earth)",
                  "Sea"):  # fmt: skip
        assert entry in legend, entry


def test_every_layer_and_the_base_layer_are_drawn(map_seen: dict[str, Any]) -> None:
    from claimcheck import api
    from claimcheck.render import geojson
    from claimcheck.render.regions import locate_regions

    report = api.verify(api.load_dataset("data/claims.yaml", "data/places.yaml"), regions=True)
    collection = geojson.feature_collection(report, locate_regions(report))
    expected = Counter(f["properties"]["layer"] for f in collection["features"])
    paths = map_seen["paths"]
    for layer, count in expected.items():
        if layer != "place":  # points are circle markers: paths too, counted with the overview's
            assert paths.get(layer) == count, layer
    assert paths.get("land", 0) >= 1
    assert paths.get("boundary", 0) >= 5  # Iraq–Syria, Jordan–Syria, Iraq–Jordan, Iraq–Saudi, ...
    assert paths.get("town", 0) >= 1


def test_the_map_makes_no_network_request(map_seen: dict[str, Any]) -> None:
    assert map_seen["resources"] == []
    assert map_seen["violations"] == []


def test_a_popup_gives_the_verdict_and_shows_a_hostile_quote_as_text(tmp_path: Path) -> None:
    page = _write(tmp_path / "hostile.html", "map", *HOSTILE)
    click = (
        '<script>document.querySelector("path.cc-measurement").dispatchEvent('
        'new MouseEvent("click", {bubbles: true, clientX: 300, clientY: 300}));</script>'
    )
    page.write_text(page.read_text().replace("</body>", click + "\n</body>"))
    dom = _chromium("--dump-dom", page.as_uri())
    popup = dom.split('<div class="leaflet-popup-content"')[1].split(
        '<div class="leaflet-popup-tip'
    )[0]
    assert "<dt>verdict</dt><dd>inconsistent</dd>" in popup  # about 24 km at P 4.9 %
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in popup
    assert "<script>alert" not in dom


def test_the_screenshot_shows_the_base_layer_and_the_claims(tmp_path: Path) -> None:
    from PIL import Image

    page = _write(tmp_path / "map.html", "map")
    shot = tmp_path / "shot.png"
    _chromium(f"--screenshot={shot}", page.as_uri())
    with Image.open(shot) as image:
        rgb = image.convert("RGB")
        assert rgb.size == (1200, 800)
        colours = {colour: count for count, colour in rgb.getcolors(maxcolors=1 << 24)}
    assert colours[(0xF4, 0xF1, 0xEA)] > 10_000  # land
    assert colours[(0xD5, 0xE5, 0xEF)] > 1_000  # sea, in the overview
    assert colours[(0x21, 0x66, 0xAC)] > 50  # the zone's outline
    assert colours[(0x1B, 0x78, 0x37)] > 50  # consistent measurements


def test_the_html_report_renders_offline(tmp_path: Path) -> None:
    seen = _seen(_write(tmp_path / "report.html", "report"))
    assert seen["resources"] == [] and seen["violations"] == []
    assert seen["headings"][0] == (
        "1. The site of the coalition air strike of 6 June 2017 is inside the al-Tanf "
        "deconfliction zone"
    )
    assert seen["headings"][-2:] == ["Places", "Methods"]


REAL = sorted(p for p in Path("tests/data/real").iterdir() if p.is_dir())


@pytest.mark.parametrize("story", REAL, ids=[p.name for p in REAL])
def test_each_real_story_map_reads_at_its_default_view(story: Path, tmp_path: Path) -> None:
    """No two labels overlap, every place a claim names is labelled by name and not hidden
    under the overview, the base layer is drawn, nothing is fetched; an overview only when
    something lies outside the default view."""
    from claimcheck import api
    from claimcheck.render.naming import place_labels

    args = ["--claims", str(story / "claims.yaml"), "--places", str(story / "places.yaml")]
    page = _write(tmp_path / "map.html", "map", *args)
    seen = _seen(page)
    labels = seen["labels"]
    clashes = [(a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[i + 1 :]
               if _overlap(a["box"], b["box"])]  # fmt: skip
    assert not clashes
    report = api.verify(api.load(*(a for a in args if not a.startswith("--"))))
    names = place_labels(report.dataset.gazetteer)
    named = {pid for v in report.verdicts for _role, pid in v.places}
    points = {p.id for p in report.dataset.gazetteer if p.kind.value == "point"}
    shown = {label["text"] for label in labels if label["kind"] == "place"}
    for pid in named & points:
        assert names[pid] in shown, names[pid]
    # The countries are named on their land: a border alone does not say which side is which.
    countries = {label["text"] for label in labels if label["kind"] == "country"}
    assert countries, story.name
    if story.name == "petropavlovka":
        assert countries == {"Russia", "Ukraine"}
    assert seen["paths"].get("land", 0) >= 1
    assert seen["resources"] == [] and seen["violations"] == []
    if seen["overview"]:  # the whole red frame of the main view shows in the overview
        caption, (ox0, oy0, ox1, oy1), (fx0, fy0, fx1, fy1) = seen["overview"]  # DOM order
        assert ox0 < fx0 and oy0 < fy0 and fx1 < ox1 and fy1 < oy1
        assert caption[3] <= oy0 + 1  # the caption just above it
    dom = page.read_text()
    has_overview = '"overview": true' in dom
    # petropavlovka: the namesake 155.6 km away, one reading of AFP's claim, is in the overview
    assert has_overview is (story.name in ("petropavlovka", "przewodow", "tower-22")), story.name


TOWER_22 = ["--claims", "tests/data/real/tower-22/claims.yaml",
            "--places", "tests/data/real/tower-22/places.yaml"]  # fmt: skip


def _from_line(point: list[float], line: dict[str, Any]) -> float:
    """Pixels from `point` to the straight line through `line`'s two ends."""
    (ax, ay), (bx, by) = line["ends"]
    length = ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5
    return abs((bx - ax) * (ay - point[1]) - (ax - point[0]) * (by - ay)) / length


def test_claims_on_the_same_two_places_all_show(tmp_path: Path) -> None:
    """Tower 22 to the al-Tanf garrison: four claims (all inconclusive) measure the same two
    points; each line is drawn beside the others, none on top."""
    seen = _seen(_write(tmp_path / "t22.html", "map", *TOWER_22))

    def length(line: dict[str, Any]) -> float:
        (ax, ay), (bx, by) = line["ends"]
        return float(((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5)

    longest = max(seen["lines"], key=length)
    # The bundle: lines whose ends lie within 20 px of the longest one's (either way round).
    bundle = [li for li in seen["lines"]
              if all(min(((e[0] - f[0]) ** 2 + (e[1] - f[1]) ** 2) ** 0.5
                         for f in longest["ends"]) < 20 for e in li["ends"])]  # fmt: skip
    assert len(bundle) == 4
    assert sorted(li["stroke"] for li in bundle) == ["#b35806"] * 4
    for i, a in enumerate(bundle):
        for b in bundle[i + 1 :]:
            assert _from_line(a["middle"], b) >= 3.0  # 2 px lines: at least 1 px between them
    assert any(e.startswith("Lines side by side") for e in seen["legend"])


def test_the_popup_of_a_shared_line_lists_every_claim_on_it(tmp_path: Path) -> None:
    page = _write(tmp_path / "t22.html", "map", *TOWER_22)
    click = """<script>setTimeout(function () {
  var red = Array.prototype.filter.call(document.querySelectorAll("path.cc-measurement"),
    function (p) { return p.getAttribute("stroke") === "#b35806"; });
  red.sort(function (a, b) { return b.getTotalLength() - a.getTotalLength(); });
  var r = red[0].getBoundingClientRect();
  red[0].dispatchEvent(new MouseEvent("click", {bubbles: true,
    clientX: (r.left + r.right) / 2, clientY: (r.top + r.bottom) / 2}));
}, 200);</script>"""
    page.write_text(page.read_text().replace("</body>", click + "\n</body>"))
    dom = _chromium("--virtual-time-budget=5000", "--dump-dom", page.as_uri())
    popup = dom.split('<div class="leaflet-popup-content"')[1].split(
        '<div class="leaflet-popup-tip'
    )[0]
    assert "<dt>verdict</dt><dd>inconclusive</dd>" in popup
    assert "side by side" in popup
    # the claims on the same two points, then those on the same track: the Syria-Jordan
    # border, 1.9 km out of Tower 22 at 11° from al-Tanf's line, under its first pixels
    same, track = popup.split("the same way")
    assert re.findall(r"<li>Claim (\d+): ", track) == ["8", "9", "10", "12"]
    items = re.findall(r"<li>(Claim \d+: [^<]*)</li>", same)
    assert [re.match(r"Claim (\d+): \w+: (\w+)", i).groups() for i in items] == [  # type: ignore[union-attr]
        ("1", "inconclusive"),
        ("2", "inconclusive"),
        ("3", "inconclusive"),
        ("4", "inconclusive"),
    ]
