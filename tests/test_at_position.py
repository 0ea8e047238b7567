"""`places add NAME --at COORDINATES`: a position a source gives, copied as written, cited, and
sized by its digits unless the user says more."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from claimcheck.cli import main
from claimcheck.files import yamlfile
from claimcheck.gazetteer.reader import load_places

NHC = "National Hurricane Center advisory, 1:00 AM CDT, 27 August 2020"
AT = ("--at", "29.8N 93.3W", "--source-title", NHC)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env={"NO_COLOR": "1"})
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.stdout, result.stderr


def test_the_position_is_kept_as_written_and_sized_by_its_digits(tmp_path: Path) -> None:
    places = tmp_path / "places.yaml"
    code, out, err = run(
        "places", "add", "Laura's centre", *AT, "--source-url", "https://www.nhc.noaa.gov/",
        "--source-date", "2020-08-27", "--places", str(places),
    )  # fmt: skip
    assert code == 0, err
    assert out.startswith(f"{places}:2: added laura-s-centre (at 29.8N 93.3W; uncertainty 14.8 km")
    text = places.read_text("utf-8")
    assert "coordinates: '29.8N 93.3W'" in text  # the digits stay as the source wrote them
    place = next(iter(load_places(str(places))))
    assert (place.lat, place.lon) == pytest.approx((29.8, -93.3))
    assert place.uncertainty_m == 14_800
    assert place.source.title == NHC
    assert place.source.url == "https://www.nhc.noaa.gov/"
    assert "Chapman & Wieczorek 2020" in (place.note or "")
    # the digits are a floor: a volcano or a town is larger than its point (the Hunga Tonga trial)
    assert "and the feature's extent if a claim may measure from anywhere on it" in out
    assert "the feature's extent if a claim may measure from anywhere on it (§3.4.1)" in text
    assert not load_places(str(places)).warnings


def test_a_given_uncertainty_is_kept_and_an_overclaim_said(tmp_path: Path) -> None:
    places = tmp_path / "places.yaml"
    code, out, _ = run("places", "add", "centre", *AT, "--uncertainty", "3 km",
                       "--places", str(places))  # fmt: skip
    assert code == 0
    assert "uncertainty 3 km, as given; warning: uncertainty 3 km is less than" in out
    warnings = load_places(str(places)).warnings
    assert [w.field for w in warnings] == ["places[0].uncertainty"]


def test_ids_are_unique_in_the_file(tmp_path: Path) -> None:
    places = tmp_path / "places.yaml"
    assert run("places", "add", "Centre A", *AT, "--id", "laura-centre", "--places",
               str(places))[0] == 0  # fmt: skip
    assert run("places", "add", "Laura centre", *AT, "--places", str(places))[0] == 0
    assert [p.id for p in load_places(str(places))] == ["laura-centre", "laura-centre-2"]


@pytest.mark.parametrize("again", ["Hunga Tonga-Hunga Ha'apai", "hunga tonga hunga haapai"])
def test_a_name_the_file_already_gives_a_place_is_refused(tmp_path: Path, again: str) -> None:
    """A trial on the 2022 Hunga Tonga eruption re-added the volcano with a wider uncertainty:
    two places of one name made every claim naming it ambiguous."""
    places = tmp_path / "places.yaml"
    gvp = ("--at", "20.536S 175.382W", "--source-title", "Global Volcanism Program, 243040")
    assert run("places", "add", "Hunga Tonga-Hunga Ha'apai", *gvp, "--places", str(places))[0] == 0
    before = places.read_bytes()
    code, _, err = run("places", "add", again, *gvp, "--uncertainty", "2.2 km",
                       "--places", str(places))  # fmt: skip
    assert code == 2
    assert f"{again!r} already names 'hunga-tonga-hunga-ha-apai' in the places file: nothing" in err
    assert "edit that entry, or add this one under a name of its own" in err
    assert places.read_bytes() == before


def test_a_western_or_southern_position_is_read_after_at(tmp_path: Path) -> None:
    code, out, _ = run("places", "add", "Cape Town", "--at", "-33.9,18.4", "--source-title", "x",
                       "--dry-run", "--places", str(tmp_path / "p.yaml"))  # fmt: skip
    assert code == 0
    assert "coordinates: '-33.9,18.4'" in out
    assert not (tmp_path / "p.yaml").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--at", "29.8N 93.3W"], "--at needs --source-title"),
        (["--at", "91N 93.3W", "--source-title", "x"], "latitude 91N is out of range"),
        ([*AT, "--source-date", "27/08/2020"], "write it as YYYY-MM-DD"),
        ([*AT, "--uncertainty", "far"], "--uncertainty: cannot read 'far'"),
        ([*AT, "--pick", "1"], "--pick does not apply"),
        ([*AT, "--country", "US"], "--country does not apply"),
        (["--source-title", "x"], "--source-title goes with --at"),
        (["--uncertainty", "3 km"], "--uncertainty goes with --at"),
    ],
)
def test_refusals(tmp_path: Path, args: list[str], message: str) -> None:
    places = tmp_path / "places.yaml"
    code, _, err = run("places", "add", "centre", *args, "--places", str(places))
    assert code == 2
    assert message in err
    assert not places.exists()


def test_an_unknown_place_is_added_cited_with_no_position(tmp_path: Path) -> None:
    """A trial on the November 2024 Noto quake: `check` said to `places add epicenter`, which
    found no GeoNames row; --unknown adds the site as the reports give it, with none."""
    places = tmp_path / "places.yaml"
    result = CliRunner().invoke(
        main,
        ["places", "add", "epicenter", "--unknown", "--source-title", "evrimagaci.org, 26 Nov",
         "--source-url", "https://evrimagaci.org/tpg/x", "--places", str(places)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "added epicenter (kind: unknown; `claimcheck locate epicenter`" in result.output
    (entry,) = yamlfile.load(str(places))["places"]
    assert entry["kind"] == "unknown" and "lat" not in entry and "uncertainty" not in entry
    assert entry["source"] == {
        "title": "evrimagaci.org, 26 Nov",
        "url": "https://evrimagaci.org/tpg/x",
    }
    assert load_places(str(places)).get("epicenter") is not None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--unknown"], "--unknown needs --source-title"),
        (["--unknown", "--source-title", "t", "--uncertainty", "5 km"], "--uncertainty does not"),
        (["--unknown", "--source-title", "t", "--at", "1,2"], "one"),
        (["--unknown", "--source-title", "t", "--country", "JP"], "--country does not apply"),
    ],
)
def test_unknown_refuses_what_does_not_apply(tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(
        main, ["places", "add", "epicenter", *args, "--places", str(tmp_path / "p.yaml")]
    )
    assert result.exit_code == 2 and message in result.output
