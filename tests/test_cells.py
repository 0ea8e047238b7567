"""The swapped-lat/lon warning from the world layers' outlines, by way of the cell table."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck.gazetteer import cells, world
from claimcheck.gazetteer.cells import position_warning, reaches
from claimcheck.gazetteer.lint import lint_places
from claimcheck.gazetteer.reader import load_places

ROOT = Path(__file__).resolve().parents[1]
TOWNS = ROOT / "src" / "claimcheck" / "render" / "data" / "towns.json.gz"
REAL = sorted((ROOT / "tests" / "data" / "real").glob("*/places.yaml"))


def _towns() -> list[tuple[str, float, float, str]]:
    """GeoNames towns of 100,000 people or more (cities15000, CC BY 4.0; the maps' towns)."""
    with gzip.open(TOWNS, "rt", encoding="utf-8") as file:
        rows = json.load(file)
    return [(name, lat / 1000, lon / 1000, cc) for name, lat, lon, _, cc, _ in rows]


def test_tehran_swapped_with_country_ir_warns() -> None:
    # Tehran 35°41′46″N 51°25′23″E (Scots Wikipedia, as tests/data/countries/places.yaml)
    assert position_warning(51.42306, 35.69611, "IR") == (
        "51.42, 35.7 lies more than 6 km outside IR's outline (Natural Earth 1:10m): "
        "swapped lat/lon? 35.7, 51.42 would be inside"
    )
    assert position_warning(35.69611, 51.42306, "Iran") is None


def test_a_position_no_swap_explains_says_so() -> None:
    assert position_warning(33.5, 138.6, "Syria") == (
        "33.5, 138.6 lies more than 6 km outside Syria (SY)'s outline (Natural Earth 1:10m): "
        "swapped lat/lon or wrong country?"
    )


BUNDLED_AND_REAL = [ROOT / "data" / "places.yaml", *REAL]


@pytest.mark.parametrize("path", BUNDLED_AND_REAL, ids=lambda p: p.parent.name)
def test_no_bundled_or_real_place_warns(path: Path) -> None:
    """Every place of the bundled data and of the real stories, every vertex of their lines and
    polygons included, reaches its country."""
    problems = lint_places(load_places(str(path)))
    assert [p.message for p in problems if p.field == "country"] == []


def test_ash_shamiyah_latakia_is_quiet_and_so_is_its_swap() -> None:
    """GeoNames 172825 lies 2.2 km inside Syria's 1:10m coastline; with latitude and longitude
    within 0.17 degrees of each other, its swap (35.807 N, 35.638 E) lands 15 km off the same
    coast, still within Syria's reach (6 km of the outline from some point of its cell): a swap
    that moves a place 27 km along its own coast is not one this check can tell, so it says
    nothing rather than guess. A check that tests the exact outline, or a cell's centre (the
    0.5-degree cell around both positions has its centre at sea), warns falsely here."""
    assert position_warning(35.63787, 35.80729, "SY") is None
    assert position_warning(35.80729, 35.63787, "SY") is None


@pytest.mark.parametrize(
    ("name", "lat", "lon", "cc"),
    [
        # GeoNames cities15000 (via the maps' towns.json.gz): within 0.01 degrees of a cell edge,
        # within 5 km of the 1:10m coast, some of them on its sea side
        ("Belém", -1.456, -48.504, "BR"),  # 0.5 km off the outline
        ("Mawlamyine", 16.491, 97.628, "MM"),  # 1.5 km off
        ("Cap-Haïtien", 19.759, -72.198, "HT"),  # 1.3 km off
        ("Malabo", 3.756, 8.782, "GQ"),  # 0.4 km off
        ("Angra dos Reis", -23.007, -44.318, "BR"),  # 0.3 km off
        ("Gold Coast", -28.0, 153.431, "AU"),
        ("Makhachkala", 42.978, 47.5, "RU"),
        ("Mar del Plata", -38.0, -57.556, "AR"),
        ("Vancouver", 49.25, -123.119, "CA"),
        ("Hachinohe", 40.5, 141.5, "JP"),
        ("Odesa", 46.486, 30.744, "UA"),
        ("Brownsville", 25.902, -97.497, "US"),
    ],
)
def test_coastal_towns_near_cell_edges_are_quiet(
    name: str, lat: float, lon: float, cc: str
) -> None:
    assert position_warning(lat, lon, cc) is None, name


def test_every_large_town_reaches_its_country() -> None:
    """6,204 GeoNames towns of 100,000 people or more: none warns (coast, islands, borders)."""
    checked = [(n, cc) for n, lat, lon, cc in _towns() if position_warning(lat, lon, cc)]
    assert checked == []


def test_swapped_large_towns_are_caught() -> None:
    """Swapped, nearly every town whose longitude could be a latitude is caught; the rest lie
    near the line lat = lon, where the swap stays in the country's reach."""
    swappable = [(lat, lon, cc) for _, lat, lon, cc in _towns() if abs(lon) <= 90]
    caught = [
        (lat, lon, cc)
        for lat, lon, cc in swappable
        if "swapped lat/lon?" in (position_warning(lon, lat, cc) or "")
    ]
    assert len(swappable) > 3900
    assert len(caught) / len(swappable) > 0.94


@pytest.mark.parametrize(
    ("lat", "lon", "code"),
    [(64.7337, 177.5141, "RU"), (65.0, -175.0, "RU"), (-16.7, -179.9, "FJ"),
     (52.93, 173.18, "US"), (-89.0, 0.0, "AQ"), (-90.0, 123.0, "AQ"), (71.0, 180.0, "RU")],
)  # fmt: skip
def test_cells_wrap_at_the_antimeridian_and_reach_the_poles(
    lat: float, lon: float, code: str
) -> None:
    assert reaches(code, lat, lon)


def test_a_territory_the_world_layers_lack_falls_back_to_its_boxes() -> None:
    # Akrotiri (ADM0_A3 WSB) is land without an ISO code: the layers have it as no country
    assert position_warning(34.6, 32.95, "WSB") is None
    message = position_warning(32.95, 34.6, "WSB")
    assert message is not None and "bounding box" in message


def test_the_table_states_its_resolution_and_margin_and_covers_the_world_uncertainty() -> None:
    about = cells._about()
    assert about["cell_deg"] == 0.25
    assert about["rows"] * about["cols"] == 720 * 1440
    assert about["margin_m"] >= world.uncertainty_m()
    assert about["generated_by"] == "scripts/build_world.py"


def test_the_check_reads_no_outline() -> None:
    """Loading the bundled data (which lints it) warns from the table alone: world.json and
    world.bin stay unread (loading them cost ~400 ms per run)."""
    code = (
        "from claimcheck import api; from claimcheck.gazetteer import world, cells;"
        "api.load_dataset('data/claims.yaml', 'data/places.yaml');"
        "print(world._index.cache_info().currsize, world._points.cache_info().currsize,"
        " cells._row.cache_info().currsize > 0)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["0", "0", "True"]
