"""What the author and the learner see around a lesson: the course picker's note when no
course is built (on the Author page it does not send the author to the Author page), and the
CLI panel's border, which does not repeat a citation the text gives."""

from __future__ import annotations

from webapp.state import AUTHOR_PAGE, no_course_note


def test_the_note_on_the_author_page_points_at_the_page_itself() -> None:
    assert "Author page" not in no_course_note(AUTHOR_PAGE)
    assert "build one on this page" in no_course_note(AUTHOR_PAGE)
    assert "Author page" in no_course_note("Learn")


def test_the_cli_border_leaves_out_a_citation_the_text_gives_already() -> None:
    from tutor.cli.learn_commands import border_citations
    from tutor.course import Citation
    from tutor.teach.state import TutorMessage

    cited = [Citation(source="guide.pdf", page=2), Citation(source="guide.pdf", page=5)]
    explained = TutorMessage(kind="explanation", text="Words.\n\n*Source: guide.pdf p. 2*",
                             citations=cited)
    assert border_citations(explained) == "guide.pdf p. 5"
    plain = TutorMessage(kind="answer", text="Words.", citations=cited[:1])
    assert border_citations(plain) == "guide.pdf p. 2"


def test_a_message_names_the_citations_its_text_does_not_give() -> None:
    from tutor.course import Citation
    from tutor.teach.state import TutorMessage

    cited = [Citation(source="guide.pdf", page=2), Citation(source="guide.pdf", page=5),
             Citation(source="guide.pdf", page=5)]
    explained = TutorMessage(kind="explanation", text="Words.\n\n*Source: guide.pdf p. 2*",
                             citations=cited)
    assert explained.unnamed_citations() == ["guide.pdf p. 5", "guide.pdf p. 5"]
    named = TutorMessage(kind="info", text="See guide.pdf p. 2.", citations=cited[:1])
    assert named.unnamed_citations() == []
