"""Anki export: one note per exercise in an ``.apkg`` built with genanki.

Ids are derived from the course slug and the exercise ids, so re-exporting an edited course
and importing it again updates the existing notes instead of adding duplicates:
- model ids come from fixed names (one model for basic notes, one for cloze notes);
- deck ids from the deck's full name (``Course::Section``);
- note GUIDs from ``(course slug, exercise id)``.

Scheduling: genanki writes every card as new. Anki recomputes a card's due date from its own
review history and has no field for an external FSRS state that an imported package can set,
so ``tutor export --learner`` does not carry due dates; the learner's reviews stay in the tutor.
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

import genanki

from tutor.course import Course, Exercise, ExerciseKind
from tutor.export.summary import ExportSummary

_CSS = (
    ".card { font-family: sans-serif; font-size: 20px; text-align: left; color: #222;"
    " background: #fff; max-width: 40em; margin: auto; }\n"
    ".choices { margin-top: .5em; } .cite { color: #777; font-size: 14px; }\n"
)


def stable_id(*parts: str) -> int:
    """A positive 31-bit id derived from ``parts`` (Anki ids must fit in a signed int64;
    31 bits keeps them clear of Anki's millisecond-timestamp ids)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return (int.from_bytes(digest[:4], "big") & 0x7FFFFFFF) or 1


BASIC_MODEL = genanki.Model(
    stable_id("agent-tutor", "model", "basic", "v1"),
    "Agent tutor: question",
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Concept"}, {"name": "Source"}],
    templates=[
        {
            "name": "Question",
            "qfmt": "{{Front}}",
            "afmt": "{{FrontSide}}<hr id=answer>{{Back}}<div class=cite>{{Concept}} · {{Source}}</div>",
        }
    ],
    css=_CSS,
)

CLOZE_MODEL = genanki.Model(
    stable_id("agent-tutor", "model", "cloze", "v1"),
    "Agent tutor: cloze",
    fields=[{"name": "Text"}, {"name": "Back Extra"}, {"name": "Concept"}, {"name": "Source"}],
    templates=[
        {
            "name": "Cloze",
            "qfmt": "{{cloze:Text}}",
            "afmt": "{{cloze:Text}}<br>{{Back Extra}}<div class=cite>{{Concept}} · {{Source}}</div>",
        }
    ],
    css=_CSS,
    model_type=genanki.Model.CLOZE,
)

_BLANK = re.compile(r"_{3,}")


def _field(text: str) -> str:
    """Course text as the HTML of an Anki field: escaped, and with braces as entities so that
    no ``{{c2::...}}`` in the text can make a cloze deletion (an extra card) of its own."""
    return html.escape(text).replace("{", "&#123;").replace("}", "&#125;")


def _tag(text: str) -> str:
    """Anki tags cannot hold spaces."""
    return re.sub(r"[^\w:-]+", "_", text).strip("_") or "concept"


def _sources(exercise: Exercise) -> str:
    return _field(", ".join(c.label() for c in exercise.citations))


def cloze_text(exercise: Exercise) -> str | None:
    """The prompt with its blank turned into an Anki cloze deletion, or None if it has none."""
    prompt = _field(exercise.prompt)
    if not _BLANK.search(prompt):
        return None
    answer = _field(exercise.answer).replace("::", ": :")
    return _BLANK.sub(lambda _m: "{{c1::" + answer + "}}", prompt, count=1)


def _front(exercise: Exercise) -> str:
    front = _field(exercise.prompt)
    if exercise.choices and exercise.kind is ExerciseKind.MULTIPLE_CHOICE:
        items = "".join(f"<li>{_field(choice)}</li>" for choice in exercise.choices)
        front += f"<ol type=A class=choices>{items}</ol>"
    return front


def _back(exercise: Exercise) -> str:
    back = f"<b>{_field(exercise.answer)}</b>"
    if exercise.key_points:
        back += "<ul>" + "".join(f"<li>{_field(p)}</li>" for p in exercise.key_points)
        back += "</ul>"
    if exercise.explanation:
        back += f"<p>{_field(exercise.explanation)}</p>"
    return back


def export_anki(course: Course, out: Path) -> ExportSummary:
    """Write an ``.apkg`` with one note per exercise, decks by section, tags by concept."""
    slug = course.slug or course.title
    concepts = {c.id: c for c in course.concepts}
    decks: dict[str, genanki.Deck] = {}
    detail: dict[str, int] = {}
    for exercise in course.exercises:
        concept = concepts.get(exercise.concept_id)
        section = (concept.section if concept and concept.section else "General").strip()
        deck_name = f"{course.title}::{section.replace('::', ':')}"
        if deck_name not in decks:
            decks[deck_name] = genanki.Deck(stable_id("agent-tutor", "deck", slug, deck_name),
                                            deck_name)
        concept_name = _field(concept.name if concept else exercise.concept_id)
        tags = [_tag(f"concept::{exercise.concept_id}"), _tag(f"kind::{exercise.kind.value}")]
        guid = genanki.guid_for(slug, exercise.id)
        text = cloze_text(exercise) if exercise.kind is ExerciseKind.CLOZE else None
        if text is not None:
            note = genanki.Note(model=CLOZE_MODEL, guid=guid, tags=tags,
                                fields=[text, _field(exercise.explanation), concept_name,
                                        _sources(exercise)])
        else:
            note = genanki.Note(model=BASIC_MODEL, guid=guid, tags=tags,
                                fields=[_front(exercise), _back(exercise), concept_name,
                                        _sources(exercise)])
        decks[deck_name].add_note(note)
        detail[exercise.kind.value] = detail.get(exercise.kind.value, 0) + 1
    out.parent.mkdir(parents=True, exist_ok=True)
    # A fixed timestamp keeps the package byte-stable for the same course.
    genanki.Package(list(decks.values())).write_to_file(str(out), timestamp=0)
    return ExportSummary(format="anki", path=out, items=len(course.exercises), detail=detail)
