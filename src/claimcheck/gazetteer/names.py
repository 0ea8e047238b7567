"""Place-name matching: one spelling-blind key per name, and a ranking that never guesses.

Reports spell the same place "al-Tanf", "At Tanf", "Tanf" and "التنف". Unvocalised Arabic
writes no short vowels, so the only key that an Arabic-script name and its romanisations can
share is a consonant skeleton: `normalize` strips the article, transliterates, and keeps the
consonants (plus the long vowels that Arabic script writes and romanisations spell in many
ways, reduced by fixed rules). The price is that names differing only in short vowels ("Hama",
"Hima") share a key, exactly as they do in unvocalised Arabic; `rank` therefore reports *how*
each name matched, so an exact or alias hit always outranks a transliteration hit.

Known limits, left to the fuzzy tier: letters that romanisations merge or split differently
(q/k/g, j/g, dh/z, th/s), Arabic prefixes before the article (wa-, bi-, li-), and split or
joined words ("Abu Kamal" / "Albukamal" give different keys).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Literal

from claimcheck.frozen import frozen

How = Literal["exact", "alias", "transliteration", "fuzzy"]

#: Tie-break between equal scores: the more literal match first.
HOW_ORDER: dict[How, int] = {"exact": 0, "alias": 1, "transliteration": 2, "fuzzy": 3}

#: Lowest `rapidfuzz.fuzz.ratio` (0-100) on spelling keys that counts as a fuzzy match: one
#: wrong letter per four ("tamf" ~ "tanf" scores 75), so short names tolerate one typo and
#: longer names two; "tanf" ~ "tall" (50) and "hama" ~ "homs" (25) stay out.
FUZZY_CUTOFF = 75.0

# Arabic letters and digits (not its punctuation), Arabic supplement and extended-A;
# presentation forms are folded into these by NFKC first.
_ARABIC = r"\u0610-\u061a\u0620-\u0669\u066e-\u06d3\u06d5-\u06ff\u0750-\u077f\u08a0-\u08ff"
# The article al- (written with alif, or alif wasla) starting a word of at least two more letters.
# (This pattern and the next start with a letter, not a look-behind: a search then skips to the
# letters it is looking for instead of trying every position.)
_ARABIC_ARTICLE = re.compile(rf"[اٱ](?<![{_ARABIC}][اٱ])ل(?=[{_ARABIC}]{{2}})")
# A final ي / و after a letter of its word is the long vowel -i / -u (Kobani = كوباني), not a
# consonant.
_ARABIC_FINAL_VOWEL = re.compile(rf"[يو](?<=[{_ARABIC}][يو])(?![{_ARABIC}])")
# Short-vowel marks, shadda, sukun, Quranic marks and tatweel: unwritten in ordinary text.
_ARABIC_MARKS = re.compile(r"[\u064b-\u065f\u06d6-\u06ed\u0640]")
#: Arabic script writes no short vowels, so its spelling can never contradict a romanisation's.
UNVOCALISED = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
# Letters that stand for a vowel: alif, alif maqsura, dagger alif, and ta marbuta (the -a/-ah
# ending). anyascii drops plain alif and writes ta marbuta "h"; making them an explicit "a"
# lets the Latin rules below (final -ah, y/w before a final vowel) treat both scripts alike.
_ARABIC_VOWEL_LETTERS = str.maketrans({"ا": "a", "ى": "a", "\u0670": "a", "ة": "a"})

# After anyascii: ʿayn and hamza arrive as ` and ', like the apostrophes and quotes that stand
# for them in romanisations. They are kept as "'" until the y/w rule has seen word starts.
_AYN = str.maketrans("`", "'")
#: what separates two words but a single space (a line break separates two names)
_NOT_ONE_SPACE = re.compile(r"[^a-z0-9'\n ][^a-z0-9'\n]*| [^a-z0-9'\n]+")

# The article: al- and el-; l- after a hyphen (Abu l-Kamal; a lone "l" between spaces is an
# initial); and, assimilated before a sun letter, at-Tanf, ash-Shamiyah, ar-Rutbah, ez-Zor: such
# a form is an article only when the next word starts with the same consonant (optionally after
# ʿayn or hamza). An article is dropped with what separates it from the next word, which it must
# have: the last word of a name is never an article.
# (It starts with the letter it looks for, not a look-behind: a search then skips to those
# letters instead of trying every position.)
_ARTICLE = re.compile(
    r"[ael](?<![a-z0-9'][ael])(?:(?<=[ae])l[^a-z0-9'\n]+|(?<=l)[^a-z0-9'\n]*-[^a-z0-9'\n]*"
    r"|(?<=[ae])(th|dh|sh|t|d|r|z|s|n)[^a-z0-9'\n]+(?='*\1))(?=[a-z0-9'])"
)

_DROP_VOWELS_AND_MARKS = str.maketrans("", "", "aeiou'")
_DOUBLED_AFTER_VOWEL = re.compile(r"([aeiou])([b-df-hj-np-tv-z])\2")  # shadda: Raqqa, -iyya
# ta marbuta: Shamiyah = Shamiya, Rutbeh = Rutbe (the h dropped)
_FINAL_AH = re.compile(r"h(?<=[ae]h)(?![a-z0-9'])")
# y and w are long vowels (Walid = وليد) unless they start a word (Yarmuk, Wadi) or come
# before a final vowel (the consonantal y of -iya: Shamiya = شامية, but Sham != Shamiya).
_MEDIAL_YW = re.compile(r"(?<=[a-z0-9'])[yw](?![aeiou]*(?![a-z0-9']))")


@frozen
class Match:
    """One candidate place that a query can mean, and how sure the match is."""

    place_id: str
    matched_name: str
    how: How
    #: 100 when the query equals the name or its key; the rapidfuzz ratio (0-100) when fuzzy
    score: float


def normalize(name: str) -> str:
    """The match key: consonant skeleton, article, case, script and diacritics ignored.

    `normalize("At Tanf") == normalize("al-Tanf") == normalize("التنف") == "tnf"`. Word breaks
    are kept (as single spaces), so the key is idempotent: normalize(normalize(x)) == the key.
    """
    return key_of_spelling(spelling(name))


@lru_cache(maxsize=1 << 16)
def spelling(name: str) -> str:
    """The romanised spelling with the article, case, diacritics and punctuation removed.

    Vowels are kept, so this is the string that fuzzy matching compares: "al-Tamf" -> "tamf".
    Arabic-script words carry only the vowels Arabic writes ("التنف" -> "tnf").
    """
    return spellings([name])[0]


def spellings(names: Sequence[str]) -> list[str]:
    """`spelling` of each name, worked out on all of them at once: the names are joined into
    one text (a name holds no line break) that each rule rewrites in one pass at C speed, so an
    import pays per character, not per name.
    """
    if not names:
        return []
    text = "\n".join(names)
    if text.count("\n") >= len(names):  # a name with a line break: a separator like any other
        text = "\n".join(name.replace("\n", " ") for name in names)
    if not text.isascii():
        # folding is character by character (Arabic word by word: an Arabic word is a run of
        # its letters), so a whole text folds as its names would one by one; no character
        # folds into a line break
        text = _ARABIC_MARKS.sub("", unicodedata.normalize("NFKC", text))  # inside words
        text = _ARABIC_FINAL_VOWEL.sub(_long_vowel, _ARABIC_ARTICLE.sub("", text))
        text = text.translate(_ANYASCII)  # with _ARABIC_VOWEL_LETTERS
    text = _one_space(_ARTICLE.sub("", text.lower().translate(_AYN)))
    text = _DOUBLED_AFTER_VOWEL.sub(r"\1\2", text)
    return _FINAL_AH.sub("", text).split("\n")


def _long_vowel(m: re.Match[str]) -> str:
    return "i" if m[0] == "ي" else "u"


def _one_space(text: str) -> str:
    """Words one space apart, none at either end of a line."""
    return _NOT_ONE_SPACE.sub(" ", text).replace(" \n", "\n").replace("\n ", "\n").strip(" ")


class _AnyAscii(dict[int, str]):
    """anyascii as a str.translate table, filled on first sight of each character (anyascii
    maps character by character, without context); ASCII maps to itself from the start, and
    the Arabic letters that stand for a vowel to "a" (_ARABIC_VOWEL_LETTERS; they stand only
    in Arabic words, and anyascii leaves "a" as it is)."""

    def __missing__(self, code: int) -> str:
        from anyascii import anyascii

        self[code] = out = str(anyascii(chr(code)))
        return out


_ANYASCII = _AnyAscii({code: chr(code) for code in range(0x80)} | _ARABIC_VOWEL_LETTERS)


#: What each written vowel (after y -> i, w -> u and doubled letters collapsed) can stand for
#: in a romanisation of Arabic: a (fatha, alif), i (kasra, ya), u (damma, waw), y (the diphthong
#: ay) and w (aw). "e" is a, i or ay (Tell/Tall, Edlib/Idlib, Sweida/Suwayda); "o" is u or aw
#: (Tadmor/Tadmur, Zor/Zawr); "ee" reads as "e", so Waleed = Walid.
_VOWEL_SOUNDS: dict[str, str] = {
    "a": "a", "e": "aiy", "i": "i", "o": "uw", "u": "u",
    "ai": "y", "ei": "yi", "ae": "ya", "ie": "i", "au": "w", "ao": "w", "ou": "uw",
}  # fmt: skip
_RUNS = re.compile(r"(.)\1+")


def vowels_agree(a: str, b: str) -> bool:
    """Whether two names with one match key can be one name in two romanisations.

    The key keeps only consonants, so "Hama" and "Hima", "Rukban" and "Rikbin", "Damascus" and
    "Damscus" share one; these are different towns or typos, and matching them would resolve a
    claim to the wrong place. Romanisations of one Arabic name differ in how they write each
    vowel, not in which vowel they write: between every two consonants the vowels must agree
    under _VOWEL_SOUNDS (Deir/Dayr, Zor/Zawr, Waleed/Walid, Tell/Tall agree; Homs/Hims do not,
    an alias's job). Arabic script writes no short vowels, so it agrees with any romanisation.
    """
    if UNVOCALISED.search(a) or UNVOCALISED.search(b):
        return True
    words_a, words_b = spelling(a).split(), spelling(b).split()
    if len(words_a) != len(words_b):
        return words_a == words_b
    return all(_word_vowels_agree(x, y) for x, y in zip(words_a, words_b, strict=True))


def _word_vowels_agree(a: str, b: str) -> bool:
    groups_a, groups_b = _vowel_groups(a), _vowel_groups(b)
    if len(groups_a) != len(groups_b):
        return a == b
    for x, y in zip(groups_a, groups_b, strict=True):
        sounds_x, sounds_y = _sounds(x), _sounds(y)
        if len(sounds_x) != len(sounds_y):
            return False
        if any(not set(p) & set(q) for p, q in zip(sounds_x, sounds_y, strict=True)):
            return False
    return True


def _vowel_groups(word: str) -> list[str]:
    """The letters the key drops between the consonants it keeps (one more than consonants)."""
    dropped = {m.start() for m in _MEDIAL_YW.finditer(word)}
    groups, current = [], ""
    for i, c in enumerate(word):
        if c in "aeiou'" or i in dropped:
            current += c
        else:
            groups.append(current)
            current = ""
    groups.append(current)
    return groups


def _sounds(group: str) -> list[str]:
    """A vowel group as the sounds it can stand for, longest spellings first."""
    text = _RUNS.sub(r"\1", group.replace("'", "").replace("y", "i").replace("w", "u"))
    out, i = [], 0
    while i < len(text):
        pair = text[i : i + 2]
        if len(pair) == 2 and pair in _VOWEL_SOUNDS:
            out.append(_VOWEL_SOUNDS[pair])
            i += 2
        else:
            out.append(_VOWEL_SOUNDS.get(text[i], text[i]))
            i += 1
    return out


@lru_cache(maxsize=1 << 16)
def key_of_spelling(spelled: str) -> str:
    """The match key of a spelling: its consonant skeleton (see `normalize`)."""
    return keys_of_spellings([spelled])[0]


def keys_of_spellings(spelled: Sequence[str]) -> list[str]:
    """`key_of_spelling` of each spelling, all at once as `spellings` works."""
    if not spelled:
        return []
    text = _MEDIAL_YW.sub("", "\n".join(spelled)).translate(_DROP_VOWELS_AND_MARKS)
    return _one_space(text).split("\n")


def rank(
    query: str, candidates: Iterable[tuple[str, Sequence[str]]], limit: int = 5, fuzzy: bool = True
) -> list[Match]:
    """The best match per candidate, best first, ties never broken by input order.

    Each candidate is (place_id, [name, *aliases]). Matches are ordered by score, then `how`
    (exact, alias, transliteration, fuzzy), then place id. `limit` counts places, but matches
    tied with the last one kept (same score and how) are all returned: a caller must see that
    the query is ambiguous rather than get whichever place sorted first. `fuzzy=False` skips
    near misses (and the rapidfuzz import) when only certain matches matter.
    """
    folded = _fold(query)
    if not folded:
        return []
    spelled = spelling(query)
    key = key_of_spelling(spelled)
    best: list[Match] = []
    for place_id, names in candidates:
        found: list[Match] = []
        for i, name in enumerate(names):
            name_spelled = spelling(name)
            if folded == _fold(name):
                found.append(Match(place_id, name, "exact" if i == 0 else "alias", 100.0))
            elif key and key == key_of_spelling(name_spelled):
                found.append(Match(place_id, name, "transliteration", 100.0))
            elif fuzzy and spelled:
                score = _ratio(spelled, name_spelled)
                if score:
                    found.append(Match(place_id, name, "fuzzy", round(score, 1)))
        if found:
            best.append(min(found, key=lambda m: (*_order(m), m.matched_name)))
    best.sort(key=_order)
    kept = best[:limit]
    if kept:
        last = _order(kept[-1])[:2]
        kept += [m for m in best[limit:] if _order(m)[:2] == last]
    return kept


def fuzzy_score(query: str, name: str) -> float:
    """rapidfuzz's ratio (0-100) of the two spellings, with no cut-off: how close a near miss
    is, for a match that shares the key but is not the same name ("Hima" for "Hama")."""
    from rapidfuzz import fuzz

    return round(float(fuzz.ratio(spelling(query), spelling(name))), 1)


def _ratio(a: str, b: str) -> float:
    """rapidfuzz's ratio, imported on the first fuzzy comparison: exact lookups never need it."""
    from rapidfuzz import fuzz

    return float(fuzz.ratio(a, b, score_cutoff=FUZZY_CUTOFF))


def _order(m: Match) -> tuple[float, int, str]:
    return (-m.score, HOW_ORDER[m.how], m.place_id)


def _fold(text: str) -> str:
    """Case-folded, canonically composed (a decomposed "ā" equals a precomposed one)."""
    return unicodedata.normalize("NFC", text).strip().casefold()
