"""The course and its passages, loaded once per process and version, shared by lessons."""

from __future__ import annotations

import os
from pathlib import Path

from tests.factories import COURSE, cloze_first_course, open_lesson
from tutor.context import TutorContext
from tutor.learner.opening import open_lesson as open_app_lesson
from tutor.teach.shared_course import forget_shared_courses, shared_course


def _install(tutor_home: Path) -> Path:
    folder = tutor_home / "courses" / COURSE
    folder.mkdir(parents=True)
    (folder / "course.json").write_text(cloze_first_course().to_json(), encoding="utf-8")
    return folder


def test_lessons_share_one_loaded_course_until_it_changes(tutor_home: Path) -> None:
    forget_shared_courses()
    folder = _install(tutor_home)
    context = TutorContext.from_env(engine="offline")
    ana = open_app_lesson(COURSE, "ana", context=context)
    ben = open_app_lesson(COURSE, "ben", context=context)
    assert ana.course is ben.course and ana.passages is ben.passages
    first = shared_course(folder)
    assert shared_course(folder) is first
    course = folder / "course.json"
    later = course.stat().st_mtime_ns + 1_000_000_000
    os.utime(course, ns=(later, later))  # an author's rebuild or edit
    again = shared_course(folder)
    assert again is not first and again.whole.title == first.whole.title
    cara = open_app_lesson(COURSE, "cara", context=context)
    assert cara.course is again.teachable and ana.course is first.teachable
    for lesson in (ana, ben, cara):
        lesson.close()


def test_a_lesson_given_its_passages_loads_its_own_course(tutor_home: Path) -> None:
    folder = _install(tutor_home)
    lesson = open_lesson(TutorContext.from_env(engine="offline"))
    assert lesson.course is not shared_course(folder).teachable
    lesson.close()
