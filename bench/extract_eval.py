"""Precision and recall of `claimcheck extract` per field on the labelled sentences.

Run: python bench/extract_eval.py. `run()` returns rows {name, value, unit, target}; the test
suite fails when any of them is below its target.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from claimcheck.extract import extract

LABELLED = Path(__file__).resolve().parent.parent / "tests" / "data" / "extract" / "labelled.yaml"
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


def load() -> list[dict[str, Any]]:
    data: dict[str, Any] = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))
    return list(data["sentences"])


def run() -> list[dict[str, Any]]:
    """One row per field and measure, e.g. {"name": "precision.value", "value": 0.97, ...}."""
    scores = score(load())
    return [
        {"name": f"{measure}.{name}", "value": round(row[measure], 3), "unit": "ratio",
         "target": TARGET}  # fmt: skip
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


if __name__ == "__main__":
    import sys

    if "--failures" in sys.argv:
        print("\n".join(failures(load())))
    sentences = load()
    print(f"{len(sentences)} sentences, {sum(len(s['claims']) for s in sentences)} claims")
    for row in run():
        flag = "" if row["value"] >= row["target"] else "  BELOW TARGET"
        print(f"{row['name']:<22} {row['value']:.3f}  (target {row['target']}){flag}")
