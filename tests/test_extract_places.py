"""`claimcheck extract` finds the places a reader means (claimcheck.claims.extract.places):
numbered and multi-word names, adjectives and articles stripped, demonym borders, coasts,
countries, "the capital", the GeoNames index; and the phrasings issue 14 lists as missed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from claimcheck.claims.extract import Draft, extract
from claimcheck.claims.extract.countries import country_code
from claimcheck.cli import main
from claimcheck.files import yamlfile
from claimcheck.gazetteer.places import Gazetteer
from claimcheck.gazetteer.reader import load_places, parse_places, with_world
from claimcheck.lookup.fallback import DbFallback
from claimcheck.lookup.importer import import_geonames
from claimcheck.lookup.index import GazetteerDb

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
ARTICLE_PLACES = DATA / "extract" / "articles-places.yaml"

# Places with no coordinates (unknown places): extraction needs names and countries only.
CAPITALS = """
places:
  - {id: tokyo, name: Tokyo, kind: unknown, country: JP, source: "a test name"}
  - {id: kyiv, name: Kyiv, kind: unknown, country: UA, source: "a test name"}
"""


@pytest.fixture(scope="module")
def articles() -> Gazetteer:
    return load_places(str(ARTICLE_PLACES))


@pytest.fixture(scope="module")
def with_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gazetteer]:
    """The article places and an index of real GeoNames rows around Belgorod and Nikopol."""
    db = str(tmp_path_factory.mktemp("index") / "geonames.sqlite")
    import_geonames(str(DATA / "geonames" / "RU-UA-Shebekino.txt"), db)
    gazetteer = load_places(str(ARTICLE_PLACES))
    fallback = DbFallback(GazetteerDb(db), gazetteer)
    gazetteer.fallback = fallback
    yield gazetteer
    fallback.close()


def _only(text: str, gazetteer: Gazetteer | None = None) -> Draft:
    drafts = [d for d in extract(text, gazetteer) if d.value is not None]
    assert len(drafts) == 1, drafts
    return drafts[0]


@pytest.mark.parametrize(
    ("text", "subject_ids", "reference_ids"),
    [
        # numbered names, whole
        ("Tower 22 is just 20 kilometres from the al-Tanf garrison.",
         ("tower-22",), ("al-tanf-garrison",)),
        # a demonym border: the Iraq boundary that meets the other place's country
        ("The base, known as Tower 22, lies 10 km from the Iraqi border.",
         ("tower-22",), ("border:IQ-JO",)),
        ("Tower 22 is one mile south of the country's border with Syria.",
         ("tower-22",), ("border:JO-SY",)),
        # adjectives and articles stripped
        ("Tiny Przewodów is about 6 km from the Ukrainian border.",
         ("przewodow",), ("border:PL-UA",)),
        ("It hit the Polish village of Przewodow, four miles from the border with Ukraine.",
         ("przewodow",), ("border:PL-UA",)),
        # "No. 1" is part of the name; "nuclear plant" is the kind of place it is
        ("Okuma lies 5 km from the Fukushima No. 1 nuclear plant.", (), ("fukushima-daiichi",)),
        ("Nikopol is 10 km from the Zaporizhzhia Nuclear Power Plant.",
         (), ("zaporizhzhia-npp",)),
        # a country's territory, a noun of which the name is "X dam", a coast
        ("The drone fell 3 km inside Jordanian territory.", (), ("country:JO",)),
        ("The dam of Kakhovka is 60 kilometers from the city of Kherson.", ("kakhovka-dam",), ()),
        ("The missile landed 200 kilometres off the coast of Japan.", (), ("coast:JP",)),
        # the sentence names both countries of a border
        ("Levshinka is about 25 km from the Russia-Ukraine border.", (), ("border:RU-UA",)),
    ],
)  # fmt: skip
def test_places_are_read_as_a_reader_would(
    articles: Gazetteer, text: str, subject_ids: tuple[str, ...], reference_ids: tuple[str, ...]
) -> None:
    draft = _only(text, articles)
    assert draft.subject_ids == subject_ids
    assert draft.reference_ids == reference_ids


def test_the_capital_is_the_capital_of_the_other_places_country() -> None:
    entries = ARTICLE_PLACES.read_text(encoding="utf-8").split("places:\n", 1)[1]
    places = with_world(parse_places(yamlfile.load("p.yaml", CAPITALS + entries), "p.yaml"))
    draft = _only("The Fukushima No. 1 plant is about 220 km north of the capital.", places)
    assert (draft.subject_ids, draft.reference_ids) == (("fukushima-daiichi",), ("tokyo",))
    named = _only("The plant is some 300 kilometers south of the capital, Kyiv.", places)
    assert named.reference_ids == ("kyiv",)


def test_the_border_nearest_the_other_place_when_the_text_names_one_country(
    with_index: Gazetteer,
) -> None:
    """Shebekino (GeoNames, Russia) is 7 km from "the border": of Russia's land boundaries,
    the one nearest Shebekino, measured on the ellipsoid."""
    draft = _only("Shebekino is only about 7 km from the border.", with_index)
    assert draft.subject_ids == ("geonames:495112",)
    assert draft.reference_ids == ("border:RU-UA",)


def test_an_ambiguous_name_is_narrowed_only_with_a_reason_the_note_gives(
    with_index: Gazetteer,
) -> None:
    """Three GeoNames rows are called Nikopol (two in Ukraine, one in Bulgaria): the one much
    the nearest to the plant is kept, and the draft says so."""
    draft = _only("It is 12 kilometers from Nikopol to the Zaporizhzhia plant.", with_index)
    assert draft.reference_ids == ("zaporizhzhia-npp",)
    assert draft.subject_ids == ("geonames:700051",)
    assert draft.place_notes == (
        "subject 'Nikopol' fits 3 places; kept geonames:700051: much the nearest to "
        "Zaporizhzhia Nuclear Power Plant",
    )
    alone = _only("Nikopol is 12 km from a field.", with_index)
    assert alone.subject_ids == ("geonames:700051",)
    assert alone.place_notes == (
        "subject 'Nikopol' fits 3 places; kept geonames:700051: by far the largest "
        "(population 105,160 in GeoNames, at least 5 times any other)",
    )


def test_a_name_whose_candidates_are_alike_keeps_them_all(articles_index: Gazetteer) -> None:
    """Punta Gorda, Florida (18,150 people) and Punta Gorda, Venezuela (14,855): nothing in
    "Punta Gorda" chooses (a US state is no country), so the reviewer does."""
    draft = _only("The storm is about 20 miles west of Punta Gorda.", articles_index)
    assert len(draft.reference_ids) == 3 and draft.place_notes == ()


def test_a_place_the_sentence_names_chooses_among_a_names_candidates(
    articles_index: Gazetteer,
) -> None:
    """Maricopa, Arizona has 40 times the people of Maricopa, California, but the sentence
    also names Bakersfield, 40 km from the Californian one: a reader takes that one."""
    drafts = extract(
        "The earthquake struck 20 km east of Maricopa, and 40 km south-southwest of Bakersfield.",
        articles_index,
    )
    assert drafts[0].reference_ids == ("geonames:5370440",)
    assert "much the nearest to Bakersfield, which the sentence names" in drafts[0].place_notes[0]


@pytest.mark.parametrize(
    ("word", "code"), [("Korean", None), ("Los", None), ("Ukrainian", "UA"), ("Laos", "LA")]
)
def test_a_country_is_named_by_its_spelling_not_its_consonants(word: str, code: str) -> None:
    assert country_code(word) == code


def test_a_name_in_a_country_is_the_subject_not_the_country(articles: Gazetteer) -> None:
    draft = _only(
        "A small American garrison at al-Tanf in Syria is just 20 kilometers (12 miles) "
        "north of Tower 22.",
        articles,
    )
    assert (draft.subject, draft.subject_ids) == ("al-Tanf", ("al-tanf-garrison",))


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        # an area that locates the place is not the subject (docs/commands/extract.md)
        ("Vovchansk in Kharkiv Oblast is 5 km from the border.", "Vovchansk"),
        ("Vovchansk, Kharkiv Oblast, is 5 km from the border.", "Vovchansk"),
        ("Tyre, Lebanon, lies 20 km north of the border.", "Tyre"),
        ("Shebekino, a town in the Belgorod region in southwestern Russia, is 7 km from the "
         "border.", "Shebekino"),
        ("Kiryat Gat, in southern Israel, is 20 km from the Gaza border.", "Kiryat Gat"),
        ("Baalbek, in the Bekaa valley, lies 100 km north of the border.", "Baalbek"),
        ("Tal Afar, west of Mosul, is 60 km from the Syrian border.", "Tal Afar"),
        ("Nairobi, the Kenyan capital, is 600 km from Mpeketoni.", "Nairobi"),
        ("Mosul, Iraq's second-largest city, lies 400 km north of Baghdad.", "Mosul"),
        # but an area is the subject when nothing before it is located by it, with its word
        # (a region, never the city of Kursk)
        ("The Kursk region is 100 km from the border.", "Kursk region"),
        ("Troops in Kharkiv Oblast are 5 km from the border.", "Troops"),
        # two figures joined by "and" are about one place, past the first one's named reference
        ("Velyka Pysarivka lies 90 km southeast of the region capital, Sumy, and some eight "
         "kilometers from the border with Russia.", "Velyka Pysarivka"),
        # past the first reference's state, as AP style abbreviates it (Yahoo on Idalia)
        ("The storm was located about 5 miles east-northeast of Madison, Fla., and 25 miles "
         "south of Valdosta, Ga., around 10 a.m.", "storm"),
    ],
)  # fmt: skip
def test_the_subject_is_the_place_an_area_locates(text: str, subject: str) -> None:
    assert [d.subject for d in extract(text) if d.value is not None][-1] == subject


def test_joined_figures_keep_their_own_subjects_when_a_new_name_starts_a_clause() -> None:
    drafts = extract("Mosul is 30 km from Erbil, Kirkuk 50 km from Erbil.")
    assert [d.subject for d in drafts] == ["Mosul", "Kirkuk"]


@pytest.mark.parametrize(
    ("text", "subject_ids", "reference_ids"),
    [
        ("Borova in Kharkiv Oblast is 36 km from Izium.",
         ("geonames:711623",), ("geonames:707292",)),
        ("Kiryat Gat, in southern Israel, is 20 km from the Gaza border.",
         ("geonames:293842",), ("border:IL-PS",)),
        ("Nairobi, the Kenyan capital, is 600 km from Mpeketoni.",
         ("geonames:184745",), ("geonames:10340477",)),
        # a region names its country's border ("the border with Sumy Oblast" is Ukraine's)
        ("Kursk lies 100 km from the border with Sumy Oblast.",
         ("geonames:538560",), ("border:RU-UA",)),
        # of two Krasnopillyas, the one by the border the figure is measured from
        ("Krasnopillia village is located some 10 kilometers west of the Russia-Ukraine border.",
         ("geonames:704343",), ("border:RU-UA",)),
        # of a name's candidates, the one in the area the sentence locates it by: GeoNames'
        # admin code when the area's name fits a place there (Kharkiv: Ukraine's 07), else
        # its country (the towns called Florida: the United States)
        ("Borova in Kharkiv Oblast lies 5 km from the front line.",
         ("geonames:711623",), ()),
        ("The storm is about 20 miles west of Punta Gorda, Florida.",
         (), ("geonames:4169452",)),
        # a part of a country is in it; a river is not the city of that name
        ("Israeli troops advanced 3 kilometres into southern Lebanon.", (), ("country:LB",)),
        ("Their positions were about a kilometre from the Dnipro river.", (), ()),
        # a common noun is no place a name fits only with its case ignored (Wall, South Dakota)
        ("The observation post sits 700 yards from the wall.", (), ()),
        # "the capital" of the country the sentences just before are about
        ("Fighting continued on Sunday in Somalia. The convoy was 40 km from the capital.",
         (), ("geonames:53654",)),
        # the country the phrase names itself comes first ("the Lebanese capital" was Washington)
        ("An American drone hit a car some 20 km south of the Lebanese capital.",
         (), ("geonames:276781",)),
    ],
)  # fmt: skip
def test_places_located_by_areas_regions_and_parts(
    articles_index: Gazetteer, text: str, subject_ids: tuple[str, ...],
    reference_ids: tuple[str, ...],
) -> None:  # fmt: skip
    draft = _only(text, articles_index)
    assert (draft.subject_ids, draft.reference_ids) == (subject_ids, reference_ids)


def test_a_common_noun_is_not_a_place_by_its_consonants(articles: Gazetteer) -> None:
    """ "town" and "Taiwan" share a consonant key; only a name may match that weakly."""
    draft = _only("The town is 5 km from the border post.", articles)
    assert draft.subject_ids == ()


def test_the_border_n_km_away_is_measured_from_what_the_text_is_about(
    articles: Gazetteer,
) -> None:
    text = (
        "The base, known as Tower 22, sits near the border between Jordan and Syria. "
        "The Iraqi border is only 10 kilometers (6 miles) away."
    )
    near, away = extract(text, articles)
    assert (near.kind, near.subject_ids, near.reference_ids) == (
        "near", ("tower-22",), ("border:JO-SY",)
    )  # fmt: skip
    assert (away.subject_ids, away.reference_ids) == (("tower-22",), ("border:IQ-JO",))
    assert (away.value, away.unit) == (10, "km")


@pytest.mark.parametrize(
    ("text", "kind", "figure", "reference"),
    [
        ("Officials cleared an 8-km radius of the plant.", "zone_radius", "8 km", None),
        ("Japan keeps a 12-nautical-mile zone which widens to 24 nautical miles.",
         "zone_radius", "12 nmi", "zone"),
        ("Ankara wants a 30 km deep safe zone.", "zone_radius", "30 km", "safe zone"),
        ("Turkey pressed for a 30-40km-deep zone within Syria.", "zone_radius", "30 km", "zone"),
        ("A one-kilometre-wide buffer zone runs along the fence.", "zone_radius", "1 km",
         "buffer zone"),
        ("The camp lies 5 km to the west.", "direction_distance", "5 km", None),
        ("The ship sank 20 km out to sea off Tartus.", "distance", "20 km", "Tartus"),
        ("Kherson is 60 km downstream from the dam.", "distance", "60 km", "dam"),
        ("The shells fell 3 km inland from the coast.", "distance", "3 km", "coast"),
        ("The troops stayed 2 km back from the line.", "distance", "2 km", "line"),
        ("The patrol pushed 300 m over the line.", "distance", "300 m", "line"),
        ("Forces advanced 10 km into Russian territory.", "inside", "10 km",
         "Russian territory"),
        ("It is 12 kilometers from Nikopol to the plant.", "distance", "12 km", "plant"),
        ("The Iraqi border is only 10 kilometers away.", "distance", "10 km", "Iraqi border"),
        # the fifth held-out set's misses, after its one measurement (now tuning data)
        ("The village lies 16 km. south of Gaza, officials said.", "direction_distance",
         "16 km", "Gaza"),
        ("The camp is more than 200 kilometres uphill from the coast.", "distance", "200 km",
         "coast"),
    ],
)  # fmt: skip
def test_phrasings_issue_14_lists(text: str, kind: str, figure: str, reference: str | None) -> None:
    draft = extract(text)[0]
    assert (draft.kind, f"{draft.value:f} {draft.unit}".replace(".000000", "")) == (kind, figure)
    if reference is not None:
        assert draft.reference == reference


def test_a_zone_that_widens_is_two_radii() -> None:
    drafts = extract("Japan keeps a 12-nautical-mile zone which widens to 24 nautical miles.")
    assert [(d.kind, int(d.value or 0), d.unit) for d in drafts] == [
        ("zone_radius", 12, "nmi"), ("zone_radius", 24, "nmi")
    ]  # fmt: skip


def test_two_figures_joined_by_and_are_two_claims() -> None:
    drafts = extract("Tolpino and Obshchy Kolodez are about 25km and 30km from the border.")
    assert [(d.value, d.reference, d.relation and d.relation.value) for d in drafts] == [
        (25, "border", "about"), (30, "border", "about")
    ]  # fmt: skip


def test_drafts_whose_places_are_known_check_clean_but_for_the_draft_warning(
    tmp_path: Path,
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "The base, known as Tower 22, sits near the border between Jordan and Syria. "
        "The Iraqi border is only 10 kilometers (6 miles) away.\n",
        encoding="utf-8",
    )
    claims = tmp_path / "claims.yaml"
    runner = CliRunner()
    drafted = runner.invoke(main, ["extract", str(article), "--places", str(ARTICLE_PLACES)])
    assert drafted.exit_code == 0, drafted.output
    claims.write_text(drafted.output, encoding="utf-8")
    checked = runner.invoke(
        main, ["check", "--claims", str(claims), "--places", str(ARTICLE_PLACES)]
    )
    assert checked.exit_code == 0, checked.output
    warnings = [line for line in checked.output.splitlines() if "[warning]" in line]
    assert len(warnings) == 2
    assert all("is a draft, not verified: review it and delete" in w for w in warnings)


def test_extract_reads_the_geonames_index_given(tmp_path: Path) -> None:
    db = str(tmp_path / "g.sqlite")
    import_geonames(str(DATA / "geonames" / "RU-UA-Shebekino.txt"), db)
    article = tmp_path / "a.txt"
    article.write_text("Shebekino is about 7 km from the border.\n", encoding="utf-8")
    new_story = ["--places", str(tmp_path / "none.yaml")]  # a places file not there yet
    for places in ([], new_story):
        result = CliRunner().invoke(main, ["extract", str(article), "--gazetteer-db", db, *places])
        assert result.exit_code == 0, result.output
        assert 'subject: "geonames:495112"' in result.stdout
        assert 'from: "border:RU-UA"' in result.stdout


def test_a_new_storys_folder_without_a_places_file_still_reads_the_world_and_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No data/places.yaml (a new story): the built-in borders and the index still resolve,
    as the docs say; an empty places file once turned place reading off altogether."""
    db = str(tmp_path / "geonames.sqlite")
    import_geonames(str(DATA / "geonames" / "RO-LB-stories.txt"), db)
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "a.txt"
    article.write_text(
        "An unmanned aerial vehicle was found in the Romanian municipality of Dumitra, just "
        "over 100 kilometers south of the Ukrainian border.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["extract", str(article), "--gazetteer-db", db])
    assert result.exit_code == 0, result.output
    assert 'subject: "geonames:678660"' in result.output
    assert 'from: "border:RO-UA"' in result.output
    empty = with_world(Gazetteer({}, "<no places file>"))
    (draft,) = extract("Shebekino is about 7 km from the Russia-Ukraine border.", empty)
    assert draft.reference_ids == ("border:RU-UA",)


@pytest.mark.parametrize(
    ("text", "near"),
    [
        ("The base is near the border.", True),
        ("The town is not far from the border.", True),
        ("Bistrita-Nasaud is on the south side of the Carpathian mountains, about 100 "
         "kilometers from Romania's border - and nowhere near the combat zone.", False),
        ("The camp is not near the border.", False),
        ("The village is not close to the front.", False),
    ],
)  # fmt: skip
def test_a_denied_nearness_is_no_near_claim(text: str, near: bool) -> None:
    """RT's "nowhere near the combat zone" says the opposite of near: never a `near:` draft."""
    assert any(d.kind == "near" for d in extract(text)) is near


def test_a_dash_standing_alone_ends_the_place_phrase() -> None:
    """RT: "... from Romania's border with western Ukraine - and nowhere near ..."."""
    text = (
        "Bistrita-Nasaud is on the south side of the Carpathian mountains, about 100 kilometers "
        "(62 miles) from Romania's border with western Ukraine - and nowhere near the combat zone."
    )
    (draft,) = extract(text, with_world(Gazetteer({}, "<no places file>")))
    assert draft.reference == "Romania's border with western Ukraine"
    assert draft.reference_ids == ("border:RO-UA",) and not draft.quote.endswith("-")


@pytest.mark.parametrize(
    ("word", "code"),
    [("Romania", "RO"), ("Armenia", "AM"), ("Romanian", "RO"), ("Niue", "NU"), ("An", None),
     ("Россия", "RU"), ("Lebanon", "LB")],
)  # fmt: skip
def test_a_country_is_found_by_its_spelling_not_its_consonants(word: str, code: str | None) -> None:
    """ "Romania" and "Armenia" share the skeleton "rmn", and "An" is Niue's "n"."""
    assert country_code(word) == code


@pytest.mark.parametrize(
    "name",
    [
        "articles.yaml",
        "articles-heldout.yaml",
        "articles-fresh.yaml",
        "articles-third.yaml",
        "articles-fourth.yaml",
        "articles-fifth.yaml",
        "articles-sixth.yaml",
        "articles-seventh.yaml",
        "articles-eighth.yaml",
    ],
)
def test_the_articles_sets_are_real_quotes_with_urls(name: str, extract_eval: ModuleType) -> None:
    sentences = extract_eval.load(DATA / "extract" / name)
    assert all(s["url"].startswith("http") for s in sentences)
    assert all(s["text"] == s["text"].strip() for s in sentences)


def test_the_articles_sets_are_large_enough(extract_eval: ModuleType) -> None:
    ev = extract_eval
    sentences = ev.load(ev.ARTICLES) + ev.load(ev.ARTICLES_HELD_OUT)
    assert len(sentences) >= 150
    assert len({s["url"] for s in sentences}) >= 20
    held_out = [c for s in ev.load(ev.ARTICLES_HELD_OUT) for c in s["claims"]]
    assert sum(bool(c["subject_id"] and c["reference_id"]) for c in held_out) >= 30


def test_figures_and_places_on_published_articles(extract_eval: ModuleType) -> None:
    """On the sentences the rules were tuned on, figures (value and unit) meet their target
    (precision and recall at least 0.95) and so do places (both right on at least 80 % of the
    claims whose two places are in the gazetteer). On the eight held-out sets, whatever falls
    short of its target is held to what was measured (`HELD_OUT_FLOORS`, `FRESH_FLOORS`,
    `THIRD_FLOORS`, `FOURTH_FLOORS`, `FIFTH_FLOORS`, `SIXTH_FLOORS`, `SEVENTH_FLOORS`,
    `EIGHTH_FLOORS`): a regression floor, not the target, and every other measure to its target
    (bench/extract_eval.py --articles prints every figure)."""
    ev = extract_eval
    with ev.articles_gazetteer() as gazetteer:
        tuned = ev.load(ev.ARTICLES)
        found = ev.figures(tuned, gazetteer)
        assert found["precision"] >= ev.FIGURE_TARGET, found
        assert found["recall"] >= ev.FIGURE_TARGET, found
        places = ev.place_scores(tuned, gazetteer)
        assert places["both"] >= ev.PLACES_TARGET, places
        for path, floors in (
            (ev.ARTICLES_HELD_OUT, ev.HELD_OUT_FLOORS),
            (ev.ARTICLES_FRESH, ev.FRESH_FLOORS),
            (ev.ARTICLES_THIRD, ev.THIRD_FLOORS),
            (ev.ARTICLES_FOURTH, ev.FOURTH_FLOORS),
            (ev.ARTICLES_FIFTH, ev.FIFTH_FLOORS),
            (ev.ARTICLES_SIXTH, ev.SIXTH_FLOORS),
            (ev.ARTICLES_SEVENTH, ev.SEVENTH_FLOORS),
            (ev.ARTICLES_EIGHTH, ev.EIGHTH_FLOORS),
        ):
            held_out = ev.load(path)
            found = ev.figures(held_out, gazetteer)
            assert found["precision"] >= floors.get("figures.precision", ev.FIGURE_TARGET), found
            assert found["recall"] >= floors.get("figures.recall", ev.FIGURE_TARGET), found
            places = ev.place_scores(held_out, gazetteer)
            assert places["both"] >= floors.get("places.both", ev.PLACES_TARGET), places


def test_the_town_is_the_town_the_article_named_before_it(with_index: Gazetteer) -> None:
    """Reuters' report as published (tests/data/story/shebekino-reuters.txt): "the town" is
    Shebekino, named two sentences before; "the border with Ukraine", seen from a Russian town
    the article's first sentence mentions, is the Russia–Ukraine boundary."""
    text = (DATA / "story" / "shebekino-reuters.txt").read_text(encoding="utf-8")
    (draft,) = [d for d in extract(text, with_index) if d.value is not None]
    assert (draft.subject, draft.subject_ids) == ("town", ("geonames:495112",))
    assert draft.reference_ids == ("border:RU-UA",)
    assert "subject 'town' read as Shebekino, the place named before it" in draft.place_notes


def test_the_town_with_no_town_named_before_it_stays_unknown(with_index: Gazetteer) -> None:
    draft = _only("Officials said the town is about 7 km from the border with Ukraine.", with_index)
    assert draft.subject_ids == ()


def test_an_empty_places_file_still_reads_the_world_and_the_index(tmp_path: Path) -> None:
    """A new story has no places yet: the built-in borders and the GeoNames index still name
    the places of its drafts."""
    db = str(tmp_path / "g.sqlite")
    import_geonames(str(DATA / "geonames" / "RU-UA-Shebekino.txt"), db)
    gazetteer = with_world(parse_places(yamlfile.load("p.yaml", "places: []\n"), "p.yaml"))
    fallback = DbFallback(GazetteerDb(db), gazetteer)
    gazetteer.fallback = fallback
    try:
        draft = _only("Shebekino is only about 7 km from the border.", gazetteer)
    finally:
        fallback.close()
    assert (draft.subject_ids, draft.reference_ids) == (("geonames:495112",), ("border:RU-UA",))


def test_a_common_noun_that_is_a_places_id_is_that_place() -> None:
    """The Al Haouz story calls its unknown place `epicentre` (named "epicentre of the 8
    September 2023 Al Haouz earthquake"): a draft about "the epicentre" said the subject was not
    in the gazetteer, though `verify` reads it as that id."""
    story = DATA / "real" / "morocco-earthquake"
    sentence = "The epicentre was 71 km south-west of Marrakesh, the BBC said."
    (draft,) = extract(sentence, load_places(str(story / "places.yaml")))
    assert (draft.subject_ids, draft.reference_ids) == (("epicentre",), ("marrakesh",))


@pytest.mark.parametrize(
    "sentence",
    [
        # Gulf Insider and Republic World on the Hunga Tonga eruption of 15 January 2022: both
        # were drafted about `country:TO`
        "Tonga's capital lies just 65km north of the volcano.",
        "The capital of Tonga is around 65 kilometres north of the volcano.",
    ],
)
def test_a_countrys_capital_as_the_subject_is_the_capital(sentence: str) -> None:
    story = DATA / "real" / "hunga-tonga-eruption"
    (draft,) = extract(sentence, load_places(str(story / "places.yaml")))
    assert draft.subject_ids == ("nuku-alofa",)


#: An unknown place (no coordinate): extraction needs only its names.
MERAPI = """
places:
  - {id: mount-merapi, name: Mount Merapi, aliases: [Merapi], kind: unknown, country: ID,
     source: "Global Volcanism Program, Merapi (263250)"}
"""
#: AP on Merapi's eruption of 1 June 2018 (thenewsline.net); its second sentence says "The
#: mountain", written here "The volcano", the noun the rule reads.
MERAPI_TEXT = (
    "Indonesia’s Mount Merapi shot a towering plume of ash about 6 kilometers (4 miles) high "
    "earlier this morning. The volcano is about 30 kilometers (18 miles) from center of "
    "Yogyakarta city."
)


@pytest.mark.parametrize(("places", "ids"), [(MERAPI, ("mount-merapi",)), ("places: []", ())])
def test_the_volcano_is_the_volcano_named_before_it(places: str, ids: tuple[str, ...]) -> None:
    gazetteer = with_world(parse_places(yamlfile.load("p.yaml", places), "p.yaml"))
    draft = _only(MERAPI_TEXT, gazetteer)
    assert (draft.subject, draft.subject_ids) == ("volcano", ids)
    assert "subject 'volcano' read as Mount Merapi, the volcano named before it" in (
        draft.place_notes
    )


def test_the_volcano_named_without_mount_is_the_stories_volcano() -> None:
    """Al Jazeera's and Gulf Insider's sentences on the Hunga Tonga eruption of 15 January 2022,
    one after the other: "the volcano" is the one named before it by "... volcano" (one word
    between), looked up in the story's places only."""
    story = DATA / "real" / "hunga-tonga-eruption"
    text = (
        "The Hunga Tonga-Hunga Ha'apai underwater volcano is about 65km north of Nuku'alofa. "
        "Tonga's capital lies just 65km north of the volcano."
    )
    *_, draft = extract(text, load_places(str(story / "places.yaml")))
    assert (draft.reference, draft.reference_ids) == ("volcano", ("hunga-tonga-hunga-ha-apai",))
    assert "reference 'volcano' read as Hunga Tonga-Hunga Ha'apai, the volcano named before it" in (
        draft.place_notes
    )


@pytest.mark.parametrize(
    ("text", "reference_ids"),
    [
        # WBX on the Magic Seas, 2025: the port was "not in the gazetteer"
        ("The attack was reported about 52 nautical miles southwest of Yemen’s Port of "
         "Hodeidah.", ("hodeidah",)),
        ("The attack was 52 nautical miles southwest of the Port of Hodeidah.", ("hodeidah",)),
        # with no "the" and no owner, "Port of X" may be a town's whole name (Port of Spain)
        ("The ship was 20 km north of Port of Hodeidah.", ()),
    ],
)  # fmt: skip
def test_the_port_of_a_town_is_the_town(text: str, reference_ids: tuple[str, ...]) -> None:
    gazetteer = load_places(str(DATA / "real" / "magic-seas" / "places.yaml"))
    assert _only(text, gazetteer).reference_ids == reference_ids
