"""The methods section and the table of places, written from what the report actually used.

Nothing here is boilerplate: each paragraph is there because a claim in the report needed it,
and says what that claim's data holds: which sources its places cite (a link to Wikipedia,
GeoNames or Natural Earth, or only a note such as "from memory", quoted as written), how each
figure was read, which uncertainty and verdict rules decided. A report of one claim says less
than a report of twenty.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from urllib.parse import urlsplit

from claimcheck.analysis.verdicts import AngleCheck, Check, LengthCheck, Verdict
from claimcheck.api import VerifyReport
from claimcheck.claims.meaning import DistanceAssertion, InsideAssertion, NearAssertion
from claimcheck.claims.model import VerdictKind
from claimcheck.frozen import frozen
from claimcheck.gazetteer import world
from claimcheck.gazetteer.places import Gazetteer, Place, PlaceKind, Source
from claimcheck.geo import geodesic
from claimcheck.render.naming import definite, place_labels
from claimcheck.render.readings import reading_rules
from claimcheck.render.reasons import range_words
from claimcheck.render.summary import ClaimSummary
from claimcheck.render.words import (
    VERDICT_LABEL,
    VERDICT_MEANING,
    hedged_figure,
    length,
    requirement_words,
    span_words,
    uncertainty,
)

#: Published datasets a place's source can point to: (name, URL host or title words, licence).
DATASETS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("Wikipedia", ("wikipedia.org", "wikipedia"), "CC BY-SA 4.0"),
    ("GeoNames", ("geonames.org", "geonames"), "CC BY 4.0"),
    ("Natural Earth", ("naturalearthdata.com", "natural earth"), "public domain"),
)


@frozen
class PlaceRow:
    """One row of the table of places."""

    id: str
    name: str
    position: str
    uncertainty: str
    source: Source
    #: the published dataset the source points to, or "" when it names none
    dataset: str
    #: the claims that use the place, by number; readings of ambiguous names in parentheses
    claims: str
    #: a built-in world feature (claimcheck.gazetteer.world), not an entry of the places file
    built_in: bool = False


def also_cited(source: Source) -> list[str]:
    """The parts of a source's title ("; "-separated) that name no published dataset, when
    another part does: "English Wikipedia ...; Brookings, Magruder 2020" -> the Brookings part.
    A title that names no dataset at all is quoted whole instead."""
    if not dataset_of(source):
        return []
    parts = [part.strip() for part in source.title.split(";")]
    return [p for p in parts if p and not dataset_of(Source(p)) and not _processing(p)]


def _processing(part: str) -> bool:
    """A note of how the data was converted ("converted by scripts/x.py"), not a source."""
    return bool(re.match(r"(?i)(converted|built|made) (by|with) ", part)) or ".py" in part


def dataset_of(source: Source) -> str:
    """Which published dataset a source points to: by its link's host, else by its title."""
    host = urlsplit(source.url or "").netloc.lower()
    for name, (domain, _word), _licence in DATASETS:
        if host == domain or host.endswith("." + domain):
            return name
    title = source.title.lower()
    found = [(title.find(word), name) for name, (_d, word), _l in DATASETS if word in title]
    return min(found)[1] if found else ""


def _position(place: Place, labels: dict[str, str]) -> str:
    if place.kind is PlaceKind.POINT:
        assert place.lat is not None and place.lon is not None
        ns, ew = ("N" if place.lat >= 0 else "S"), ("E" if place.lon >= 0 else "W")
        return f"{abs(place.lat):.4f}° {ns}, {abs(place.lon):.4f}° {ew}"
    if place.kind is PlaceKind.ZONE:
        centre = labels.get(place.centre or "", place.centre)
        return f"circle of {place.radius} around {centre}"
    if place.kind is PlaceKind.LINE:
        lines = place.lines
        pieces = f" in {len(lines)} pieces" if len(lines) > 1 else ""
        return f"line of {sum(len(line) for line in lines):,} points{pieces}"
    if place.kind is PlaceKind.POLYGON:
        polygons = place.polygons
        parts = f" in {len(polygons)} polygons" if len(polygons) > 1 else ""
        points = sum(len(ring) for rings in polygons for ring in rings)
        return f"area of {points:,} points{parts}"
    return "not known"


def places_table(report: VerifyReport, summaries: Sequence[ClaimSummary]) -> list[PlaceRow]:
    """Every place the claims shown use, in order of first use."""
    gazetteer = report.dataset.gazetteer
    labels = place_labels(gazetteer)
    direct: dict[str, list[str]] = {}
    for v, s in zip(_verdicts(report, summaries), summaries, strict=True):
        ambiguous_only = {p for c in v.candidates for _r, p in c.places} - {p for _r, p in v.places}
        agreed = (
            set.intersection(*({p for _r, p in c.places} for c in v.candidates))
            if (v.candidates)
            else set()
        )
        for pid in s.places:
            mark = f"({s.number})" if pid in ambiguous_only and pid not in agreed else str(s.number)
            direct.setdefault(pid, []).append(mark)
    for pid, uses in list(direct.items()):  # a zone's centre places it: used with it
        zone = gazetteer.get(pid)
        if zone is not None and zone.kind is PlaceKind.ZONE and zone.centre:
            direct.setdefault(zone.centre, []).extend(uses)
    built_in = {p.id for places in report.world.values() for p in places}
    rows = []
    for pid, uses in direct.items():
        place = gazetteer.get(pid)
        if place is None:
            continue
        rows.append(
            PlaceRow(
                pid, labels.get(pid, place.name), _position(place, labels), uncertainty(place),
                place.source, dataset_of(place.source), _uses(uses), place.id in built_in,
            )
        )  # fmt: skip
    return rows


def _uses(uses: Sequence[str]) -> str:
    """ "1, 2, (4), 7": each claim once, in number order; a direct use wins over a reading."""
    by_number: dict[int, str] = {}
    for use in uses:
        n = int(use.strip("()"))
        if by_number.get(n, "(").startswith("("):
            by_number[n] = use
    return ", ".join(by_number[n] for n in sorted(by_number))


def _verdicts(report: VerifyReport, summaries: Sequence[ClaimSummary]) -> list[Verdict]:
    by_id = {v.claim.id: v for v in report.verdicts}
    return [by_id[s.id] for s in summaries]


def _numbers(numbers: Sequence[int]) -> str:
    text = [str(n) for n in sorted(set(numbers))]
    if len(text) == 1:
        return f"claim {text[0]}"
    return f"claims {', '.join(text[:-1])} and {text[-1]}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def methods(report: VerifyReport, summaries: Sequence[ClaimSummary]) -> list[tuple[str, str]]:
    """(heading, paragraph) pairs, each present only when a claim shown needed it."""
    rows = places_table(report, summaries)
    verdicts = _verdicts(report, summaries)
    number = {s.id: s.number for s in summaries}
    checks = [(number[top.claim.id], c) for top in verdicts for v in (top, *top.candidates)
              for c in v.checks]  # fmt: skip
    labels = place_labels(report.dataset.gazetteer)
    out = []
    for heading, text in (
        ("Places", _places(rows, report)),
        (_world_heading(rows), _world(rows)),
        ("Measurement", _measurement(checks)),
        ("Reading the claims", _reading(report, verdicts, number)),
        ("Uncertainty", _uncertainty(verdicts, number, report, labels)),
        ("Verdicts", _verdicts_rule(report, verdicts, number)),
    ):
        if text:
            out.append((heading, text))
    return out


def _places(all_rows: Sequence[PlaceRow], report: VerifyReport) -> str:
    """The places file's places: which datasets they cite, and how sure each position is."""
    if not all_rows:
        return ""
    rows = [r for r in all_rows if not r.built_in]
    built_in = len(all_rows) - len(rows)
    text = f"The claims shown use {_plural(len(all_rows), 'place')}"
    if not built_in:
        text += ". "
    elif rows:
        text += (
            f": {len(rows)} from the places file and {built_in} of claimcheck's built-in world "
            "features (below). "
        )
    else:
        return text + ", all of them claimcheck's built-in world features (below)."
    # a place with no position cites the reports that name it (docs/data.md): said apart below,
    # so that no reader takes its source for a coordinate's
    unknown = [r for r in rows if r.position == "not known"]
    known = [r for r in rows if r.position != "not known"]
    counts = Counter(r.dataset for r in known if r.dataset)
    licences = {name: licence for name, _m, licence in DATASETS}
    cited = [f"{_plural(n, 'place')} {_cite(n)} {name} ({licences[name]})" for name, n in
             sorted(counts.items(), key=lambda x: (-x[1], x[0]))]  # fmt: skip
    if cited:
        text += _sentence(", ".join(cited[:-1]) + (" and " if len(cited) > 1 else "") + cited[-1])
    also = [(r, part) for r in rows for part in also_cited(r.source)]
    if also:
        text += "".join(
            f" The entry for {definite(r.name)} also cites “{part}”." for r, part in also
        )
    others = [r for r in known if not r.dataset]
    if others:
        quoted = "; ".join(f"{r.name}: “{r.source.title}”" for r in others)
        text += (
            f" {_plural(len(others), 'place')} {_cite(len(others))} another source, quoted as "
            f"{'its entry gives' if len(others) == 1 else 'their entries give'} it: {quoted}."
        )
    text += "".join(
        f" No source gives a position for {definite(r.name)}; its entry cites the report that"
        f" names it: “{r.source.title}”."
        for r in unknown
    )
    if known:
        imported = sum(len(v) for v in report.imported.values())
        which = " from the places file" if built_in else ""
        text += (
            f" Each place{which} with a position carries the uncertainty radius its entry "
            "states; the table of places lists them."
        )
        if imported:
            text += (
                f" {_plural(imported, 'place')} came from a GeoNames index, with an uncertainty "
                "set by its feature code."
            )
    return text


#: What each kind of built-in world feature is: (id prefix, plural, definition).
_WORLD_KINDS = (
    ("border", "borders", "a land border is the run of edges two countries' polygons share"),
    ("country", "countries", "a country is its polygons, islands included"),
    ("coast", "coasts", "a coast is the rest of a country's outline"),
)


def _world_heading(rows: Sequence[PlaceRow]) -> str:
    """ "Borders and countries": the kinds of built-in feature the claims shown use."""
    kinds = {r.id.split(":")[0] for r in rows if r.built_in}
    used = [plural for prefix, plural, _d in _WORLD_KINDS if prefix in kinds]
    return _sentence(_join(used))[:-1] if used else ""


def _world(rows: Sequence[PlaceRow]) -> str:
    """The built-in world features: which the claims use, their dataset, edition, licence and
    how their uncertainty is set."""
    built = [r for r in rows if r.built_in]
    if not built:
        return ""
    kinds = {r.id.split(":")[0] for r in built}
    numbers = [int(n.strip("()")) for r in built for n in r.claims.split(", ")]
    defined = "; ".join(d for prefix, _p, d in _WORLD_KINDS if prefix in kinds)
    return (
        f"Built into claimcheck and used by {_numbers(numbers)}: "
        f"{_join([definite(r.name) for r in built])}"
        f". {'It comes' if len(built) == 1 else 'They come'} from {world.TITLE}, "
        f"{world.LICENCE}; the edition decides how disputed areas are drawn. {_sentence(defined)}"
        f" Positional uncertainty {built[0].uncertainty.lstrip('±')} for every feature: "
        f"{world.uncertainty_rule()}."
    )


def _cite(n: int) -> str:
    return "cites" if n == 1 else "cite"


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:] + "." if text else ""


def _join(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _measurement(checks: Sequence[tuple[int, Check]]) -> str:
    lengths = [n for n, c in checks if isinstance(c, LengthCheck) and c.quantity != "radius"]
    to_shapes = any(isinstance(c, LengthCheck) and c.nearest is not None for _n, c in checks)
    angles = [n for n, c in checks if isinstance(c, AngleCheck)]
    radii = [n for n, c in checks if isinstance(c, LengthCheck) and c.quantity == "radius"]
    parts = []
    if lengths:
        parts.append(
            f"Distances ({_numbers(lengths)}) are geodesics on the WGS84 ellipsoid"
            + (", to the nearest point where the place is a line or an area" if to_shapes else "")
        )
    if angles:
        parts.append(
            f"bearings ({_numbers(angles)}) are forward azimuths on the same ellipsoid, seen from "
            "the place the claim measures from"
        )
    if radii:
        parts.append(
            f"a zone's radius ({_numbers(radii)}) is compared as its entry declares it; nothing "
            "is measured"
        )
    text = _sentence("; ".join(parts))
    if lengths or angles:
        text += f" Geodesics are solved with {geodesic.METHOD}."
    return text


def _reading(report: VerifyReport, verdicts: Sequence[Verdict], number: dict[str, int]) -> str:
    """How each figure, direction and "near" of the claims shown was read, with its range."""
    gazetteer = report.dataset.gazetteer
    labels = place_labels(gazetteer)
    read: dict[str, list[int]] = {}
    for v in verdicts:
        n = number[v.claim.id]
        written = hedged_figure(v.claim)
        for top in (v, *v.candidates[:1]):
            for c in top.checks:
                said = written if isinstance(c, LengthCheck) else None
                read.setdefault(range_words(c, labels, said), []).append(n)
        if not v.checks and not v.candidates:
            text = _unmeasured(v, gazetteer, labels, report.dataset.policy.about)
            if text:
                read.setdefault(text, []).append(n)
    if not read:
        return ""
    items = [f"{text} ({_numbers(ns)})" for text, ns in read.items()]
    return (
        "Each figure was read as the range of values its wording allows, from the precision "
        "it is given to: "
        + "; ".join(dict.fromkeys(items))
        + ". "
        + reading_rules(f"{(report.dataset.policy.about * 100).normalize():f} %")
    )


def _unmeasured(v: Verdict, gazetteer: Gazetteer, labels: dict[str, str], about: Decimal) -> str:
    """How a claim that could not be measured (its subject has no position) was read."""
    a = v.claim.assertion
    roles = dict(v.places)
    ref_id = roles.get("reference") or roles.get("area")
    place = gazetteer.get(ref_id) if ref_id else None
    if isinstance(a, DistanceAssertion):
        r = a.requirement
        lenient, strict = r.acceptable(about), r.strict(about)
        if strict != lenient:
            return (
                f"“{requirement_words(r)}” as {span_words(strict, r.unit)} read strictly and "
                f"{span_words(lenient, r.unit)} read leniently"
            )
        return f"“{requirement_words(r)}” as {span_words(lenient, r.unit)}"
    if place is None:
        return ""
    if isinstance(a, InsideAssertion) and place.kind is PlaceKind.ZONE and place.radius:
        word = "inside" if a.inside else "outside"
        limit = "at most" if a.inside else "more than"
        centre = labels.get(place.centre or "", place.centre)
        return (
            f"“{word} {definite(labels[place.id])}” as {limit} {place.radius} from "
            f"{definite(centre or '')}, its centre"
        )
    if isinstance(a, NearAssertion) and a.threshold is None:
        why = (
            "its own threshold"
            if place.near_m is not None
            else f"the default for a {place.kind.value}"
        )
        return (
            f"“near {definite(labels[place.id])}” as within "
            f"{place.near_threshold_m / 1000:,.4g} km, {why}"
        )
    return ""


def requirement_words_from(claimed: str) -> str:
    """A check's claimed text without its tolerance: "about 24 km (±1.2 km)" -> "about 24 km"."""
    return re.sub(r" \([±+−][^)]*\)$", "", claimed)


def _uncertainty(
    verdicts: Sequence[Verdict], number: dict[str, int], report: VerifyReport,
    labels: dict[str, str],
) -> str:  # fmt: skip
    """The rule, with the first distance of the claims shown as its example."""
    gazetteer = report.dataset.gazetteer
    for v in verdicts:
        for c in v.checks:
            places = [gazetteer.get(pid) for _r, pid in v.places]
            if (
                not isinstance(c, LengthCheck)
                or c.measured.low == c.measured.high
                or c.quantity != "distance"
                or any(p is None or p.kind is not PlaceKind.POINT for p in places)
            ):
                continue
            each = " and ".join(
                f"{definite(labels[p.id])} ({uncertainty(p)})" for p in places if p is not None
            )
            m = c.measured
            return (
                "A place's uncertainty radius bounds where the point its name stands for is; "
                "with nothing else known, that point is taken as equally likely anywhere within "
                "the radius (uniform on the disc: the maximum-entropy choice for a quantity known "
                "only by its bounds, GUM Supplement 1, JCGM 101:2008, 6.4.2). A measured distance "
                "then has a best estimate, between the stated positions, and a probability for "
                "every range of values, computed by quadrature and checked against Monte Carlo. "
                f"For claim {number[v.claim.id]}, {length(m.best, c.unit)} between {each} could "
                f"at worst be anywhere from {m.low / c.unit.metres:,.1f} to "
                f"{m.high / c.unit.metres:,.1f} {c.unit.value}; the report gives that worst case "
                "as information, and the probability that the claim holds decides."
            )
    return ""


def _verdicts_rule(
    report: VerifyReport, verdicts: Sequence[Verdict], number: dict[str, int]
) -> str:
    kinds = Counter(v.verdict for v in verdicts)
    policy = report.dataset.policy
    level = f"{(policy.confidence * 100).normalize():f} %"
    low = f"{((1 - policy.confidence) * 100).normalize():f} %"
    meaning = {
        **VERDICT_MEANING,
        VerdictKind.CONSISTENT: f"the claim holds with probability at least {level}",
        VerdictKind.INCONSISTENT: (
            f"the claim fails with probability at least {level} on one side: the true value lies "
            f"below its figure, or above it, with that probability (so it holds with at most "
            f"{low}; ISO 14253-1 proves non-conformity one side at a time)"
        ),
        # the bounds named here: the sentences for the other verdicts may not be there
        VerdictKind.INCONCLUSIVE: (
            f"neither: the claim holds with a probability under {level}, yet the truth lies on "
            f"neither side of its figure with {level}, or how its figure is read decides; a "
            "figure finer than the "
            "places can test (its range narrower than four standard uncertainties of the "
            "measurement, JCGM 106:2012) is inconclusive, not wrong"
        ),
    }
    parts = [f"{VERDICT_LABEL[k]} means {meaning[k]}" for k in VERDICT_LABEL if kinds[k]]
    text = (
        "The verdict is a decision at a stated confidence, in the spirit of ILAC-G8:09/2019 and "
        "ISO 14253-1: on the probability that the claim holds, not on the best estimate alone. "
        + ". ".join(parts)
        + ". A figure that can be read two ways (rounded to its last digit, or, when it is round "
        "or hedged, to a coarser step; Krifka 2009, Williams & Power 2013) is consistent only if "
        "it holds read strictly and inconsistent only if it fails read leniently; in between, the "
        "reading decides and the claim is inconclusive."
    )
    if policy.origin:
        text += (
            f" The claims file sets its own policy ({policy.origin}): confidence {level}, and "
            f"“about” allows at least {(policy.about * 100).normalize():f} % of a figure."
        )
    ambiguous = [number[v.claim.id] for v in verdicts if v.candidates]
    if ambiguous:
        text += (
            f" A name that fits several places ({_numbers(ambiguous)}) is checked once for each "
            "place it could mean; the claim stays unverifiable, since the data cannot pick one."
        )
    several = [number[v.claim.id] for v in verdicts if len(v.checks) > 1]
    if several:
        text += (
            f" A claim that is checked on two counts, such as a distance and a direction "
            f"({_numbers(several)}), takes the worse of the two verdicts."
        )
    return text
