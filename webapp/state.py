"""What the pages share: settings, the learner store, the signed-in learner, the chosen course
and the lesson object, kept in ``st.session_state`` (one browser session = one learner)."""

from __future__ import annotations

import streamlit as st

from tutor.catalog import list_course_names, load_course
from tutor.context import TutorContext
from tutor.course import Course
from tutor.errors import TutorError
from tutor.learner.store import Learner, LearnerStore

LEARNER = "learner_id"
COURSE = "course_name"
LESSON = "lesson"


@st.cache_resource
def context() -> TutorContext:
    return TutorContext.from_env()


@st.cache_resource
def store() -> LearnerStore:
    return LearnerStore.default(context())


def learner_id() -> str | None:
    return st.session_state.get(LEARNER)


def course_name() -> str | None:
    return st.session_state.get(COURSE)


def current_course() -> Course | None:
    name = course_name()
    if not name:
        return None
    try:
        return load_course(name, context().home)
    except TutorError as exc:
        st.error(str(exc))
        return None


def lesson():  # noqa: ANN201 - tutor.teach.lesson.Lesson
    """The lesson of the signed-in learner on the chosen course (one per pair, resumable)."""
    from tutor.teach.lesson import Lesson

    key = (learner_id(), course_name())
    held = st.session_state.get(LESSON)
    if held is None or held[0] != key:
        held = (key, Lesson(key[1], key[0], context=context()))
        st.session_state[LESSON] = held
    return held[1]


def sidebar() -> None:
    """Learner profile and course pickers, on every page."""
    with st.sidebar:
        st.subheader("Learner")
        people = store().list_learners()
        current = learner_id()
        if current:
            who = next((p for p in people if p.id == current), None)
            st.write(f"Signed in as **{who.name if who else current}**")
            if st.button("Switch learner", key="switch_learner"):
                for key in (LEARNER, LESSON):
                    st.session_state.pop(key, None)
                st.rerun()
        else:
            _sign_in(people)
        st.subheader("Course")
        names = list_course_names(context().home)
        if not names:
            st.info("No built course yet: add one on the Author page.")
            return
        chosen = course_name()
        index = names.index(chosen) if chosen in names else 0
        picked = st.selectbox("Course", names, index=index, key="course_picker",
                              label_visibility="collapsed")
        if picked != chosen:
            st.session_state[COURSE] = picked
            st.session_state.pop(LESSON, None)


def _sign_in(people: list[Learner]) -> None:
    tab_existing, tab_new = st.tabs(["Existing", "New"])
    with tab_existing:
        if people:
            person = st.selectbox("Profile", people, format_func=lambda p: p.name,
                                  key="profile_picker")
            secret = (st.text_input("Passphrase", type="password", key="signin_secret")
                      if person and person.has_passphrase else None)
            if st.button("Continue", key="signin"):
                if store().verify_passphrase(person.id, secret):
                    st.session_state[LEARNER] = person.id
                    st.rerun()
                else:
                    st.error("Wrong passphrase.")
        else:
            st.caption("No profiles yet.")
    with tab_new:
        name = st.text_input("Your name", key="new_name", max_chars=40)
        secret = st.text_input("Passphrase (optional)", type="password", key="new_secret")
        if st.button("Create profile", key="create_profile"):
            try:
                person = store().create_learner(name, secret or None)
            except TutorError as exc:
                st.error(str(exc))
            else:
                st.session_state[LEARNER] = person.id
                st.rerun()


def require_learner_and_course() -> tuple[str, Course] | None:
    """The learner and course a page needs, or None after telling the user what to pick."""
    course = current_course()
    who = learner_id()
    if who is None:
        st.info("Create or pick a learner profile in the sidebar to start.")
        return None
    if course is None:
        st.info("Pick a course in the sidebar.")
        return None
    return who, course
