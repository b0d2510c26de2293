"""Exports: open what was written and check it round-trips."""

from __future__ import annotations

import json
import re
import sqlite3
import zipfile
from pathlib import Path

import networkx as nx
import pytest

from tests.factories import python_course
from tutor.cli.main import main
from tutor.export import export_course
from tutor.export.gift import escape


def read_apkg(path: Path, tmp: Path) -> tuple[list[tuple], list[tuple], dict]:
    with zipfile.ZipFile(path) as archive:
        archive.extract("collection.anki2", tmp)
    db = sqlite3.connect(tmp / "collection.anki2")
    notes = db.execute("select guid, mid, flds, tags from notes order by guid").fetchall()
    cards = db.execute("select nid, did, ord from cards").fetchall()
    decks = json.loads(db.execute("select decks from col").fetchone()[0])
    db.close()
    return notes, cards, decks


def test_anki_package_has_a_note_per_exercise_and_stable_guids(tmp_path: Path) -> None:
    course = python_course()
    export_course(course, "anki", tmp_path / "a.apkg")
    notes, cards, decks = read_apkg(tmp_path / "a.apkg", tmp_path / "x1")
    assert len(notes) == len(course.exercises) == len(cards)
    deck_names = {d["name"] for d in decks.values()}
    assert {"Python: first steps::Basics", "Python: first steps::Functions"} <= deck_names
    cloze = [n for n in notes if "{{c1::variable}}" in n[2]]
    assert len(cloze) == 1
    mc = [n for n in notes if "Which term means" in n[2]]
    assert len(mc) == 1 and "<li>loop</li>" in mc[0][2]
    assert all("concept::" in n[3] for n in notes)
    # Re-export after an edit: same GUIDs and model ids, so Anki updates instead of duplicating.
    course.exercises[0].explanation = "Edited explanation."
    export_course(course, "anki", tmp_path / "b.apkg")
    notes2, _, _ = read_apkg(tmp_path / "b.apkg", tmp_path / "x2")
    assert [(n[0], n[1]) for n in notes] == [(n[0], n[1]) for n in notes2]
    assert any("Edited explanation." in n[2] for n in notes2)


def parse_gift(text: str) -> list[dict]:
    """A small GIFT reader for the questions this project writes."""
    questions = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln for ln in block.splitlines() if not ln.startswith(("//", "$CATEGORY"))]
        body = "\n".join(lines).strip()
        if not body:
            continue
        match = re.match(r"::((?:\\.|[^:\\])*)::(.*)", body, re.S)
        assert match, body
        title, rest = match.groups()
        # split at the first unescaped "{" and the last unescaped "}"
        opens = [m.start() for m in re.finditer(r"(?<!\\){", rest)]
        closes = [m.start() for m in re.finditer(r"(?<!\\)}", rest)]
        assert len(opens) == 1 and len(closes) == 1, rest
        stem = rest[: opens[0]] + "_____" + rest[closes[0] + 1 :]
        answer_block = rest[opens[0] + 1 : closes[0]]
        items = re.findall(r"(?<!\\)([=~])((?:\\.|[^=~\\])*)", answer_block)
        questions.append({
            "title": unescape(title),
            "stem": unescape(stem.strip()),
            "block": answer_block.strip(),
            "right": [unescape(t.split("#")[0].strip()) if "\\#" not in t else
                      unescape(re.split(r"(?<!\\)#", t)[0].strip())
                      for s, t in items if s == "="],
            "wrong": [unescape(re.split(r"(?<!\\)#", t)[0].strip()) for s, t in items if s == "~"],
        })
    return questions


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def test_gift_escapes_reserved_characters_and_round_trips(tmp_path: Path) -> None:
    course = python_course()
    summary = export_course(course, "gift", tmp_path / "q.gift")
    questions = parse_gift((tmp_path / "q.gift").read_text(encoding="utf-8"))
    assert len(questions) == summary.items == len(course.exercises)
    by_title = {q["title"]: q for q in questions}
    mc = by_title["variable-mc-1"]
    assert mc["right"] == ["variable"] and sorted(mc["wrong"]) == ["assignment", "function", "loop"]
    cloze = by_title["variable-cloze-1"]
    assert cloze["right"] == ["variable", "variables"]
    assert cloze["stem"] == "A _____ is a name that refers to a value."
    assert by_title["assignment-tf-1"]["block"].startswith("TRUE")
    essay = by_title["function-short-1"]
    assert essay["stem"].startswith("Explain function {in your own words}: what is it?")
    assert essay["block"].startswith("####")
    assert unescape(essay["block"][4:]).startswith(
        "A named sequence of statements = a #recipe ~ {reusable}.")


@pytest.mark.parametrize("text", ["a~b", "x=y", "#1", "{set}", "key: value", "back\\slash",
                                  "two\nlines"])
def test_gift_escape_round_trip(text: str) -> None:
    escaped = escape(text)
    assert not re.search(r"(?<!\\)[~=#{}:]", escaped.replace("\\\\", ""))
    assert unescape(escaped) == text


def test_markdown_study_guide_orders_concepts_and_keeps_answers_for_the_end(tmp_path: Path) -> None:
    course = python_course()
    export_course(course, "markdown", tmp_path / "guide.md")
    text = (tmp_path / "guide.md").read_text(encoding="utf-8")
    positions = [text.index(f"## {i}. {name}") for i, name in
                 enumerate(["variable", "assignment", "function"], start=1)]
    assert positions == sorted(positions)
    body, key = text.split("## Answer key")
    assert "2. B. variable" in key
    assert "1. variable — See p. 2." in key and "See p. 2." not in body
    assert "notes.pdf p. 2" in body


def test_graphml_and_json_read_back(tmp_path: Path) -> None:
    course = python_course()
    export_course(course, "graphml", tmp_path / "g.graphml")
    graph = nx.read_graphml(tmp_path / "g.graphml")
    assert graph.number_of_nodes() == 3 and graph.number_of_edges() == 2
    assert graph.has_edge("variable", "assignment")
    assert graph.nodes["function"]["name"] == "function"
    export_course(course, "json", tmp_path / "g.json")
    data = json.loads((tmp_path / "g.json").read_text())
    assert len(data["nodes"]) == 3 and len(data["edges"]) == 2
    assert nx.is_directed_acyclic_graph(
        nx.DiGraph([(e["source"], e["target"]) for e in data["edges"]]))


def test_cli_export_by_course_name(tutor_home: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder = tutor_home / "courses" / "python-first-steps"
    folder.mkdir()
    (folder / "course.json").write_text(python_course().to_json())
    out = tmp_path / "deck.apkg"
    assert main(["export", "python-first-steps", "--format", "anki", "--out", str(out)]) == 0
    assert out.exists() and "wrote" in capsys.readouterr().out
    assert main(["export", "python-first-steps", "--format", "pdf"]) == 2
    assert "unknown export format" in capsys.readouterr().err
    assert main(["export", "no-such-course", "--format", "json"]) == 2
    assert "no built course" in capsys.readouterr().err
    # an output path that cannot be written (a file where a folder should be): one line
    assert main(["export", "python-first-steps", "--format", "gift", "--out",
                 str(out / "quiz.gift")]) == 2
    said = capsys.readouterr().err
    assert f"cannot write {out / 'quiz.gift'}" in said and "internal error" not in said
