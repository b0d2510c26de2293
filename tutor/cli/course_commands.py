"""``tutor course build|list|show``: build a course from its sources, list and outline courses.

Exit codes of ``build``: 0 all sources built; 1 some source could not be read (the course is
still built from the others); 2 a user error (no such course, no sources, engine unavailable).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from tutor.errors import TutorError

if TYPE_CHECKING:
    from rich.console import Console

    from tutor.course import Course
    from tutor.study.build import BatchOptions, BuildResult


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def _fail(exc: TutorError) -> typer.Exit:
    _console(stderr=True).print(f"[red]error:[/red] {exc}", markup=True, soft_wrap=True)
    return typer.Exit(2)


def build(
    path: Annotated[str, typer.Argument(help="A course folder, a course name, or a single PDF.")],
    engine: Annotated[
        str, typer.Option(help="offline, claude, or auto (claude when ANTHROPIC_API_KEY is set).")
    ] = "auto",
    title: Annotated[str | None, typer.Option(help="Course title (default: kept or from the folder name).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    batch: Annotated[bool, typer.Option(
        "--batch", help="Claude only: per-concept work as Message Batches (half price, "
        "resumable; cost estimate first; TUTOR_COURSE_TOKEN_BUDGET caps it).")] = False,
    poll_seconds: Annotated[float, typer.Option("--poll-seconds", hidden=True)] = 30.0,
    index: Annotated[bool, typer.Option(
        "--index", help="Build the passage index now too (by default the first lesson builds "
        "it; always with TUTOR_BUILD_PASSAGES=0).")] = False,
) -> None:
    """Build PATH/course.json from the course's sources (the passage index with --index, or
    when the first lesson opens the course)."""
    import logging

    from tutor.context import TutorContext
    from tutor.study.build import build_course

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # failures are reported per source
    if engine not in ("offline", "claude", "auto"):
        raise _fail(TutorError(f"unknown engine {engine!r}; use offline, claude or auto"))
    try:
        context = TutorContext.from_env(engine=engine)
        options = _batch_options(poll_seconds) if batch else None
        if context.resolved_engine() == "claude" and not batch and not quiet:
            _say_author_budget(context)
        if quiet:
            result = build_course(path, context=context, title=title, batch=options,
                                  index=index or None)
        else:
            with _ProgressBar() as bar:
                result = build_course(path, context=context, title=title, on_progress=bar.update,
                                      batch=options, index=index or None)
    except TutorError as exc:
        raise _fail(exc) from exc
    _print_summary(result)
    _leave_objects_at_exit()
    if result.report.failed_sources or result.course_path is None:
        raise typer.Exit(1)


def _leave_objects_at_exit() -> None:
    """When the process ends, the interpreter's last cyclic collection walks every object the
    build left (the book's passages, concepts, exercises) and tears their cycles down: 0.3-0.5
    CPU-s on Think Python, to free memory the operating system takes back at once. Freezing
    them first leaves them out of that walk; the exit functions still run (the sandbox's
    worker is stopped) and objects outside cycles are freed as before. Not when the build
    opened a Chroma store (``--index``), whose objects are left to end as they always did."""
    import atexit
    import gc
    import sys

    if "chromadb" not in sys.modules:
        atexit.register(gc.freeze)


def index(
    course: Annotated[str, typer.Argument(help="Course name or course folder.")],
) -> None:
    """Build the course's passage index (for free questions) from its sources; course.json,
    its concepts and exercises are left alone. Lessons do this themselves when it is missing."""
    import logging
    import time
    from pathlib import Path

    from tutor.catalog import resolve_course_dir
    from tutor.context import TutorContext
    from tutor.study.build import ensure_passage_index

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    console = _console()
    try:
        context = TutorContext.from_env()
        folder = resolve_course_dir(course, Path(context.home))
        started = time.perf_counter()
        with console.status("Indexing passages…") as status:
            def told(done: int, total: int) -> None:
                status.update(f"Indexing passages: {done}/{total}")

            built = ensure_passage_index(folder, context.chroma_url, progress=told, rebuild=True)
    except TutorError as exc:
        raise _fail(exc) from exc
    console.print(f"Indexed {len(built.chunks)} passages of {folder.name} in "
                  f"{time.perf_counter() - started:.1f} s")


def _say_author_budget(context: Any) -> None:
    """The most an interactive Claude build may cost, said before it starts."""
    from tutor.engine.claude.pricing import price_of

    err = _console(stderr=True)
    limit = context.course_token_budget
    if limit <= 0:
        err.print("Claude build: no course budget (TUTOR_COURSE_TOKEN_BUDGET=0)", style="yellow")
        return
    p_in, p_out, _write, _read = price_of(context.claude_model)
    worst = limit * max(p_in, p_out) / 1e6
    err.print(f"Claude build: at most {limit:,} billable tokens for this course "
              f"(TUTOR_COURSE_TOKEN_BUDGET), at most ${worst:.2f} at list price; past it the "
              "offline engine finishes the build", style="dim", markup=False, soft_wrap=True)


def _batch_options(poll_seconds: float) -> BatchOptions:
    """Batch settings that say the cost estimate and the batch's progress on stderr."""
    from tutor.study.build import BatchOptions

    err = _console(stderr=True)

    def estimate(what: str, cost: Any) -> None:
        err.print(f"batch of {what}: {cost.requests} requests, at most {cost.input_tokens:,} "
                  f"input and {cost.output_tokens:,} output tokens, at most "
                  f"${cost.usd_batch:.2f} at batch price (${cost.usd_interactive:.2f} "
                  "interactive); submitting", markup=False, soft_wrap=True)

    def progress(state: Any) -> None:
        err.print(f"batch {state.batch_id}: {state.status}, {state.done}/{state.total} done",
                  markup=False)

    return BatchOptions(on_estimate=estimate, on_progress=progress, poll_seconds=poll_seconds)


class _ProgressBar:
    """A rich progress bar with one line per study step."""

    def __init__(self) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self._progress = Progress(
            TextColumn("{task.description:<22}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("[dim]{task.fields[message]}", justify="left"),
            TimeElapsedColumn(),
            console=_console(stderr=True),
            transient=False,
        )
        self._tasks: dict[str, object] = {}

    def __enter__(self) -> _ProgressBar:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def update(self, event: dict) -> None:
        from tutor.study.graph import STEPS

        step = str(event.get("step", ""))
        total = max(int(event.get("total") or 0), 1)
        message = str(event.get("message", ""))[:30]
        if step not in self._tasks:
            label = STEPS.get(step, step)
            self._tasks[step] = self._progress.add_task(label, total=total, message=message)
        self._progress.update(
            self._tasks[step],  # type: ignore[arg-type]
            total=total,
            completed=min(int(event.get("done") or 0), total),
            message=message,
        )


def _print_summary(result: BuildResult) -> None:
    from rich.table import Table

    console = _console()
    report = result.report
    if result.course is not None:
        table = Table(title=f"{result.course.title} ({report.engine} engine)", show_header=False)
        table.add_row("course file", str(result.course_path))
        table.add_row("sources", f"{len(result.course.sources)} read, {report.pages} pages, "
                      f"{report.chunks} passages")
        exercised = {e.concept_id for e in result.course.exercises}
        unexercised = sum(1 for c in result.course.concepts if c.id not in exercised)
        table.add_row("concepts", str(report.concepts) + (
            f" ({unexercised} without an exercise: read, not checked)" if unexercised
            else ""))
        table.add_row("prerequisite edges", str(report.prerequisites))
        kinds = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in report.exercises_by_kind.items())
        total = sum(report.exercises_by_kind.values())
        table.add_row("exercises", f"{total}" + (f" ({kinds})" if kinds else ""))
        reasons = "; ".join(f"{n} {r}" for r, n in report.drop_reasons.items())
        table.add_row("dropped exercises", f"{report.exercises_dropped}"
                      + (f" ({reasons})" if reasons else ""))
        table.add_row("time", f"{report.seconds:.1f} s")
        console.print(table)
    else:
        console.print(f"No course written in {result.folder}: no source could be read.")
    if report.failed_sources:
        err = _console(stderr=True)
        err.print(f"[red]{len(report.failed_sources)} source(s) failed:[/red]")
        for failed in report.failed_sources:
            err.print(f"  {failed.error}", markup=False, soft_wrap=True)


def list_courses() -> None:
    """List the courses under the courses folder, with their counts and build time."""
    from rich.table import Table

    from tutor.context import TutorContext
    from tutor.course import Course
    from tutor.errors import CourseError
    from tutor.home import COURSE_FILE, courses_dir

    table = Table("name", "title", "concepts", "edges", "exercises", "built")
    home = TutorContext.from_env().home
    for folder in sorted(p for p in courses_dir(home).glob("*") if p.is_dir()):
        try:
            course = Course.load(folder / COURSE_FILE)
        except CourseError:
            table.add_row(folder.name, "[dim](not built)[/dim]", "", "", "", "")
            continue
        table.add_row(folder.name, course.title, str(len(course.concepts)),
                      str(len(course.prerequisites)), str(len(course.exercises)),
                      course.built_at.replace("T", " ").replace("+00:00", " UTC"))
    _console().print(table)


def show(
    name: Annotated[str, typer.Argument(help="A course name, or a course folder.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print course.json.")] = False,
) -> None:
    """Outline a course in teaching order: concepts, definitions, prerequisites, citations."""
    try:
        from tutor.catalog import load_course

        course = load_course(name)
    except TutorError as exc:
        raise _fail(exc) from exc
    if as_json:
        typer.echo(course.to_json())
        return
    typer.echo(outline(course))


def outline(course: Course) -> str:
    """A readable outline of the course in teaching order."""
    lines = [course.title, "=" * len(course.title)]
    counts = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in course.report.exercises_by_kind.items())
    lines.append(f"{len(course.concepts)} concepts, {len(course.prerequisites)} prerequisite edges, "
                 f"{len(course.exercises)} exercises ({counts or 'none'})")
    undefined = sum(1 for c in course.concepts if not c.defined)
    if undefined:
        lines.append(f"{undefined} concept(s) the course describes but never defines "
                     "(marked \"no definition\": edit their definition to fix them)")
    names = {c.id: c.name for c in course.concepts}
    for number, concept_id in enumerate(course.teaching_order(), start=1):
        concept = course.concept(concept_id)
        lines.append("")
        lines.append(f"{number}. {concept.name}")
        if concept.definition:
            said = "" if concept.defined else "(no definition; the course says) "
            lines.append(f"   {said}{concept.definition}")
        needs = [names[p] for p in course.prerequisites_of(concept.id) if p in names]
        if needs:
            lines.append(f"   needs: {', '.join(needs)}")
        cites = ", ".join(c.label() for c in concept.citations[:4])
        more = len(concept.citations) - 4
        lines.append(f"   see: {cites}" + (f" (+{more} more)" if more > 0 else ""))
        kinds: dict[str, int] = {}
        for exercise in course.exercises_for(concept.id):
            kinds[exercise.kind.value] = kinds.get(exercise.kind.value, 0) + 1
        if kinds:
            lines.append("   exercises: " + ", ".join(
                f"{n} {k.replace('_', ' ')}" for k, n in sorted(kinds.items())))
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    course = typer.Typer(help="Build, list and show courses.", no_args_is_help=True)
    app.add_typer(course, name="course")
    course.command("build")(build)
    course.command("index")(index)
    course.command("list")(list_courses)
    course.command("show")(show)
