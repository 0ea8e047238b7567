"""Earlier mentions: "the border post" takes its name from "the al-Tanf border post" before it."""

from __future__ import annotations

import re
from bisect import bisect_right

from claimcheck.claims.extract.patterns import _NAME_WORD
from claimcheck.frozen import frozen
from claimcheck.gazetteer.places import Gazetteer, PlaceRef


def _ids(name: str | None, gazetteer: Gazetteer, earlier: str) -> tuple[str, ...]:
    """Gazetteer ids a phrase means; "the border post" takes its name from an earlier mention
    such as "the al-Tanf border post", as a reader would."""
    if not name:
        return ()
    for candidate in (name, *_earlier_mentions(name, earlier)):
        found = gazetteer.resolve(PlaceRef(candidate)).places
        if found:
            return tuple(p.id for p in found)
    return ()


def _mention_re(name: str) -> re.Pattern[str]:
    """One to three capitalised words, then the name: "the al-Tanf border post"."""
    return re.compile(rf"((?:{_NAME_WORD}\s+){{1,3}}){re.escape(name)}\b")


def _earlier_mentions(name: str, earlier: str) -> list[str]:
    return [f"{m.group(1)}{name}" for m in reversed(list(_mention_re(name).finditer(earlier)))]


#: Every word that follows white space, where a name's mention can go on (`_Mentions`).
_WORD_AFTER_SPACE = re.compile(r"(?<=\s)\w*")


_LEADING_WORD = re.compile(r"\w*")


#: The one to three "word, white space" steps `_mention_re` may take before a name, matched on
#: the text reversed from the name back: where a mention of the name can start, at the earliest.
#: The word just before the name has a capital (it is, or ends, a `_NAME_WORD`), or there is
#: no mention: most names ("from the border") need no scan at all.
_WORDS_BACKWARDS = re.compile(r"\s+(?=[\w’'-]*[A-Z])[\w’'-]+(?:\s+[\w’'-]+){0,2}")


@frozen
class _Regions:
    """The stretches of text where mentions of one name can be found, in text order (disjoint),
    with the ids of the latest mention that resolves up to the end of each stretch."""

    starts: list[int]
    ends: list[int]
    latest: list[tuple[str, ...]]


class _Mentions:
    """`_ids` for every draft of one text, without rescanning the text before each draft.

    Scanning all the text before every draft for earlier mentions made extraction quadratic in
    the article's length. Here the text's words are indexed once; a name's possible mentions are
    looked up in the index, scanned (with the same pattern) once around each occurrence, and a
    draft takes the latest one before it. Only the stretch a draft's start cuts through is
    scanned again, since a mention there may end where the draft starts. Same answers as `_ids`.
    """

    def __init__(self, text: str, gazetteer: Gazetteer) -> None:
        self._text = text
        self._gazetteer = gazetteer
        self._backwards = ""
        self._words: dict[str, list[int]] = {}
        self._regions: dict[str, _Regions] = {}
        self._found: dict[str, tuple[str, ...]] = {}
        self._patterns: dict[str, re.Pattern[str]] = {}

    @property
    def text(self) -> str:
        return self._text

    def ids(self, name: str | None, before: int) -> tuple[str, ...]:
        """The gazetteer ids `name` means, read in the text before offset `before`."""
        if not name:
            return ()
        ids = self._lookup(name)
        if ids:
            return ids
        if name[0].isspace():
            # the pattern would find such a name inside a run of white space, which the
            # regions do not cover; the rules never draft one (their phrases are stripped)
            return _ids(name, self._gazetteer, self._text[:before])
        regions = self._regions.get(name) or self._find(name)
        text, cut = self._text, before
        # a mention ending exactly at `before` may exist only in the cut text ("Tanf|ield")
        start = before - len(name)
        if start > 0 and text.startswith(name, start):
            cut = min(cut, self._earliest(start, before))
        after = bisect_right(regions.ends, before)
        if after < len(regions.starts) and regions.starts[after] < before:
            cut = min(cut, regions.starts[after])
        done = bisect_right(regions.ends, cut)
        if done < len(regions.starts) and regions.starts[done] < cut:
            cut = regions.starts[done]
        if cut < before:
            for m in reversed(list(self._pattern(name).finditer(text, cut, before))):
                ids = self._lookup(f"{m.group(1)}{name}")
                if ids:
                    return ids
        return regions.latest[done - 1] if done else ()

    def _pattern(self, name: str) -> re.Pattern[str]:
        """Compiled only for a name that has a word before it somewhere (most have none)."""
        pattern = self._patterns.get(name)
        if pattern is None:
            pattern = self._patterns[name] = _mention_re(name)
        return pattern

    def _lookup(self, name: str) -> tuple[str, ...]:
        ids = self._found.get(name)
        if ids is None:
            ids = tuple(p.id for p in self._gazetteer.resolve(PlaceRef(name)).places)
            self._found[name] = ids
        return ids

    def _earliest(self, start: int, end: int) -> int:
        """Where a mention of the name at `start` can begin (`end` if no word precedes it)."""
        steps = _WORDS_BACKWARDS.match(self._backwards, len(self._text) - start)
        return start - (steps.end() - steps.start()) if steps else end

    def _find(self, name: str) -> _Regions:
        text = self._text
        if not self._backwards:
            self._backwards = text[::-1]
            for word in _WORD_AFTER_SPACE.finditer(text):
                self._words.setdefault(word.group(), []).append(word.start())
        # a mention puts white space before the name, so the name starts a word of the index
        key = _LEADING_WORD.match(name)
        spans = []
        for start in self._words.get(key.group() if key else "", []):
            if text.startswith(name, start):
                # +1: the \b after the name looks at the next character
                end = min(len(text), start + len(name) + 1)
                earliest = self._earliest(start, end)
                if earliest < end:
                    spans.append((earliest, end))
        spans.sort()
        starts: list[int] = []
        ends: list[int] = []
        for lo, hi in spans:
            if ends and lo < ends[-1]:
                ends[-1] = max(ends[-1], hi)
            else:
                starts.append(lo)
                ends.append(hi)
        latest: list[tuple[str, ...]] = []
        found: tuple[str, ...] = ()
        for lo, hi in zip(starts, ends, strict=True):
            for m in self._pattern(name).finditer(text, lo, hi):
                found = self._lookup(f"{m.group(1)}{name}") or found
            latest.append(found)
        regions = _Regions(starts, ends, latest)
        self._regions[name] = regions
        return regions
