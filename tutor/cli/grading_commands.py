"""``tutor eval grading``: the offline short-answer grader against human grades.

Prints Beetle (SemEval-2013) 2-way and 3-way macro-F1 on the unseen-answers and
unseen-questions test sets and the Mohler held-out Pearson correlation; ``--calibrate``
refits the model on the training splits and rewrites ``tutor/assets/grading_model.json``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def grading(
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    calibrate: Annotated[
        bool,
        typer.Option("--calibrate", help="Refit on the training splits and rewrite the model."),
    ] = False,
    data: Annotated[
        Path | None,
        typer.Option(help="The grading data folder (default: ../shared/eval/grading)."),
    ] = None,
) -> None:
    """Measure the offline grader on SemEval-2013 Beetle and Mohler UNT v2."""
    from tutor.context import TutorContext
    from tutor.errors import TutorError
    from tutor.evals.grading import default_data_root, run

    root = data or default_data_root(TutorContext.from_env().home)
    if not root.is_dir():
        raise TutorError(f"{root}: no grading data here; pass --data PATH/TO/eval/grading")
    report, model = run(root, recalibrate=calibrate)
    if calibrate:
        from tutor.engine.offline.tutoring.answer_similarity import MODEL_PATH, grading_model

        model.save(MODEL_PATH)
        grading_model.cache_clear()
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Offline grading against human grades", show_lines=False)
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("target / reference", justify="right")
    targets = {"history/2way/UA": ">= 0.70 (best system 0.833)",
               "reference/2way/UQ": "(best system 0.702)",
               "reference/3way/UA": "(best system 0.71)",
               "reference/3way/UQ": "(best system 0.585)"}
    for name, value in report.beetle.items():
        table.add_row(f"Beetle macro-F1 {name}", f"{value:.3f}", targets.get(name, ""))
    table.add_row("Mohler Pearson, held-out questions", f"{report.mohler_pearson:.3f}",
                  ">= 0.45 (humans 0.597)")
    table.add_row("Mohler Pearson, training questions", f"{report.mohler_pearson_train:.3f}", "")
    for name, value in report.adversarial.items():
        if name != "concepts":
            table.add_row(f"Adversarial {name.replace('_', ' ')}", f"{value:.3f}",
                          ">= 0.9" if name.endswith("rejected") else "")
    console = Console(highlight=False)
    console.print(table)
    console.print(f"calibration: {report.calibration}", soft_wrap=True)
    if calibrate:
        console.print("model written to tutor/assets/grading_model.json")
    console.print(f"{report.seconds:.1f} s")


def register(eval_app: typer.Typer) -> None:
    eval_app.command("grading")(grading)
