"""Course map: the concept graph coloured by the learner's mastery, read a part at a time at
book scale (chapters, search, a concept's neighbourhood); select a concept to see its
definition, citations, what it builds on and leads to, how many exercises it has (never their
prompts or keys), and to learn it next."""

from __future__ import annotations

import streamlit as st

from tutor.errors import TutorError
from tutor.safety.markup import displayed, inert_markdown
from tutor.views.concept_map import LEGEND
from webapp import state
from webapp.map_view import map_panel, outline_panel


def main() -> None:
    st.title("Course map")
    course = state.current_course()
    if course is None:
        st.info("Pick a course in the sidebar.")
        return
    mastery: dict[str, float] = {}
    due: set[str] = set()
    read: set[str] = set()
    who = state.learner_id()
    if who:
        model = state.store().load(who, course.slug or state.course_name() or "")
        mastery = {cid: m.p_known for cid, m in model.concepts.items() if m.attempts}
        due = set(model.due_reviews(state.store().clock()))
        read = set(model.read)
    names = {c.id: c.name for c in course.concepts}
    selected = map_panel(course, "map", mastery, due, read)
    legend = " &nbsp; ".join(
        f"<span style='background:{colour};border:1px solid #9e9e9e;border-radius:3px;"
        f"display:inline-block;width:0.9em;height:0.9em;vertical-align:middle'></span> {label}"
        for colour, label in LEGEND)
    st.markdown(legend, unsafe_allow_html=True)
    st.caption("Dashed border: a review is due. Arrows point from a prerequisite to what "
               "builds on it. Read: taught with no exercise on it, read, not checked. Hover a "
               "concept for its mastery.")
    if selected is None:
        st.subheader("Chapters")
        outline_panel(course, mastery, read)
        return
    concept = course.concept(selected)
    st.subheader(inert_markdown(concept.name))
    if not concept.defined:
        st.caption("The course doesn't define this concept outright; it says:")
    st.markdown(displayed(concept.definition))
    if concept.citations:
        st.caption("Sources: " + inert_markdown(", ".join(c.label() for c in concept.citations)))
    prereqs = [names[p] for p in course.prerequisites_of(selected) if p in names]
    if prereqs:
        st.markdown("**Builds on:** " + inert_markdown(", ".join(prereqs)))
    dependents = [names[d] for d in course.dependents_of(selected) if d in names]
    if dependents:
        st.markdown("**Leads to:** " + inert_markdown(", ".join(dependents)))
    if selected in mastery:
        st.progress(min(1.0, mastery[selected]), text=f"Mastery {mastery[selected]:.0%}")
    # The exercises themselves are not listed: a cloze prompt or a "which term" question
    # gives its answer away, and learners meet them in the lesson.
    count = len(course.exercises_for(selected))
    st.caption(f"{count} exercise(s) on this concept"
               + ("" if count else ": it is read, not checked"))
    verb = "Learn" if count else "Read"
    if who and st.button(f"{verb} “{inert_markdown(concept.name)}” now", type="primary",
                         key="learn_now"):
        try:
            state.lesson().focus(selected)
        except TutorError as exc:
            st.error(inert_markdown(str(exc)))
        else:
            st.switch_page("webapp/learn.py")


main()
