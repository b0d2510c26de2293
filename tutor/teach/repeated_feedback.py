"""Feedback that does not say the same thing twice in a row on one item.

A learner who answers an item wrong, reads the feedback and another explanation, then gives
a wrong answer that earns word for word the same feedback (often the same answer again)
learns nothing from reading it a second time: it reads as if the tutor was not listening.
The second time, the feedback says that it is the same answer (or the same shortfall) as
before and points at what to do differently, instead of repeating itself.

The last wrong answer's feedback on the current item is kept in the lesson state
(``LessonState.last_feedback``); it is forgotten when another item is posed.
"""

from __future__ import annotations

from typing import Any

from tutor.answers import chosen_option, normalise
from tutor.course import Exercise
from tutor.teach.state import LessonState

SAME_ANSWER = ("Not quite: that is the answer you gave last time, and it is still not the "
               "right one.")
"""Said instead of the same feedback again after the same wrong answer."""

SAME_OPTION = ("Not quite: option {number} again, and it is still not the right one. Set it "
               "aside and weigh the other options against the idea the question describes.")
"""Said instead of the same feedback again after the same wrong option."""

SAME_SHORTFALL = ("Not yet, and for the same reason as your last answer (see the feedback "
                  "on it above).")
"""Said instead of the same feedback again after another answer that falls short the same way."""

def remembered(exercise: Exercise, answer: str, text: str) -> dict[str, Any]:
    """What the lesson keeps of a wrong answer's feedback (``LessonState.last_feedback``)."""
    return {"exercise_id": exercise.id, "answer": normalise(answer), "text": text}


def reworded(state: LessonState, exercise: Exercise, answer: str, text: str) -> str:
    """``text``, the feedback on a wrong ``answer`` to ``exercise``; when it is word for word
    the feedback the learner's last wrong answer to the same item got, a short reply saying
    so instead (same answer, same option, or the same shortfall)."""
    last = state.get("last_feedback") or {}
    if last.get("exercise_id") != exercise.id or last.get("text") != text:
        return text
    if exercise.choices:  # the same feedback on a choice names the same option
        index = chosen_option(exercise, answer)
        if index is not None:
            return SAME_OPTION.format(number=index + 1)
    return SAME_ANSWER if normalise(answer) == last.get("answer") else SAME_SHORTFALL
