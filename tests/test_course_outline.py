"""The concept map at book scale: chapters and sections, search, neighbourhoods, and graphs
small enough to read (the chapters alone, one chapter, one concept and its neighbours)."""

from __future__ import annotations

import re

from tests.factories import book_course, make_course
from tutor.course import Citation, Concept, Course, Prerequisite
from tutor.views.concept_map import chapter_map_dot, concept_map_dot
from tutor.views.course_outline import (
    FULL_MAP_MAX,
    chapter_links,
    chapters,
    neighbourhood,
    search,
)


def nodes(dot: str) -> set[str]:
    return set(re.findall(r'^\s*"([^"]+)" \[', dot, re.M))


def test_a_book_is_grouped_by_numbered_chapter_and_section_in_reading_order() -> None:
    course = book_course(chapters=12, sections=4, per_section=5)
    outline = chapters(course)
    assert [c.key for c in outline] == [str(n) for n in range(1, 13)]
    assert outline[2].title == "3 Chapter 3 basics"  # named by its unnumbered-section head
    assert [s.title for s in outline[2].sections] == [
        "3 Chapter 3 basics", "3.2 Topic 3.2", "3.3 Topic 3.3", "3.4 Topic 3.4"]
    assert sum(len(c.concepts) for c in outline) == len(course.concepts) == 240
    assert outline[0].concepts[:2] == ["idea-1-1-0", "idea-1-1-1"]


def test_unnumbered_sections_of_several_files_group_by_file() -> None:
    def concept(cid: str, source: str, section: str, order: int) -> Concept:
        return Concept(id=cid, name=cid, definition=f"{cid} is a thing.", section=section,
                       first_order=order, citations=[Citation(source=source, page=1)])

    course = Course(title="t", concepts=[
        concept("a", "01-chance.pdf", "Events", 0), concept("b", "01-chance.pdf", "A sample", 1),
        concept("c", "02-variables.md", "Random variables", 2)])
    outline = chapters(course)
    assert [(c.title, [s.title for s in c.sections]) for c in outline] == [
        ("01-chance", ["Events", "A sample"]), ("02-variables", ["Random variables"])]


def test_search_ignores_case_and_punctuation_and_ranks_name_starts_first() -> None:
    course = book_course(chapters=3, sections=2, per_section=3)
    found = search(course, "CORE-idea 2")
    assert found[:2] == ["idea-2-1-0", "idea-2-2-0"]  # the phrase first, in reading order
    assert set(found[2:]) == {"idea-1-2-0", "idea-3-2-0"}  # then every word at a word start
    assert search(course, "idea 3 2")[:2] == ["idea-3-2-1", "idea-3-2-2"]
    assert search(course, "no such thing") == []
    assert search(course, "  ") == []
    aliased = make_course()
    first = aliased.concepts[0]
    first.aliases = ["Zebra-crossing"]
    assert search(aliased, "zebra crossing") == [first.id]


def test_a_neighbourhood_is_the_concept_its_prerequisites_and_its_dependents() -> None:
    course = book_course(chapters=3, sections=2, per_section=3)
    around = neighbourhood(course, "idea-2-1-0")
    assert around[0] == "idea-2-1-0"
    assert set(around) == {"idea-2-1-0", "idea-1-1-0", "idea-2-1-1", "idea-3-1-0"}
    dot = concept_map_dot(course, selected="idea-2-1-0", only=around)
    assert nodes(dot) == set(around)
    assert dot.count("->") == 3


def test_a_book_overview_has_one_node_per_chapter_and_weighted_links() -> None:
    course = book_course(chapters=12, sections=4, per_section=5)
    assert len(course.concepts) > FULL_MAP_MAX
    links = chapter_links(course)
    assert links[("1", "2")] == 4  # each section's first concept builds on the chapter before
    assert ("2", "1") not in links
    dot = chapter_map_dot(course, {cid: 1.0 for cid in chapters(course)[0].concepts})
    assert len(nodes(dot)) == 12
    assert dot.count("->") == 11
    assert "100% mastered" in dot and "0% mastered" in dot


def test_the_chapter_map_shows_concepts_read_as_read() -> None:
    from tutor.views.concept_map import MASTERY_BANDS, READ_BAND

    course = book_course(chapters=3, sections=2, per_section=2)
    first, second, third = chapters(course)
    read = set(first.concepts) | {second.concepts[0]}
    mastery = {second.concepts[0]: 0.99, third.concepts[0]: 0.4}  # practised after reading
    dot = chapter_map_dot(course, mastery, read=read)
    line = {key: next(row for row in dot.splitlines() if f'"chapter:{key}" [' in row)
            for key in ("1", "2", "3")}
    # chapter 1: nothing practised, all of it read; coloured and counted as read
    assert f'fillcolor="{READ_BAND[0]}"' in line["1"] and "4 concepts, 4 read" in line["1"]
    # chapter 2: the read concept was practised since, so it counts by its mastery
    assert "read" not in line["2"] and READ_BAND[0] not in line["2"]
    assert f'fillcolor="{MASTERY_BANDS[-1][1]}"' in line["3"] and "read" not in line["3"]


def test_the_chapter_map_keeps_the_strongest_links_into_each_chapter() -> None:
    course = book_course(chapters=5, sections=2, per_section=2)
    extra = [("idea-1-1-0", "idea-5-1-1"), ("idea-1-2-0", "idea-5-2-1"),
             ("idea-2-1-1", "idea-5-1-0"), ("idea-3-1-1", "idea-5-2-0"),
             ("idea-3-2-1", "idea-5-2-0")]
    course.prerequisites += [Prerequisite(prerequisite=a, concept=b) for a, b in extra]
    into_5 = {a: n for (a, b), n in chapter_links(course).items() if b == "5"}
    assert into_5 == {"1": 2, "2": 1, "3": 2, "4": 2}
    strongest = {a for (a, b) in chapter_links(course, strongest=3) if b == "5"}
    assert strongest == {"1", "3", "4"}
    assert chapter_map_dot(course).count('-> "chapter:5"') == 3


def test_one_chapter_is_boxed_by_section_with_outside_prerequisites_faded() -> None:
    course = book_course(chapters=3, sections=2, per_section=3)
    chapter = chapters(course)[1]
    before = {p for cid in chapter.concepts for p in course.prerequisites_of(cid)}
    before -= set(chapter.concepts)
    dot = concept_map_dot(course, only=set(chapter.concepts) | before,
                          sections=[(s.title, s.concepts) for s in chapter.sections])
    assert dot.count("subgraph cluster_") == 2
    assert nodes(dot) == set(chapter.concepts) | before
    faded = re.findall(r'^\s*"([^"]+)" \[.*fontcolor="#757575"', dot, re.M)
    assert set(faded) == before == {"idea-1-1-0", "idea-1-2-0"}


def test_graphs_name_no_exercise_prompt_or_key() -> None:
    course = book_course(chapters=3, sections=2, per_section=3)
    drawn = concept_map_dot(course) + chapter_map_dot(course)
    assert "secret" not in drawn


def test_chapter_headings_name_chapters_and_section_numbers_order_sections() -> None:
    def concept(cid: str, section: str, order: int) -> Concept:
        return Concept(id=cid, name=cid, definition=f"{cid} is a thing.", section=section,
                       first_order=order, citations=[Citation(source="book.pdf", page=1)])

    course = Course(title="t", concepts=[
        concept("glossary-term", "2.10 Glossary", 0), concept("loop", "Chapter 2: Loops", 1),
        concept("while", "2.1 The while statement", 2), concept("growth", "B.1 Order of growth", 3),
        concept("stray", "Preface", 4), concept("value", "1.1 Values", 5)])
    outline = chapters(course)
    assert [(c.key, c.title) for c in outline] == [
        ("1", "Chapter 1"), ("2", "Chapter 2: Loops"), ("B", "Chapter B"),
        ("Preface", "Preface")]
    assert [s.title for s in outline[1].sections] == [
        "Chapter 2: Loops", "2.1 The while statement", "2.10 Glossary"]
