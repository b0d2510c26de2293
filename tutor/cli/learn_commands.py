"""``tutor learn COURSE --learner NAME`` (a lesson in the terminal) and ``tutor progress``.

The terminal tutor is a thin loop over :class:`tutor.teach.lesson.Lesson`: it renders the
tutor's messages with rich and turns what the learner types into actions. While a step runs
(the lesson's start, an answer graded, a hint, a question), its text (the feedback, an
explanation, a hint, the answer) is shown as it is written (:class:`LiveTurn`), then the step's
messages are rendered. At the answer
prompt: ``/hint``, ``/giveup``, ``/ask <question>``, ``/quit`` (the lesson is saved after every
step, so ``tutor learn`` later resumes at the same question).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from tutor.cli.transcript_log import TranscriptLog, shown_text

if TYPE_CHECKING:
    from rich.console import Console

    from tutor.teach.lesson import Lesson
    from tutor.teach.state import TutorMessage

_ACTIONS = ("/hint", "/giveup", "/give-up", "/ask")
SAVED = "Lesson saved; `tutor learn` resumes it."
HELP = "Type your answer (or the option's number). Commands: /hint  /giveup  /ask <question>  /quit"
_STYLE = {
    "explanation": ("cyan", "Explanation"),
    "exercise": ("bold white", "Exercise"),
    "hint": ("yellow", "Hint"),
    "reveal": ("magenta", "Answer"),
    "answer": ("blue", "From the course"),
    "done": ("bold green", "Done"),
}


def render(console: Console, message: TutorMessage) -> None:
    """Print one tutor message: panels for explanations and exercises, colour for feedback."""
    from rich.markdown import Markdown
    from rich.panel import Panel
    from rich.text import Text

    if message.kind == "info":
        console.print(Text(message.text.replace("**", ""), style="dim"))
        return
    if message.kind == "feedback":
        colour = "green" if message.correct else "red"
        console.print(Panel(Markdown(message.text), border_style=colour,
                            title="Right" if message.correct else "Not yet"))
        return
    colour, title = _STYLE.get(message.kind, ("white", message.kind))
    body: Any = Markdown(message.text)
    if message.kind == "exercise" and message.exercise is not None:
        title = "Exercise"  # the concept's name is the key of every "which term" item
        if message.exercise.choices:
            prompt, _, lines = shown_text(message).partition("\n\n  1. ")
            body = Markdown(prompt + "\n\n```text\n  1. " + lines + "\n```")
    console.print(Panel(body, title=title, subtitle=border_citations(message),
                        border_style=colour))


def border_citations(message: TutorMessage) -> str | None:
    """The citations shown in a panel's border: those the text does not give already (an
    explanation ends with its own "Source: ..." line)."""
    return "; ".join(dict.fromkeys(message.unnamed_citations())) or None


class LiveTurn:
    """The text of a step shown as it is written (a sink for :meth:`Lesson.answer`, ``start``,
    ``hint``, ``ask``...): each kind (feedback, explanation, hint, answer) grows in place, then
    gives way to the step's messages, rendered as usual. On a console that is not a terminal
    nothing is drawn."""

    def __init__(self, console: Console) -> None:
        from rich.live import Live

        self.texts: dict[str, str] = {}
        self.live = Live(console=console, transient=True, auto_refresh=False)

    def __enter__(self) -> LiveTurn:
        self.live.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.live.stop()

    def __call__(self, kind: str, piece: str) -> None:
        from rich.console import Group
        from rich.markdown import Markdown
        from rich.panel import Panel

        self.texts[kind] = self.texts.get(kind, "") + piece
        panels = []
        for shown, text in self.texts.items():
            colour, title = _STYLE.get(shown, ("white", "Feedback"))
            panels.append(Panel(Markdown(text), title=title, border_style=colour))
        self.live.update(Group(*panels), refresh=True)


def run_lesson(lesson: Lesson, console: Console, log: TranscriptLog | None = None) -> None:
    """The read-answer-render loop, until the day's work or the course is done, /quit or the
    end of input (each says the lesson is saved). With ``log``, every message shown and every
    learner action goes to the transcript."""
    from tutor.errors import TutorError

    def show(messages: list[TutorMessage], acted_on: str | None = None) -> None:
        for message in messages:
            render(console, message)
            if log is not None:
                log.tutor(message, None if message.kind == "explanation" else acted_on)

    with LiveTurn(console) as live:  # the opening explanation as it is written
        opening = lesson.start(shown=live)
    show(opening)
    console.print(HELP, style="dim")
    while (shown := lesson.pending) is not None:
        try:
            line = console.input("[bold]> [/bold]").strip()
        except (EOFError, KeyboardInterrupt):
            console.print("\n" + SAVED, style="dim")
            return
        if not line:
            continue
        command, _, rest = line.partition(" ")
        if log is not None:
            action = {"/hint": "hint_request", "/giveup": "give_up", "/give-up": "give_up",
                      "/ask": "question"}.get(command, None if line.startswith("/") else "attempt")
            if action is not None:
                log.learner(action, rest if action == "question" else line, shown.id,
                            shown.concept_id)
        try:
            if command == "/quit":
                console.print(SAVED, style="dim")
                return
            if command in ("/help", "/?"):
                console.print(HELP, style="dim")
                continue
            if line.startswith("/") and command not in _ACTIONS:
                console.print(f"Unknown command {command}. {HELP}", style="red")
                continue
            with LiveTurn(console) as live:  # the step's text as it is written
                if command == "/hint":
                    replies = lesson.hint(exercise_id=shown.id, shown=live)
                elif command in ("/giveup", "/give-up"):
                    replies = lesson.give_up(exercise_id=shown.id, shown=live)
                elif command == "/ask":
                    replies = lesson.ask(rest, shown=live)
                else:
                    replies = lesson.answer(line, exercise_id=shown.id, shown=live)
        except Exception as exc:  # a user error, or an engine fault mid-step
            problem = exc if isinstance(exc, TutorError) else f"{type(exc).__name__}: {exc}"
            console.print(f"{problem}", style="red")
            if lesson.pending is None:  # the step failed inside the tutor: retried next time
                console.print("Lesson saved; run `tutor learn` again to retry.", style="dim")
                raise typer.Exit(1) from exc
            continue
        show(replies, shown.id)
    console.print(SAVED, style="dim")  # the day is done (or the course): progress is kept


def register(app: typer.Typer) -> None:
    @app.command("learn")
    def learn(
        course: str = typer.Argument(..., help="Course name or course folder."),
        learner: str = typer.Option(..., "--learner", "-l", help="Your learner name."),
        engine: str = typer.Option(None, "--engine", help="offline, claude or auto."),
        transcript: Path | None = typer.Option(  # noqa: B008 - typer reads the default
            None, "--transcript", help="Append every message to FILE as JSON lines."),
    ) -> None:
        """Learn a course with the tutor, in the terminal (resumes where you left off)."""
        from rich.console import Console

        from tutor.context import TutorContext
        from tutor.learner.opening import open_lesson, open_store

        context = TutorContext.from_env(engine=engine)
        # the transcript first: a path it cannot write to is said before anything is opened
        log = TranscriptLog(transcript) if transcript is not None else None
        try:
            store = open_store(context)  # a damaged database: one line, not a traceback
            who = store.ensure_learner(learner)
            console = Console(highlight=False)
            with console.status("Opening the course…") as status:
                def indexing(done: int, total: int) -> None:
                    status.update(f"Indexing the course's passages for questions: {done}/{total}")

                lesson = open_lesson(course, who.id, context=context, store=store,
                                     index_progress=indexing)
            with lesson:
                console.print(f"[bold]{lesson.course.title}[/bold] with {who.name}", style="dim")
                if lesson.index_notice:
                    console.print(lesson.index_notice, style="yellow")
                run_lesson(lesson, console, log)
        finally:
            if log is not None:
                log.close()

    @app.command("progress")
    def progress(
        course: str = typer.Argument(..., help="Course name or course folder."),
        learner: str = typer.Option(..., "--learner", "-l", help="Learner name."),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Mastery per concept, attempts and reviews due for one learner."""
        from tutor.catalog import course_key, resolve_course_dir
        from tutor.context import TutorContext
        from tutor.course import Course
        from tutor.home import COURSE_FILE
        from tutor.learner.opening import open_store
        from tutor.learner.store import learner_id_for

        context = TutorContext.from_env()
        folder = resolve_course_dir(course, context.home)
        loaded = Course.load(folder / COURSE_FILE)
        store = open_store(context)
        who = store.get_learner(learner_id_for(learner))
        model = store.load(who.id, course_key(folder))
        now = context.clock()
        due = set(model.due_reviews(now))
        rows = []
        for concept_id in loaded.teaching_order():
            belief = model.mastery(concept_id)
            rows.append(
                {
                    "concept_id": concept_id,
                    "name": loaded.concept(concept_id).name,
                    "p_known": round(belief.p_known, 4),
                    "mastered": belief.mastered,
                    # "read": taught with no exercise on it (read, not checked)
                    "standing": model.standing(concept_id),
                    "attempts": belief.attempts,
                    "correct": belief.correct,
                    "last_seen": belief.last_seen.isoformat() if belief.last_seen else None,
                    "next_review": (at.isoformat() if (at := model.next_review(concept_id))
                                    else None),
                    "review_due": concept_id in due,
                }
            )
        report = {
            "learner": who.id,
            "course": course_key(folder),
            "mastered": sum(1 for r in rows if r["mastered"]),
            "read": sum(1 for r in rows if r["standing"] == "read"),
            "concepts": len(rows),
            "reviews_due": [r["concept_id"] for r in rows if r["review_due"]],
            "summary": model.summary,
            "progress": rows,
        }
        if as_json:
            typer.echo(json.dumps(report, indent=2))
            return
        _print_progress(report)


def _print_progress(report: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{report['learner']} in {report['course']}: "
                        f"{report['mastered']} of {report['concepts']} concepts mastered"
                        + (f", {report['read']} read (no exercise)" if report["read"] else ""))
    for column in ("Concept", "Mastery", "Attempts", "Right", "Review"):
        table.add_column(column, justify="left" if column == "Concept" else "right")
    for row in report["progress"]:
        review = "due now" if row["review_due"] else (row["next_review"] or "-")[:10]
        mark = " ✓" if row["mastered"] else ""
        belief = "read" if row["standing"] == "read" else f"{row['p_known']:.0%}"
        table.add_row(row["name"] + mark, belief, str(row["attempts"]),
                      str(row["correct"]), review)
    console = Console(highlight=False)
    console.print(table)
    if report["summary"]:
        console.print(report["summary"], style="dim")
