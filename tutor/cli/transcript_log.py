"""A lesson as JSON lines: what the tutor showed and what the learner did, one line each.

``tutor learn COURSE --learner NAME --transcript FILE`` appends to FILE one object per message:
``{"from": "tutor"|"learner", "kind": ..., "text": ..., "exercise": id|null, "concept": id|null}``.
The tutor's ``text`` is exactly what the terminal showed (an exercise: its prompt and the
numbered choices); its kinds are ``explanation``, ``exercise``, ``feedback``, ``hint``,
``answer`` (the answer revealed), ``reply`` (to a question), ``info`` and ``done``. The
learner's kinds are ``attempt``, ``hint_request``, ``give_up`` and ``question``, each with the
exercise it concerns. Scripts and the lesson audit read these files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from tutor.errors import TutorError

if TYPE_CHECKING:
    from tutor.teach.state import TutorMessage

TUTOR_KINDS = {"reveal": "answer", "answer": "reply"}
"""The lesson's message kinds that the transcript names otherwise."""
LEARNER_KINDS = frozenset({"attempt", "hint_request", "give_up", "question"})


def shown_text(message: TutorMessage) -> str:
    """The message as the terminal shows it: an exercise with its numbered choices."""
    if message.kind == "exercise" and message.exercise is not None and message.exercise.choices:
        lines = "\n".join(f"  {n}. {choice}"
                          for n, choice in enumerate(message.exercise.choices, start=1))
        return f"{message.text}\n\n{lines}"
    return message.text


class TranscriptLog:
    """Appends the lesson's messages to a JSON-lines file (flushed after every line)."""

    def __init__(self, path: Path) -> None:
        path = Path(path)
        try:  # opened before the lesson starts: a bad path is said at once, in one line
            path.parent.mkdir(parents=True, exist_ok=True)
            self._file: TextIO = path.open("a", encoding="utf-8")
        except OSError as exc:
            raise TutorError(f"cannot write the transcript to {path}: "
                             f"{exc.strerror or exc}; choose another --transcript file") from exc

    def tutor(self, message: TutorMessage, pending: str | None) -> None:
        """One tutor message; ``pending`` is the exercise it concerns (the one the learner
        acted on), when it is not an exercise itself."""
        exercise = message.exercise.id if message.exercise is not None else pending
        concept = message.exercise.concept_id if message.exercise is not None else None
        self._write({"from": "tutor", "kind": TUTOR_KINDS.get(message.kind, message.kind),
                     "text": shown_text(message), "exercise": exercise, "concept": concept})

    def learner(self, kind: str, text: str, exercise: str | None,
                concept: str | None = None) -> None:
        """One learner action on ``exercise``."""
        if kind not in LEARNER_KINDS:
            raise ValueError(f"unknown learner action {kind!r}")
        self._write({"from": "learner", "kind": kind, "text": text, "exercise": exercise,
                     "concept": concept})

    def _write(self, row: dict[str, object]) -> None:
        self._file.write(json.dumps(row, ensure_ascii=False) + "\n")
        self._file.flush()

    def close(self) -> None:
        self._file.close()
