"""What the pages share: settings, the learner store, the signed-in learner, the chosen course
and the lesson object, kept in ``st.session_state`` (one browser session = one learner)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from tutor.catalog import list_course_names, resolve_course_dir
from tutor.context import TutorContext
from tutor.course import Course
from tutor.errors import TutorError
from tutor.home import COURSE_FILE, course_dir
from tutor.learner.opening import open_lesson, open_store
from tutor.learner.store import Learner, LearnerStore
from tutor.safety.markup import inert_markdown
from tutor.teach.shared_course import shared_course

LEARNER = "learner_id"
COURSE = "course_name"
LESSON = "lesson"
LEARNER_PARAM = "learner"
COURSE_PARAM = "course"
"""URL query parameters that let a page refresh go on with the same learner and course."""


def context() -> TutorContext:
    """Settings from the environment (cheap; read on every run so a changed TUTOR_HOME counts)."""
    return TutorContext.from_env()


@st.cache_resource(show_spinner=False)
def _store_for(data: str) -> LearnerStore:
    return open_store(context())


def store() -> LearnerStore:
    """The learner store, one per data folder and process (it is safe across threads)."""
    return _store_for(str(context().data))


def course_title(name: str) -> str:
    """The title of a course, for pickers (the name when it cannot be read)."""
    path = course_dir(name, context().home) / COURSE_FILE
    try:
        return _title_of(str(path), path.stat().st_mtime_ns)
    except (OSError, TutorError):
        return name


@st.cache_data(show_spinner=False, max_entries=256)
def _title_of(path: str, mtime_ns: int) -> str:
    return Course.load(Path(path)).title


def learner_id() -> str | None:
    return st.session_state.get(LEARNER)


def course_name() -> str | None:
    return st.session_state.get(COURSE)


def current_course() -> Course | None:
    name = course_name()
    if not name:
        return None
    try:
        # Parsed once per version and process, shared with the lessons (not on every run).
        settings = context()
        return shared_course(resolve_course_dir(name, settings.home), settings.chroma_url).whole
    except OSError:
        return None
    except TutorError as exc:
        st.error(inert_markdown(str(exc)))
        return None


def lesson():  # noqa: ANN201 - tutor.teach.lesson.Lesson
    """The lesson of the signed-in learner on the chosen course (one per pair, resumable)."""
    settings = context()
    name = course_name()
    try:  # a course the author has changed since is reloaded
        changed = (course_dir(name or "", settings.home) / COURSE_FILE).stat().st_mtime_ns
    except (OSError, TutorError):
        changed = 0
    key = (learner_id(), name, str(settings.home), str(settings.data), changed)
    held = st.session_state.get(LESSON)
    if held is None or held[0] != key:
        if held is not None:
            held[1].close()
        with st.spinner("Opening the course…"):
            shown = st.empty()

            def indexing(done: int, total: int) -> None:  # the first lesson on a fresh course
                shown.progress(done / max(total, 1),
                               text=f"Indexing the course's passages for questions: "
                                    f"{done}/{total}")

            opened = open_lesson(key[1], key[0], context=settings, store=store(),
                                 index_progress=indexing)
            shown.empty()
        if opened.index_notice:
            st.info(opened.index_notice)
        held = (key, opened)
        st.session_state[LESSON] = held
    return held[1]


def drop_lesson() -> None:
    """Forget (and close) the session's lesson, e.g. when the learner or course changes."""
    held = st.session_state.pop(LESSON, None)
    if held is not None:
        held[1].close()


AUTHOR_PAGE = "Author"
"""The title of the page where courses are built (app.py)."""


def no_course_note(page_title: str) -> str:
    """What the course picker says when no course is built yet: on the Author page itself,
    not "go to the Author page"."""
    if page_title == AUTHOR_PAGE:
        return "No built course yet: build one on this page."
    return f"No built course yet: add one on the {AUTHOR_PAGE} page."


def sidebar(page_title: str) -> None:
    """Learner profile and course pickers, on every page (``page_title``: the page shown)."""
    with st.sidebar:
        st.subheader("Learner")
        try:
            people = store().list_learners()
        except TutorError as exc:  # a damaged or locked learner store: say what to do, stop
            st.error(inert_markdown(str(exc)))
            st.stop()
        names = list_course_names(context().home)
        _restore_from_url(people, names)
        current = learner_id()
        if current:
            who = next((p for p in people if p.id == current), None)
            st.write(f"Signed in as **{inert_markdown(who.name if who else current)}**")
            _keep_in_url(LEARNER_PARAM, None if who and who.has_passphrase else current)
            if st.button("Switch learner", key="switch_learner"):
                st.session_state.pop(LEARNER, None)
                _keep_in_url(LEARNER_PARAM, None)
                drop_lesson()
                st.rerun()
        else:
            _sign_in(people)
        st.subheader("Course")
        if not names:
            st.info(no_course_note(page_title))
            return
        chosen = course_name()
        index = names.index(chosen) if chosen in names else 0
        picked = st.selectbox("Course", names, index=index, key="course_picker",
                              label_visibility="collapsed", format_func=course_title)
        if picked != chosen:
            st.session_state[COURSE] = picked
            drop_lesson()
        _keep_in_url(COURSE_PARAM, picked)


def _restore_from_url(people: list[Learner], names: list[str]) -> None:
    """After a page refresh (a new session), sign the learner in again from the URL, unless
    the profile has a passphrase (then it is asked for again)."""
    wanted = st.query_params.get(LEARNER_PARAM)
    if learner_id() is None and wanted:
        person = next((p for p in people if p.id == wanted), None)
        if person is not None and not person.has_passphrase:
            st.session_state[LEARNER] = person.id
    course = st.query_params.get(COURSE_PARAM)
    if course_name() is None and course in names:
        st.session_state[COURSE] = course


def _keep_in_url(param: str, value: str | None) -> None:
    if value is None:
        st.query_params.pop(param, None)
    elif st.query_params.get(param) != value:
        st.query_params[param] = value


def _sign_in(people: list[Learner]) -> None:
    if not people:
        _new_profile()
        return
    tab_existing, tab_new = st.tabs(["Existing", "New"])
    with tab_existing:
        person = st.selectbox("Profile", people, format_func=lambda p: p.name,
                              key="profile_picker")
        secret = (st.text_input("Passphrase", type="password", key="signin_secret")
                  if person and person.has_passphrase else None)
        if st.button("Continue", key="signin") and person is not None:
            try:
                right = store().verify_passphrase(person.id, secret)
            except TutorError as exc:
                st.error(inert_markdown(str(exc)))
                return
            if right:
                st.session_state[LEARNER] = person.id
                st.rerun()
            else:
                st.error("Wrong passphrase.")
    with tab_new:
        _new_profile()


def _new_profile() -> None:
    name = st.text_input("Your name", key="new_name", max_chars=40)
    secret = st.text_input("Passphrase (optional)", type="password", key="new_secret",
                           help="Stored hashed; asked for when you pick this profile again.")
    if st.button("Create profile", key="create_profile"):
        try:
            person = store().create_learner(name, secret or None)
        except TutorError as exc:
            st.error(inert_markdown(str(exc)))
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
