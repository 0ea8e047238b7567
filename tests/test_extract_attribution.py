"""Who a sentence says is speaking (claimcheck.claims.extract.attribution)."""

from __future__ import annotations

import pytest

from claimcheck.claims.extract import extract


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        # the opening a trial met in a wire report of a Japanese earthquake (what the epicenter
        # was, here a stand-in figure and place): the apposition is part of who spoke
        (
            "Local authorities, including the Japan Meteorological Agency, indicated that the "
            "epicenter was about 40 km east of Sendai.",
            "Local authorities, including the Japan Meteorological Agency",
        ),
        # The Guardian on Houthi attacks: a relative clause says more about the speaker
        (
            "Meanwhile, the United Kingdom’s Maritime Trade Operations, which is run by the UK’s "
            "Royal Navy, said a ship was “hit on the stern by a small craft” 66 nautical miles "
            "(about 122km) southwest of Hodeidah.",
            "the United Kingdom’s Maritime Trade Operations",
        ),
        # Reuters on Pokrovsk: a title, then the name it describes
        (
            "The head of Pokrovsk’s military administration, Sergiy Dobryak, warned on Thursday "
            "that Russia was a little over 10 km (6 miles) from the outskirts of the city.",
            "Sergiy Dobryak",
        ),
        ("The USGS noted that the epicenter was about 40 km east of Sendai.", "The USGS"),
    ],
)
def test_a_speaker_set_off_by_an_apposition(sentence: str, claimant: str) -> None:
    (draft, *_) = extract(sentence)
    assert draft.claimant == claimant


@pytest.mark.parametrize(
    "sentence",
    [
        # AP on the 2023 California floods: where Tracy is, is the writer's aside
        "One resident near Tracy, which is 80 miles east of San Francisco, said that the "
        "levees appear in good shape.",
        "The coalition declared a 30-mile security zone around the dam.",
    ],
)
def test_no_speaker_for_a_figure_in_the_apposition_or_an_act(sentence: str) -> None:
    (draft, *_) = extract(sentence)
    assert draft.claimant is None


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        # articles-eighth.yaml: an initial's full stop does not end the speaker's name
        (
            "SAN DIEGO, CA The main quake was centered about 20 miles southeast of the Mexican "
            "border city of Mexicali, according to the U.S. Geological Survey.",
            "the U.S. Geological Survey",
        ),
        # articles-eighth.yaml: a relative pronoun is no speaker
        (
            "Syrian shells killed five people in a Turkish town near the border Wednesday, "
            "prompting Ankara to contact the UN over the incident, which it said went “too far.”",
            None,
        ),
        # articles-fifth.yaml: "no reports" is a noun phrase, no speaker "no"
        (
            "Lonnie Thurmond, city administrator in East Prairie, Missouri, about five miles from "
            "the epicenter of the quake, said he'd gotten reports of things falling from shelves "
            "and off walls when the quake hit, but no reports of major damage.",
            None,
        ),
    ],
)
def test_who_is_no_speaker(sentence: str, claimant: str | None) -> None:
    (draft, *_) = extract(sentence)
    assert draft.claimant == claimant


@pytest.mark.parametrize(
    "text",
    [
        # Marine Log on the Magic Seas, July 2025: the claimant was "000 dwt Liberian-flag
        # bulker Magic Seas were today" (the words before a passive "reported")
        "The 22 crew of the 2016-built, 63,000 dwt Liberian-flag bulker Magic Seas were today "
        "reported safely rescued after an attack 51 nautical miles southwest of Al Hudaydah.",
        "Two ships were reportedly hit 40 km west of Hodeidah.",
    ],
)
def test_a_passive_speech_verb_names_no_speaker(text: str) -> None:
    (draft,) = [d for d in extract(text) if d.value is not None]
    assert draft.claimant is None


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("According to the USGS, the epicenter was 30 km southwest of Marrakesh.", "epicenter"),
        (
            "According to the US Geological Survey, the earthquake’s epicentre was about 72 km "
            "southwest of Marrakech.",
            "earthquake’s epicentre",
        ),
    ],
)
def test_the_speaker_is_no_apposition_of_the_subject(text: str, subject: str) -> None:
    """The helper's trials: "According to the USGS, the epicenter ..." was drafted about "USGS",
    read as the name the apposition "the epicenter" describes."""
    (draft,) = [d for d in extract(text) if d.value is not None]
    assert draft.subject == subject and draft.claimant is not None
