"""Benchmark: the "definition or description" verdict against blind raters.

Each row of a ratings file (JSON lines: ``concept``, ``definition``, ``manual`` and the rater's
``rating.definition``, "yes" / "partial" / "no") is judged by
:func:`tutor.engine.offline.definitions.definition_kind.defines` on its text and the concept's
name (no aliases, no glossary: what the row holds). A rater's "yes" (says what the concept is
and stands on its own) is a definition; "partial" and "no" are not. The script prints, for the
calibration manuals and the held-out ones apart, the precision and recall of "definition" and
the share of rows the verdict calls a description.

Run: ``.venv/bin/python bench/definition_flag.py RATINGS.jsonl [RATINGS.jsonl ...] --held
camlidl,maintain`` (prints JSON, writes ``bench/results/definition_flag.json``).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tutor.engine.offline.definitions.definition_kind import defines

RESULTS = Path(__file__).resolve().parent / "results" / "definition_flag.json"


def scored(rows: list[dict]) -> dict[str, float | int]:
    """Precision and recall of "definition" against the raters' "yes"."""
    both = flagged = rated_yes = 0
    for row in rows:
        verdict = defines(row["definition"], [row["concept"]])
        yes = row["rating"]["definition"] == "yes"
        both += verdict and yes
        flagged += verdict
        rated_yes += yes
    return {"rows": len(rows), "rated_yes": rated_yes, "judged_definition": flagged,
            "precision": round(both / flagged, 3) if flagged else 0.0,
            "recall": round(both / rated_yes, 3) if rated_yes else 0.0,
            "judged_description_share": round(1 - flagged / len(rows), 3) if rows else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ratings", nargs="+", type=Path)
    parser.add_argument("--held", default="", help="comma-separated held-out manuals")
    args = parser.parse_args()
    rows = [json.loads(line) for path in args.ratings
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    held = {m for m in args.held.split(",") if m}
    result = {"calibration": scored([r for r in rows if r["manual"] not in held]),
              "held_out": scored([r for r in rows if r["manual"] in held]),
              "held_out_manuals": sorted(held)}
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
