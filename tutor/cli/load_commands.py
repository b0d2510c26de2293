"""``tutor eval load COURSE``: many simulated learners at once, on the configured storage."""

from __future__ import annotations

import typer


def register(eval_app: typer.Typer) -> None:
    @eval_app.command("load")
    def load_command(
        course: str = typer.Argument(
            ..., help="Course name under courses/, or a path to a course folder."),
        learners: int = typer.Option(50, "--learners", min=1, help="Simulated learners."),
        processes: int = typer.Option(2, "--processes", min=1,
                                      help="Processes the learners are spread over."),
        answers: int = typer.Option(4, "--answers", min=1,
                                    help="Exercises each learner answers."),
        seed: int = typer.Option(7, "--seed", help="Seed of the simulated answers."),
        as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    ) -> None:
        """Drive simulated learners through real lessons from several processes, then check
        that every answer they gave is stored exactly once (TUTOR_DATABASE_URL and
        TUTOR_CHROMA_URL pick the backends)."""
        from tutor.catalog import resolve_course_dir
        from tutor.context import TutorContext
        from tutor.evals.load import run_load

        context = TutorContext.from_env(engine="offline")
        resolve_course_dir(course, context.home)  # an unknown course fails here, in one line
        report = run_load(context, course, learners=learners, processes=processes,
                          answers=answers, seed=seed)
        if as_json:
            typer.echo(report.model_dump_json())
        else:
            for name, value in report.model_dump().items():
                typer.echo(f"{name:>20}: {value}")
        if report.lost_attempts or report.duplicated_attempts or report.errors:
            raise typer.Exit(1)
