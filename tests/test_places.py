from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.errors import DataError, Level
from claimcheck.gazetteer.places import Gazetteer, PlaceKind, PlaceRef, unknown_place_hint
from claimcheck.gazetteer.reader import load_places

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
        (POINT.replace("    source: English Wikipedia\n", ""), 2, "required field 'source'"),
        (POINT.replace("country: SY", "contry: SY"), 5, "did you mean 'country'"),
        (POINT + POINT, 10, "duplicate place id 'garrison'"),
        (POINT.replace("    country: SY\n", "    country: SY\n    country: IQ\n"), 6,
         "duplicate key 'country'"),
        (POINT + "  - id: zone\n    kind: zone\n    centre: zone\n    radius: 55 km\n"
         "    uncertainty: 1 km\n    source: x\n", 12, "cannot be centred on itself"),
        (POINT + "  - id: zone\n    kind: zone\n    centre: nowhere\n    radius: 55 km\n"
         "    uncertainty: 1 km\n    source: x\n", 10, "unknown centre place 'nowhere'"),
        (POINT + "  - id: zone\n    kind: zone\n    centre: garrison\n    radius: 55 km\n"
         "    source: x\n", 10,
         "missing required field 'uncertainty' for a place of kind 'zone'"),  # docs/data.md says so
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


@pytest.mark.parametrize(
    ("key", "hint"),
    [
        ("contry", ": did you mean 'country'?"),
        ("uncertainity", ": did you mean 'uncertainty'?"),
        ("aliasses", ": did you mean 'aliases'?"),
        ("center", ": did you mean 'centre'?"),
        ("elevation", " (known: id, name, kind"),  # not a near miss of 'lat_lon'
        ("population", " (known: id, name, kind"),
    ],
)
def test_did_you_mean_only_for_near_misses(tmp_path: Path, key: str, hint: str) -> None:
    body = POINT.replace("    country: SY\n", f"    country: SY\n    {key}: 1\n")
    with pytest.raises(DataError) as info:
        load_places(write(tmp_path, body))
    (problem,) = info.value.problems
    assert problem.message.startswith(f"unknown key {key!r}{hint}")


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    body = POINT.replace("lat: 33.50583", "lat: 95").replace("country: SY", "contry: SY")
    with pytest.raises(DataError) as info:
        load_places(write(tmp_path, body))
    assert len(info.value.problems) == 2


# --- names, ambiguity and disambiguation (issue: gazetteer) -------------------------------------

BUNDLED = str(ROOT / "data" / "places.yaml")
TANF = {"al-tanf-crossing", "al-tanf-garrison", "at-tanf-locality"}
SHAMIYAH = {
    "maqha-ash-shuhaymi",
    "badiyat-al-sham",
    "ash-shamiyah-homs",
    "ash-shamiyah-latakia",
    "ash-shamiyah-hasakah",
    "al-shamiya-iraq",
    "ash-shamiyah-kuwait",
}


@pytest.fixture(scope="module")
def bundled() -> Gazetteer:
    return load_places(BUNDLED)


@pytest.mark.parametrize("text", ["At Tanf", "Al Tanf", "التنف", "al-Tanf", "AL-TANF", "Tanf"])
def test_every_spelling_of_al_tanf_finds_the_three_al_tanf_places(
    bundled: Gazetteer, text: str
) -> None:
    resolution = bundled.resolve(PlaceRef(text))
    assert {p.id for p in resolution.places} == TANF
    assert resolution.ambiguous


@pytest.mark.parametrize("text", ["Ash Shamiyah", "al-Shamiyah", "ash-Shāmīyah", "الشامية"])
def test_shamiyah_lists_every_candidate(bundled: Gazetteer, text: str) -> None:
    assert {p.id for p in bundled.resolve(PlaceRef(text)).places} == SHAMIYAH


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        (PlaceRef("al-Shamiyah", country="IQ"), {"al-shamiya-iraq"}),
        (PlaceRef("al-Shamiyah", country="sy", admin="latakia"), {"ash-shamiyah-latakia"}),
        (PlaceRef("al-Shamiyah", country="SY", admin="Homs"),
         {"maqha-ash-shuhaymi", "ash-shamiyah-homs"}),
        (PlaceRef("Ash Shamiyah", country="KW"), {"ash-shamiyah-kuwait"}),
        (PlaceRef("ash-shamiyah-hasakah"), {"ash-shamiyah-hasakah"}),
        (PlaceRef("al-Shamiyah", country="JO"), set()),
    ],
)  # fmt: skip
def test_country_admin_and_id_narrow_a_name(
    bundled: Gazetteer, ref: PlaceRef, expected: set[str]
) -> None:
    assert {p.id for p in bundled.resolve(ref).places} == expected


def test_a_fuzzy_match_never_resolves_but_is_suggested(bundled: Gazetteer) -> None:
    assert bundled.resolve(PlaceRef("al-Tamf")).places == ()
    assert set(bundled.suggest("al-Tamf")) <= TANF
    assert bundled.suggest("al-Tamf")
    assert bundled.suggest("Zzyzx") == []


def test_a_spelled_alike_name_beats_one_that_only_shares_consonants(tmp_path: Path) -> None:
    body = (
        "  - {id: hama, name: Hama, lat: 35.1, lon: 36.7, uncertainty: 5 km, source: s}\n"
        "  - {id: hima, name: Hima, lat: 35.2, lon: 36.8, uncertainty: 5 km, source: s}\n"
    )
    gaz = load_places(write(tmp_path, body))
    assert [p.id for p in gaz.resolve(PlaceRef("Hamah")).places] == ["hama"]
    assert gaz.resolve(PlaceRef("Hama")).how == "exact"
    assert {p.id for p in gaz.resolve(PlaceRef("Hamma")).places} == {"hama"}
    # unvocalised Arabic agrees with both: the reader must choose
    assert {p.id for p in gaz.resolve(PlaceRef("حما")).places} == {"hama", "hima"}
    # a romanisation with no vowels is neither: only the consonants agree
    assert gaz.resolve(PlaceRef("Hm")).places == ()
    assert set(gaz.suggest("Hm")) <= {"hama", "hima"}


NAMES = ROOT / "tests" / "data" / "names"


@pytest.mark.parametrize(
    ("places", "text", "suggested"),
    [
        (NAMES / "places.yaml", "Hima", "hama"),
        (NAMES / "places.yaml", "Damscus", "damascus"),
        (ROOT / "data" / "places.yaml", "Rikbin camp", "rukban-camp"),
        (ROOT / "data" / "places.yaml", "Damscus", "damascus"),
    ],
)
def test_a_different_town_never_resolves_silently(places: Path, text: str, suggested: str) -> None:
    """Names that share only their consonants are a near miss: a suggestion, never a match."""
    gazetteer = load_places(str(places))
    assert gazetteer.resolve(PlaceRef(text)).places == ()
    assert suggested in gazetteer.suggest(text)


@pytest.mark.parametrize(
    ("text", "place_id"),
    [
        ("Rokban camp", "rukban-camp"),  # o for u
        ("Dair ez-Zor", "deir-ez-zor"),  # ai for ei
        ("Deir ez-Zawr", "deir-ez-zor"),  # aw for o
        ("Tadmour", "palmyra"),  # ou for u
        ("Dimeshq", "damascus"),  # e for a
        ("دمشق", "damascus"),  # Arabic script, unvocalised
    ],
)
def test_true_transliterations_still_resolve(bundled: Gazetteer, text: str, place_id: str) -> None:
    assert [p.id for p in bundled.resolve(PlaceRef(text)).places] == [place_id]


def test_an_arabic_alias_does_not_make_a_near_miss_a_match() -> None:
    """Hama's Arabic alias حماة writes no short vowels, so it agrees with "Hima" too; but
    Hama's romanised names say which vowel: "Hima" is another name."""
    gazetteer = load_places(str(NAMES / "places.yaml"))
    assert "حماة" in gazetteer.places["hama"].aliases
    assert gazetteer.resolve(PlaceRef("Hima")).places == ()
    assert [p.id for p in gazetteer.resolve(PlaceRef("Hamah")).places] == ["hama"]
    assert [p.id for p in gazetteer.resolve(PlaceRef("حماه")).places] == ["hama"]


def test_list_order_never_decides(tmp_path: Path) -> None:
    twin = POINT.replace("id: garrison", "id: twin").replace("lat: 33.50583", "lat: 33.6")
    a = load_places(write(tmp_path, POINT + twin)).resolve(PlaceRef("At Tanf garrison"))
    b = load_places(write(tmp_path, twin + POINT)).resolve(PlaceRef("At Tanf garrison"))
    assert [p.id for p in a.places] == [p.id for p in b.places] == ["garrison", "twin"]


def test_a_claim_naming_the_bare_name_is_ambiguous(bundled: Gazetteer, tmp_path: Path) -> None:
    from claimcheck.analysis.verdicts import evaluate
    from claimcheck.claims.model import VerdictKind, load_claims

    claims = tmp_path / "claims.yaml"
    claims.write_text(
        "claims:\n"
        "  - id: sana\n"
        "    quote: the air strike hit al-Shamiyah, more than 45 miles from the border post\n"
        "    claimant: SANA\n"
        "    source: Seed article (shared/seed-article.txt), paragraph 4\n"
        "    subject: Ash Shamiyah\n"
        "    distance: more than 45 mi\n"
        "    from: al-tanf-crossing\n",
        encoding="utf-8",
    )
    (verdict,) = evaluate(load_claims(str(claims), bundled), bundled)
    assert verdict.verdict is VerdictKind.UNVERIFIABLE
    assert "ambiguous" in verdict.reason
    assert {dict(c.places)["subject"] for c in verdict.candidates} == SHAMIYAH


# --- data lint: collisions and coordinates ----------------------------------------------------


def test_the_bundled_data_lints_clean(bundled: Gazetteer) -> None:
    assert bundled.warnings == ()


def _warnings(tmp_path: Path, body: str) -> list[str]:
    gaz = load_places(write(tmp_path, body))
    assert all(w.level is Level.WARNING and w.line for w in gaz.warnings)
    return [f"{w.line}: {w.message}" for w in gaz.warnings]


TWIN = POINT.replace("id: garrison", "id: twin").replace(
    "aliases: [At Tanf garrison]", "aliases: [al-Tanf garrison]"
)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (POINT + TWIN, ["10: 'twin' ('al-Tanf garrison') and 'garrison' (line 2, "
                        "'al-Tanf garrison') share a name"]),
        # in Iraq the twin is told apart, but al-Tanf lies > 6 km outside Iraq's outline (the
        # bounding boxes the outline check replaced took it in)
        (POINT + TWIN.replace("country: SY", "country: IQ"),
         ["10: 'twin': 33.51, 38.62 lies more than 6 km outside IQ's outline (Natural Earth "
          "1:10m): swapped lat/lon or wrong country?"]),
        (POINT + TWIN.replace("country: SY", "country: SY\n    admin: Homs"), []),
        (POINT + TWIN.replace("country: SY", "country: SY\n    ambiguous_with: [garrison]"), []),
        (POINT.replace("lat: 33.50583", "lat: 38.61778").replace("lon: 38.61778", "lon: 33.50583"),
         ["2: 'garrison': 38.62, 33.51 lies more than 6 km outside SY's outline"]),
        (POINT.replace("country: SY", "country: SY\n    ambiguous_with: [garrison]"),
         ["2: 'garrison' shares no name with 'garrison'"]),
    ],
)  # fmt: skip
def test_lint_warns_with_file_and_line(tmp_path: Path, body: str, expected: list[str]) -> None:
    found = _warnings(tmp_path, body)
    assert len(found) == len(expected), found
    for got, want in zip(found, expected, strict=True):
        assert got.startswith(want), got


def test_ambiguous_with_an_unknown_id_is_an_error(tmp_path: Path) -> None:
    body = POINT.replace("country: SY", "country: SY\n    ambiguous_with: [nowhere]")
    with pytest.raises(DataError, match="unknown place 'nowhere'"):
        load_places(write(tmp_path, body))


@pytest.mark.parametrize(
    "text",
    ["33°30′21″N 38°37′04″E", "33.50583, 38.61778", "N33.50583 E38.61778", "33.50583N, 38.61778E",
     "38°37′04″E 33°30′21″N"],
)  # fmt: skip
def test_a_point_may_be_written_in_any_coordinate_notation(tmp_path: Path, text: str) -> None:
    body = POINT.replace("    lat: 33.50583\n    lon: 38.61778\n", f"    coordinates: '{text}'\n")
    place = load_places(write(tmp_path, body)).places["garrison"]
    assert place.lat == pytest.approx(33.50583, abs=2e-4)
    assert place.lon == pytest.approx(38.61778, abs=2e-4)


def test_line_vertices_may_be_coordinate_strings(tmp_path: Path) -> None:
    body = (
        "  - id: edge\n    kind: line\n    uncertainty: 1 km\n    source: s\n"
        "    lat_lon: ['33°22′18″N 38°46′28″E', [33.2290323, 38.8210201]]\n"
    )
    place = load_places(write(tmp_path, body)).places["edge"]
    assert place.vertices[1] == (33.2290323, 38.8210201)
    assert place.vertices[0][0] == pytest.approx(33.3717, abs=1e-3)


@pytest.mark.parametrize(
    ("coordinates", "fragment"),
    [
        ("95.5, 38.6", "did you swap lat/lon?"),
        ("33.5 38.6 12", "cannot tell where the latitude ends"),
        ("33.5N 38.6N", "both numbers are marked N/S"),
        ("al-Tanf", "unexpected"),
    ],
)
def test_a_bad_coordinate_string_says_why_at_its_line(
    tmp_path: Path, coordinates: str, fragment: str
) -> None:
    body = POINT.replace(
        "    lat: 33.50583\n    lon: 38.61778\n", f"    coordinates: '{coordinates}'\n"
    )
    with pytest.raises(DataError) as info:
        load_places(write(tmp_path, body))
    (problem,) = info.value.problems
    assert fragment in problem.message
    assert (problem.line, problem.field) == (6, "places[0].coordinates")


@pytest.mark.parametrize(
    ("lat", "lon", "messages"),
    [
        ("33°30'21\"N", "38.61778", [
            "'lat' must be a number in decimal degrees, not '33°30\\'21\"N': write lat: 33.50583, "
            "or replace lat and lon with coordinates: 33°30'21\"N 38.61778E"]),
        ("33.50583", "38°37′04″E", [
            "'lon' must be a number in decimal degrees, not '38°37′04″E': write lon: 38.61778, "
            "or replace lat and lon with coordinates: \"33.50583N 38°37′04″E\""]),
        ("'33.50583'", "38.61778", [
            "'lat' must be a number in decimal degrees, not '33.50583': write lat: 33.50583, "
            "without quotes"]),
        ("33 30 21 N", "north-east", [
            "'lat' must be a number in decimal degrees, not '33 30 21 N': write lat: 33.50583",
            "'lon' must be a number in decimal degrees, not 'north-east': write e.g. lon: 35.5, "
            "or replace lat and lon with coordinates: \"33°53′N 35°30′E\", which reads degrees, "
            "minutes and seconds"]),
        ("'" + "3" * 5000 + "'", "38.61778", [
            "'lat' must be a number in decimal degrees, not '" + "3" * 60 + "…" + "3" * 10
            + "' (5,000 characters): write e.g. lat: 33.88333, or replace lat and lon with "
            "coordinates: \"33°53′N 35°30′E\", which reads degrees, minutes and seconds"]),
    ],
)  # fmt: skip
def test_degrees_typed_into_lat_or_lon_point_to_decimals_and_coordinates(
    tmp_path: Path, lat: str, lon: str, messages: list[str]
) -> None:
    """A trial user typed `lat: 33°53'N`: the error says what to write instead."""
    body = POINT.replace("lat: 33.50583\n    lon: 38.61778", f"lat: {lat}\n    lon: {lon}")
    with pytest.raises(DataError) as info:
        load_places(write(tmp_path, body))
    assert [p.message for p in info.value.problems] == messages


def test_a_vertex_typed_as_two_texts_points_to_decimals_and_one_string(tmp_path: Path) -> None:
    body = (
        "  - id: edge\n    kind: line\n    uncertainty: 1 km\n    source: s\n"
        "    lat_lon: [[33°22'18\"N, 38°46'28\"E], [33.2290323, 38.8210201]]\n"
    )
    with pytest.raises(DataError) as info:
        load_places(write(tmp_path, body))
    (problem,) = info.value.problems
    assert problem.message == (
        "lat_lon[0] must be a pair of finite numbers [lat, lon], not text: write "
        "[33.37167, 38.77444], or the vertex as one string: 33°22'18\"N 38°46'28\"E"
    )


def test_coordinates_and_lat_lon_together_are_refused(tmp_path: Path) -> None:
    body = POINT.replace(
        "    lat: 33.50583\n", "    lat: 33.50583\n    coordinates: '33.5, 38.6'\n"
    )
    with pytest.raises(DataError, match="either 'coordinates' or 'lat'/'lon'"):
        load_places(write(tmp_path, body))


def test_a_claim_about_a_consonant_twin_is_an_error_with_a_suggestion() -> None:
    """With only Hama in the gazetteer, `subject: Hima` was verified as Hama, with no note."""
    args = [
        "verify",
        "--claims",
        str(NAMES / "claims.yaml"),
        "--places",
        str(NAMES / "places.yaml"),
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "names unknown place 'Hima': did you mean 'hama'?" in result.stderr
    assert "consistent" not in result.stdout


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("geonames:172344", ("at-tanf-locality",)),
        ("GeoNames:447557", ("ash-shamiyah-hasakah",)),  # the second of "168566 and 447557"
        ("geonames:168566", ("ash-shamiyah-hasakah",)),
        ("geonames:1", ()),  # cited by no place, and no index to look it up in
    ],
)
def test_a_geonames_id_means_the_place_that_cites_that_row(
    bundled: Gazetteer, ref: str, expected: tuple[str, ...]
) -> None:
    """`extract` drafts `geonames:ID` for a place the file lacks; once `places add` has added
    it (citing the row), the draft resolves to the file's reviewed entry, index or not."""
    assert tuple(p.id for p in bundled.resolve(PlaceRef(ref)).places) == expected


@pytest.mark.parametrize(
    ("name", "unknown"),
    [("plane", True), ("crash site", True), ("épicentre", True), ("Rukban camp", False),
     ("geonames:167300", False), ("al-Shamiyah", False), ("التنف", False)],
)  # fmt: skip
def test_a_common_noun_is_offered_as_the_events_own_site(name: str, unknown: bool) -> None:
    """The Aktau crash trial: `check` said "add it: claimcheck places add plane", which finds
    nothing in GeoNames; a lower-case common noun is first offered as an unknown place."""
    hint = unknown_place_hint(PlaceRef(name), Gazetteer({}, path="story/places.yaml"))
    assert ("--unknown --source-title REPORT --places story/places.yaml" in hint) is unknown
    assert hint.endswith("--places story/places.yaml")
