"""``tutor lesson generate``: Markdown lessons from a built course."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer


class EngineOption(StrEnum):
    offline = "offline"
    claude = "claude"
    auto = "auto"


def _course_passages(folder: Path) -> list:
    """Passages re-read from the course's sources (unreadable sources are skipped)."""
    from tutor.errors import SourceError
    from tutor.ingest import chunk_pages, find_sources, read_source

    chunks: list = []
    for path in find_sources(folder):
        try:
            text = read_source(path)
        except SourceError as exc:
            typer.secho(f"skipped: {exc}", fg=typer.colors.YELLOW, err=True)
            continue
        chunks.extend(chunk_pages(text.pages, start_order=len(chunks)))
    return chunks


def register(app: typer.Typer) -> None:
    lesson = typer.Typer(help="Generate Markdown lessons from a built course.",
                         no_args_is_help=True)
    app.add_typer(lesson, name="lesson")

    @lesson.command("generate")
    def generate(
        course: str = typer.Argument(..., help="Course name or course folder."),
        out: Path = typer.Option(..., "--out", help="Folder to write the lessons to."),
        engine: EngineOption = typer.Option(EngineOption.offline, "--engine",
                                            help="Engine that writes the lessons."),
        batch: bool = typer.Option(False, "--batch",
                                   help="Claude only: one Message Batch (half price, resumable)."),
        poll_seconds: float = typer.Option(30.0, "--poll-seconds", hidden=True),
    ) -> None:
        """Write a lesson per concept (explanation, worked example, exercises), in prerequisite
        order, with a separate answer key and an index."""
        from tutor.catalog import resolve_course_dir
        from tutor.context import TutorContext
        from tutor.course import Course
        from tutor.errors import EngineUnavailable, TutorError
        from tutor.home import COURSE_FILE
        from tutor.lessons import generate_lessons, generate_lessons_batch

        context = TutorContext.from_env(engine=engine.value)
        folder = resolve_course_dir(course, context.home)
        built = Course.load(folder / COURSE_FILE)
        try:  # before any lesson is written (or paid for): a folder it cannot make, said now
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise TutorError(f"cannot write lessons to {out}: {exc.strerror or exc}; choose "
                             "another --out folder") from exc
        chunks = _course_passages(folder)
        if context.resolved_engine() == "offline":
            if batch:
                raise EngineUnavailable("--batch needs the Claude engine; add --engine claude")
            from tutor.engine.offline import OfflineEngine

            result = generate_lessons(built, OfflineEngine(), out, chunks)
        else:
            from tutor.engine.claude import ClaudeEngine

            claude = ClaudeEngine.from_context(context).with_course(built)
            if batch:
                from tutor.engine.claude.batch import BatchProgress, BatchRunner

                def show(progress: BatchProgress) -> None:
                    typer.echo(f"batch {progress.batch_id}: {progress.status}, "
                               f"{progress.done}/{progress.total} done", err=True)

                runner = BatchRunner(claude.client, folder / ".build" / "lessons.batch.json",
                                     usage=claude.usage, task="lesson",
                                     poll_seconds=poll_seconds, progress=show)
                result = generate_lessons_batch(built, claude, out, chunks, runner)
            else:
                result = generate_lessons(built, claude, out, chunks)
        typer.echo(f"{len(result.lessons)} lessons written to {out / result.index} "
                   f"(engine: {result.engine}, fallbacks: {result.fallbacks})")
