"""Wikidata as an online source for `places add --from wikidata --online`.

Three requests to the Action API (https://www.wikidata.org/w/api.php; data CC0): wbsearchentities
for the items whose label or alias matches, wbgetentities for their statements (P625 coordinate
location, P17 country, P131 located in, P31 instance of, P1376 capital of) and labels, and
wbgetentities once more for the countries' ISO codes (P297) and the other items' English labels.
Items without a coordinate are not candidates.
"""

from __future__ import annotations

import os
from typing import Any

from claimcheck.lookup.add import Found, pick_aliases
from claimcheck.lookup.online import Client

BASE_URL_ENV = "CLAIMCHECK_WIKIDATA_URL"
DEFAULT_URL = "https://www.wikidata.org/w/api.php"
LICENCE = "CC0"
#: P31 classes -> the GeoNames feature code whose size rule fits (claimcheck.lookup.add)
WIKIDATA_CLASSES: dict[str, tuple[str, str]] = {
    "Q5119": ("PPLC", "capital city"),
    "Q515": ("PPLA", "city"),
    "Q1549591": ("PPLA", "big city"),
    "Q1637706": ("PPLA", "city with millions of inhabitants"),
    "Q200250": ("PPLA", "metropolis"),
    "Q3957": ("PPL", "town"),
    "Q532": ("PPL", "village"),
    "Q5084": ("PPL", "hamlet"),
    "Q486972": ("PPL", "human settlement"),
}
LANGUAGES = ("en", "ar", "ru", "uk")
_CLIENT = Client("wikidata")


def base_url(option: str | None) -> str:
    return option or os.environ.get(BASE_URL_ENV) or DEFAULT_URL


def candidates(name: str, country: str | None, url: str) -> list[Found]:
    search = _CLIENT.get_json(
        url,
        {"action": "wbsearchentities", "search": name, "language": "en", "type": "item",
         "limit": "10", "format": "json"},
    )  # fmt: skip
    ids = [hit["id"] for hit in search.data.get("search", [])]
    if not ids:
        return []
    items = _entities(url, ids, "labels|aliases|claims")
    refs = {
        v
        for item in items.values()
        for prop in ("P17", "P131", "P1376")
        for v in _item_values(item, prop)
    }
    related = _entities(url, sorted(refs), "labels|claims") if refs else {}
    found = [_found(i, items[i], related, search.retrieved) for i in ids if i in items]
    kept = [f for f in found if f is not None]
    return [f for f in kept if not country or (f.country or "").upper() == country.upper()]


def _entities(url: str, ids: list[str], props: str) -> dict[str, Any]:
    answer = _CLIENT.get_json(
        url,
        {"action": "wbgetentities", "ids": "|".join(ids), "props": props,
         "languages": "|".join(LANGUAGES), "format": "json"},
    )  # fmt: skip
    entities: dict[str, Any] = answer.data.get("entities", {})
    return {k: v for k, v in entities.items() if "missing" not in v}


def _claims(item: dict[str, Any], prop: str) -> list[dict[str, Any]]:
    """The statements of a property, preferred rank first, deprecated ones dropped."""
    statements = [s for s in item.get("claims", {}).get(prop, []) if s.get("rank") != "deprecated"]
    return sorted(statements, key=lambda s: s.get("rank") != "preferred")


def _item_values(item: dict[str, Any], prop: str) -> list[str]:
    values = []
    for s in _claims(item, prop):
        value = s.get("mainsnak", {}).get("datavalue", {}).get("value")
        if isinstance(value, dict) and "id" in value:
            values.append(value["id"])
    return values


def _label(item: dict[str, Any] | None, lang: str = "en") -> str | None:
    if not item:
        return None
    label = item.get("labels", {}).get(lang, {}).get("value")
    return str(label) if label else None


def _found(qid: str, item: dict[str, Any], related: dict[str, Any], retrieved: str) -> Found | None:
    coords = [s["mainsnak"]["datavalue"]["value"] for s in _claims(item, "P625")
              if "datavalue" in s.get("mainsnak", {})]  # fmt: skip
    if not coords:
        return None
    lat, lon = float(coords[0]["latitude"]), float(coords[0]["longitude"])
    labels = [label for lang in LANGUAGES if (label := _label(item, lang))]
    name = labels[0] if labels else qid
    countries = _item_values(item, "P17")
    country = None
    if countries:
        iso = [s["mainsnak"]["datavalue"]["value"] for s in _claims(related.get(countries[0], {}),
               "P297") if "datavalue" in s.get("mainsnak", {})]  # fmt: skip
        country = str(iso[0]).upper() if iso else None
    admins = _item_values(item, "P131")
    admin = _label(related.get(admins[0])) if admins else None
    code, feature = _class(item, countries)
    names = [_label(item, lang) or "" for lang in LANGUAGES]
    names += [a["value"] for lang in LANGUAGES for a in item.get("aliases", {}).get(lang, [])]
    return Found(
        source="wikidata",
        source_id=qid,
        name=name,
        lat=lat,
        lon=lon,
        feature=feature,
        code=code,
        url=f"https://www.wikidata.org/wiki/{qid}",
        title=f'Wikidata {qid} "{name}" (P625 coordinate location)',
        publisher="Wikidata",
        licence=LICENCE,
        retrieved=retrieved,
        aliases=pick_aliases(names, name),
        country=country,
        admin=admin,
    )


def _class(item: dict[str, Any], countries: list[str]) -> tuple[str, str]:
    """The GeoNames code the item is sized as, and its class in words."""
    capital_of = _item_values(item, "P1376")
    if capital_of:
        of_country = bool(countries) and countries[0] in capital_of
        code = "PPLC" if of_country else "PPLA"
        return code, f"Wikidata P1376 (capital of {'its country' if of_country else 'a region'})"
    for qid in _item_values(item, "P31"):
        if qid in WIKIDATA_CLASSES:
            code, words = WIKIDATA_CLASSES[qid]
            return code, f"Wikidata {qid} ({words})"
    classes = _item_values(item, "P31")
    return "", f"Wikidata {classes[0]}" if classes else "Wikidata item without a class"
