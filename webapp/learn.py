"""Learn: a one-on-one chat with the tutor, exercises as widgets, a free-question box."""

from __future__ import annotations

import streamlit as st

from tutor.errors import TutorError
from tutor.views.math_text import normalise_math
from webapp import state

ICONS = {"explanation": "📘", "exercise": "❓", "feedback": "📝", "hint": "💡", "reveal": "🔑",
         "answer": "📚", "info": "ℹ️", "done": "🎉"}


def show(message) -> None:  # noqa: ANN001 - tutor.teach.lesson.TutorMessage
    role = "user" if message.kind == "learner" else "assistant"
    with st.chat_message(role, avatar=None if role == "user" else ICONS.get(message.kind)):
        if message.kind == "feedback" and message.correct is not None:
            (st.success if message.correct else st.warning)(
                "Correct" if message.correct else "Not quite")
        st.markdown(normalise_math(message.text))
        if message.citations:
            st.caption("Sources: " + ", ".join(c.label() for c in message.citations))


def act(call, *args: object) -> None:  # noqa: ANN001
    try:
        call(*args)
    except TutorError as exc:
        st.session_state["learn_error"] = str(exc)


def exercise_form(lesson) -> None:  # noqa: ANN001
    exercise = lesson.pending
    if exercise is None:
        return
    with st.form(key=f"answer-{exercise.id}-{len(lesson.transcript)}", clear_on_submit=True):
        st.markdown(f"**{exercise.concept_name}** · {normalise_math(exercise.prompt)}")
        if exercise.choices:
            answer = st.radio("Your answer", exercise.choices, index=None, key="choice")
        elif exercise.kind == "short_answer":
            answer = st.text_area("Your answer, in your own words", key="free_text")
        else:
            answer = st.text_input("Your answer", key="free_text")
        submitted = st.form_submit_button("Submit answer", type="primary")
    if submitted:
        if not answer or not str(answer).strip():
            st.session_state["learn_error"] = "Type or pick an answer first (or ask for a hint)."
        else:
            act(lesson.answer, str(answer))
        st.rerun()
    left, right, _ = st.columns([1, 1, 4])
    if left.button("💡 Hint", key="hint"):
        act(lesson.hint)
        st.rerun()
    if right.button("🏳️ I give up", key="give_up"):
        act(lesson.give_up)
        st.rerun()


def main() -> None:
    st.title("Learn")
    needed = state.require_learner_and_course()
    if needed is None:
        return
    _, course = needed
    lesson = state.lesson()
    if not lesson.transcript:
        with st.spinner("Preparing your lesson…"):
            act(lesson.start)
    st.caption(f"{course.title} · {len(course.concepts)} concepts")
    for message in lesson.transcript:
        show(message)
    if error := st.session_state.pop("learn_error", None):
        st.error(error)
    exercise_form(lesson)
    question = st.chat_input("Ask the tutor a question about the course")
    if question:
        act(lesson.ask, question)
        st.rerun()


main()
