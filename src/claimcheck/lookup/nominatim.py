"""OpenStreetMap's Nominatim as an online source for `places add --from nominatim --online`.

One request to the search API (https://nominatim.org/release-docs/latest/api/Search/,
format=jsonv2 with address, name and extra tags); at most one request a second, as the usage
policy asks (claimcheck.lookup.online). OpenStreetMap data is ODbL: the entry cites the object
(node, way or relation) and "© OpenStreetMap contributors".
"""

from __future__ import annotations

import os
from typing import Any

from claimcheck.lookup.add import Found, pick_aliases
from claimcheck.lookup.online import Client

BASE_URL_ENV = "CLAIMCHECK_NOMINATIM_URL"
DEFAULT_URL = "https://nominatim.openstreetmap.org"
LICENCE = "ODbL 1.0, © OpenStreetMap contributors"
#: OSM place=* values -> the GeoNames feature code whose size rule fits (claimcheck.lookup.add)
OSM_PLACE_TYPES = {
    "city": "PPLA",
    "town": "PPL",
    "village": "PPL",
    "hamlet": "PPL",
    "suburb": "PPLL",
    "quarter": "PPLL",
    "neighbourhood": "PPLL",
    "locality": "PPLL",
    "isolated_dwelling": "PPLL",
}
#: the name tags whose values become aliases (old names are history, not aliases)
_NAME_TAGS = ("name:en", "name", "name:ar", "name:ru", "name:uk", "int_name", "alt_name")
_CLIENT = Client("nominatim", min_interval_s=1.0)


def base_url(option: str | None) -> str:
    return option or os.environ.get(BASE_URL_ENV) or DEFAULT_URL


def candidates(name: str, country: str | None, url: str) -> list[Found]:
    params = {"q": name, "format": "jsonv2", "addressdetails": "1", "namedetails": "1",
              "extratags": "1", "limit": "10"}  # fmt: skip
    if country:
        params["countrycodes"] = country.lower()
    answer = _CLIENT.get_json(url.rstrip("/") + "/search", params)
    results = answer.data if isinstance(answer.data, list) else []
    return [_found(r, answer.retrieved) for r in results if "lat" in r and "lon" in r]


def _found(result: dict[str, Any], retrieved: str) -> Found:
    osm = f"{result.get('osm_type', '')}/{result.get('osm_id', '')}"
    names: dict[str, str] = result.get("namedetails") or {}
    name = names.get("name:en") or result.get("name") or names.get("name") or osm
    category = result.get("category") or result.get("class") or ""
    kind = result.get("type") or ""
    extratags: dict[str, str] = result.get("extratags") or {}
    code = OSM_PLACE_TYPES.get(kind, "") if category == "place" else ""
    capital = extratags.get("capital")
    if capital == "yes":
        code = "PPLC"
    elif capital and capital.isdigit() and code:
        code = "PPLA"
    feature = f"{category}={kind}" + (f", capital={capital}" if capital else "")
    address: dict[str, str] = result.get("address") or {}
    country = address.get("country_code")
    listed = [names.get(t, "") for t in _NAME_TAGS]
    aliases = [a.strip() for v in listed for a in v.split(";")]
    return Found(
        source="nominatim",
        source_id=osm,
        name=name,
        lat=float(result["lat"]),
        lon=float(result["lon"]),
        feature=f"OpenStreetMap {feature}",
        code=code,
        url=f"https://www.openstreetmap.org/{osm}",
        title=f'OpenStreetMap {osm} "{name}" ({feature}), via Nominatim',
        publisher="OpenStreetMap contributors",
        licence=LICENCE,
        retrieved=retrieved,
        aliases=pick_aliases(aliases, name),
        country=country.upper() if country else None,
        admin=address.get("state") or address.get("region"),
    )
