"""The offline grader against human grades (SemEval-2013 Beetle, Mohler UNT v2).

Skipped with a message when ../shared/eval is absent. One run of ``tutor eval grading
--json`` (about a minute and a half: it embeds some 7,500 answers) checks the targets.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import eval_path
from tutor.evals.grading_data import load_beetle, load_mohler, mohler_split

pytestmark = pytest.mark.eval


def test_datasets_load_with_published_sizes() -> None:
    root = eval_path("grading")
    eval_path("grading", "semeval2013_beetle", "answers.tsv")
    eval_path("grading", "mohler_unt_v2", "data", "docs", "files")
    beetle = load_beetle(root)
    assert {k: len(v) for k, v in beetle.items()} == {"train": 3941, "UA": 439, "UQ": 819}
    assert len(load_mohler(root)) == 2273
    train, test = mohler_split(root)
    assert len(train) + len(test) == 81 and not train & test


@pytest.mark.soak
def test_grading_targets_via_cli(capsys: pytest.CaptureFixture[str]) -> None:
    root = eval_path("grading")
    eval_path("grading", "semeval2013_beetle", "answers.tsv")
    eval_path("grading", "mohler_unt_v2", "data", "docs", "files")
    from tutor.cli.main import main

    assert main(["eval", "grading", "--json", "--data", str(root)]) == 0
    report = json.loads(capsys.readouterr().out)
    beetle = report["beetle"]
    # Target: 2-way macro-F1 >= 0.70 on unseen answers (with answers graded before).
    assert beetle["history/2way/UA"] >= 0.70
    # The reference-only grader the product ships stays near it on both test sets.
    assert beetle["reference/2way/UA"] >= 0.67
    assert beetle["reference/2way/UQ"] >= 0.62
    assert beetle["reference/3way/UA"] >= 0.45
    # Target: Pearson >= 0.45 with the human average on held-out Mohler questions.
    assert report["mohler_pearson"] >= 0.45
    assert report["counts"] == {
        "beetle_UA": 439, "beetle_UQ": 819, "beetle_train": 3941,
        "mohler_train": 1152, "mohler_test": 1121,
    }
