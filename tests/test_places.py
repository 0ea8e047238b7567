from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.places import PlaceKind, PlaceRef, load_places
from claimcheck.problems import DataError

ROOT = Path(__file__).parent.parent


def write(tmp_path: Path, body: str) -> str:
    path = tmp_path / "places.yaml"
    path.write_text("places:\n" + body, encoding="utf-8")
    return str(path)


POINT = """\
  - id: garrison
    name: al-Tanf garrison
    aliases: [At Tanf garrison]
    country: SY
    lat: 33.50583
    lon: 38.61778
    uncertainty: 7 km
    source: English Wikipedia
"""


def test_bundled_gazetteer_loads_and_cites_every_place() -> None:
    gaz = load_places(str(ROOT / "data" / "places.yaml"))
    assert len(gaz) >= 20
    assert all(p.source.title for p in gaz)
    kinds = {p.kind for p in gaz}
    assert {PlaceKind.POINT, PlaceKind.LINE, PlaceKind.ZONE, PlaceKind.UNKNOWN} <= kinds


def test_point_fields(tmp_path: Path) -> None:
    place = load_places(write(tmp_path, POINT)).places["garrison"]
    assert (place.lat, place.lon, place.uncertainty_m) == (33.50583, 38.61778, 7000.0)
    assert place.line == 2


def test_resolve_by_id_name_and_alias_never_by_order(tmp_path: Path) -> None:
    twin = POINT.replace("id: garrison", "id: twin").replace("lat: 33.50583", "lat: 33.6")
    gaz = load_places(write(tmp_path, POINT + twin))
    assert [p.id for p in gaz.resolve(PlaceRef("garrison")).places] == ["garrison"]
    assert {p.id for p in gaz.resolve(PlaceRef("AT TANF GARRISON")).places} == {"garrison", "twin"}
    assert gaz.resolve(PlaceRef("al-Tanf garrison")).ambiguous


@pytest.mark.parametrize(
    ("body", "line", "fragment"),
    [
        (POINT.replace("lat: 33.50583", "lat: 95"), 6, "latitude 95.0 is outside -90..90"),
        (POINT.replace("lat: 33.50583", "lat: 138.6").replace("lon: 38.61778", "lon: 33.5"), 6,
         "did you swap lat and lon?"),
        (POINT.replace("lon: 38.61778", "lon: .nan"), 7, "finite"),
        (POINT.replace("uncertainty: 7 km", "uncertainty: 7"), 8, "needs a unit"),
        (POINT.replace("uncertainty: 7 km", "uncertainty: 7 leagues"), 8, "cannot read"),
        (POINT.replace("    source: English Wikipedia\n", ""), 2, "missing required field 'source'"),
        (POINT.replace("country: SY", "contry: SY"), 5, "did you mean 'country'"),
        (POINT + POINT, 10, "duplicate place id 'garrison'"),
        (POINT.replace("    country: SY\n", "    country: SY\n    country: IQ\n"), 6,
         "duplicate key 'country'"),
        (POINT + "  - id: zone\n    kind: zone\n    centre: zone\n    radius: 55 km\n"
         "    uncertainty: 1 km\n    source: x\n", 12, "cannot be centred on itself"),
        (POINT + "  - id: zone\n    kind: zone\n    centre: nowhere\n    radius: 55 km\n"
         "    uncertainty: 1 km\n    source: x\n", 10, "unknown centre place 'nowhere'"),
        (POINT.replace("lat: 33.50583", "lat: !!python/object:os.system 1"), 6, "not allowed"),
    ],
)  # fmt: skip
def test_bad_places_name_file_line_and_field(
    tmp_path: Path, body: str, line: int, fragment: str
) -> None:
    path = write(tmp_path, body)
    with pytest.raises(DataError) as info:
        load_places(path)
    hits = [p for p in info.value.problems if fragment in p.message]
    assert hits, info.value
    assert hits[0].path == path
    assert hits[0].line == line


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    body = POINT.replace("lat: 33.50583", "lat: 95").replace("country: SY", "contry: SY")
    with pytest.raises(DataError) as info:
        load_places(write(tmp_path, body))
    assert len(info.value.problems) == 2
