"""Teaching: the teach graph, the teaching policy and the lesson facade used by the UIs."""

from tutor.teach.state import ExerciseView, LessonState, TutorMessage

__all__ = ["ExerciseView", "LessonState", "TutorMessage"]
