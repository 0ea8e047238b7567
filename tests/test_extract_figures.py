"""claimcheck.claims.extract.figures: how a figure is read in its sentence (third round of rules,
docs/commands/extract.md "Figures")."""

from __future__ import annotations

import pytest

from claimcheck.claims.extract import Draft, extract
from claimcheck.claims.extract.output import to_yaml


def _drafts(text: str) -> list[Draft]:
    return [d for d in extract(text) if d.value is not None]


def test_a_slash_conversion_is_the_first_figures() -> None:
    """ "10-15 km/ 6–9 miles" is one range in km, not 6-9 miles; "40 km/ 25 miles" is 40 km,
    its conversion checked (25 miles is 40.2 km)."""
    near, far = _drafts(
        "Kupiansk in Kharkiv Oblast is 10-15 km/ 6–9 miles from the front line and 40 km/ 25 "
        "miles from the border with Russia."
    )
    assert (near.value, near.high, near.unit) == (10, 15, "km")
    assert (far.value, far.unit, far.reference) == (40, "km", "border with Russia")
    assert far.conversion is not None and far.conversion.ok


def test_km_per_hour_is_still_a_speed() -> None:
    assert _drafts("The convoy drove at 40 km/h toward the border.") == []


def test_a_direction_that_ends_the_clause_needs_no_of() -> None:
    (draft,) = _drafts(
        "Capturing it would pave the way for a Russian advance on the logistical hub of "
        "Pokrovsk 20 km northwest."
    )
    assert (draft.kind, draft.direction, draft.subject, draft.reference) == (
        "direction_distance", "NW", "Pokrovsk", None,
    )  # fmt: skip


def test_further_north_is_relative_not_a_direction_from_a_place() -> None:
    drafts = _drafts("Activists said Sarmada, 5 km from the Turkish border, was hit, as was "
                     "Atmeh, 2 km further north.")  # fmt: skip
    assert [d.value for d in drafts] == [5]


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("Syrskyi claimed that the forces have advanced 35 kilometres in Russia, seizing 82 "
         "settlements.", "Russia"),
        ("The brigade advanced 12 km in Ukraine last week.", "Ukraine"),
    ],
)  # fmt: skip
def test_advancing_some_distance_in_a_country_is_an_incursion(text: str, reference: str) -> None:
    (draft,) = _drafts(text)
    assert (draft.kind, draft.reference) == ("inside", reference)


def test_advancing_some_distance_in_some_days_is_a_journey() -> None:
    text = "The army said in a Facebook post that forces had pushed 50km in three days (30 miles)."
    assert _drafts(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The town is on the edge of a roughly 100-km strip of Syrian territory controlled by "
        "Islamic State militants.",
        "They hold a 20 km corridor of land along the river.",
    ],
)
def test_a_strip_of_territory_is_a_size(text: str) -> None:
    assert _drafts(text) == []


def test_a_buffer_zone_is_still_a_radius() -> None:
    (draft,) = _drafts("Turkey wants a 30 km buffer zone along the border.")
    assert draft.kind == "zone_radius"


@pytest.mark.parametrize(
    ("text", "subjects"),
    [
        ("Ukraine controls the right bank, including the towns of Nikopol and Marhanets, each "
         "about 10 kilometers (six miles) from the plant.", ["Nikopol", "Marhanets"]),
        ("The settlements of Stroivka and Topoli, lying little more than a kilometer from the "
         "Russian border, remained in the gray zone.", ["Stroivka", "Topoli"]),
        ("Shelling hit the villages of A'zaz, Marea and Tal Rifaat, all within 10 km of the "
         "border.", ["A'zaz", "Marea", "Tal Rifaat"]),
    ],
)  # fmt: skip
def test_places_listed_as_one_subject_get_one_draft_each(text: str, subjects: list[str]) -> None:
    drafts = _drafts(text)
    assert [d.subject for d in drafts] == subjects
    assert len({(d.value, d.unit, d.reference) for d in drafts}) == 1


@pytest.mark.parametrize(
    ("text", "relation", "value", "unit", "reference"),
    [
        # fourth round: published sentences of the fresh and third held-out sets
        ("Grad missiles and artillery shells hit the cities of Nikopol and Marhanets, each about "
         "10 kilometers and across the Dnieper River from the Zaporizhzhia nuclear power plant.",
         "about", 10, "km", "Zaporizhzhia nuclear power plant"),
        ("Officials issued the evacuation order when the blaze came within about two miles of "
         "some homes.", "within", 2, "mi", "some homes"),
        ("The RSF this week published videos purportedly placing them less than a kilometre "
         "(mile) away from the military base.", "less_than", 1, "km", "military base"),
    ],
)  # fmt: skip
def test_a_river_crossed_a_doubled_comparator_and_a_bare_unit_in_brackets(
    text: str, relation: str, value: int, unit: str, reference: str
) -> None:
    """ "and across the Dnieper River from" is a path, as "downstream from" is; "within about"
    is within (the "about" is the writer's hedge); "(mile)", a unit with no figure, converts
    nothing and hides nothing."""
    draft = _drafts(text)[0]
    assert (draft.relation.value, draft.value, draft.unit, draft.reference) == (
        relation, value, unit, reference)  # fmt: skip
    assert draft.conversion is None


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Iraqi special forces have moved within 4 km (2.5 miles) east of Mosul and are waiting "
         "for troops to advance on other fronts.", [(4, "km", "Mosul")]),
        ("Iraqi special forces have moved 4 km east of Mosul.", []),  # a journey
    ],
)  # fmt: skip
def test_moved_within_is_where_the_movers_are_not_how_far_they_went(
    text: str, figure: list[tuple[int, str, str]]
) -> None:
    assert [(d.value, d.unit, d.reference) for d in _drafts(text)] == figure


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("Twenty yards north of the U.S.-Mexico border the steel fence forms a tall, cage-like "
         "enclosure.", "U.S.-Mexico border"),
        ("Kupyansk is located just 40 kilometers from the border with the Russian Federation.",
         "border with the Russian Federation"),
    ],
)  # fmt: skip
def test_an_article_after_a_place_starts_the_next_clause(text: str, reference: str) -> None:
    (draft,) = _drafts(text)
    assert draft.reference == reference


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Mosul and Erbil are about 80 km apart.", ("Mosul", "Erbil")),
        ("Kharkiv and Sumy, some 150 km apart, were shelled overnight.", ("Kharkiv", "Sumy")),
        ("The two cities are 80 km apart.", None),  # no places named: no claim
    ],
)
def test_two_places_so_far_apart_are_that_far_from_each_other(
    text: str, places: tuple[str, str] | None
) -> None:
    found = [(d.kind, d.subject, d.reference) for d in _drafts(text)]
    assert found == ([("distance", *places)] if places else [])


@pytest.mark.parametrize("words", ["as the crow flies", "in a straight line"])
def test_the_geodesic_said_in_words_is_a_distance(words: str) -> None:
    (draft,) = _drafts(f"Kilis is about 60 km {words} from Aleppo.")
    assert (draft.value, draft.subject, draft.reference) == (60, "Kilis", "Aleppo")


@pytest.mark.parametrize(
    "text",
    [
        "The town is 15 kilometers (9.3 mi.) from the border.",  # a unit's full stop in brackets
        "The town is 15 km distant from the border.",
    ],
)
def test_a_distance_written_the_long_way_round(text: str) -> None:
    (draft,) = _drafts(text)
    assert (draft.value, draft.unit, draft.reference) == (15, "km", "border")


def test_a_mixed_fraction_is_no_figure_rather_than_a_wrong_one() -> None:
    """ "1 1/2 miles" is not 2 miles: a number after a slash starts no figure."""
    assert _drafts("The plant is about 1 1/2 miles from the town.") == []


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        # a unit left out before the bracketed conversion: the figure with a unit is read
        ("Jarablus is 400 (240 miles) northwest of Damascus, they said.", [(240, "mi", "NW")]),
        # the second of two coordinated figures leaves its unit to the first
        (
            "It was around 110 kilometres northeast of Cairns, and 330 north of Townsville.",
            [(110, "km", "NE"), (330, "km", "N")],
        ),
        ("The towns are 10 km from Kyiv and 20 from Lviv.", [(10, "km", None), (20, "km", None)]),
    ],
)
def test_a_unit_left_out_is_the_one_written_next_to_it(
    text: str, figures: list[tuple[int, str, str | None]]
) -> None:
    assert [(d.value, d.unit, d.direction) for d in _drafts(text)] == figures


@pytest.mark.parametrize(
    "text",
    [
        "It is 10 km from Kyiv and 300 people live there.",  # no direction or "from" after it
        "Two were killed 10 km from Bakhmut, and 20 from the same unit were wounded.",  # no place
    ],
)
def test_a_number_after_a_figure_is_no_figure_unless_a_place_or_direction_follows(
    text: str,
) -> None:
    assert [d.value for d in _drafts(text)] == [10]


def test_a_list_of_figures_takes_the_first_unit() -> None:
    drafts = _drafts("They lie 5 km from Kupiansk, 12 from Izium and 20 north of Balakliia.")
    assert [(d.value, d.unit, d.reference) for d in drafts] == [
        (5, "km", "Kupiansk"), (12, "km", "Izium"), (20, "km", "Balakliia"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "along", "reference"),
    [
        (
            "Militants stormed Gubio, 95 kilometres by road north of the state capital.",
            "road",
            "state capital",
        ),
        (
            "Palma is less than 25 km (15 miles)by road from a construction camp.",
            "road",
            "construction camp",
        ),
        ("The town is 40 km by rail from the capital.", "rail", "capital"),
        ("The town is 40 km from the capital.", None, "capital"),
    ],
)
def test_a_route_said_in_words_is_drafted_along_it(
    text: str, along: str | None, reference: str
) -> None:
    (draft,) = _drafts(text)
    assert (draft.along, draft.reference) == (along, reference)


def test_a_draft_along_a_road_says_so_in_its_claim() -> None:
    text = "Gubio, 95 kilometres by road north of Maiduguri, was attacked."
    assert "    along: road\n" in to_yaml(_drafts(text), "an article")


def test_a_direction_before_a_name_with_of_left_out() -> None:
    """ "29 kilometres (18 miles) north-northeast Zindah Jan", as a map's caption writes it;
    not before a weekday ("3 km west Saturday night")."""
    (draft,) = _drafts(
        "A 6.3 magnitude earthquake struck 29 kilometres north-northeast Zindah Jan."
    )
    assert (draft.value, draft.direction, draft.reference) == (29, "NNE", "Zindah Jan")
    assert _drafts("The gunmen were 3 km west Saturday night.") == []


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Tremors were felt some 60 miles south in Rome.", "Rome"),
        (
            "The Red Cross has a centre at the high school about 15 miles (24 kilometers) west in "
            "Lakeside.",
            "Lakeside",
        ),
    ],
)
def test_a_direction_then_in_a_place_puts_that_place_there(text: str, subject: str) -> None:
    (draft,) = _drafts(text)
    assert (draft.kind, draft.subject, draft.reference) == ("direction_distance", subject, None)
    assert _drafts("The troops were 10 km south in March.") == []


def test_two_directions_share_the_reference_after_the_second() -> None:
    west, north = _drafts(
        "It was roughly 19 kilometres west and 10 kilometres north of Highway 63."
    )
    assert [(d.value, d.direction, d.reference) for d in (west, north)] == [
        (19, "W", "Highway 63"), (10, "N", "Highway 63"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        (
            "The insurgents resurfaced at Auno, some 12 kilometres to the state capital.",
            "state capital",
        ),
        ("The village is about 8 km to Maiduguri.", "Maiduguri"),
        ("Shells landed as close as 500 metres to the plant.", "plant"),
        # an amount something grew or went by, not a distance from a place
        ("The river rose some 2 metres to the highest level since 1990.", None),
        ("The road was widened for 12 km to the airport.", None),
        ("The runners covered the last 10 km to Boston.", None),
        ("Traffic backed up for about 5 km to the border.", None),
    ],
)
def test_to_is_from_after_a_hedged_distance_to_a_place(text: str, reference: str | None) -> None:
    assert [d.reference for d in _drafts(text)] == ([reference] if reference else [])


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("The blaze has a perimeter of around 60 km (37 miles).", []),
        ("The police set a security perimeter of 500 metres around the plant.", [500]),
    ],
)
def test_a_perimeter_of_is_a_length_unless_it_is_around_a_place(
    text: str, figures: list[int]
) -> None:
    assert [d.value for d in _drafts(text)] == figures


def test_names_listed_before_a_plural_place_noun_get_one_draft_each() -> None:
    drafts = _drafts(
        "Others at the Sigrang Garang, Kutagunggung and Sukanalu villages located three "
        "kilometers away from the crater were panic-stricken."
    )
    assert [d.subject for d in drafts] == ["Sigrang Garang", "Kutagunggung", "Sukanalu"]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("She lives less than a quarter-mile from the plant.", [0.25]),
        ("The plant is a quarter of a mile from the river.", [0.25]),
        ("The town is two and a half kilometres from the border.", [2.5]),
        # not 0.5 miles: a wrong figure is worse than none
        ("The town is 1 and a half miles from the border.", []),
    ],
)
def test_a_fraction_in_words(text: str, values: list[float]) -> None:
    assert [d.value for d in _drafts(text)] == values


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("The artillery sits 2 km behind the front line.", "front line"),
        ("The village is 15 km outside of Kyiv.", "Kyiv"),
        ("The motel is a mile down the road from the plant.", "plant"),
        ("The town is 40 km up the coast from Mombasa.", "Mombasa"),
        ("The farm is 3 miles across the river from the plant.", "plant"),
        ("The boat sank 10 miles out from the harbour.", "harbour"),
        ("Vovchansk is less than 10 kilometers out of the Russian border.", "Russian border"),
        ("The village lies some 25 km due south of Kharkiv.", "Kharkiv"),
    ],
)
def test_a_path_between_the_figure_and_its_place(text: str, reference: str) -> None:
    (draft,) = _drafts(text)
    assert draft.reference == reference


@pytest.mark.parametrize(
    "text", ["The lake is 3 miles across.", "The river is 2 km across the valley.",
             "The drone flew 3 km up."],
)  # fmt: skip
def test_across_and_up_without_from_are_still_sizes(text: str) -> None:
    assert _drafts(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Police were called to Windella, about 50km from Newcastle along NSW's coast.",
        "The convoy stopped 50 km from Newcastle via the Pacific Highway.",
    ],
)
def test_a_route_after_the_place_ends_its_phrase(text: str) -> None:
    """ "50km from Newcastle along NSW's coast": the path after the place is no part of it (the
    coast rule would read the phrase as Australia's coast)."""
    (draft,) = _drafts(text)
    assert (draft.value, draft.reference) == (50, "Newcastle")


#: A National Hurricane Center advisory's summary on Hurricane Laura (27 August 2020, 1 AM CDT),
#: quoted as news text runs its lines together: "..." joins a field to its value and a figure to
#: its conversion, and every word is in capitals.
ADVISORY = (
    "LOCATION...29.8N 93.3W ABOUT 30 MI...50 KM SSW OF LAKE CHARLES LOUISIANA ABOUT 40 MI...65 "
    "KM E OF PORT ARTHUR TEXAS"
)


def test_an_advisorys_positions_are_directions_with_their_conversions() -> None:
    first, second = _drafts(ADVISORY)
    assert (first.value, first.unit, first.direction, first.reference) == (
        30, "mi", "SSW", "Lake Charles Louisiana",
    )  # fmt: skip
    assert first.conversion is not None and first.conversion.ok  # 30 mi is 48 km: "50 KM"
    assert (second.value, second.unit, second.direction, second.reference) == (
        40, "mi", "E", "Port Arthur Texas",
    )  # fmt: skip
    # "LOCATION" is the advisory's field, not a place, and Lake Charles is the first figure's
    # reference, not the second's subject: the line does not say what lies there
    assert first.subject is None and second.subject is None
    assert to_yaml([first], "t").startswith(
        "# left out (a place is missing): direction_distance about 30 mi SSW 'ABOUT 30 MI...50 KM "
        "SSW OF LAKE CHARLES LOUISIANA': no subject (the sentence does not say what lies there)"
    )


def test_an_advisory_that_names_the_centre_has_its_subject() -> None:
    (draft,) = _drafts(
        "AT 100 AM CDT...0600 UTC...THE CENTER OF HURRICANE LAURA WAS LOCATED ABOUT 30 MI...50 KM "
        "SSW OF LAKE CHARLES LOUISIANA."
    )
    assert (draft.subject, draft.direction, draft.value) == ("center of Hurricane Laura", "SSW", 30)


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        # the Global Volcanism Program on Hunga Tonga-Hunga Ha'apai: measured from the volcano
        # the page is about, which the sentence does not name
        (
            "The capital city of Tonga, Nuku’alofa, is located 65 km S on the island of Tongatapu.",
            "direction_distance 65 km S 'Nuku’alofa, is located 65 km S'",
        ),
        (
            "New Zealand lies 2,000 km S.",
            "direction_distance 2000 km S 'New Zealand lies 2,000 km S'",
        ),
    ],
)
def test_a_compass_letter_with_no_reference_is_left_out_saying_so(
    sentence: str, figure: str
) -> None:
    (draft,) = _drafts(sentence)
    assert draft.reference is None
    assert to_yaml([draft], "t") == (
        f"# left out (a place is missing): {figure}: no reference (no place is written after the "
        "direction)\nclaims: []\n"
    )


@pytest.mark.parametrize("sentence", ["The U.S. S.E. office is 5 km away.", "It is 5 km E-road."])
def test_a_capital_letter_that_is_no_compass_point(sentence: str) -> None:
    assert all(d.direction is None for d in _drafts(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        # the advisory's first line on Hurricane Laura, 27 August 2020, in both its cases
        "At 100 AM CDT...0600 UTC...the center of Hurricane Laura was located near latitude 29.8 "
        "North, longitude 93.3 West.",
        "THE CENTER OF HURRICANE LAURA WAS LOCATED NEAR LATITUDE 29.8 NORTH...LONGITUDE 93.3 WEST.",
    ],
)
def test_near_a_latitude_is_a_position_not_a_place(sentence: str) -> None:
    assert extract(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "drafts"),
    [
        # the advisory's movement line: "near" before a number is "nearly"
        ("LAURA IS MOVING TOWARD THE NORTH NEAR 15 MPH.", 0),
        # articles-third.yaml, a seismic bulletin: near a coordinate is no near claim
        ("THE EPICENTRE IS LOCATED NEAR 51.0S, 139.4E, ABOUT 1530 KILOMETRES SOUTH-SOUTHWEST OF "
         "MELBOURNE.", 1),
    ],
)  # fmt: skip
def test_near_a_number_is_no_near_claim(sentence: str, drafts: int) -> None:
    assert [d.kind for d in extract(sentence)] == ["direction_distance"] * drafts


@pytest.mark.parametrize(
    ("text", "subjects", "reference"),
    [
        # CBC on the 2016 Fox Creek fire: only Little Smoky was drafted
        (
            "Fox Creek and Little Smoky are about 250 km northwest of Edmonton.",
            ["Fox Creek", "Little Smoky"],
            "Edmonton",
        ),
        (
            "Aitaroun, Blida and Meiss are 3 km from the border.",
            ["Aitaroun", "Blida", "Meiss"],
            "border",
        ),
        # a figure between the two names is one distance
        ("Bakhmut and Soledar are about 10 km apart.", ["Bakhmut"], "Soledar"),
    ],
)
def test_names_joined_by_and_before_are_are_each_that_far(
    text: str, subjects: list[str], reference: str
) -> None:
    drafts = [d for d in extract(text) if d.value is not None]
    assert [d.subject for d in drafts] == subjects
    assert {d.reference for d in drafts} == {reference}


@pytest.mark.parametrize(
    ("text", "zones"),
    [
        # UrduPoint (AFP) on the 2025 Myanmar earthquake: a depth, then a clock time
        ("The tremor's epicentre was located 16 kilometres (10 miles) northwest of the city of "
         "Sagaing at a depth of 10 kilometres around 12:50 pm local time (0620 GMT), the USGS "
         "said.", []),
        ("Troops cleared 15 km around the plant.", ["zone around plant"]),
    ],
)  # fmt: skip
def test_a_zone_around_is_around_a_place_not_a_number(text: str, zones: list[str]) -> None:
    assert [d.reference for d in _drafts(text) if d.kind == "zone_radius"] == zones
