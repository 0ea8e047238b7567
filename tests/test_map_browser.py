"""The HTML map drawn by a real headless Chromium, offline: its vector layers must appear."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import main

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="no chromium on PATH (.ci/run installs Debian's chromium package)"
)


@pytest.fixture(scope="module")
def map_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("map") / "map.html"
    result = CliRunner().invoke(main, ["map", "--format", "html", "-o", str(target)])
    assert result.exit_code == 0, result.output
    return target


def _chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    return subprocess.run(
        [BROWSER, *FLAGS, *args], capture_output=True, text=True, timeout=120, check=True
    )


def test_the_script_draws_every_feature(map_file: Path) -> None:
    dom = _chromium("--dump-dom", map_file.as_uri()).stdout
    assert 'data-drawn="' in dom  # the drawing code ran to its end
    drawn = int(dom.split('data-drawn="')[1].split('"')[0])
    assert drawn >= 30
    for layer, least in (("zone", 1), ("border", 2), ("measurement", 8), ("place", 10)):
        assert dom.count(f'class="feature layer-{layer}"') >= least, layer


def test_the_screenshot_shows_the_layers(map_file: Path, tmp_path: Path) -> None:
    from PIL import Image

    shot = tmp_path / "shot.png"
    _chromium("--window-size=900,700", f"--screenshot={shot}", map_file.as_uri())
    with Image.open(shot) as image:
        rgb = image.convert("RGB")
        colours = Counter(rgb.getpixel((x, y)) for x in range(rgb.width) for y in range(rgb.height))
    # The zone's outline (#2166ac) and the consistent measurements (#1b7837) are on screen.
    assert colours[(0x21, 0x66, 0xAC)] > 50
    assert colours[(0x1B, 0x78, 0x37)] > 50
