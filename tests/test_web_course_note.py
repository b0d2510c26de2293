"""The course picker's note when no course is built: on the Author page it does not send the
author to the Author page."""

from __future__ import annotations

from webapp.state import AUTHOR_PAGE, no_course_note


def test_the_note_on_the_author_page_points_at_the_page_itself() -> None:
    assert "Author page" not in no_course_note(AUTHOR_PAGE)
    assert "build one on this page" in no_course_note(AUTHOR_PAGE)
    assert "Author page" in no_course_note("Learn")
