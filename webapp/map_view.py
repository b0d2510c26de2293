"""The concept map panel shared by the Course map and the Author page: search, a chapter
picker and a concept picker above the graph, so a book of hundreds of concepts is read a part
at a time (the chapters alone, one chapter boxed by section, or one concept's neighbourhood).
The grouping and search are in :mod:`tutor.views.course_outline`; this module only renders."""

from __future__ import annotations

import streamlit as st

from tutor.course import Course
from tutor.safety.markup import inert_markdown
from tutor.views.concept_map import band, chapter_map_dot, concept_map_dot
from tutor.views.course_outline import FULL_MAP_MAX, chapters, neighbourhood, search


def map_panel(course: Course, key: str, mastery: dict[str, float] | None = None,
              due: set[str] | None = None, read: set[str] | None = None) -> str | None:
    """Draw the pickers and the graph; return the selected concept id (or ``None``).
    ``key`` prefixes the widget keys (the concept picker is ``<key>_concept``); ``read``: the
    concepts the learner read (no exercise on them)."""
    mastery = mastery or {}
    read = read or set()
    names = {c.id: c.name for c in course.concepts}
    outline = chapters(course)
    by_key = {c.key: c for c in outline}
    left, right = st.columns(2)
    query = left.text_input("Search concepts", key=f"{key}_search",
                            placeholder="Type part of a concept's name")
    chapter_key = right.selectbox(
        "Chapter", list(by_key), format_func=lambda k: by_key[k].title, index=None,
        placeholder=f"All {len(outline)} chapters", key=f"{key}_chapter")
    chapter = by_key.get(chapter_key) if chapter_key else None
    if query.strip():
        options = search(course, query)
        st.caption(f"{len(options)} concept(s) match “{inert_markdown(query.strip())}”")
    elif chapter is not None:
        options = chapter.concepts
    else:
        options = course.teaching_order()
    selected = st.selectbox("Concept", options, format_func=lambda cid: names[cid], index=None,
                            placeholder="Select a concept to see its neighbourhood",
                            key=f"{key}_concept")
    if selected is not None:
        around = neighbourhood(course, selected)
        builds_on = len(course.prerequisites_of(selected))
        st.caption(f"{inert_markdown(names[selected])}, the {builds_on} concept(s) it builds on "
                   f"and the {len(course.dependents_of(selected))} that build on it.")
        dot = concept_map_dot(course, mastery, selected, due, only=around, read=read)
    elif query.strip():
        dot = concept_map_dot(course, mastery, None, due, only=options, read=read)
    elif chapter is not None:
        inside = set(chapter.concepts)
        before = {p for cid in chapter.concepts for p in course.prerequisites_of(cid)} - inside
        dot = concept_map_dot(course, mastery, None, due, only=inside | before,
                              sections=[(s.title, s.concepts) for s in chapter.sections],
                              read=read)
        if before:
            st.caption("Faded: concepts from other chapters this chapter builds on.")
    elif len(course.concepts) <= FULL_MAP_MAX:
        dot = concept_map_dot(course, mastery, None, due, read=read)
    else:
        dot = chapter_map_dot(course, mastery, read=read)
        st.caption(f"{len(course.concepts)} concepts in {len(outline)} chapters: pick a chapter, "
                   "search, or select a concept to see its part of the map.")
    st.graphviz_chart(dot, width="stretch")
    return selected


def outline_panel(course: Course, mastery: dict[str, float] | None = None,
                  read: set[str] | None = None) -> None:
    """The chapters as collapsed lists of sections and concepts, with each concept's mastery
    (``read``: as for :func:`map_panel`)."""
    mastery = mastery or {}
    read = read or set()
    names = {c.id: c.name for c in course.concepts}
    for chapter in chapters(course):
        with st.expander(f"{inert_markdown(chapter.title)} · {len(chapter.concepts)} concept(s)"):
            lines = []
            for section in chapter.sections:
                if len(chapter.sections) > 1 or section.title != chapter.title:
                    lines.append(f"**{inert_markdown(section.title)}**")
                lines += [f"- {inert_markdown(names[cid])} · *{band(mastery.get(cid), cid in read)[1]}*"
                          for cid in section.concepts]
            st.markdown("\n".join(lines))
