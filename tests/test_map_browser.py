"""The HTML map drawn by a real headless Chromium, offline: Leaflet must draw every vector layer."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

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
]
HOSTILE = [
    "--claims",
    "tests/data/publish/claims.yaml",
    "--places",
    "tests/data/publish/places.yaml",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        BROWSER is None, reason="no chromium on PATH (.ci/run installs Debian's chromium package)"
    ),
]


def _write_map(target: Path, *args: str) -> Path:
    result = CliRunner().invoke(main, ["map", "--format", "html", "-o", str(target), *args])
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture(scope="module")
def map_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write_map(tmp_path_factory.mktemp("map") / "map.html")


def _chromium(*args: str) -> str:
    assert BROWSER is not None
    done = subprocess.run(
        [BROWSER, *FLAGS, *args], capture_output=True, text=True, timeout=120, check=True
    )
    return done.stdout


def _paths_by_layer(dom: str) -> Counter[str]:
    """Leaflet's SVG paths, by the `cc-<layer>` class the map gives each feature's path."""
    classes = re.findall(r'<path class="cc-([a-z]+) leaflet-interactive"', dom)
    return Counter(classes)


def test_leaflet_draws_one_path_per_feature_in_every_layer(map_file: Path) -> None:
    from claimcheck import api as engine
    from claimcheck.render import geojson
    from claimcheck.render.regions import locate_regions

    dataset = engine.load_dataset("data/claims.yaml", "data/places.yaml")
    report = engine.verify(dataset, regions=True)
    collection = geojson.feature_collection(report, locate_regions(report))
    expected = Counter(f["properties"]["layer"] for f in collection["features"])

    dom = _chromium("--dump-dom", map_file.as_uri())
    assert f'data-drawn="{sum(expected.values())}"' in dom  # the drawing code ran to its end
    assert _paths_by_layer(dom) == expected
    for layer, least in (("zone", 1), ("border", 2), ("measurement", 8), ("place", 10)):
        assert expected[layer] >= least, layer
    assert "leaflet-control-layers" in dom and "leaflet-control-scale" in dom
    assert "<img" not in dom  # no base tiles unless --tiles asks for them


def test_a_popup_gives_the_verdict_and_shows_a_hostile_quote_as_text(tmp_path: Path) -> None:
    page = _write_map(tmp_path / "hostile.html", *HOSTILE)
    click = (
        '<script>document.querySelector("path.cc-measurement").dispatchEvent('
        'new MouseEvent("click", {bubbles: true, clientX: 300, clientY: 300}));</script>'
    )
    page.write_text(page.read_text().replace("</body>", click + "\n</body>"))
    dom = _chromium("--dump-dom", page.as_uri())
    popup = dom.split('<div class="leaflet-popup-content"')[1].split(
        '<div class="leaflet-popup-tip'
    )[0]
    assert "<dt>verdict</dt><dd>inconclusive</dd>" in popup
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in popup
    assert "<script>alert" not in dom


def test_the_screenshot_shows_the_layers(map_file: Path, tmp_path: Path) -> None:
    from PIL import Image

    shot = tmp_path / "shot.png"
    _chromium("--window-size=1000,800", f"--screenshot={shot}", map_file.as_uri())
    with Image.open(shot) as image:
        rgb = image.convert("RGB")
        assert rgb.size == (1000, 800)
        colours = {colour: count for count, colour in rgb.getcolors(maxcolors=1 << 24)}
    assert len(colours) > 20  # not blank
    # The zone's outline (#2166ac) and the consistent measurements (#1b7837) are on screen.
    assert colours[(0x21, 0x66, 0xAC)] > 50
    assert colours[(0x1B, 0x78, 0x37)] > 50
