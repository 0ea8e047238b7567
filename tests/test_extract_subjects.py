"""Which thing a figure is about (claimcheck.claims.extract.subjects and its patterns)."""

from __future__ import annotations

import pytest

from claimcheck.claims.extract import extract


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        # a blog quoting the advisories on Hurricane Matthew, 2016 (articles-heldout.yaml)
        (
            "At 10 a.m., the western edge of the hurricane’s center was about 30 miles "
            "east-southeast of Daytona Beach, Fla., and the storm was moving north-northwest.",
            "hurricane’s center",
        ),
        ("The storm's eye was located about 30 miles south of Lake Charles.", "storm's eye"),
        # articles-seventh.yaml: the centre of a town named before
        (
            "Early on Thursday morning, three of the missiles landed in the town’s centre, "
            "roughly 25 miles (40 kilometres) from the southern front’s artillery clashes.",
            "town’s centre",
        ),
        # articles-eighth.yaml: the same, written with "of"
        (
            "The eye of the storm was just about 25 km away from Manila and the city has been "
            "receiving heavy rain since Tuesday.",
            "eye of the storm",
        ),
        (
            "The epicenter of the first earthquake was some 40 kilometers northwest of Herat, a "
            "city of 700,000 people.",
            "epicenter of the first earthquake",
        ),
        # CBS on Hurricane Laura, 27 August 2020, as an advisory words it ("the storm was" in
        # CBS's sentence): the centre, with the storm's name
        (
            "As of 6 a.m. local time, the center of Hurricane Laura was located about 55 miles "
            "north of Lake Charles, Louisiana.",
            "center of Hurricane Laura",
        ),
    ],
)
def test_an_events_centre_is_one_subject(sentence: str, subject: str) -> None:
    (draft, *_) = extract(sentence)
    assert draft.subject == subject


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        # the Aktau crash trial (Azerbaijan Airlines flight J2-8243, 25 December 2024): Al
        # Jazeera's sentence was left out ("no subject") before "plane" was an event noun
        (
            "The plane crashed about 3km (1.8 miles) from the city of Aktau in Kazakhstan.",
            "plane",
        ),
        # Trend: "Baku-Grozny" alone named the route, not the flight
        (
            "An Embraer 190 aircraft operating the Baku-Grozny flight crashed 3 kilometers from "
            "the airport in the city of Aktau.",
            "Baku-Grozny flight",
        ),
        # Reuters: the journey's destination was drafted as the subject (`country:RU`)
        (
            "An Embraer passenger plane flying from Azerbaijan to Russia crashed near the city "
            "of Aktau in Kazakhstan on Dec 25.",
            "Embraer passenger plane",
        ),
        # Reuters: the destination's apposition ("Russia's Chechnya") was the subject
        (
            "Azerbaijan Airlines said the Embraer 190 aircraft was flying from Baku to Grozny, "
            "the capital of Russia's Chechnya, but was forced to make an emergency landing "
            "approximately 3km from the Kazakh city of Aktau.",
            "aircraft",
        ),
        # a figure in apposition to the destination is about it (articles-seventh.yaml)
        (
            "The plane left Gove Airport about 8.30am on Saturday bound for Katherine, 530 "
            "kilometres to the south-west.",
            "Katherine",
        ),
    ],
)
def test_a_journeys_ends_are_not_what_crashed(sentence: str, subject: str) -> None:
    (draft, *_) = extract(sentence)
    assert draft.subject == subject
