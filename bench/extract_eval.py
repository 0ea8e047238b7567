"""Precision and recall of `claimcheck extract` per field on the labelled sentences.

Run: python bench/extract_eval.py. `run()` returns rows {name, value, unit, target}; the test
suite fails when any of them is below its target.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from claimcheck.claims.extract import extract

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "extract"
LABELLED = DATA / "labelled.yaml"
#: written after the rules were tuned on LABELLED, never used to tune them
HELD_OUT = DATA / "heldout.yaml"
FIELDS = ("kind", "relation", "value", "unit", "subject", "reference", "direction", "claimant")
TARGET = 0.9


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


def score(sentences: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """{field: {precision, recall}} plus "claims" for finding the claims at all."""
    tp = dict.fromkeys(FIELDS, 0)
    n_pred = dict.fromkeys(FIELDS, 0)
    n_gold = dict.fromkeys(FIELDS, 0)
    found = total_pred = total_gold = 0
    for item in sentences:
        gold = item["claims"]
        pred = [d.as_json() for d in extract(item["text"])]
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


def failures(sentences: list[dict[str, Any]]) -> list[str]:
    """Sentences where the extracted claims differ from the labels, for debugging rules."""
    out = []
    for item in sentences:
        pred = [{f: d.as_json()[f] for f in FIELDS} for d in extract(item["text"])]
        gold = [{f: g[f] for f in FIELDS} for g in item["claims"]]
        norm = [[normalise(c[f]) for f in FIELDS] for c in gold]
        if [[normalise(c[f]) for f in FIELDS] for c in pred] != norm:
            out.append(f"{item['text']}\n  gold {gold}\n  got  {pred}")
    return out


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


if __name__ == "__main__":
    import sys

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
