"""claims.extract: drafts from article text, scored on labelled sentences and the seed."""

from __future__ import annotations

import dataclasses
import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from claimcheck.analysis.verdicts import evaluate
from claimcheck.api import load_dataset, verify
from claimcheck.claims.extract import Draft, append_to, extract, split_sentences, to_yaml
from claimcheck.claims.model import parse_claims
from claimcheck.errors import UsageError
from claimcheck.files import yamlfile
from claimcheck.gazetteer.places import ID_PATTERN
from claimcheck.gazetteer.reader import load_places
from claimcheck.grammar.relations import Relation, parse_requirement

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "extract"
SEED = (DATA / "seed-article.txt").read_text(encoding="utf-8")
PLACES = str(ROOT / "data" / "places.yaml")
CLAIMS = str(ROOT / "data" / "claims.yaml")


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "extract_eval", ROOT / "bench" / "extract_eval.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BENCH = _bench()
LABELLED: list[dict[str, Any]] = BENCH.load()


def test_labelled_set_covers_the_brief() -> None:
    texts = " ".join(s["text"] for s in LABELLED)
    assert len(LABELLED) >= 80
    assert sum(not s["claims"] for s in LABELLED) >= 20
    assert sum(len(s["claims"]) >= 2 for s in LABELLED) >= 3
    for phrase in ("more than", "over", "beyond", "at least", "less than", "under", "up to",
                   "within", "about", "around", "roughly", "some", "nearly", "almost",
                   "approximately", "just", "1,200", "two kilometres", "a mile", "half a mile",
                   "30 to 40 km", "34-mile exclusion zone", "55km buffer zone", "(34 miles)",
                   "north-east of", "NE of", "to the south of", "south-west of", "from the border",
                   "inside Syrian territory", "within the zone", "told SANA", "the coalition said",
                   "per hour", "45-minute drive", "square kilometres", "2 km convoy",
                   "30,000 feet", "$2m", "6 June 2017"):  # fmt: skip
        assert phrase in texts, phrase


@pytest.mark.parametrize("row", BENCH.run(), ids=lambda r: r["name"])
def test_precision_and_recall_per_field(row: dict[str, Any]) -> None:
    assert row["value"] >= row["target"], row


@pytest.mark.parametrize(
    "text", [s["text"] for s in LABELLED if not s["claims"]], ids=lambda t: t[:40]
)
def test_negatives_yield_no_claim(text: str) -> None:
    assert extract(text) == []


def test_seed_article_distance_and_zone_claims() -> None:
    drafts = extract(SEED)
    figures = {(d.kind, d.relation, d.value, d.unit) for d in drafts if d.value is not None}
    assert figures == {
        ("zone_radius", Relation.EXACTLY, 34, "mi"),
        ("distance", Relation.MORE_THAN, 45, "mi"),
    }
    shamiyah = next(d for d in drafts if d.kind == "distance")
    assert shamiyah.subject == "al-Shamiyah"
    assert shamiyah.reference == "border post"
    assert shamiyah.claimant == "a Syrian armed forces source, via the official Sana news agency"
    zone = next(d for d in drafts if d.kind == "zone_radius")
    assert zone.claimant == "the US-led Operation Inherent Resolve coalition"


@pytest.mark.parametrize("draft", extract(SEED), ids=lambda d: d.kind)
def test_offsets_point_at_the_quote(draft: Draft) -> None:
    assert " ".join(SEED[draft.start : draft.end].split()) == draft.quote


#: What a reviewer decides for the places the gazetteer cannot resolve from the text alone.
REVIEWER = {"force": "strike-site-2017-06-06", "Syrian troops": "strike-site-2017-06-06"}
#: The hand-written claim each seed draft corresponds to.
HAND_WRITTEN = {
    "zone_radius": "coalition-zone-radius-34mi",
    "inside": "coalition-zone-violated",
    "distance": "sana-shamiyah-45mi",
    "near": "article-near-iraqi-border",
}


def test_seed_drafts_verify_like_the_hand_written_claims() -> None:
    gazetteer = load_places(PLACES)
    drafts = extract(SEED, gazetteer)
    assert drafts[-1].reference_ids == ("al-tanf-crossing",)  # "the border post", as a reader
    reviewed = [
        dataclasses.replace(d, subject_ids=(REVIEWER[d.subject],)) if d.subject in REVIEWER else d
        for d in drafts
    ]
    text = to_yaml(reviewed, "seed-article.txt")
    assert text.count("    status: draft\n") == len(HAND_WRITTEN)
    text = text.replace("    status: draft\n", "")  # the review: a person checked each one
    claims = parse_claims(yamlfile.load("drafts.yaml", text), "drafts.yaml", gazetteer)
    assert sorted(c.kind for c in claims) == sorted(HAND_WRITTEN)
    hand = {v.claim.id: v.verdict for v in verify(load_dataset(CLAIMS, PLACES)).verdicts}
    for verdict in evaluate(claims, gazetteer):
        assert verdict.verdict == hand[HAND_WRITTEN[verdict.claim.kind]], verdict.claim.id


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("The town of Shaddadi is 55 kilometres (34 miles) from Hasakah.", True),
        ("The town of Shaddadi is 55 kilometres (35 miles) from Hasakah.", False),
        ("Azaz is about 40 miles (64 km) from Aleppo.", True),
    ],
)
def test_conversion_is_one_claim_with_a_check(text: str, ok: bool) -> None:
    (draft,) = extract(text)
    assert draft.conversion is not None
    assert draft.conversion.ok is ok
    assert draft.as_json()["conversion"]["ok"] is ok


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sabkha is forty-five miles from Raqqa.", "45 mi"),
        ("Sabkha is well over 45 miles from Raqqa.", "more than 45 mi"),
        ("Sabkha is 30-40 km from Raqqa.", "between 30 and 40 km"),
        ("Sabkha is 30 km or more from Raqqa.", "at least 30 km"),
        ("Sabkha is no further than 3 km from Raqqa.", "at most 3 km"),
        # "of the border" after a figure is a length ("3 km of the border"), not after "within"
        ("The town is within 20 km of the border.", "within 20 km"),
    ],
)
def test_figures_read_with_the_shared_grammar(text: str, expected: str) -> None:
    (draft,) = extract(text)
    assert draft.requirement_text == expected
    assert draft.requirement == parse_requirement(expected)


def test_sentences_split_on_full_stops_but_not_abbreviations() -> None:
    text = "It is approx. 5 km away. The camp is near Rukban.\nNext line"
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "It is approx. 5 km away.",
        "The camp is near Rukban.",
        "Next line",
    ]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("It struck at 1 a.m. CDT, near the coast.", 1),
        ("It struck at 1:43 p.m. Eastern Time, near the coast.", 1),
        ("It struck at 9 a.m. local time, near the coast.", 1),
        ("It struck at 3 a.m. Rescuers came at dawn.", 2),  # a capital that starts a sentence
    ],
)
def test_a_clock_times_zone_does_not_start_a_sentence(text: str, sentences: int) -> None:
    assert len(split_sentences(text)) == sentences


@pytest.mark.parametrize(
    "text",
    [
        # Al Jazeera on the Hunga Tonga eruption of 15 January 2022: drafted as 20 km inside "sky"
        "The plumes of gas, smoke and ash pouring from the volcano reached 20km into the sky.",
        "The ash column rose 30 km into the atmosphere.",
    ],
)
def test_a_height_into_the_sky_is_no_depth_inside_an_area(text: str) -> None:
    assert extract(text) == []


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        # evrimagaci.org on the Noto earthquake of 26 November 2024: "and epicenter"
        (
            "Local authorities indicated the seismic depth and epicenter, which was located "
            "approximately 35 kilometers (around 21.8 miles) northwest of Hakui.",
            "epicenter",
        ),
        ("A fire broke out at the depot and base, 10 km north of Kupiansk.", "base"),
        ("Its epicenter was 27 kilometres southwest of Porcito.", "Its epicenter"),
    ],
)
def test_a_conjunction_or_preposition_is_no_part_of_an_event_noun(text: str, subject: str) -> None:
    (draft,) = extract(text)
    assert draft.subject == subject


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        # Al Jazeera on the 2022 Hunga Tonga eruption: drafted about "Ha'apai underwater volcano"
        (
            "The Hunga Tonga-Hunga Ha'apai underwater volcano is about 65km north of Nuku'alofa.",
            "Hunga Tonga-Hunga Ha'apai underwater volcano",
        ),
        (
            "The Hunga Tonga-Hunga Haʻapai volcano lies 65 km north of Nuku'alofa.",
            "Hunga Tonga-Hunga Haʻapai volcano",
        ),
        # a dateline's capitals and an article are no part of the name
        (
            "SAN DIEGO, CA The main quake was centered about 20 miles southeast of Mexicali.",
            "main quake",
        ),
        (
            "Gerassimos Papadopoulos told state TV ERT the epicentre was 40 km from Athens.",
            "epicentre",
        ),
        # "state capital of El-Obeid": El-Obeid is the capital, and the subject
        (
            "In the state capital of El-Obeid, roughly 400 kilometres from Khartoum, two died.",
            "El-Obeid",
        ),
    ],
)
def test_a_name_of_several_words_before_an_event_noun_is_kept_whole(
    text: str, subject: str
) -> None:
    (draft,) = extract(text)
    assert draft.subject == subject


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        # the New York Times (republished) on the 2024 Costa Rica earthquake: the subject was
        # drafted as "Eastern Time"
        (
            "The earthquake struck at 1:43 p.m. Eastern Time, approximately 25 miles northwest "
            "of Tamarindo, the U.S. Geological Survey said.",
            "earthquake",
        ),
        ("At 1 a.m. CDT, the storm was about 30 miles south-southwest of Lake Charles.", "storm"),
        ("The quake hit at 0600 GMT, 40 km south of Van.", "quake"),
        ("The quake hit at 06:00 Greenwich Mean Time, 40 km south of Van.", "quake"),
        # a name after a clock time is still a name
        ("At 11 a.m. Kharkiv came under fire, 30 km from the border.", "Kharkiv"),
    ],
)
def test_a_time_zone_is_no_subject(text: str, subject: str) -> None:
    (draft,) = extract(text)
    assert draft.subject == subject


def test_claimant_comes_from_the_previous_sentence_for_a_pronoun() -> None:
    text = (
        "A statement from the coalition said jets struck. It claimed the convoy was 5 km from Tanf."
    )
    (draft,) = extract(text)
    assert draft.claimant == "the coalition"


def _seed_yaml(tmp_path: Path) -> tuple[Path, bytes]:
    path = tmp_path / "claims.yaml"
    original = (ROOT / "data" / "claims.yaml").read_bytes()
    path.write_bytes(original)
    return path, original


def test_append_keeps_every_existing_byte_and_skips_known_quotes(tmp_path: Path) -> None:
    path, original = _seed_yaml(tmp_path)
    gazetteer = load_places(PLACES)
    drafts = extract(SEED, gazetteer)
    result = append_to(original.decode(), str(path), drafts, "seed")
    assert result.text.encode().startswith(original)
    assert (result.added, result.skipped) == (1, 3)  # only the "[the force]" quote differs
    again = append_to(result.text, str(path), drafts, "seed")
    assert (again.added, again.text) == (0, result.text)
    loaded = yaml.safe_load(result.text)["claims"]
    ids = [c["id"] for c in loaded]
    assert len(ids) == len(set(ids))
    assert all("expect" not in c for c in loaded if c["id"].startswith("extract-"))


def test_append_ids_are_deterministic_and_unique() -> None:
    text = "Zaza is 5 km from Tanf. Zaza is 5 km from Tanf, the army said."
    existing = "claims:\n  - id: extract-zaza-distance-tanf-5km\n    quote: other\n"
    result = append_to(existing, "c.yaml", extract(text), "t")
    ids = [c["id"] for c in yaml.safe_load(result.text)["claims"]]
    assert ids == [
        "extract-zaza-distance-tanf-5km",
        "extract-zaza-distance-tanf-5km-2",
        "extract-zaza-distance-tanf-5km-3",
    ]
    assert append_to(existing, "c.yaml", extract(text), "t").text == result.text


def test_draft_ids_are_valid_ids_even_for_long_place_names() -> None:
    """Each slug part is at most 40 characters; four of them would pass the 100 allowed."""
    a, b = "Abcdefghijklmnopqrstu Vwxyzabcdefghijklmn", "Nopqrstuvwxyzabcdefgh Ijklmnopqrstuvwxyzab"
    text = f"{a} is 5 km from {b}. {b} is 5 km from {a}."
    ids = [c["id"] for c in yaml.safe_load(to_yaml(extract(text), "t"))["claims"]]
    assert len(ids) == 2
    assert all(ID_PATTERN.fullmatch(i) for i in ids), ids


@pytest.mark.parametrize("indent", [0, 2, 4])
def test_append_joins_a_list_at_the_files_own_indent(indent: int) -> None:
    """PyYAML (yaml.safe_dump) writes `claims:` then `- id:` at column 0; appended entries
    at claimcheck's indent of 2 would not join that list (and nothing was appended)."""
    pad = " " * indent
    existing = f"claims:\n{pad}- id: other\n{pad}  quote: other\n"
    result = append_to(existing, "c.yaml", extract("Zaza is 5 km from Tanf."), "t")
    assert result.added == 1
    assert result.text.startswith(existing)
    claims = yaml.safe_load(result.text)["claims"]
    assert [c["id"] for c in claims] == ["other", "extract-zaza-distance-tanf-5km"]
    assert f"\n{pad}- id: extract-zaza-distance-tanf-5km\n{pad}  quote: " in result.text


def test_append_refuses_a_flow_list() -> None:
    with pytest.raises(UsageError, match="block 'claims:' list"):
        append_to(
            "claims: [{id: a, quote: b}]\n", "c.yaml", extract("Zaza is 5 km from Tanf."), "t"
        )


@pytest.mark.parametrize(
    ("existing", "kept"),
    [
        ("claims: []\n", "claims:\n"),  # what extract writes when it drafts nothing
        ("# my story\nclaims: []  # none yet\n", "# my story\nclaims:  # none yet\n"),
        ("claims:\n", "claims:\n"),
    ],
)
def test_append_fills_an_empty_claims_list(existing: str, kept: str) -> None:
    """`claims: []` (extract's own output with no drafts) was refused as a flow list."""
    result = append_to(existing, "c.yaml", extract("Zaza is 5 km from Tanf."), "t")
    assert result.added == 1
    assert result.text.startswith(kept)
    assert [c["id"] for c in yaml.safe_load(result.text)["claims"]] == [
        "extract-zaza-distance-tanf-5km"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nothing here is a distance.", "claims: []\n"),
        (
            "The blast was 5 km away.",
            "# left out (a place is missing): distance '5 km away'"
            ": no reference (the sentence does not say from where)\nclaims: []\n",
        ),
    ],
)
def test_yaml_without_complete_drafts_still_loads(text: str, expected: str) -> None:
    out = to_yaml(extract(text), "t")
    assert out == expected
    assert yamlfile.load("t.yaml", out)["claims"] == []


def test_a_range_in_two_units_is_drafted_with_both() -> None:
    """ "between 30 km and 40 miles" was drafted as "between 30 and 40 km": a different claim."""
    (draft,) = extract("Sabkha is between 30 km and 40 miles from Raqqa.")
    assert draft.requirement_text == "between 30 km and 40 mi"
    assert draft.requirement == parse_requirement("between 30 km and 40 miles")
    assert draft.as_json()["high_unit"] == "mi"


@pytest.mark.parametrize(
    ("sentence", "written"),
    [
        (
            "A drone was found in Dumitra, just over 100 kilometers south of the border.",
            "just over 100 km",
        ),
        ("The shells fell just under 20 km from the plant at Enerhodar.", "just under 20 km"),
    ],
)
def test_just_over_and_under_keep_their_side_in_the_draft(sentence: str, written: str) -> None:
    (draft,) = [d for d in extract(sentence) if d.value is not None]
    assert draft.requirement_text == written


def test_appending_only_drafts_without_a_place_to_a_new_file_writes_nothing() -> None:
    """Every draft left out (no subject): nothing is appended, and a new claims file is no
    error (it was a TypeError: the file would have been an empty 'claims:')."""
    (draft,) = extract("Al-Qaim is about 100 km from Rutba.")
    result = append_to("", "new.yaml", [dataclasses.replace(draft, subject=None)], "t")
    assert (result.added, result.left_out, result.text) == (0, 1, "")


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        # the writer's apposition inside the announcement it reports: the article's own words
        ("The Ukrainian army announced on Wednesday that it was withdrawing from the town of "
         "Vouhledar, 50 km south of Pokrovsk, leaving it to Russian troops.", None),
        ("Zelenskyy announced that Sudzha, located 10 km from the border, was under Ukrainian "
         "control.", None),
        # the figure is what was announced
        ("In a related context, the Authority announced that a ship was attacked fifty-seven "
         "nautical miles south of Aden.", "the Authority"),
    ],
)  # fmt: skip
def test_an_aside_in_a_reported_announcement_is_the_articles_own(
    text: str, claimant: str | None
) -> None:
    (draft,) = [d for d in extract(text) if d.value is not None]
    assert draft.claimant == claimant


def test_a_claimant_named_with_its_abbreviation_and_an_event_noun_as_subject() -> None:
    """The Grindavik trial: the Office (its "(MET)" inside the name) is the claimant, the
    volcano the subject, and the quote the clause after "that", not a name cut in two."""
    (draft,) = extract(
        "The Icelandic Meteorological and Seismological Office (MET) reported late 18 December "
        "that a volcano erupted about 4 kilometers northeast of the town of Grindavik."
    )
    assert draft.claimant == "The Icelandic Meteorological and Seismological Office (MET)"
    assert draft.subject == "volcano"
    assert draft.quote == "a volcano erupted about 4 kilometers northeast of the town of Grindavik"


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        # an article on the 2024 Costa Rica earthquake drafted the claimant "as"
        (
            "A powerful 6.2-magnitude earthquake hit 30 km from Tamarindo on Saturday, as "
            "reported by the United States Geological Survey.",
            "the United States Geological Survey",
        ),
        ("The quake struck 30 km from Tamarindo, as reported by Reuters.", "Reuters"),
        ("The quake struck 30 km from Tamarindo, as Reuters reported.", "Reuters"),
    ],
)
def test_as_reported_by_names_the_speaker(text: str, claimant: str) -> None:
    (draft,) = extract(text)
    assert draft.claimant == claimant


@pytest.mark.parametrize(
    "text",
    [
        # walaw.press on the Susanville earthquake of 30 December 2025: "magnitude" was read as
        # a word of the subject's name ("magnitude earthquake")
        "A 5.3 magnitude earthquake struck approximately 9 miles northwest of Susanville.",
        "A 6.8-magnitude earthquake struck 72 km southwest of Marrakech.",
        "A magnitude 6.8 earthquake struck 72 km southwest of Marrakech.",
    ],
)
def test_a_magnitude_is_no_part_of_the_subject(text: str) -> None:
    (draft,) = extract(text)
    assert draft.subject == "earthquake"
    assert draft.quote.startswith("earthquake struck")


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        # Al Jazeera on the Port Vila earthquake of 17 December 2024: "reports" is a noun here
        (
            "Initial reports said the quake struck on Tuesday at a location 37km (22.9 miles) "
            "from the capital at a depth of 10km (6.2 miles).",
            "Initial reports",
        ),
        ("The ministry reports the shell fell 5 km from Tanf.", "The ministry"),
    ],
)
def test_a_verb_word_before_another_verb_is_the_speakers_noun(sentence: str, claimant: str) -> None:
    (draft, *_) = extract(sentence)
    assert draft.claimant == claimant


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        # ABC News (Reuters) on the Morocco earthquake of 8 September 2023
        (
            "The quake's epicentre occurred about 72km south-west of Marrakech, according to the "
            "United States Geological Survey.",
            "the United States Geological Survey",
        ),
        ("The United States says the shell fell 5 km from Tanf.", "The United States"),
    ],
)
def test_a_capitalised_verb_word_inside_a_name_is_not_a_verb(sentence: str, claimant: str) -> None:
    (draft, *_) = extract(sentence)
    assert draft.claimant == claimant


@pytest.mark.parametrize(
    "sentence",
    [
        # ABC News (Reuters) on the Morocco earthquake of 8 September 2023
        "The quake occurred 56km west of the town of Oukaimeden just after 11pm.",
        "The quake occurred 56km west of the town of Oukaimeden shortly after 11pm.",
        "The quake occurred 56km west of the town of Oukaimeden late on Friday.",
    ],
)
def test_a_time_phrase_after_the_reference_is_not_part_of_its_name(sentence: str) -> None:
    (draft,) = extract(sentence)
    assert draft.reference == "town of Oukaimeden"
    assert draft.quote.endswith("west of the town of Oukaimeden")


WHERE = ": no reference (the sentence does not say from where)"


def test_two_figures_left_out_of_one_quote_each_name_their_figure() -> None:
    """EFE on the Morocco earthquake: "in Casablanca and Rabat, 300 and 370 kilometers away"
    printed one comment twice; each now names its figure."""
    drafts = extract("The tremor was felt in Rabat, 300 and 370 kilometers away.")
    comments = to_yaml(drafts, "efe.txt").splitlines()[:2]
    assert comments == [
        "# left out (a place is missing): distance 300 km 'Rabat, 300 and 370 kilometers away'"
        + WHERE,
        "# left out (a place is missing): distance 370 km 'Rabat, 300 and 370 kilometers away'"
        + WHERE,
    ]


@pytest.mark.parametrize(
    ("sentence", "pairs", "quote"),
    [
        # EFE on the Morocco earthquake of 8 September 2023
        (
            "The tremor was felt in Casablanca and Rabat, 300 and 370 kilometers away, "
            "respectively, where its inhabitants took to the streets.",
            [("Casablanca", 300), ("Rabat", 370)],
            "Casablanca and Rabat, 300 and 370 kilometers away, respectively",
        ),
        (
            "The tremor was felt in northern towns such as Larache, 550 kilometers from the "
            "epicenter, as well as in Casablanca and Rabat, 300 and 370 kilometers away, "
            "respectively.",
            [("Larache", 550), ("Casablanca", 300), ("Rabat", 370)],
            None,
        ),
        (
            "Homs and Hama lie 160 and 210 km north of Damascus respectively.",
            [("Homs", 160), ("Hama", 210)],
            "Homs and Hama lie 160 and 210 km north of Damascus respectively",
        ),
        # no "respectively": both figures stay with the name nearest them, as before
        (
            "The tremor was felt in Casablanca and Rabat, 300 and 370 kilometers away.",
            [("Rabat", 300), ("Rabat", 370)],
            "Rabat, 300 and 370 kilometers away",
        ),
    ],
)
def test_respectively_pairs_the_figures_with_the_names_in_order(
    sentence: str, pairs: list[tuple[str, int]], quote: str | None
) -> None:
    drafts = extract(sentence)
    assert [(d.subject, d.value) for d in drafts] == pairs
    assert quote is None or {d.quote for d in drafts} == {quote}


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        # CBC on the 2016 Fox Creek fire: the wildfire was no subject, and the draft left out
        (
            "An out-of-control wildfire burning about 10 km north of Fox Creek, Alta., has forced "
            "mandatory evacuations.",
            "out-of-control wildfire",
        ),
        ("The fire is roughly nine km southeast of Fox Creek.", "fire"),
        ("The blaze is 12 kilometres west of Fort Nelson.", "blaze"),
        # the verb, and gunfire, are no fire
        ("North Korea fires a missile that lands 200 kilometres off Niigata.", None),
        ("China launched live fire drills 12 miles from Kinmen.", None),
        ("At 11 a.m. Kharkiv came under fire, 30 km from the border.", None),
    ],
)
def test_a_fire_is_what_a_wildfire_report_measures(text: str, subject: str | None) -> None:
    drafts = [d for d in extract(text) if d.value is not None]
    assert drafts
    if subject is not None:
        assert drafts[0].subject == subject
    else:
        assert not any("fire" in (d.subject or "") for d in drafts)


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        # Hodhod Yemen News relaying UKMTO, July 2025: no subject, left out
        (
            "UKMTO stated on Sunday that it had received a report of an incident 51NM southwest "
            "of Hodeidah, Yemen.",
            "incident",
        ),
        ("Ambrey said a vessel was attacked about 61 nautical miles southwest of Hodeidah.",
         "vessel"),
    ],
)  # fmt: skip
def test_a_maritime_incident_is_what_a_notice_measures(text: str, subject: str) -> None:
    (draft,) = [d for d in extract(text) if d.value is not None]
    assert draft.subject == subject


def test_a_name_in_square_brackets_is_an_aside() -> None:
    """tvnewswatch on the 2005 Maricopa earthquake: "[19:18 UTC/GMT]" gave the subject "GMT"."""
    drafts = extract(
        "The earthquake struck at 12:18 PDT [19:18 UTC/GMT] 20 km [13 miles] east of Maricopa."
    )
    assert [d.subject for d in drafts if d.value is not None] == ["earthquake"]
