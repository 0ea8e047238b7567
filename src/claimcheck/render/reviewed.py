"""ClaimReview's `claimReviewed`: the claim in a short sentence built from its data alone.

Google's fact-check guidance (Search Central, "Fact check (ClaimReview) structured data")
describes claimReviewed as "a short summary of the claim being evaluated", under 75 characters
so that it does not wrap on a phone. A quote is often longer, and cutting it is an editor's
call, so the summary is the claim as the claims file states it: its places, its figure as the
claim words it (without the tolerance claimcheck reads into it: "about 24 km", not "about 24 km
(±1.2 km)"), its direction or area. Nothing is added that the data does not hold.

When the sentence is longer than 75 characters, the longest place name is swapped for the next
shorter of the names the places file gives that place (`aliases`): first a name the claim's own
quote uses ("Petropavlovka", which a namesake shares, is still what the claim said), then one
no other place in the file goes by, in the Latin script the sentence is in, that shares a word
with the name it shortens or is the same name transliterated otherwise (its match key), not a
gazetteer's name for it in another language, until the sentence fits or no shorter name is
left; then it stays longer than 75 characters, since a summary that no longer names its places
would not be faithful (docs/commands/report.md).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from claimcheck.claims.model import Claim
from claimcheck.gazetteer.names import key_of_spelling, spelling
from claimcheck.gazetteer.places import Gazetteer, Place
from claimcheck.render.words import statement, units_spelled

#: Google's suggested longest claimReviewed, in characters.
SHORT_CHARS = 75


def _latin(name: str) -> bool:
    """True when every letter of `name` is Latin ("Przewodów", not "飯舘村")."""
    return all("LATIN" in unicodedata.name(c, "") for c in name if c.isalpha())


def _words(name: str) -> set[str]:
    """A name's words of three letters or more, case-folded, without a possessive's "s": what
    a short form shares with the name it shortens ("strike site", "Site of the … air strike")."""
    words = re.split(r"[\s\-‐–'’()]+", name.casefold())
    return {w for w in words if len(w) >= 3 and w.isalpha()} - {"the"}


def shorter_names(place: Place, gazetteer: Gazetteer, label: str, quote: str) -> list[str]:
    """The place's other names that are shorter than `label`, longest first: those the quote
    uses, then those in the Latin script that no other place in the file also goes by and that
    share a word with `label`, are part of it ("Antep" of "Gaziantep") or share its match key
    (gazetteer.names: the same name transliterated otherwise, "Hudaida" for "Al Ḩudaydah"): a
    short form, not another language's name for it (GeoNames' "Lejk Charls" for Lake Charles,
    "Al Xudayda" for Al Ḩudaydah)."""
    taken = {n.casefold() for other in gazetteer if other.id != place.id for n in other.names}
    names = {n for n in place.names if len(n) < len(label) and _latin(n)}
    said = quote.casefold()
    quoted = sorted(
        (n for n in names if re.search(rf"(?<!\w){re.escape(n.casefold())}(?!\w)", said)),
        key=lambda n: (-len(n), n),
    )
    own, key = _words(label), key_of_spelling(spelling(label))
    unshared = sorted(
        (
            n
            for n in names
            if n.casefold() not in taken
            and (
                own & _words(n)
                or n.casefold() in label.casefold()
                or key_of_spelling(spelling(n)) == key
            )
        ),
        key=lambda n: (-len(n), n),
    )
    return quoted + [n for n in unshared if n not in quoted]


def _as_claimed(text: str) -> str:
    """The sentence with the figures as a claim words them: claimcheck's reading of a vague
    figure dropped ("a few km (between 2 and 5 km)" -> "a few km"), miles spelled out."""
    return units_spelled(re.sub(r" \(([±+−]|between )[^)]*\)", "", text))


def claim_reviewed(
    claim: Claim, places: Mapping[str, str], labels: Mapping[str, str], gazetteer: Gazetteer
) -> str:
    """The claim in a sentence of at most SHORT_CHARS characters where its places' names allow.
    `places`: role -> place id where the claim names one place (every reading agrees)."""
    names = dict(labels)

    def sentence() -> str:
        text = _as_claimed(statement(claim, places, names)).replace("“", "").replace("”", "")
        return text[:1].upper() + text[1:]

    spare: dict[str, list[str]] = {}
    for pid in set(places.values()):
        place = gazetteer.get(pid)
        if place is not None and pid in names:
            spare[pid] = shorter_names(place, gazetteer, names[pid], claim.quote)
    text = sentence()
    while len(text) > SHORT_CHARS:
        left = [pid for pid, options in spare.items() if options]
        if not left:
            break
        longest = max(left, key=lambda pid: (len(names[pid]), pid))
        names[longest] = spare[longest].pop(0)
        text = sentence()
    return text
