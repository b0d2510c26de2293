"""Purpose items on a reference entry: read from the entry itself, siblings from its section."""

from __future__ import annotations

from tests.factories import manual_pages
from tutor.course import Citation, Concept, DefinitionKind, ExerciseKind
from tutor.engine.offline.terms import term_variants
from tutor.engine.offline.writing.checking import check_exercise
from tutor.engine.offline.writing.entry_purposes import (
    as_task,
    entry_purposes,
    entry_section_passages,
)
from tutor.engine.offline.writing.exercise_material import gather
from tutor.engine.offline.writing.purpose_exercises import write_purposes

_ENTRIES = {
    "boil-water": ("kettle:boil-water pot [Function]",
                   "Bring the kettle to the temperature needed for brewing."),
    "pour-tea": ("kettle:pour-tea cup [Function]",
                 "Fill cup with the brewed tea from the pot."),
    "steep-leaves": ("kettle:steep-leaves leaves [Function]",
                     "Soak the tea leaves in hot water for three minutes."),
    "wash-cup": ("kettle:wash-cup cup [Function]",
                 "Rinse cup under running water and dry the cup with a towel."),
    "count-saucers": ("kettle:count-saucers [Function]",
                      "Returns the number of clean saucers on the shelf."),
}
_SECTION = "4.2 Brewing"


def _page(names: list[str]) -> str:
    return "\n".join(line for name in names for line in _ENTRIES[name])


def _concept(name: str, kind: DefinitionKind = DefinitionKind.DESCRIPTION,
             page: int = 1) -> Concept:
    signature, text = _ENTRIES.get(name, ("", f"The {name} is part of the kettle library."))
    return Concept(id=name, name=name, definition=f"{name}: {text}",
                   citations=[Citation(source="m.pdf", page=page)], section=_SECTION,
                   definition_kind=kind, key_points=[f"{name}: {signature}"])


def _written(concept: Concept, chunks):
    material = gather(concept, term_variants(concept.name, concept.aliases), chunks)
    return write_purposes(material, [], chunks)


def test_the_task_an_entry_does_is_asked_among_its_sections_other_entries() -> None:
    chunks = manual_pages((_SECTION, _page(list(_ENTRIES))))
    concept = _concept("boil-water")
    items = _written(concept, chunks)
    need = [e for e in items if "-purpose-need-" in e.id]
    assert len(need) == 1
    item = need[0]
    assert item.prompt == ("You want to bring the kettle to the temperature needed for brewing. "
                           "Which of these do you use?")
    assert item.answer == "boil-water"
    # the wrong options are the other entries of the section, none a concept of the map
    assert set(item.choices or []) - {"boil-water"} <= {"pour-tea", "steep-leaves", "wash-cup",
                                                       "count-saucers"}
    assert item.tests_use
    assert check_exercise(item, concept, chunks).ok


def test_a_defined_entry_gets_the_task_item_only() -> None:
    chunks = manual_pages((_SECTION, _page(list(_ENTRIES))))
    items = _written(_concept("boil-water", DefinitionKind.DEFINITION), chunks)
    assert [e.kind for e in items] == [ExerciseKind.MULTIPLE_CHOICE]
    assert "-purpose-need-" in items[0].id


def test_no_item_is_keyed_to_a_name_the_entry_does_not_own() -> None:
    chunks = manual_pages((_SECTION, _page(list(_ENTRIES))))
    for name in ("kettle", "pot", "cup"):  # the package, an argument
        material = gather(_concept(name), term_variants(name), chunks)
        assert entry_purposes(material, chunks) == (None, [], "")
        assert _written(_concept(name), chunks) == []


def test_a_described_entry_with_too_few_siblings_is_asked_what_it_is_for() -> None:
    chunks = manual_pages((_SECTION, _page(["boil-water", "pour-tea", "steep-leaves"])))
    concept = _concept("boil-water")
    items = _written(concept, chunks)
    assert [e.kind for e in items] == [ExerciseKind.SHORT_ANSWER]
    assert items[0].prompt == "What is the boil-water function used for?"
    assert items[0].answer == "To bring the kettle to the temperature needed for brewing."
    assert check_exercise(items[0], concept, chunks).ok


def test_what_an_entry_returns_is_asked_as_what_the_user_wants_to_get() -> None:
    assert as_task("return the number of messages in the mailbox") == (
        "get the number of messages in the mailbox")
    assert as_task("return t if queue is empty, nil otherwise") == "test whether queue is empty"
    assert as_task("heat the water in pot") == "heat the water in pot"


def test_a_concept_owning_an_entry_is_given_its_sections_other_entry_pages() -> None:
    chunks = manual_pages((_SECTION, _page(["boil-water", "pour-tea"])),
                          (_SECTION, _page(["steep-leaves", "wash-cup"])),
                          (_SECTION, _page(["count-saucers"])),
                          ("5 Cleaning", "Cups are washed by hand."))
    concepts = [c.model_dump() for c in (_concept("boil-water"), _concept("kettle"))]
    given = entry_section_passages(concepts, chunks)
    assert list(given) == ["boil-water"]
    assert [c.page for c in given["boil-water"]] == [2, 3]
