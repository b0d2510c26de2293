"""Answers built to fool the short-answer grader, from the teachers' concept maps.

For every concept of a map (``../shared/eval/concepts/*_map.json``) the evaluation writes the
exercise the offline writer would ("Explain X in your own words": the definition as reference,
its clauses as key points, the three nearest concepts' definitions as the misconceptions it
names) and grades four or five answers with the product grader:

* ``faithful``: the definition itself, "X is <definition>" (should be accepted: the control);
* ``negated``: the same with "is" turned into "is not";
* ``negation_dropped``: for a definition that says "not" (or "never", "cannot", "n't"), the
  faithful answer with that negation taken out ("is a straight line" for "is not a straight
  line"); its share is over the concepts whose definition has one;
* ``sibling``: the nearest other concept's definition, given for X;
* ``keyword_salad``: the definition's content words, shuffled, no sentence around them.

The report gives the share accepted for the control and the share rejected for the others.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from tutor.course import Citation, Exercise, ExerciseKind
from tutor.engine.offline.tutoring.answer_similarity import split_points, tokens

NEAREST = 3
_VERB = re.compile(r"\b(is|are)\b")
_FUNCTION = frozenset("a an the is are of to in on at by for with from that which who and or "
                      "but as it its this be can".split())


def map_files(root: Path) -> list[Path]:
    """The teachers' maps beside the grading data (``<eval>/concepts/*_map.json``)."""
    return sorted((Path(root).parent / "concepts").glob("*_map.json"))


def lower_first_word(text: str) -> str:
    """``text`` with its first letter lowered when the word it starts is not a capitalised
    name or acronym ("A list" stays, "Returns" becomes "returns")."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def faithful(name: str, definition: str) -> str:
    return f"{name[:1].upper()}{name[1:]} is {lower_first_word(definition)}"


def negated(name: str, definition: str) -> str:
    """ "X is not <definition>", or the definition's own "is" turned into "is not"."""
    if _VERB.search(definition) and name.lower() in definition.lower():
        return _VERB.sub(lambda m: f"{m.group(1)} not", definition, count=1)
    return f"{name[:1].upper()}{name[1:]} is not {lower_first_word(definition)}"


_NEGATION = re.compile(r"\s+(?:not|never)\b|(?<=\bcan)not\b|n't\b", re.I)


def negation_dropped(name: str, definition: str) -> str | None:
    """The faithful answer with the definition's first negation taken out, or ``None`` when
    the definition has none."""
    said = faithful(name, definition)
    turned = _NEGATION.sub("", said, count=1)
    return turned if turned != said else None


def salad(definition: str, seed: str) -> str:
    words = [w for w in tokens(definition) if w not in _FUNCTION]
    random.Random(seed).shuffle(words)
    return " ".join(words)


def _exercise(name: str, definition: str, siblings: list[tuple[str, str]]) -> Exercise:
    reference = f"{name}: {definition}"
    return Exercise(
        id=re.sub(r"\W+", "-", name.lower()) + "-short_answer-1",
        concept_id=re.sub(r"\W+", "-", name.lower()),
        kind=ExerciseKind.SHORT_ANSWER,
        prompt=f"Explain {name} in your own words.",
        answer=reference,
        key_points=split_points(definition)[:4],
        misconceptions={d: f"confuses {name} with {n}" for n, d in siblings},
        citations=[Citation(source="map", page=1)],
    )


def adversarial_shares(root: Path) -> dict[str, float]:
    """Shares over every concept of every map: ``faithful_accepted``, ``negated_rejected``,
    ``sibling_rejected``, ``keyword_salad_rejected``, and ``concepts``; the same per map as
    ``<book>/<share>`` (the guards fit no constant on these answers: each book is held out)."""
    from tutor.engine.offline.tutoring.grading import grade
    from tutor.index.embeddings import embed

    kinds = ("faithful_accepted", "negated_rejected", "sibling_rejected",
             "keyword_salad_rejected")
    counts: dict[str, int] = {}
    books: dict[str, int] = {}
    dropped_of: dict[str, int] = {}  # concepts whose definition says "not", by book
    for path in map_files(root):
        book = path.stem.removesuffix("_map")
        concepts = [(c["name"], c["definition"]) for c in json.loads(
            path.read_text(encoding="utf-8"))["concepts"] if c.get("definition")]
        if len(concepts) < 2:
            continue
        vectors = embed([f"{n}: {d}" for n, d in concepts])
        similarity = vectors @ vectors.T
        for row, (name, definition) in enumerate(concepts):
            order = [int(i) for i in similarity[row].argsort()[::-1] if int(i) != row]
            near = [concepts[i] for i in order[:NEAREST]]
            exercise = _exercise(name, definition, near)
            books[book] = books.get(book, 0) + 1
            outcome = {
                "faithful_accepted": grade(exercise, faithful(name, definition)).correct,
                "negated_rejected": not grade(exercise, negated(name, definition)).correct,
                "sibling_rejected": not grade(exercise, faithful(name, near[0][1])).correct,
                "keyword_salad_rejected": not grade(exercise, salad(definition, name)).correct,
            }
            turned = negation_dropped(name, definition)
            if turned is not None:
                dropped_of[book] = dropped_of.get(book, 0) + 1
                outcome["negation_dropped_rejected"] = not grade(exercise, turned).correct
            for kind, hit in outcome.items():
                for key in (kind, f"{book}/{kind}"):
                    counts[key] = counts.get(key, 0) + int(hit)
    total = sum(books.values())
    shares: dict[str, float] = {k: round(counts.get(k, 0) / total, 4) if total else 0.0
                                for k in kinds}
    for book, n in books.items():
        shares.update({f"{book}/{k}": round(counts.get(f"{book}/{k}", 0) / n, 4)
                       for k in kinds})
    dropped = "negation_dropped_rejected"
    for scope, n in [("", sum(dropped_of.values())), *((f"{b}/", n) for b, n in
                                                        dropped_of.items())]:
        if n:
            shares[f"{scope}{dropped}"] = round(counts.get(f"{scope}{dropped}", 0) / n, 4)
    shares["concepts"] = float(total)
    shares["concepts_saying_not"] = float(sum(dropped_of.values()))
    return shares
