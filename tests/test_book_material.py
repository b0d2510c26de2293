"""The book-wide bank: code read back from a PDF, sessions routed to one concept, examples
posed as "which idea is at work", and each question beyond a definition asked once."""

from __future__ import annotations

from collections.abc import Sequence

from tutor.course import Chunk, Citation, Concept, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.code_output.code_exercises import error_name, write_code_output
from tutor.engine.offline.code_output.code_listings import (
    defined_names,
    listings,
    reindent,
    sessions,
    used_names,
)
from tutor.engine.offline.code_output.code_sandbox import tidy_quotes
from tutor.engine.offline.examples.example_use_exercises import write_example_use
from tutor.engine.offline.terms import term_variants
from tutor.engine.offline.writing.checking import BLANK, check_exercise
from tutor.engine.offline.writing.exercise_material import SHORT_SEED, Sibling, gather, item_seed
from tutor.study.exercise_steps import _asked_once
from tutor.study.showcases import MAX_SHOWCASES, showcase_passages


def _chunk(text: str, page: int = 3, order: int = 0, heading: str = "") -> Chunk:
    return Chunk(id=f"book.pdf#p{page}-{order}", source="book.pdf", page=page, text=text,
                 order=order, heading=heading)


def _concept(cid: str, name: str, definition: str, page: int = 3) -> Concept:
    return Concept(id=cid, name=name, definition=definition,
                   citations=[Citation(source="book.pdf", page=page)])


def _material(concept: Concept, passages: Sequence[Chunk]):  # type: ignore[no-untyped-def]
    return gather(concept, term_variants(concept.name, concept.aliases), passages)


FLUSH_LEFT = [
    "def print_twice(bruce):",
    "print(bruce)",
    "print(bruce)",
]


def test_code_that_lost_its_indentation_runs_again() -> None:
    source = reindent(FLUSH_LEFT)
    assert source.splitlines() == ["def print_twice(bruce):", "    print(bruce)",
                                   "    print(bruce)"]
    nested = reindent(["def sign(x):", "if x < 0:", "return -1", "else:", "return 1"])
    assert nested.splitlines()[3:] == ["    else:", "        return 1"]
    after_return = reindent(["def absolute(x):", "if x < 0:", "return -x", "if x > 0:",
                             "return x"])
    assert after_return.splitlines()[3] == "    if x > 0:"  # not inside the first if


def test_a_listing_ends_where_the_prose_starts() -> None:
    text = "\n".join(["Here is an example:", *FLUSH_LEFT,
                      "This function assigns the argument to a parameter named bruce."])
    (listing,) = listings(text)
    assert listing.source.rstrip().endswith("    print(bruce)")
    assert defined_names(listing.source) == {"print_twice"}
    assert used_names("print_twice(michael)") == {"print_twice", "michael"}


def test_a_session_continues_its_definitions_on_dotted_lines() -> None:
    text = ">>> def f():\n... return 42\n...\n>>> f()\n42\n"
    first, second = sessions(text)[0].steps
    assert first.source.splitlines() == ["def f():", "    return 42"]
    assert (second.source, second.output) == ("f()", "42")


def test_quotes_the_pdf_spaced_out_are_tidied_without_gluing_keywords() -> None:
    assert tidy_quotes("' a ' in ' banana '") == "'a' in 'banana'"
    assert tidy_quotes("x = 'in'") == "x = 'in'"


PARAMETER = _concept("parameter", "parameter",
                     "A parameter is a name used inside a function to refer to an argument.")
FUNCTION_TEXT = "\n".join([
    "Inside the function, the arguments are assigned to variables called parameters.",
    *FLUSH_LEFT,
    "This function assigns the argument to a parameter named bruce.",
    "When the function is called, it prints the value of the parameter twice:",
    ">>> print_twice('Spam')",
    "Spam Spam",
    ">>> print_twice(42)",
    "42 42",
])


def _echo(outputs: dict[str, str]):  # type: ignore[no-untyped-def]
    def run(statements: Sequence[str]) -> list[str] | None:
        return [outputs.get(s.strip(), "") for s in statements]
    return run


def test_a_session_shows_the_definition_it_uses_and_is_keyed_to_the_book() -> None:
    chunk = _chunk(FUNCTION_TEXT)
    run = _echo({"print_twice(42)": "42\n42\n", "print_twice('Spam')": "Spam\nSpam\n"})
    items = write_code_output(_material(PARAMETER, [chunk]), [chunk], run=run)
    assert items and items[0].origin is ExerciseOrigin.CODE_OUTPUT
    first = items[0]
    assert first.answer == "42\n42"  # as Python prints it, not as the PDF flattens it
    assert first.accepted == ["42 42"]  # typed on one line
    assert ">>> def print_twice(bruce):\n...     print(bruce)" in first.prompt
    assert first.prompt.count(BLANK) == 1
    assert check_exercise(first, PARAMETER, [chunk]).ok


def test_a_listing_of_two_definitions_is_shown_at_two_prompts() -> None:
    """Under one prompt the function would read as part of the class's block (Python refuses
    it at the interpreter), while the replay runs them as two statements."""
    concept = _concept("class", "class", "A class is a programmer-defined type.")
    chunk = _chunk("\n".join([
        "A class is a programmer-defined type. Here is a class and a function:",
        "class Time:", '"""Represents the time of day."""',
        "def print_time(time):", "print(time.hour + 1)",
        "This function prints the hour of a Time object:",
        ">>> start = Time()", ">>> start.hour = 9", ">>> print_time(start)", "10"]))
    run = _echo({"print_time(start)": "10\n"})
    (item,) = write_code_output(_material(concept, [chunk]), [chunk], run=run)
    assert ('>>> class Time:\n...     """Represents the time of day."""\n...\n'
            ">>> def print_time(time):\n...     print(time.hour + 1)\n...\n>>> start = Time()"
            in item.prompt)


def test_a_session_whose_definition_the_book_never_shows_gives_no_item() -> None:
    chunk = _chunk("\n".join(FUNCTION_TEXT.splitlines()[4:]))  # the listing left out
    run = _echo({"print_twice(42)": "NameError: name 'print_twice' is not defined\n"})
    assert write_code_output(_material(PARAMETER, [chunk]), [chunk], run=run) == []


def test_an_error_the_book_shows_is_asked_by_its_name() -> None:
    concept = _concept("string", "string", "A string is a sequence of characters.")
    chunk = _chunk("Strings are immutable, so you cannot change a string:\n"
                   ">>> greeting = 'Hello'\n>>> greeting[0] = 'J'\n"
                   "TypeError: 'str' object does not support item assignment\n")
    run = _echo({"greeting[0] = 'J'": "TypeError: 'str' object does not support item "
                                      "assignment\n"})
    (item,) = write_code_output(_material(concept, [chunk]), [chunk], run=run)
    assert item.answer == "TypeError" and "Type Error" in item.accepted
    assert "error" in item.prompt.lower()
    assert error_name("SyntaxError: invalid syntax") == "SyntaxError"
    other = _echo({"greeting[0] = 'J'": "ValueError: no\n"})  # the replay disagrees
    assert write_code_output(_material(concept, [chunk]), [chunk], run=other) == []


def test_a_session_goes_to_the_concept_named_last_before_it_until_it_has_its_share() -> None:
    concepts = [{"id": "list", "name": "list"}, {"id": "slice", "name": "slice"}]
    chunks = [_chunk(f"A slice of a list works like this:\n>>> t[1:{i}]\n[2]\nSome prose "
                     f"follows here to end it.", page=i, order=i) for i in range(1, 8)]
    routed = showcase_passages(concepts, chunks)
    slices = {c.page for c in routed["slice"]}
    assert len(slices) <= MAX_SHOWCASES + 1  # with the page before the last one
    assert routed["list"]  # the rest go to the concept named before it


def test_the_same_question_from_two_concepts_is_asked_once_by_the_less_loaded() -> None:
    def item(cid: str, prompt: str, origin: str = "code_output") -> dict[str, str]:
        return {"id": f"{cid}-{prompt}", "concept_id": cid, "prompt": prompt, "origin": origin}
    kept = _asked_once([item("a", "p1"), item("a", "p2"), item("b", "p2"),
                        item("a", "define", "definition"), item("b", "define", "definition")])
    assert sorted(e["id"] for e in kept) == ["a-define", "a-p1", "b-define", "b-p2"]


def test_a_shared_session_goes_on_a_tie_to_the_concept_with_nothing_else_to_ask() -> None:
    def item(cid: str, prompt: str) -> dict[str, str]:
        return {"id": f"{cid}-{prompt}", "concept_id": cid, "prompt": prompt,
                "origin": "code_output"}
    # "interpreter" poses two sessions, "prompt" and "type" one each: every one keeps one
    kept = _asked_once([item("interpreter", "p1"), item("interpreter", "p2"),
                        item("prompt", "p1"), item("type", "p2")])
    assert sorted(e["id"] for e in kept) == ["prompt-p1", "type-p2"]
    kept = _asked_once([item("interpreter", "p1"), item("interpreter", "p2"),
                        item("prompt", "p1")])
    assert sorted(e["id"] for e in kept) == ["interpreter-p2", "prompt-p1"]
    # two concepts with other questions too: the first writer's, however many each has
    kept = _asked_once([item("immutable", "p3"), item("immutable", "p5"),
                        item("immutable", "p8"), item("left-side", "p3"),
                        item("left-side", "p6"), item("other", "p8")])
    assert {"immutable-p3", "other-p8"} <= {e["id"] for e in kept}


SAMPLE = _concept("sample-space", "sample space",
                  "The sample space is the set of all possible outcomes of an experiment.")
EVENT = _concept("event", "event", "An event is a subset of the sample space.", page=4)
MEAN = _concept("mean", "mean", "The mean is the sum of the values divided by their number.",
                page=5)
MODE = _concept("mode", "mode", "The mode is the most frequent value.", page=6)


def test_an_example_of_the_concept_at_work_asks_which_idea_fills_the_blank() -> None:
    chunk = _chunk("The sample space is the set of all possible outcomes of an experiment. "
                   "For example, if you roll a die once, the sample space is the set "
                   "{1, 2, 3, 4, 5, 6} of the faces it can show.")
    siblings = [Sibling(c, 0.5, None) for c in (EVENT, MEAN, MODE)]
    (item,) = write_example_use(_material(SAMPLE, [chunk]), siblings, [chunk])
    assert item.origin is ExerciseOrigin.EXAMPLE and item.kind is ExerciseKind.MULTIPLE_CHOICE
    assert "roll a die" in item.prompt and "sample space" not in item.prompt
    assert item.answer == "sample space" and set(item.choices or []) >= {"event", "mean"}
    assert check_exercise(item, SAMPLE, [chunk]).ok
    named = _chunk(chunk.text + " Any subset of it is an event.")
    (again,) = write_example_use(_material(SAMPLE, [named]), siblings, [named])
    assert "event" not in (again.choices or [])  # the page names it: no distractor


def test_an_example_is_asked_only_as_a_concrete_case_that_points_at_nothing_unseen() -> None:
    from tutor.engine.offline.examples.example_use_exercises import concrete

    siblings = [Sibling(c, 0.5, None) for c in (EVENT, MEAN, MODE)]
    # a narrative sentence is filled by its grammar, not by recognising the idea at work
    story = _chunk("The sample space is the set of all possible outcomes of an experiment. "
                   "For example, people who gamble think about the sample space of a game "
                   "long before they know what the word means.")
    assert write_example_use(_material(SAMPLE, [story]), siblings, [story]) == []
    # a case that points at what the quote leaves out
    pointing = _chunk("The sample space is the set of all possible outcomes of an experiment. "
                      "For example, the sample space of the experiment on p. 92 has 6 "
                      "outcomes, one for each face of the die.")
    assert write_example_use(_material(SAMPLE, [pointing]), siblings, [pointing]) == []
    assert concrete("For example, the 90% interval runs from the 5th to the 95th percentile.")
    assert concrete("For example, t.append(x) adds one element at the end.")
    assert concrete("If your conclusion is a conditional A → B, plan to use the rule.")
    assert concrete("Consider any sentence of the form Rc1 where R is a predicate.")
    assert not concrete("Often, sentences in logic will express things that count as facts.")
    assert not concrete("For example, Figure 18.2 shows the relationships between classes.")
    assert not concrete("In the argument above, for example, the premises are true.")


def test_an_example_item_offers_no_second_name_for_the_idea_nor_a_common_word_key() -> None:
    from tutor.engine.offline.examples.example_use_exercises import another_name

    outcome = _concept("outcome", "outcome", "Often, the elements of a sample space are called "
                       "outcomes.", page=7)
    siblings = [Sibling(c, 0.5, None) for c in (outcome, EVENT, MEAN, MODE)]
    chunk = _chunk("The sample space is the set of all possible results of an experiment. "
                   "For example, if you roll a die once, the sample space is the set "
                   "{1, 2, 3, 4, 5, 6} of the faces it can show.")
    assert another_name(siblings[0], _material(SAMPLE, [chunk]))
    assert not another_name(siblings[1], _material(SAMPLE, [chunk]))  # named, not renamed
    (item,) = write_example_use(_material(SAMPLE, [chunk]), siblings, [chunk])
    assert "outcome" not in (item.choices or [])
    # a one-word name as common as "proof" is filled by the grammar of the quote
    common = _concept("proof", "proof", "A proof is a sequence of sentences.")
    told = _chunk("A proof is a sequence of sentences. For example, the proof of A & B from "
                  "A and B has 3 lines and uses one rule, conjunction introduction.")
    assert write_example_use(_material(common, [told]), siblings[1:], [told]) == []


PRACTICE = _chunk(
    "Practice Exercises\n"
    "? Part A Determine whether each sentence is a tautology, a contradiction, or a "
    "contingent sentence.\n1. A → A 2. ¬B & B 3. C → ¬C\n"
    "? Part B Determine whether each argument is valid or invalid.\n"
    "1. A, .˙. A 2. A → B, .˙. B\n"
    "? Part C Explain why each of these is possible.\n1. A valid argument 2. A tautology\n",
    page=42, order=1)
SOLUTIONS = _chunk(
    "Chapter B: Solutions to selected exercises\n"
    "Chapter 3 Part A\n1. tautology 2. contradiction 3. contingent\n"
    "Chapter 3 Part B 1 is valid.\n"
    "Chapter 3 Part C\n1. yes 2. no\n", page=137, order=9)
TAUTOLOGY = _concept("tautology", "tautology",
                     "A tautology is a sentence that must be true, as a matter of logic.", page=42)
VALID = _concept("valid", "valid", "An argument is valid if it is impossible for the premises "
                 "to be true and the conclusion false.", page=42)


def test_a_practice_exercise_is_keyed_to_the_books_solution() -> None:
    from tutor.engine.offline.writing.book_exercises import write_book_exercises

    passages = [PRACTICE, SOLUTIONS]
    (item,) = write_book_exercises(_material(TAUTOLOGY, passages), passages)
    assert item.origin is ExerciseOrigin.BOOK_EXERCISE
    assert item.answer == "tautology" and "A → A" in item.prompt
    assert sorted(item.choices or []) == ["contingent", "contradiction", "tautology"]
    assert {c.page for c in item.citations} == {42, 137}
    assert check_exercise(item, TAUTOLOGY, passages).ok
    first, second = write_book_exercises(_material(VALID, passages), passages)
    assert first.kind is ExerciseKind.TRUE_FALSE and (first.answer, second.answer) == (
        "True", "False")  # "1 is valid": the second is not
    assert "is valid: A, .˙. A" in first.prompt


def test_an_open_practice_question_or_one_without_a_solution_is_not_posed() -> None:
    from tutor.engine.offline.writing.book_exercises import write_book_exercises

    assert write_book_exercises(_material(TAUTOLOGY, [PRACTICE]), [PRACTICE]) == []
    possible = _concept("possible", "possible", "Possible means it could be so.", page=42)
    passages = [PRACTICE, SOLUTIONS]
    assert write_book_exercises(_material(possible, passages), passages) == []


def test_practice_parts_and_their_solutions_go_to_the_concepts_they_name() -> None:
    concepts = [{"id": "tautology", "name": "tautology"}, {"id": "valid", "name": "valid"}]
    routed = showcase_passages(concepts, [PRACTICE, SOLUTIONS])
    assert SOLUTIONS in routed["tautology"] and PRACTICE in routed["valid"]


def test_a_session_shows_the_earlier_changes_its_last_line_depends_on() -> None:
    from tutor.engine.offline.code_output.code_listings import changed_names, is_statement

    assert changed_names("t.append(4)") == {"t"} and changed_names("d['a'] = 1") == {"d"}
    assert is_statement("import math") and not is_statement("math.pi")
    concept = _concept("dictionary", "dictionary", "A dictionary maps keys to values.")
    chunk = _chunk("A dictionary maps keys to values:\n"
                   ">>> eng2sp = dict()\n>>> eng2sp['one'] = len('abc')\n>>> x = 5\n"
                   "Some prose about the dictionary that follows the session here.\n"
                   "More prose about what the dictionary holds after these lines.\n"
                   ">>> eng2sp['one']\n3\n")
    seen: list[list[str]] = []

    def run(statements: Sequence[str]) -> list[str] | None:
        seen.append(list(statements))
        return ["" for _ in statements[:-1]] + ["3\n"]
    (item,) = write_code_output(_material(concept, [chunk]), [chunk], run=run)
    assert ">>> eng2sp = dict()\n>>> eng2sp['one'] = len('abc')\n>>> eng2sp['one']" in item.prompt
    assert "x = 5" not in item.prompt and item.answer == "3"


def test_a_question_asked_twice_is_counted_among_the_drop_reasons() -> None:
    from tutor.study.exercise_steps import ASKED_TWICE, collect_exercises

    def item(cid: str) -> dict[str, str]:
        return {"id": f"{cid}-code-1", "concept_id": cid, "prompt": "same", "origin": "code_output"}
    state = {"written": [item("a"), item("b")]}
    assert collect_exercises(state) == {"drop_reasons": {ASKED_TWICE: 1}}  # type: ignore[arg-type]
    assert collect_exercises({"written": [item("a")]}) == {}  # type: ignore[typeddict-item]


def test_a_contrast_written_from_both_sides_is_asked_once_unless_it_is_all_one_side_has() -> None:
    def contrast(cid: str, own: str, other: str) -> dict[str, str]:
        return {"id": f"{cid}-contrast-1", "concept_id": cid, "origin": "contrast",
                "prompt": f"How does {own} differ from {other}? Say what each one is."}
    both = [contrast("gather", "gather", "scatter"), contrast("scatter", "scatter", "gather"),
            {"id": "gather-define", "concept_id": "gather", "prompt": "define",
             "origin": "definition"},
            {"id": "scatter-session", "concept_id": "scatter", "prompt": "p1",
             "origin": "code_output"}]
    kept = {e["id"] for e in _asked_once(both)}
    assert "gather-contrast-1" in kept or "scatter-contrast-1" in kept
    assert not {"gather-contrast-1", "scatter-contrast-1"} <= kept
    # the other side stays when its concept would be left without a question
    alone = [contrast("gather", "gather", "scatter"), contrast("scatter", "scatter", "gather")]
    assert {e["id"] for e in _asked_once(alone)} == {"gather-contrast-1", "scatter-contrast-1"}
    # unless it poses the same prompt word for word: one note shown under both concepts
    same = [contrast("gather", "gather", "scatter"), contrast("scatter", "gather", "scatter")]
    assert len(_asked_once(same)) == 1


def test_a_second_angle_on_the_definition_does_not_send_a_shared_question_away() -> None:
    def item(cid: str, prompt: str, origin: str = "code_output") -> dict[str, str]:
        return {"id": f"{cid}-{prompt}", "concept_id": cid, "prompt": prompt, "origin": origin}
    # "frame" asks its session and, beside it, its definition from the other side; "stack"
    # poses the same session: it goes where it would go without the definition item
    alone = _asked_once([item("frame", "p1"), item("stack", "p1")])
    both = _asked_once([item("frame", "p1"), item("frame", "define", "definition"),
                        item("stack", "p1")])
    assert {e["id"] for e in both} == {e["id"] for e in alone} | {"frame-define"}
    assert "frame-p1" in {e["id"] for e in both}
    # beside a relation item (recall), the definition item is a question of its own: the
    # shared pair is not sent to it as if it had nothing else
    shared = _asked_once([item("sample", "stated"), item("sample", "pair", "relation"),
                          item("population", "pair", "relation"),
                          item("population", "define", "definition")])
    assert "sample-pair" in {e["id"] for e in shared}


def test_an_items_seed_is_its_ids_digest_the_same_on_every_run() -> None:
    import hashlib

    digest = hashlib.sha256(b"mean-multiple_choice-1").digest()
    assert item_seed("mean-multiple_choice-1") == int.from_bytes(digest[:8], "big")
    # the procedure, option and purpose writers shuffle with the first four bytes
    assert item_seed("mean-multiple_choice-1", SHORT_SEED) == int(digest.hex()[:8], 16)
