"""`claimcheck extract` stays linear in the article's length, and its shortcuts change nothing.

The time bounds are ratios to a floor measured in the same test (splitting the same text into
sentences), in CPU time, so they hold on a slow or busy machine; the quadratic extraction of
issue 18 took thousands of times the floor on these inputs, the linear one about a hundred.
The shortcuts that make it linear (an index of earlier mentions, of a sentence's subjects, of
where a rule can match) are checked against the plain rules they replace.
"""

from __future__ import annotations

import importlib.util
import random
import re
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

from claimcheck.claims import extract as ex
from claimcheck.claims.extract import attribution, mentions, patterns, sentences, subjects
from claimcheck.gazetteer.places import PlaceRef
from claimcheck.gazetteer.reader import load_places

ROOT = Path(__file__).resolve().parent.parent
PLACES = str(ROOT / "data" / "places.yaml")


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_extract", ROOT / "bench" / "bench_extract.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BENCH = _bench()


def _cpu(work: Callable[[], Any], repeat: int = 1) -> float:
    """The least CPU time of `repeat` runs: CPU time, so that other processes do not count."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def test_extraction_time_is_a_bounded_multiple_of_splitting_sentences() -> None:
    """~200 KB of news-like paragraphs: the quadratic version took ~25 s, 1,100x its own
    (slower) sentence splitting and ~8,000x today's; the linear one takes ~130x."""
    text = BENCH.article(200_000)
    ex.extract(text[:5_000], load_places(PLACES))  # compile the rules' regexes, as a first call
    floor = _cpu(lambda: ex.split_sentences(text), repeat=5)
    took = _cpu(lambda: ex.to_yaml(ex.extract(text, load_places(PLACES)), "t"))
    assert took <= 400 * floor, (took, floor, took / floor)


def test_one_long_sentence_costs_what_its_clauses_cost_as_sentences() -> None:
    """A list of 1,000 distances without a full stop (28 KB): the quadratic version took ~35x
    as long as for the same clauses written as sentences, the linear one ~1.5x; the bound sits
    near their geometric mean (7x), as a busy machine's CPU times read up to 5x (two test
    workers and a benchmark). (Splitting one sentence is no floor: it costs next to nothing.)
    No gazetteer: this is about sentences."""
    clauses = [f"Town{i} is {i % 50 + 1} km from Tanf" for i in range(1_000)]
    one = f"The army said {', '.join(clauses)}, and the convoy was near the border post."
    many = f"The army said. {'. '.join(clauses)}. And the convoy was near the border post."
    drafts: dict[str, int] = {}
    ex.extract(one[:5_000])
    sentences = _cpu(lambda: drafts.update(many=len(ex.extract(many))), repeat=2)
    sentence = _cpu(lambda: drafts.update(one=len(ex.extract(one))), repeat=2)
    assert drafts == {"one": 1_001, "many": 1_001}
    assert sentence <= 7 * sentences, (sentence, sentences, sentence / sentences)


# --- the shortcuts answer as the plain rules do ------------------------------------------------


class _Gazetteer:
    """Knows exactly the names given: enough to tell which mention resolves."""

    def __init__(self, known: set[str]) -> None:
        self.known = known

    def resolve(self, ref: PlaceRef) -> SimpleNamespace:
        found = (SimpleNamespace(id=f"id:{ref.text}"),) if ref.text in self.known else ()
        return SimpleNamespace(places=found)


_PIECES = ["Tanf", "al-Tanf", "Al", "border post", "border", "post", "Post", "ash-Sham", "Abu",
           "X’s", "Tanfield", "O'Neil", "-", " ", "  ", "\n", "\t", ",", ".", "the", "iTanf", "’",
           "_1", "É"]  # fmt: skip
_NAMES = ["Tanf", "border post", "post", "Post", "Sham", "Tan", "Al Tanf", "X’s", "’s", "-", "e"]


@pytest.mark.parametrize("seed", range(20))
def test_mentions_index_resolves_as_scanning_the_text_before_each_draft(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(50):
        text = "".join(
            rng.choice(_PIECES) + rng.choice(["", " ", " ", "\n", "  "])
            for _ in range(rng.randint(0, 40))
        )
        found = [m for name in _NAMES for m in mentions._earlier_mentions(name, text)]
        gazetteer: Any = _Gazetteer({m for m in found if rng.random() < 0.3})
        index = mentions._Mentions(text, gazetteer)
        for _ in range(15):
            name, before = rng.choice(_NAMES), rng.randint(0, len(text))
            expected = mentions._ids(name, gazetteer, text[:before])
            assert index.ids(name, before) == expected, (text, name, before)


def _long_sentences() -> list[str]:
    """Labelled sentences run together into sentences of several thousand characters."""
    texts = [t.rstrip(".") for t in BENCH.sentences()]
    rng = random.Random(18)
    joins = [", and ", "; ", " while ", ", the al-Tanf border post, ", " — ", " the zone extends "]
    return [
        "".join(rng.choice(texts) + rng.choice(joins) for _ in range(rng.randint(20, 60)))
        for _ in range(4)
    ]


@pytest.mark.parametrize("sentence", _long_sentences(), ids=lambda s: f"{len(s)} chars")
def test_subject_index_finds_the_subject_the_rule_finds(sentence: str) -> None:
    speaker = attribution._attribution(sentence, 0, None)
    skip = (speaker[1], speaker[2]) if speaker else (0, 0)
    index = subjects._Subjects(subjects._Sentence(sentence, skip))
    rng = random.Random(len(sentence))
    positions = sorted(rng.sample(range(len(sentence) + 1), 60))
    positions += [m.start() for m in sentences._figure_re().finditer(sentence)][::-1]
    for before in positions:
        for first in (False, True):
            expected = subjects._subject(sentence, before, skip, first)
            assert index.find(before, first) == expected, (before, first)


@pytest.mark.parametrize("sentence", _long_sentences(), ids=lambda s: f"{len(s)} chars")
def test_head_windows_hold_every_match_before_a_figure(sentence: str) -> None:
    words = subjects._Sentence(sentence, (0, 0))
    for m in re.finditer(r"\d+|\b(?:zone|of|is|was|than|some|\$)\b", sentence):
        at = m.start()
        assert bool(patterns._REJECT_HEAD.search(sentence, 0, at)) == bool(
            patterns._REJECT_HEAD.search(
                sentence,
                words.back(at, subjects._REJECT_HEAD_WORDS, subjects._REJECT_HEAD_LONGEST),
                at,
            )
        ), at
        whole = subjects._HEAD_ZONE.search(sentence, 0, at)
        window = subjects._HEAD_ZONE.search(
            sentence, words.within(at, subjects._HEAD_ZONE_REACH), at
        )
        assert (whole and whole.start()) == (window and window.start()), at


def test_long_sentences_draft_as_their_short_parts_do() -> None:
    """The same clause gets the same draft deep in a long sentence as on its own."""
    clause = "Zakf is 12 km north-east of the al-Tanf border post"
    alone = ex.extract(clause + ".")
    long = ex.extract(", and ".join([clause] * 200) + ".")
    assert len(long) == 200
    assert {(d.kind, d.subject, d.reference, d.direction, d.quote) for d in long} == {
        (d.kind, d.subject, d.reference, d.direction, d.quote) for d in alone
    }
