"""The lesson's day, kept for any simulated teaching policy (``tutor eval simulate``).

A lesson imposes the same day on whatever chooses its concepts: the day's exercise pool of
:mod:`tutor.teach.exercise_pool` (an exercise posed at most ``MAX_POSES_PER_DAY`` times a
day, not again that day once answered right, nor a binary item once missed; one missed on its
last try of the day has its worked answer shown and is retired with the items of its kind
that answer gives away), the choice of the exercise within a concept (not answered right
today, asked least, of an origin and a kind not yet asked), and the run on one concept that
makes it rest (:data:`~tutor.teach.exercise_pool.MAX_RUN`). :class:`SimulatedDay` keeps that
day, read and marked by the pool's own functions, so that the policies compared by the
simulation (ours, :class:`tutor.evals.simulated_lesson.LessonPolicy`; the textbook order,
:class:`tutor.evals.teaching_policies.TextbookPolicy`) differ only in what they choose.
"""

from __future__ import annotations

from datetime import datetime

from tutor.course import Course, Exercise
from tutor.teach import exercise_pool as pool
from tutor.teach.exercise_pool import MAX_RUN
from tutor.teach.state import LessonState
from tutor.teach.withholding import reveal_message


class SimulatedDay:
    """The day's pool, the exercise posed and the run on one concept, as a lesson keeps them."""

    def __init__(self, course: Course) -> None:
        self.course = course
        self.asked = 0
        self.run: tuple[str, int] = ("", 0)
        self.pool: LessonState = {"exercise_log": {}, "pace": {}}
        """The day's pool as a lesson keeps it (exercise log and pacing day only)."""
        self.times: dict[str, int] = {}
        self.current: Exercise | None = None
        self.chosen_by = ""
        """Why the policy chose the concept last posed (what :mod:`simulated_spending` counts
        by)."""

    def _keep(self, record: dict) -> None:
        self.pool = {**self.pool, **pool.saved(self.pool, record)}  # type: ignore[typeddict-item]

    def retire(self, exercise_ids: list[str], now: datetime) -> None:
        """Retire ``exercise_ids`` for ``now``'s day."""
        self._keep(pool.retire(pool.today(self.pool, now), exercise_ids))

    def askable(self, concept_id: str, now: datetime) -> list[Exercise]:
        return pool.askable(self.pool, self.course, concept_id, now)

    def _long_run(self, concept_id: str) -> bool:
        return self.run[0] == concept_id and self.run[1] >= MAX_RUN

    def _pose(self, concept_id: str, open_: list[Exercise], now: datetime, why: str = "") -> str:
        """Pose one of ``open_`` (exercises of ``concept_id`` that may be asked now) as the
        lesson chooses it, and count it in the day's pool and the run; ``why`` the policy chose
        the concept."""
        self.chosen_by = why
        exercises = self.course.exercises_for(concept_id)
        position = {e.id: i for i, e in enumerate(exercises)}
        open_ = open_ or exercises
        asked = [e for e in exercises if self.times.get(e.id, 0)]
        origins, kinds = {e.origin for e in asked}, {e.kind for e in asked}
        self.current = min(open_, key=lambda e: (self.times.get(e.id, 0), e.origin in origins,
                                                 e.kind in kinds, position[e.id]))
        self._keep(pool.posed(pool.today(self.pool, now), self.current.id))
        self.times[self.current.id] = self.times.get(self.current.id, 0) + 1
        self.asked += 1
        self.run = (concept_id, self.run[1] + 1 if self.run[0] == concept_id else 1)
        return concept_id

    def _answer_again(self, concept_id: str, why: str) -> str:
        """The item in hand answered again after a hint (the lesson's hint is no new posing):
        one more exercise for the learner and the run, none for the day's pool."""
        self.chosen_by = why
        self.asked += 1
        self.run = (concept_id, self.run[1] + 1 if self.run[0] == concept_id else 1)
        return concept_id

    def exercise_for(self, concept_id: str) -> Exercise | None:
        """The exercise posed with the concept just returned by ``next_concept``."""
        if self.current is not None and self.current.concept_id == concept_id:
            return self.current
        return None

    def _graded(self, correct: bool, now: datetime, reveal: bool = True) -> bool:
        """The day's pool after the posed exercise was answered (``correct``); with
        ``reveal``, a miss on the day's last try at the item is answered by its worked answer
        (the lesson's move unless a hint comes next). Whether the worked answer was shown."""
        exercise = self.current
        if exercise is None:
            return False
        self._keep(pool.graded_today(self.pool, exercise, correct, now))
        return reveal and self._reveal_after_last_try(exercise, correct, now)

    def _reveal_after_last_try(self, exercise: Exercise, correct: bool, now: datetime) -> bool:
        """As the lesson after a wrong answer on the day's last try at the item
        (:func:`tutor.teach.routes.after_grade`, with no hint next): its worked answer is
        shown, and the item and those of its kind that answer gives away are retired for the
        day (the lesson's give-up step)."""
        graded: LessonState = {**self.pool, "exercise_id": exercise.id,  # type: ignore[typeddict-item]
                               "outcome": "correct" if correct else "wrong", "revealed": correct}
        if pool.used_up_after_miss(graded, self.course, now):
            reveal = reveal_message(exercise).text
            self._keep(pool.retire_revealed(pool.today(self.pool, now), self.course, exercise,
                                            reveal))
            return True
        return False
