"""Slow reference answers the tests check the fast code against; never shipped in the package.

Written against pyproj directly, not claimcheck's helpers, so a bug there cannot hide here (the
GeoNames look-up's oracle is the look-up as it was, on the same ranking).
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from anyascii import anyascii
from pyproj import Geod

from claimcheck.gazetteer.names import HOW_ORDER, key_of_spelling, rank, spelling
from claimcheck.lookup.index import ALTERNATE_BASE, GazetteerDb, own_names, postings

_WGS84 = Geod(ellps="WGS84")


def _between(
    a: tuple[float, float], b: tuple[float, float], count: int
) -> list[tuple[float, float]]:
    """count equally spaced (lat, lon) points strictly between a and b on their geodesic."""
    if count < 1:
        return []
    return [(y, x) for x, y in _WGS84.npts(a[1], a[0], b[1], b[0], count)]


def _distances_m(lat: float, lon: float, points: np.ndarray) -> np.ndarray:
    n = len(points)
    return np.asarray(
        _WGS84.inv(np.full(n, lon), np.full(n, lat), points[:, 1], points[:, 0])[2], dtype=float
    )


def brute_force_distance_to_line_m(
    lat: float,
    lon: float,
    vertices_lat_lon: Sequence[tuple[float, float]],
    coarse_m: float = 1000.0,
    fine_m: float = 0.5,
) -> float:
    """The minimum over dense samples of every edge, in metres (the oracle for nearest_on_line).

    Each edge is sampled every `coarse_m`; every point of an edge lies within half a coarse
    spacing of a sample, so only samples within one coarse spacing of the best can neighbour the
    true minimum, and the stretch around each of those is resampled every `fine_m`. The result
    overestimates the true distance by at most about fine_m / 2.
    """
    vertices = [(float(a), float(b)) for a, b in vertices_lat_lon]
    edges = [np.array([vertices[0]])]
    for a, b in itertools.pairwise(vertices):
        length = _WGS84.inv(a[1], a[0], b[1], b[0])[2]
        edges.append(np.array([a, *_between(a, b, math.ceil(length / coarse_m) - 1), b]))
    best = min(float(_distances_m(lat, lon, edge).min()) for edge in edges)
    for edge in edges:
        dists = _distances_m(lat, lon, edge)
        for j in np.flatnonzero(dists <= best + coarse_m):
            lo, hi = edge[max(j - 1, 0)], edge[min(j + 1, len(edge) - 1)]
            span = _WGS84.inv(lo[1], lo[0], hi[1], hi[0])[2]
            fine = _between((lo[0], lo[1]), (hi[0], hi[1]), math.ceil(span / fine_m) - 1)
            if fine:
                best = min(best, float(_distances_m(lat, lon, np.array(fine)).min()))
    return best


def disc_samples(
    lat: float, lon: float, radius_m: float, n: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """n points uniform on the geodesic disc of radius_m around (lat, lon): (lats, lons)."""
    if radius_m <= 0:
        return np.full(n, lat), np.full(n, lon)
    azimuths = rng.uniform(0.0, 360.0, n)
    distances = radius_m * np.sqrt(rng.uniform(0.0, 1.0, n))
    lons, lats, _back = _WGS84.fwd(np.full(n, lon), np.full(n, lat), azimuths, distances)
    return np.asarray(lats, dtype=float), np.asarray(lons, dtype=float)


def monte_carlo_geodesic(
    reference: tuple[float, float, float],
    subject: tuple[float, float, float],
    n: int,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Brute force: distances (m) and azimuths (deg, [0, 360)) from a true reference point to a
    true subject point, each uniform on its disc; `reference`/`subject` are (lat, lon, radius_m).
    """
    rlat, rlon = disc_samples(*reference, n, rng)
    slat, slon = disc_samples(*subject, n, rng)
    azimuths, _back, distances = _WGS84.inv(rlon, rlat, slon, slat)
    return np.asarray(distances, dtype=float), np.mod(np.asarray(azimuths, dtype=float), 360.0)


# --- place-name spelling, one name at a time (claimcheck.gazetteer.names before it spelled
# names in bulk); the index an import builds must not change with how names are spelled --------

_ARABIC_WORD = re.compile(
    r"[\u0610-\u061a\u0620-\u0669\u066e-\u06d3\u06d5-\u06ff\u0750-\u077f\u08a0-\u08ff]+"
)
_ARABIC_ARTICLE = ("ال", "ٱل")  # al- written with alif, or alif wasla
# Short-vowel marks, shadda, sukun, Quranic marks and tatweel: unwritten in ordinary text.
_ARABIC_MARKS = re.compile(r"[\u064b-\u065f\u06d6-\u06ed\u0640]")
_ARABIC_VOWEL_LETTERS = str.maketrans({"ا": "a", "ى": "a", "\u0670": "a", "ة": "a"})

# After anyascii: ʿayn and hamza arrive as ` and ', like the apostrophes and quotes that stand
# for them in romanisations. They are kept as "'" until the y/w rule has seen word starts.
_AYN = str.maketrans("`", "'")
_WORD = re.compile(r"[a-z0-9']+")

# The article before a sun letter is assimilated: at-Tanf, ash-Shamiyah, ar-Rutbah, ez-Zor.
# Such a form is an article only when the next word starts with the same consonant.
_SUN_ARTICLES = {v + c: c for v in "ae" for c in ("t", "th", "d", "dh", "r", "z", "s", "sh", "n")}
_PLAIN_ARTICLES = ("al", "el")
#: every word that `_is_article` can take for an article
_ARTICLE_WORDS = frozenset({*_PLAIN_ARTICLES, "l", *_SUN_ARTICLES})

_DROP_VOWELS_AND_MARKS = str.maketrans("", "", "aeiou'")
_DOUBLED_AFTER_VOWEL = re.compile(r"([aeiou])([b-df-hj-np-tv-z])\2")  # shadda: Raqqa, -iyya
_FINAL_AH = re.compile(r"([ae])h$")  # ta marbuta: Shamiyah = Shamiya, Rutbeh = Rutbe
# y and w are long vowels (Walid = وليد) unless they start a word (Yarmuk, Wadi) or come
# before a final vowel (the consonantal y of -iya: Shamiya = شامية, but Sham != Shamiya).
_MEDIAL_YW = re.compile(r"(?<=.)[yw](?![aeiou]*$)")


def spelling_one_by_one(name: str) -> str:
    """The romanised spelling with the article, case, diacritics and punctuation removed.

    Vowels are kept, so this is the string that fuzzy matching compares: "al-Tamf" -> "tamf".
    Arabic-script words carry only the vowels Arabic writes ("التنف" -> "tnf").
    """
    # Folding works character by character (Arabic word by word) and a space never joins two
    # words, so each space-separated token is folded once, however many names share it: an
    # import spells hundreds of thousands of names built from far fewer words.
    found = [word for token in name.split(" ") for word in _token_words(token)]
    if _ARTICLE_WORDS.isdisjoint(found[:-1]):  # nothing to drop: most names
        return " ".join(map(_word_rules, found))
    if "l" in found:  # only "Abu l-Kamal" needs to know what separates the words
        text = _folded(name)
        matches = list(_WORD.finditer(text))
        separators = [text[a.end() : b.start()] for a, b in itertools.pairwise(matches)]
    else:
        separators = [""] * (len(found) - 1)
    words = [
        word
        for word, separator, nxt in zip(found[:-1], separators, found[1:], strict=True)
        if not _is_article(word, separator, nxt)
    ]
    words.extend(found[-1:])
    return " ".join(map(_word_rules, words))


@lru_cache(maxsize=1 << 18)
def _token_words(token: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(_folded(token)))


def _folded(text: str) -> str:
    """Lower-case ASCII: scripts transliterated, diacritics dropped, ʿayn and hamza as "'"."""
    if text.isascii():  # most names: no script or diacritics to fold (GeoNames imports)
        return text.lower().translate(_AYN)
    # anyascii maps character by character, so each Arabic word can go through it alone
    # (and once: words repeat across names far more than names do)
    text = _ARABIC_WORD.sub(_romanised_arabic_word, unicodedata.normalize("NFKC", text))
    return str(anyascii(text)).lower().translate(_AYN)


@lru_cache(maxsize=1 << 16)
def _word_rules(word: str) -> str:
    """A doubled consonant after a vowel written once; a final -ah/-eh as -a/-e."""
    # Replacement functions rather than r"\1\2" templates: Python 3.11 parses a template on
    # every call.
    word = _DOUBLED_AFTER_VOWEL.sub(_first_two, word)
    return _FINAL_AH.sub(_first, word) if "h" in word else word


def _first(m: re.Match[str]) -> str:
    return m[1]


def _first_two(m: re.Match[str]) -> str:
    return m[1] + m[2]


def _romanised_arabic_word(m: re.Match[str]) -> str:
    return _romanise_arabic(m.group())


@lru_cache(maxsize=1 << 16)
def _romanise_arabic(word: str) -> str:
    return str(anyascii(_arabic_word(word)))


def _arabic_word(word: str) -> str:
    """Romanisation-ready Arabic: no article or vowel marks, written vowels made explicit."""
    word = _ARABIC_MARKS.sub("", word)
    for article in _ARABIC_ARTICLE:
        if word.startswith(article) and len(word) > len(article) + 1:
            word = word[len(article) :]
            break
    # A final ي / و is the long vowel -i / -u (Kobani = كوباني), not a consonant.
    if len(word) > 1 and word[-1] in "يو":
        word = word[:-1] + ("i" if word[-1] == "ي" else "u")
    return word.translate(_ARABIC_VOWEL_LETTERS)


def _is_article(word: str, separator: str, nxt: str) -> bool:
    """Whether `word` is the Arabic article of the word after it (al-, l-, at-Tanf...)."""
    if word in _PLAIN_ARTICLES:
        return True
    if word == "l":
        return "-" in separator  # Abu l-Kamal; a lone "l" between spaces is an initial
    sun = _SUN_ARTICLES.get(word)
    return sun is not None and nxt.lstrip("'").startswith(sun)


def key_of_spelling_one_by_one(spelled: str) -> str:
    words = [_word_key(w) for w in spelled.split()]
    return " ".join(w for w in words if w)


@lru_cache(maxsize=1 << 16)
def _word_key(word: str) -> str:
    """One word's consonant skeleton; cached, as names share words far more than spellings."""
    return _MEDIAL_YW.sub("", word).translate(_DROP_VOWELS_AND_MARKS)


def db_search_reading_every_row(
    gaz: GazetteerDb, query: str, limit: int, country: str | None
) -> list[tuple[int, str, str, float]]:
    """`GazetteerDb.search` as it was before it read only the places of spellings with a name
    that ranks: every place of every candidate spelling read and its names ranked (answers as
    (geonameid, name, how, score), best first)."""
    spelled = spelling(query)
    if not spelled:
        return []
    sql = "SELECT id FROM spellings WHERE key = ?"
    ids = {i for (i,) in gaz.con.execute(sql, (key_of_spelling(spelled),))}
    ids.update(gaz._fuzzy_ids(spelled))
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    sql = f"SELECT id, places FROM spellings WHERE id IN ({marks})"
    posted = [
        (sid, gid, at)
        for sid, blob in gaz.con.execute(sql, list(ids))
        for gid, at, _ in postings(blob)
    ]
    rows = []
    for sid, gid, at in posted:
        sql = "SELECT name, asciiname, alternatenames, country FROM places WHERE geonameid = ?"
        place = gaz.con.execute(sql, (gid,)).fetchone()
        if country and place[3] != country.upper():
            continue
        if at >= ALTERNATE_BASE:
            sql = "SELECT name FROM alternates WHERE rowid = ?"
            (name,) = gaz.con.execute(sql, (at - ALTERNATE_BASE,)).fetchone()
        else:
            name = own_names(*place[:3])[at]
        rows.append((sid, at, gid, name, at < 2))
    distinct = sorted({row[3] for row in rows})
    by_name = {m.place_id: m for m in rank(query, [(n, [n]) for n in distinct], len(distinct))}
    best: dict[int, tuple[tuple[float, int, int, int], str, str]] = {}
    for sid, rowid, gid, name, primary in rows:
        if name not in by_name:
            continue
        m = by_name[name]
        how = "alias" if m.how == "exact" and not primary else m.how
        key = (-m.score, HOW_ORDER[how], sid, rowid)  # type: ignore[index]
        if gid not in best or key < best[gid][0]:
            best[gid] = (key, name, how)
    ordered = sorted(
        (key[0], key[1], str(gid).zfill(12), gid, name, how)
        for gid, (key, name, how) in best.items()
    )
    kept = ordered[:limit]
    if kept:
        kept += [entry for entry in ordered[limit:] if entry[:2] == kept[-1][:2]]
    return [(gid, name, how, -score) for score, _, _, gid, name, how in kept]
