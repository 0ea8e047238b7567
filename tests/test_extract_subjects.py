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
