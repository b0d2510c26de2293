"""Showcases run a concept's name pattern only on text holding its cue words: the concepts
found must be those every pattern finds when run on every text."""

from __future__ import annotations

import pytest

from tutor.study.showcases import _named, _NameFinder

CONCEPTS = [
    {"id": "for-loop", "name": "for loop", "aliases": ["for-statement"]},
    {"id": "class", "name": "class", "aliases": []},
    {"id": "len", "name": "len()", "aliases": []},
    {"id": "kwargs", "name": "**kwargs", "aliases": []},
    {"id": "strasse", "name": "Straße", "aliases": []},
    {"id": "truth-table", "name": "truth table", "aliases": ["TT"]},
    {"id": "list", "name": "list", "aliases": ["sequence of values"]},
]

TEXTS = [
    "A For-Loop runs the body once per item; classes group data.",
    "The for\u00a0loop and the for-statement, then a list of lists.",
    "Call len() on a list; pass **kwargs to the function.",
    "The ſtraße of a claſs and a Truth Tables page",  # long s pairs with "s" when ignoring case
    "\u212aelvin: a \u201cclass\u201d, in quotes, a sequence  of\nvalues",
    "formal forloop classy listing truthtable",  # near misses: nothing
    "",
]


def _every_pattern(text: str, finder: _NameFinder) -> list[str]:
    last: dict[str, tuple[int, int]] = {}
    for concept_id, pattern in finder.patterns:
        for match in pattern.finditer(text):
            last[concept_id] = max(last.get(concept_id, (0, 0)),
                                   (match.end(), match.end() - match.start()))
    return sorted(last, key=lambda c: last[c], reverse=True)


@pytest.mark.parametrize("text", TEXTS)
def test_the_cue_words_never_hide_a_name_the_pattern_finds(text: str) -> None:
    finder = _NameFinder(CONCEPTS)
    assert _named(text, "", finder) == _every_pattern(text, finder)


def test_text_without_the_cue_words_runs_no_pattern() -> None:
    finder = _NameFinder(CONCEPTS)
    run = {c for c, _ in finder.candidates("formal forloop classy listing truthtable")}
    assert run == {"kwargs", "strasse"}  # names starting with a symbol or not ASCII
    assert {c for c, _ in finder.candidates("a \u017f")} == {c["id"] for c in CONCEPTS}
