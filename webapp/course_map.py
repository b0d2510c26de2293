"""Course map: the concept graph coloured by the learner's mastery; select a concept to see
its definition, citations and exercises, and to learn it next."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from tutor.views.concept_map import MASTERY_BANDS, concept_map_dot
from tutor.views.math_text import normalise_math
from webapp import state


def main() -> None:
    st.title("Course map")
    course = state.current_course()
    if course is None:
        st.info("Pick a course in the sidebar.")
        return
    mastery: dict[str, float] = {}
    due: set[str] = set()
    who = state.learner_id()
    if who:
        model = state.store().load(who, course.slug or state.course_name() or "")
        mastery = {cid: m.p_known for cid, m in model.concepts.items() if m.attempts}
        due = set(model.due_reviews(datetime.now(UTC)))
    names = {c.id: c.name for c in course.concepts}
    order = course.teaching_order()
    selected = st.selectbox("Concept", order, format_func=lambda cid: names[cid],
                            index=None, placeholder="Select a concept to see its details",
                            key="map_concept")
    st.graphviz_chart(concept_map_dot(course, mastery, selected, due), width="stretch")
    st.caption("  ".join(f"■ {label}" for _, _, label in MASTERY_BANDS)
               + " · dashed border: review due · arrows point from a prerequisite")
    legend = st.columns(len(MASTERY_BANDS))
    for column, (_, colour, label) in zip(legend, MASTERY_BANDS, strict=True):
        column.markdown(f"<span style='color:{colour}'>■</span> {label}", unsafe_allow_html=True)
    if selected is None:
        return
    concept = course.concept(selected)
    st.subheader(concept.name)
    st.markdown(normalise_math(concept.definition))
    if concept.citations:
        st.caption("Sources: " + ", ".join(c.label() for c in concept.citations))
    prereqs = [names[p] for p in course.prerequisites_of(selected) if p in names]
    if prereqs:
        st.markdown("**Builds on:** " + ", ".join(prereqs))
    if selected in mastery:
        st.progress(min(1.0, mastery[selected]), text=f"Mastery {mastery[selected]:.0%}")
    exercises = course.exercises_for(selected)
    with st.expander(f"{len(exercises)} exercise(s)"):
        for exercise in exercises:
            st.markdown(f"- *{exercise.kind.value.replace('_', ' ')}*: "
                        f"{normalise_math(exercise.prompt)}")
    if who and st.button(f"Learn “{concept.name}” now", type="primary", key="learn_now"):
        state.lesson().focus(selected)
        st.switch_page("webapp/learn.py")


main()
