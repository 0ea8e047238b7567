"""Precision and recall of `claimcheck extract` per field on the labelled sentences.

Run: python bench/extract_eval.py [--held-out | --articles] [--failures]. `run()` returns rows
{name, value, unit, target}; the test suite fails when any of them is below its target.

`--articles` scores the sentences quoted from published articles (articles.yaml, tuned on, and
eight held-out sets, each gathered before a round of rule changes: articles-heldout.yaml,
articles-fresh.yaml, articles-third.yaml, articles-fourth.yaml, articles-fifth.yaml,
articles-sixth.yaml, articles-seventh.yaml and articles-eighth.yaml) with
the gazetteer a fact-checker would have: the places file articles-places.yaml, the built-in world
layers, and a GeoNames index built from articles-geonames.txt. Its targets: figures (value and
unit of each claim) found with precision and recall of at least 0.95, and both places right on
at least 80 % of the claims whose two places are in that gazetteer.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from claimcheck.claims.extract import extract
from claimcheck.gazetteer.places import Gazetteer
from claimcheck.gazetteer.reader import load_places
from claimcheck.lookup.fallback import DbFallback
from claimcheck.lookup.importer import import_geonames
from claimcheck.lookup.index import GazetteerDb

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "extract"
LABELLED = DATA / "labelled.yaml"
#: written after the rules were tuned on LABELLED, never used to tune them
HELD_OUT = DATA / "heldout.yaml"
#: quoted from published articles; the rules were tuned on ARTICLES, never on ARTICLES_HELD_OUT
ARTICLES = DATA / "articles.yaml"
ARTICLES_HELD_OUT = DATA / "articles-heldout.yaml"
#: a second held-out set from 24 more articles, gathered before the rules' next round of changes
#: and measured only after it
ARTICLES_FRESH = DATA / "articles-fresh.yaml"
#: a third held-out set from 21 more articles, gathered and committed before the third round of
#: rule changes and measured only after it (both earlier held-out sets had been read by then)
ARTICLES_THIRD = DATA / "articles-third.yaml"
#: a fourth held-out set from 27 more articles, gathered and committed before the fourth round of
#: rule changes and measured only after it (the three earlier held-out sets had been read by then)
ARTICLES_FOURTH = DATA / "articles-fourth.yaml"
#: a fifth held-out set from 44 more articles, gathered and committed before the fifth round of
#: rule changes and measured only after it (the four earlier held-out sets had been read by then)
ARTICLES_FIFTH = DATA / "articles-fifth.yaml"
#: a sixth held-out set from 82 more articles, gathered and committed on 1 December 2026 before
#: the sixth round of rule changes and to be measured only after it (the five earlier held-out
#: sets had been read by then); chosen for claims whose two places are in the gazetteer (31)
ARTICLES_SIXTH = DATA / "articles-sixth.yaml"
#: a seventh held-out set from 107 more articles, gathered and committed on 1 December 2026 before
#: the seventh round of rule changes and to be measured only after it (the six earlier held-out
#: sets had been read by then); chosen for articles rich in distance figures (129 claims with one)
ARTICLES_SEVENTH = DATA / "articles-seventh.yaml"
#: an eighth held-out set from 166 more articles, gathered and committed on 1 December 2026 before
#: the eighth round of rule changes and to be measured only after it (the seven earlier held-out
#: sets had been read by then); more claims between two gazetteer places (61) than the sixth's or
#: the seventh's 30, so that one claim moves both places right by under 2 points
ARTICLES_EIGHTH = DATA / "articles-eighth.yaml"
ARTICLES_PLACES = DATA / "articles-places.yaml"
ARTICLES_GEONAMES = DATA / "articles-geonames.txt"
FIELDS = ("kind", "relation", "value", "unit", "subject", "reference", "direction", "claimant")
TARGET = 0.9
FIGURE_TARGET = 0.95
PLACES_TARGET = 0.8
#: What the held-out articles scored where it fell short of the target, measured once after
#: the rules were last changed (docs/commands/extract.md), each floor just under its figure:
#: the test suite holds extraction to these so it gets no worse; they are not the targets. A
#: measure at its target has no floor (the test holds it to the target): after the seventh
#: round every set meets both targets, the third set's figures' recall (0.939 after the fifth
#: and sixth rounds, 0.818 when gathered) and the sixth set's (0.910 measured once after the
#: sixth round) now at 1.000 on text read and tuned on.
HELD_OUT_FLOORS: dict[str, float] = {}
FRESH_FLOORS: dict[str, float] = {}
THIRD_FLOORS: dict[str, float] = {}
FOURTH_FLOORS: dict[str, float] = {}
FIFTH_FLOORS: dict[str, float] = {}
SIXTH_FLOORS: dict[str, float] = {}
#: ARTICLES_SEVENTH: both places right on 0.633 of 30 claims (19) before and after the seventh
#: round, measured once; its figures (0.984 / 0.953 after the round) meet the target. Read and
#: tuned on in the eighth round (places): 0.800 (24 of 30), at the target on text tuned on; the
#: floor just under it holds it there so it gets no worse.
SEVENTH_FLOORS = {"places.both": 0.799}
#: ARTICLES_EIGHTH: every measure met its target at its baseline (below), so it has no floor.
EIGHTH_FLOORS: dict[str, float] = {}
#: Each set's figures before the eighth round of rules (measured with the gazetteer above on 1
#: December 2026, after the seventh round and the seventh set's one measurement): the eight older
#: sets had all been read by then; the eighth set's is its baseline, measured when it was
#: committed. `--articles` prints them next to today's, so a round's effect is read off the
#: output. The figures before the seventh round are in the git history of this file.
BEFORE_ROUND = {
    "articles.yaml": {"figures.precision": 1.000, "figures.recall": 1.000,
                      "places.both_right": 1.000, "places.each_right": 0.902},
    "articles-heldout.yaml": {"figures.precision": 1.000, "figures.recall": 0.988,
                              "places.both_right": 0.969, "places.each_right": 0.909},
    "articles-fresh.yaml": {"figures.precision": 1.000, "figures.recall": 1.000,
                            "places.both_right": 0.857, "places.each_right": 0.800},
    "articles-third.yaml": {"figures.precision": 1.000, "figures.recall": 1.000,
                            "places.both_right": 1.000, "places.each_right": 0.765},
    "articles-fourth.yaml": {"figures.precision": 1.000, "figures.recall": 1.000,
                             "places.both_right": 1.000, "places.each_right": 0.932},
    "articles-fifth.yaml": {"figures.precision": 1.000, "figures.recall": 1.000,
                            "places.both_right": 1.000, "places.each_right": 0.938},
    "articles-sixth.yaml": {"figures.precision": 1.000, "figures.recall": 1.000,
                            "places.both_right": 0.871, "places.each_right": 0.822},
    "articles-seventh.yaml": {"figures.precision": 0.984, "figures.recall": 0.953,
                              "places.both_right": 0.633, "places.each_right": 0.729},
    "articles-eighth.yaml": {"figures.precision": 0.981, "figures.recall": 0.963,
                             "places.both_right": 0.820, "places.each_right": 0.855},
}  # fmt: skip


def normalise(value: Any) -> Any:
    """Compare place and claimant text as a reader would: case, articles and quotes aside."""
    if value is None or isinstance(value, (int, float)):
        return value
    text = re.sub(r"[’'\".]", "", str(value).casefold())
    return re.sub(r"^(?:the|a|an)\s+", "", " ".join(text.split()))


def _pair(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Greedy best pairs of gold and predicted claims, by how many fields agree (at least 2)."""
    scored = sorted(
        (
            (sum(normalise(g[f]) == normalise(p[f]) for f in FIELDS), i, j)
            for i, g in enumerate(gold)
            for j, p in enumerate(pred)
        ),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for score, i, j in scored:
        if score >= 2 and i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def score(
    sentences: list[dict[str, Any]], gazetteer: Gazetteer | None = None
) -> dict[str, dict[str, float]]:
    """{field: {precision, recall}} plus "claims" for finding the claims at all."""
    tp = dict.fromkeys(FIELDS, 0)
    n_pred = dict.fromkeys(FIELDS, 0)
    n_gold = dict.fromkeys(FIELDS, 0)
    found = total_pred = total_gold = 0
    for item in sentences:
        gold = item["claims"]
        pred = [d.as_json() for d in extract(item["text"], gazetteer)]
        total_pred += len(pred)
        total_gold += len(gold)
        for f in FIELDS:
            n_pred[f] += sum(p[f] is not None for p in pred)
            n_gold[f] += sum(g[f] is not None for g in gold)
        for i, j in _pair(gold, pred):
            found += 1
            for f in FIELDS:
                g, p = gold[i][f], pred[j][f]
                if g is not None and normalise(g) == normalise(p):
                    tp[f] += 1
    out = {"claims": {"precision": found / total_pred, "recall": found / total_gold}}
    for f in FIELDS:
        out[f] = {
            "precision": tp[f] / n_pred[f] if n_pred[f] else 1.0,
            "recall": tp[f] / n_gold[f] if n_gold[f] else 1.0,
        }
    return out


def load(path: Path = LABELLED) -> list[dict[str, Any]]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data["sentences"])


def run(path: Path = LABELLED) -> list[dict[str, Any]]:
    """One row per field and measure, e.g. {"name": "precision.value", "value": 0.97, ...}."""
    scores = score(load(path))
    return [
        {
            "name": f"{measure}.{name}",
            "value": round(row[measure], 3),
            "unit": "ratio",
            "target": TARGET,
        }
        for name, row in scores.items()
        for measure in ("precision", "recall")
    ]


def failures(sentences: list[dict[str, Any]], gazetteer: Gazetteer | None = None) -> list[str]:
    """Sentences where the extracted claims differ from the labels, for debugging rules."""
    out = []
    for item in sentences:
        drafts = [d.as_json() for d in extract(item["text"], gazetteer)]
        pred = [{f: d[f] for f in FIELDS} for d in drafts]
        gold = [{f: g[f] for f in FIELDS} for g in item["claims"]]
        norm = [[normalise(c[f]) for f in FIELDS] for c in gold]
        gold_ids = [(g.get("subject_id"), g.get("reference_id")) for g in item["claims"]]
        got_ids = [(d["subject_ids"], d["reference_ids"]) for d in drafts]
        if [[normalise(c[f]) for f in FIELDS] for c in pred] != norm or gazetteer is not None:
            out.append(
                f"{item['text']}\n  gold {gold}\n  got  {pred}\n  ids  {gold_ids} / {got_ids}"
            )
    return out


@contextmanager
def articles_gazetteer() -> Iterator[Gazetteer]:
    """The places file, the world layers and a GeoNames index built from the fixture."""
    gazetteer = load_places(str(ARTICLES_PLACES))
    with tempfile.TemporaryDirectory(prefix="claimcheck-eval-") as tmp:
        db_path = os.path.join(tmp, "geonames.sqlite")
        import_geonames(str(ARTICLES_GEONAMES), db_path)
        fallback = DbFallback(GazetteerDb(db_path), gazetteer)
        gazetteer.fallback = fallback
        try:
            yield gazetteer
        finally:
            fallback.close()


def place_scores(sentences: list[dict[str, Any]], gazetteer: Gazetteer) -> dict[str, float]:
    """How often the drafts name the places a reader means (ids, not words).

    "both": of the claims whose subject and reference are both in the gazetteer, the share
    whose draft resolves each to exactly that place; "each": the same per place (subject or
    reference) in the gazetteer. A claim no draft pairs with counts as wrong.
    """
    both = both_right = each = each_right = 0
    for item in sentences:
        gold = item["claims"]
        pred = [d.as_json() for d in extract(item["text"], gazetteer)]
        paired = dict(_pair(gold, pred))
        for i, g in enumerate(gold):
            p = pred[paired[i]] if i in paired else None
            right = []
            for role in ("subject", "reference"):
                wanted = g.get(f"{role}_id")
                if wanted is None:
                    continue
                ok = p is not None and p[f"{role}_ids"] == [wanted]
                each += 1
                each_right += ok
                right.append(ok)
            if len(right) == 2:
                both += 1
                both_right += all(right)
    return {
        "both": both_right / both if both else 1.0,
        "both_count": both,
        "each": each_right / each if each else 1.0,
        "each_count": each,
    }


def figures(sentences: list[dict[str, Any]], gazetteer: Gazetteer | None) -> dict[str, float]:
    """Precision/recall of the (value, unit) pairs drafted, against the labelled figures."""

    def ours(text: str) -> list[tuple[float, str]]:
        return [
            (float(d.value), str(d.unit)) for d in extract(text, gazetteer) if d.value is not None
        ]

    return _figure_scores(ours, sentences)


def run_articles(path: Path, gazetteer: Gazetteer) -> list[dict[str, Any]]:
    """The rows of one articles set: figures and places against their targets, then every
    field's precision and recall for information (no target: real text, few labels each)."""
    sentences = load(path)
    found = figures(sentences, gazetteer)
    places = place_scores(sentences, gazetteer)
    rows = [
        {"name": "figures.precision", "value": round(found["precision"], 3), "unit": "ratio",
         "target": FIGURE_TARGET},
        {"name": "figures.recall", "value": round(found["recall"], 3), "unit": "ratio",
         "target": FIGURE_TARGET},
        {"name": f"places.both_right ({places['both_count']} claims)",
         "value": round(places["both"], 3), "unit": "ratio", "target": PLACES_TARGET},
        {"name": f"places.each_right ({places['each_count']} places)",
         "value": round(places["each"], 3), "unit": "ratio", "target": None},
    ]  # fmt: skip
    scores = score(sentences, gazetteer)
    rows += [
        {"name": f"{measure}.{name}", "value": round(row[measure], 3), "unit": "ratio",
         "target": None}
        for name, row in scores.items()
        for measure in ("precision", "recall")
    ]  # fmt: skip
    return rows


def _figure_scores(predict: Any, sentences: list[dict[str, Any]]) -> dict[str, float]:
    """Precision/recall of (value, unit) pairs taken as distance figures, and seconds spent."""
    import time

    matched = n_pred = n_gold = 0
    started = time.perf_counter()
    for item in sentences:
        gold = [(float(g["value"]), g["unit"]) for g in item["claims"] if g["value"] is not None]
        pred = list(predict(item["text"]))
        n_pred += len(pred)
        n_gold += len(gold)
        for figure in pred:
            if figure in gold:
                gold.remove(figure)
                matched += 1
    seconds = time.perf_counter() - started
    return {"precision": matched / n_pred, "recall": matched / n_gold, "seconds": seconds}


def quantulum_rows(path: Path = LABELLED) -> list[dict[str, Any]]:
    """quantulum3 against our grammar on the same sentences: figures only, since it finds no
    comparator, place, direction or claimant. Empty when quantulum3 is not installed."""
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser
    except ImportError:
        return []
    from claimcheck.grammar.units import UNIT_WORDS

    def quantulum(text: str) -> list[tuple[float, str]]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = parser.parse(text)
        return [
            (float(q.value), UNIT_WORDS[q.unit.name].value)
            for q in found
            if q.unit.entity.name == "length" and q.unit.name in UNIT_WORDS
        ]

    def ours(text: str) -> list[tuple[float, str]]:
        return [(float(d.value), str(d.unit)) for d in extract(text) if d.value is not None]

    sentences = load(path)
    rows = []
    for name, predict in (("quantulum3", quantulum), ("grammar", ours)):
        result = _figure_scores(predict, sentences)
        rows += [
            {"name": f"{name}.figure_precision", "value": round(result["precision"], 3),
             "unit": "ratio", "target": None},
            {"name": f"{name}.figure_recall", "value": round(result["recall"], 3),
             "unit": "ratio", "target": None},
            {"name": f"{name}.time", "value": round(result["seconds"] * 1000, 1), "unit": "ms",
             "target": None},
        ]  # fmt: skip
    return rows


def _print_articles(show_failures: bool) -> None:
    with articles_gazetteer() as gazetteer:
        for path in (
            ARTICLES,
            ARTICLES_HELD_OUT,
            ARTICLES_FRESH,
            ARTICLES_THIRD,
            ARTICLES_FOURTH,
            ARTICLES_FIFTH,
            ARTICLES_SIXTH,
            ARTICLES_SEVENTH,
            ARTICLES_EIGHTH,
        ):
            sentences = load(path)
            if show_failures:
                print("\n".join(failures(sentences, gazetteer)))
            urls = {s["url"] for s in sentences}
            n_claims = sum(len(s["claims"]) for s in sentences)
            print(f"{path.name}: {len(sentences)} sentences from {len(urls)} articles, "
                  f"{n_claims} claims")  # fmt: skip
            before = BEFORE_ROUND.get(path.name, {})
            for row in run_articles(path, gazetteer):
                target = row["target"]
                flag = "  BELOW TARGET" if target is not None and row["value"] < target else ""
                shown = f"  (target {target})" if target is not None else ""
                was = before.get(row["name"].split(" (")[0])
                then = f"  (before the eighth round {was:.3f})" if was is not None else ""
                print(f"{row['name']:<36} {row['value']:.3f}{shown}{then}{flag}")


if __name__ == "__main__":
    import sys

    if "--articles" in sys.argv:
        _print_articles("--failures" in sys.argv)
        raise SystemExit(0)
    path = HELD_OUT if "--held-out" in sys.argv else LABELLED
    if "--failures" in sys.argv:
        print("\n".join(failures(load(path))))
    sentences = load(path)
    n_claims = sum(len(s["claims"]) for s in sentences)
    print(f"{path.name}: {len(sentences)} sentences, {n_claims} claims")
    for row in run(path):
        flag = "" if row["value"] >= row["target"] else "  BELOW TARGET"
        print(f"{row['name']:<22} {row['value']:.3f}  (target {row['target']}){flag}")
    comparison = quantulum_rows(path)
    if not comparison:
        print("quantulum3 is not installed: skipping the comparison (pip install quantulum3)")
    for row in comparison:
        print(f"{row['name']:<30} {row['value']} {row['unit']}")
