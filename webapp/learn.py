"""Learn: a one-on-one chat with the tutor, exercises as widgets, a free-question box."""

from __future__ import annotations

import hashlib
import secrets

import streamlit as st

from tutor.errors import TutorError
from tutor.safety.markup import displayed, inert_markdown
from tutor.teach.state import ExerciseView
from webapp import state
from webapp.icons import MESSAGE_ICONS
from webapp.live_turn import LiveTurn

RECENT = 20
"""Messages shown at first; older ones come in steps of :data:`EARLIER` on request."""
EARLIER = 40
SHOWN = "learn_shown_messages"
SHOWN_EXERCISE = "learn_shown_exercise"
"""The exercise this tab showed last (its view), which the learner's next action is about."""
FORM_SALT = "learn_form_salt"


def show(message) -> None:  # noqa: ANN001 - tutor.teach.lesson.TutorMessage
    role = "user" if message.kind == "learner" else "assistant"
    with st.chat_message(role, avatar=None if role == "user" else MESSAGE_ICONS.get(message.kind)):
        text = displayed(message.text)
        if message.kind == "feedback" and message.correct is not None:
            if message.correct:
                st.success(text, icon=":material/check_circle:")
            else:
                st.warning(text, icon=":material/error:")
        else:
            st.markdown(text)
        unnamed = message.unnamed_citations()
        if unnamed:  # sources the text does not already name
            st.caption("Sources: " + inert_markdown(", ".join(unnamed)))


def act(call, *args: object, **named: object) -> None:  # noqa: ANN001
    try:
        call(*args, **named)
    except TutorError as exc:
        st.session_state["learn_error"] = str(exc)


def form_key(exercise_id: str) -> str:
    """The answer form's key: one per exercise (a click in a form no longer shown is not
    taken for the next one), opaque (an exercise id starts with its concept's slug, which is
    the key of a "which term" item, and widget keys reach the page)."""
    salt = st.session_state.setdefault(FORM_SALT, secrets.token_hex(8))
    return "answer-" + hashlib.sha256(f"{salt}:{exercise_id}".encode()).hexdigest()[:12]


def exercise_form(lesson, live) -> None:  # noqa: ANN001 - a Lesson, a streamlit container
    pending = lesson.pending
    # The exercise this tab showed last: an action names it, so an answer typed in a tab left
    # behind (another tab moved on) is refused, not graded against the next exercise.
    shown = st.session_state.get(SHOWN_EXERCISE)
    exercise = ExerciseView.model_validate(shown) if shown else pending
    if exercise is None:
        return
    # The form shows no concept name: for a cloze or a "which term" question it is the answer.
    with st.form(key=form_key(exercise.id), clear_on_submit=True):
        if exercise.choices:
            answer = st.radio("Your answer", exercise.choices, index=None, key="choice",
                              format_func=displayed)
        elif exercise.kind == "short_answer":
            answer = st.text_area("Your answer, in your own words", key="free_text")
        else:
            answer = st.text_input("Your answer", key="free_text")
        submitted = st.form_submit_button("Submit answer", type="primary")
    with st.container(horizontal=True):
        hint = st.button("Hint", key="hint", icon=":material/lightbulb:")
        give_up = st.button("I give up", key="give_up", icon=":material/flag:",
                            help="Shows the answer; counted as not known yet.")
    if submitted and (not answer or not str(answer).strip()):
        st.session_state["learn_error"] = "Type or pick an answer first (or ask for a hint)."
    elif submitted:
        act(lesson.answer, str(answer), exercise_id=exercise.id, shown=LiveTurn(live))
    elif hint:
        act(lesson.hint, exercise_id=exercise.id, shown=LiveTurn(live))
    elif give_up:
        act(lesson.give_up, exercise_id=exercise.id, shown=LiveTurn(live))
    now = lesson.pending if (submitted or hint or give_up) else pending
    st.session_state[SHOWN_EXERCISE] = now.model_dump(mode="json") if now is not None else None
    if submitted or hint or give_up or now is None or now.id != exercise.id:
        st.rerun()


def main() -> None:
    st.title("Learn")
    needed = state.require_learner_and_course()
    if needed is None:
        return
    _, course = needed
    try:
        lesson = state.lesson()
    except TutorError as exc:
        st.error(inert_markdown(str(exc)))
        return
    limit = st.session_state.get(SHOWN, RECENT)
    shown = lesson.recent_messages(limit)
    # Start, or resume: after a step that failed or was interrupted (a crash mid-answer), no
    # exercise is pending although the lesson is not over; start() finishes that step and
    # offers the exercise again.
    if not shown or (lesson.pending is None and shown[-1].kind != "done"):
        holder = st.empty()  # the opening explanation as it is written, then the messages
        with st.spinner("Preparing your lesson…"):
            act(lesson.start, shown=LiveTurn(holder.container()))
        holder.empty()
        shown = lesson.recent_messages(limit)
    st.caption(inert_markdown(f"{course.title} · {len(course.concepts)} concepts"))
    if lesson.message_count() > len(shown):  # older messages stay behind a button
        if st.button("Show earlier messages", key="show_earlier", icon=":material/history:"):
            st.session_state[SHOWN] = limit + EARLIER
            st.rerun()
    for message in shown:
        show(message)
    if error := st.session_state.pop("learn_error", None):
        st.error(inert_markdown(error))
    live = st.container()  # where the next turn's text appears while it is written
    exercise_form(lesson, live)
    question = st.chat_input("Ask the tutor a question about the course")
    if question:
        act(lesson.ask, question, shown=LiveTurn(live))
        st.rerun()


main()
