from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.gazetteer.names import (
    FUZZY_CUTOFF,
    Match,
    keys_of_spellings,
    normalize,
    rank,
    spelling,
    spellings,
    vowels_agree,
)
from oracles import key_of_spelling_one_by_one, spelling_one_by_one

GEONAMES = Path(__file__).parent / "data" / "geonames"

TANF = ["At Tanf", "Al Tanf", "Tanf", "التنف", "al-Tanf", "AL-TANF", "at-Tanf", "El Tanf"]
SHAMIYAH = [
    "Ash Shamiyah",
    "ash-Shamiyah",
    "al-Shamiyah",
    "Al-Shamiya",
    "Shāmīyah",
    "Shamiyya",
    "al-Shāmiyyah",
    "الشامية",
    "الشّاميّة",
]


@pytest.mark.parametrize("name", TANF)
def test_forms_of_tanf_share_a_key(name: str) -> None:
    assert normalize(name) == normalize("al-Tanf") == "tnf"


@pytest.mark.parametrize("name", SHAMIYAH)
def test_forms_of_shamiyah_share_a_key(name: str) -> None:
    assert normalize(name) == normalize("al-Shamiyah")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Al Walid", "الوليد"),
        ("Walid", "al-Walid"),
        ("Ar Rutbah", "الرطبة"),
        ("Rutba", "ar-Rutbah"),
        ("Tadmur", "Tadmor"),
        ("Tadmur", "تدمر"),
        ("Deir ez-Zor", "Dayr az Zawr"),
        ("Deir ez-Zor", "دير الزور"),
        ("Ain Issa", "عين عيسى"),
        ("ʿAyn al-ʿArab", "عين العرب"),
        ("Abu Kamal", "أبو كمال"),
        ("Al Bukamal", "البوكمال"),
        ("Kobani", "كوباني"),
        ("Idlib", "إدلب"),
        ("As Suwayda", "السويداء"),
        ("Raqqa", "ar-Raqqah"),
        ("Raqqa", "الرقة"),
        ("Hama", "حماة"),
        ("Homs", "Hims"),
        ("Tall Abyad", "Tell Abyad"),
        ("Tall Abyad", "تل أبيض"),
        ("Rukban", "الركبان"),
        ("Al Qaim", "القائم"),
        ("Abu l-Fadl", "Abu Fadl"),
    ],
)
def test_romanisations_and_arabic_script_share_a_key(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Tanf", "Walid"),
        ("Alexandria", "Xandria"),  # "al" glued to the word is not the article
        ("Alexandria", "Exandria"),
        ("At Tanf", "Tanf At"),  # an article form is an article only before a word
        ("As Tanf", "Tanf"),  # as- assimilates only before s: "As" here is not the article
        ("Sham", "Shamiyah"),  # the -iya ending is kept
        ("Hama", "Hammam"),  # doubling collapses only where a vowel precedes it
        ("Hama", "Homs"),
        ("Damascus", "Dimashq"),  # exonym and endonym: an alias's job, not normalisation
        ("Khan", "Han"),  # kh and h are different letters
    ],
)
def test_distinct_names_keep_distinct_keys(a: str, b: str) -> None:
    assert normalize(a) != normalize(b)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Tadmur", "tdmr"),
        ("Alexandria", "lxndr"),
        ("Al Walid", "wld"),
        ("Ar Rutbah", "rtb"),
        ("Yarmouk", "yrmk"),  # a word-initial y is a consonant
        ("Al", "l"),  # a lone article is a word
        ("T-4 airbase", "t 4 rbs"),
        ("  ", ""),
        ("", ""),
    ],
)
def test_keys(name: str, key: str) -> None:
    assert normalize(name) == key


def test_spelling_keeps_vowels_for_fuzzy_matching() -> None:
    assert spelling("al-Tamf") == "tamf"
    assert spelling("Ash-Shāmīyah") == "shamiya"
    assert spelling("Deir ez-Zor") == "deir zor"


@pytest.mark.parametrize(
    ("name", "spelled"),
    [
        ("Abu l-Kamal", "abu kamal"),  # "l-" is an article: the separator decides
        ("Abu  l Kamal", "abu l kamal"),  # a lone "l" between spaces is an initial
        ("Abū al-Kamāl", "abu kamal"),
        ("At  Tanf", "tanf"),  # empty tokens between two spaces
        (" at Tanf ", "tanf"),
        ("Tall\u00a0at Tanf", "tal tanf"),  # a no-break space is not a token break
        ("e\u0301 Tanf", "e tanf"),  # a combining mark composes within its token
        ("x \u0301a", "x a"),  # and after a space, with nothing
        ("دير الزور", "dyr zwr"),
        ("Al", "al"),  # the last word is never an article
        ("Hamah al", "hama al"),
        ("al al Ḩammāh", "hama"),
        ("Al‘Ayn", "al'ayn"),
        ("ﻃﺮﻃﻮﺱ", "trtws"),  # Arabic presentation forms
        ("el Sheikh\tZuweid", "sheikh zuweid"),
        ("ΣΑΣ al", "sas al"),
    ],
)
def test_spelling_folds_each_token_as_the_whole_name(name: str, spelled: str) -> None:
    """Tokens between spaces are folded (and cached) one by one: the result is what folding
    the whole name gives, whatever the spaces, marks or scripts around them."""
    assert spelling(name) == spelled


GAZETTEER = [
    ("tanf-garrison", ["al-Tanf", "At Tanf garrison"]),
    ("walid", ["al-Walid", "Al Waleed crossing"]),
    ("shamiyah", ["al-Shamiyah"]),
    ("tanf-crossing", ["al-Tanf crossing"]),
]


@pytest.mark.parametrize(
    ("query", "place_id", "matched", "how"),
    [
        ("al-Tanf", "tanf-garrison", "al-Tanf", "exact"),
        ("AL-TANF", "tanf-garrison", "al-Tanf", "exact"),
        ("at tanf garrison", "tanf-garrison", "At Tanf garrison", "alias"),
        ("Tanf", "tanf-garrison", "al-Tanf", "transliteration"),
        ("التنف", "tanf-garrison", "al-Tanf", "transliteration"),
        ("Ash Shamiyah", "shamiyah", "al-Shamiyah", "transliteration"),
        ("الوليد", "walid", "al-Walid", "transliteration"),
    ],
)
def test_rank_says_how_it_matched(query: str, place_id: str, matched: str, how: str) -> None:
    best = rank(query, GAZETTEER)[0]
    assert (best.place_id, best.matched_name, best.how, best.score) == (
        place_id,
        matched,
        how,
        100.0,
    )


def test_fuzzy_finds_a_typo_with_its_score() -> None:
    (best, *_) = rank("al-Tamf", GAZETTEER)
    assert best == Match("tanf-garrison", "al-Tanf", "fuzzy", 75.0)
    assert best.score >= FUZZY_CUTOFF


def test_no_match_is_an_empty_list() -> None:
    assert rank("Palmyra", GAZETTEER) == []
    assert rank("", GAZETTEER) == []
    assert rank("Walid", [("tanf", ["al-Tanf"])]) == []


def test_rank_orders_by_score_then_how_then_id_never_input_order() -> None:
    places = [
        ("b-fuzzy", ["al-Tamf"]),
        ("z-translit", ["At Tanf"]),
        ("a-translit", ["Tanf"]),
        ("m-exact", ["al-Tanf"]),
    ]
    expected = ["m-exact", "a-translit", "z-translit", "b-fuzzy"]
    assert [m.place_id for m in rank("al-Tanf", places)] == expected
    assert [m.place_id for m in rank("al-Tanf", places[::-1])] == expected
    assert [m.how for m in rank("al-Tanf", places)] == [
        "exact",
        "transliteration",
        "transliteration",
        "fuzzy",
    ]


def test_limit_keeps_ties() -> None:
    twins = [(f"tanf-{i}", ["Tanf"]) for i in range(3)] + [("other", ["Tamf"])]
    assert [m.place_id for m in rank("al-Tanf", twins, limit=1)] == ["tanf-0", "tanf-1", "tanf-2"]
    assert [m.place_id for m in rank("al-Tanf", twins, limit=4)][-1] == "other"
    assert rank("al-Tanf", twins, limit=0) == []


def test_best_name_of_a_place_wins_not_its_first() -> None:
    (best,) = rank("At Tanf garrison", [("g", ["Tanf garrison", "At Tanf garrison"])])
    assert (best.matched_name, best.how) == ("At Tanf garrison", "alias")


@given(st.text())
def test_normalize_is_idempotent_and_total(text: str) -> None:
    key = normalize(text)
    assert normalize(key) == key
    assert key == key.strip() and "  " not in key


@given(st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)))
def test_normalize_is_idempotent_on_arabic_script(text: str) -> None:
    key = normalize(text)
    assert normalize(key) == key
    assert key.isascii()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Tadmur", "Tadmor"),
        ("Deir ez-Zor", "Dayr az Zawr"),
        ("Walid", "Waleed"),
        ("Tall Abyad", "Tell Abyad"),
        ("Idlib", "Edlib"),
        ("Sweida", "Suwayda"),
        ("Suwaida", "As Suwayda"),
        ("Hasakah", "Hassakeh"),
        ("Bukamal", "Boukamal"),
        ("Ain Issa", "Ayn Isa"),
        ("Kobani", "Kobane"),
        ("Al Qaim", "Al Qa'im"),
        ("Mayadin", "Mayadeen"),
        ("Hama", "حماة"),  # Arabic script writes no short vowels
        ("Tanf", "التنف"),
    ],
)
def test_romanisations_of_one_name_agree_in_their_vowels(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)
    assert vowels_agree(a, b) and vowels_agree(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hama", "Hima"),  # a and i: another town
        ("Rikbin camp", "Rukban camp"),
        ("Damscus", "Damascus"),  # a vowel left out: a typo
        ("Sayda", "Suwayda"),  # Sidon is not as-Suwayda
        ("Homs", "Hims"),  # a true variant, but only an alias can say so
        ("Hm", "Hama"),
    ],
)
def test_names_that_share_only_their_consonants_do_not_agree(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)
    assert not vowels_agree(a, b) and not vowels_agree(b, a)


# --- spelling names in bulk -------------------------------------------------------------------

#: what names are made of where it matters: articles in every form, separators, ʿayn and hamza,
#: doubled letters, final -ah, y and w, Arabic script with its article, marks, tatweel and
#: presentation forms, Latin diacritics, other scripts
_NAME_PARTS = st.sampled_from(
    [
        "al", "Al", "el", "l", "L", "at", "ath", "ad", "adh", "ar", "az", "as", "ash", "an", "es",
        "ez", "et", "Tanf", "Thawra", "tt", "Sham", "Rutbah", "Raqqa", "Shamiyya", "Walid",
        "Yarmuk", "wadi", "aya", "Deir", "Zor", "Abu", "Kamal", "x", "a", "y", "w", "h", "eh",
        "ʿ", "‘", "’", "`", "'", "-", " ", "  ", ",", ".", "(", "\u00a0", "\u2019", "\n", "\t",
        "ال", "ٱل", "التنف", "الراوي", "عين", "الشّاميّة", "وليد", "كوباني", "ي", "و", "ـ", "ة",
        "ﻻ", "ﷲ",
        "Ḩ", "ā", "ī", "ū", "é", "ß", "İ", "Ж", "ד", "中", "0", "9",
    ]
)  # fmt: skip
_NAMES = st.lists(st.lists(_NAME_PARTS, max_size=8).map("".join), max_size=6)


@given(_NAMES)
def test_spellings_in_bulk_are_the_spellings_one_by_one(names: list[str]) -> None:
    spelled = [spelling_one_by_one(name) for name in names]
    assert spellings(names) == spelled
    assert keys_of_spellings(spelled) == [key_of_spelling_one_by_one(s) for s in spelled]


@pytest.mark.parametrize("dump", sorted(GEONAMES.glob("*.txt")), ids=lambda p: p.stem)
def test_spellings_in_bulk_of_real_names(dump: Path) -> None:
    rows = [line.split("\t") for line in dump.read_text("utf-8").splitlines()]
    names = [n for f in rows for n in (f[1], f[2], *f[3].split(",")) if n]
    assert len(names) > 20
    spelled = [spelling_one_by_one(name) for name in names]
    assert spellings(names) == spelled == [spelling(name) for name in names]
    assert keys_of_spellings(spelled) == [key_of_spelling_one_by_one(s) for s in spelled]
