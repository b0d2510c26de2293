"""Progress: mastery per concept, reviews due, the history of attempts, time spent."""

from __future__ import annotations

import streamlit as st

from tutor.safety.markup import displayed
from webapp import state


def main() -> None:
    st.title("Progress")
    needed = state.require_learner_and_course()
    if needed is None:
        return
    who, course = needed
    slug = course.slug or state.course_name() or ""
    model = state.store().load(who, slug)
    attempts = state.store().attempts(who, slug)
    now = state.store().clock()
    mastered = sum(1 for c in course.concepts if model.mastery(c.id).mastered)
    due = model.due_reviews(now)
    read = sum(1 for c in course.concepts if model.standing(c.id) == "read")
    cols = st.columns(4)
    cols[0].metric("Concepts mastered", f"{mastered} / {len(course.concepts)}",
                   help=f"{read} more read: the course has no exercise on them" if read else None)
    cols[1].metric("Exercises answered", len(attempts))
    cols[2].metric("Reviews due", len(due))
    seconds = model.time_spent_seconds
    cols[3].metric("Time spent", f"{seconds:.0f} s" if seconds < 60 else f"{seconds / 60:.0f} min")
    order = course.teaching_order()
    names = {c.id: c.name for c in course.concepts}
    st.subheader("Mastery by concept")
    practised = {c for c in order if model.mastery(c).attempts}
    st.bar_chart(
        {"concept": [names[c] for c in order],
         "mastery": [round(model.mastery(c).p_known, 3) if c in practised else 0.0
                     for c in order]},
        x="concept", y="mastery", horizontal=True, sort=False,
        height=max(240, 28 * len(order)),
    )
    st.caption("Probability that you know each concept (Bayesian knowledge tracing), in "
               "teaching order; mastered at 0.95. Concepts not practised yet show 0.")
    if read:
        st.caption("Read, not checked (the course has no exercise on them): " + ", ".join(
            names[c] for c in order if model.standing(c) == "read"))
    st.subheader("Reviews")
    rows = []
    for cid in order:
        m = model.mastery(cid)
        due = model.next_review(cid)  # the learner's own schedule (their retention scale)
        if due is not None:
            rows.append({"concept": names[cid], "due": due.strftime("%Y-%m-%d %H:%M UTC"),
                         "due now": due <= now, "attempts": m.attempts})
    if rows:
        st.dataframe(rows, hide_index=True)
    else:
        st.caption("No reviews scheduled yet: they appear once you have practised a concept.")
    st.subheader("History")
    if attempts:
        st.dataframe(
            [{"when": a.at.strftime("%Y-%m-%d %H:%M"), "concept": names.get(a.concept_id,
              a.concept_id), "correct": a.correct, "score": round(a.score, 2),
              "hints": a.hints_used, "gave up": a.gave_up} for a in reversed(attempts)],
            hide_index=True,
        )
    else:
        st.caption("No attempts yet.")
    if model.summary:
        st.subheader("What the tutor has noticed")
        st.markdown(displayed(model.summary))


main()
