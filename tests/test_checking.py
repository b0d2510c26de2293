"""The offline exercise checker: fair exercises pass, each kind of unfair one is named."""

from __future__ import annotations

from tutor.course import Chunk, Citation, Concept, Exercise, ExerciseKind
from tutor.engine.offline.engine import OfflineEngine
from tutor.engine.offline.terms import mentions, plural, term_variants
from tutor.engine.offline.writing.checking import canonical, check_exercise, same_option
from tutor.engine.offline.writing.giveaways import SPELLED

PAGE = Citation(source="notes.md", page=1)
STACK = Concept(
    id="stack",
    name="stack",
    definition="A stack is a collection where the last item added is the first one removed.",
    aliases=["pushdown store"],
    citations=[PAGE],
)
PASSAGES = [
    Chunk(id="notes.md#p1-0", source="notes.md", page=1, text=STACK.definition
          + " Stacks support push and pop operations."),
    Chunk(id="notes.md#p9-0", source="notes.md", page=9,
          text="A stack frame holds the local variables of one call; frames are drawn as boxes."),
]
DESCRIPTION = "a collection where the last item added is the first one removed"


def exercise(kind: ExerciseKind, prompt: str, answer: str, **fields: object) -> Exercise:
    fields.setdefault("citations", [PAGE])
    return Exercise.model_validate(
        {"id": f"stack-{kind.value}-1", "concept_id": "stack", "kind": kind, "prompt": prompt,
         "answer": answer, **fields}
    )


def cloze(prompt: str, answer: str = "stack", **fields: object) -> Exercise:
    return exercise(ExerciseKind.CLOZE, prompt, answer, **fields)


def choose_term(prompt: str, choices: list[str], answer: str = "stack") -> Exercise:
    return exercise(ExerciseKind.MULTIPLE_CHOICE, prompt, answer, choices=choices)


def true_false(statement: str, answer: str) -> Exercise:
    return exercise(ExerciseKind.TRUE_FALSE, f"True or false: {statement}", answer,
                    choices=["True", "False"])


def problems(item: Exercise, passages: list[Chunk] = PASSAGES) -> list[str]:
    verdict = check_exercise(item, STACK, passages)
    assert verdict.exercise_id == item.id
    assert verdict.ok is (not verdict.problems)
    return verdict.problems


GOOD_TERM_PROMPT = f'Which term matches this description: "{DESCRIPTION}"?'
GOOD_CHOICES = ["queue", "stack", "linked list", "hash table"]
GOOD = [
    cloze(f"Fill in the blank: A(n) _____ is {DESCRIPTION}.", accepted=["stacks"]),
    choose_term(GOOD_TERM_PROMPT, GOOD_CHOICES),
    exercise(ExerciseKind.MULTIPLE_CHOICE, "Which statement describes stack?",
             "A collection where the last item added is the first one removed.",
             choices=["A collection where the first item added is the first one removed.",
                      "A collection where the last item added is the first one removed.",
                      "A sequence of nodes that each point to the next node.",
                      "A structure that maps keys to values."]),
    true_false(STACK.definition, "True"),
    true_false(f"A queue is {DESCRIPTION}.", "False"),
    exercise(ExerciseKind.SHORT_ANSWER, "Explain stack in your own words.", STACK.definition,
             key_points=["a collection", "the last item added is the first one removed"]),
]


def test_fair_exercises_of_every_kind_pass() -> None:
    for item in GOOD:
        assert problems(item) == [], item.id


def test_the_offline_engine_delegates_to_the_checker() -> None:
    verdict = OfflineEngine().check_exercise(GOOD[0], STACK, PASSAGES)
    assert verdict.ok and verdict.exercise_id == "stack-cloze-1"


def test_empty_or_oversized_text_is_rejected() -> None:
    assert "empty prompt" in problems(cloze("   "))
    assert "empty answer" in problems(cloze("Fill in the blank: _____ holds items.", answer=""))
    assert any(p.startswith("prompt too long") for p in problems(cloze("_____ " + "x" * 800)))
    long_answer = problems(cloze(f"Fill in the blank: _____ is {DESCRIPTION}.",
                                 answer="a very long answer of many words indeed"))
    assert "cloze answer longer than six words" in long_answer
    assert "cloze prompt has no blank" in problems(cloze(f"What is {DESCRIPTION}?"))


def test_an_exercise_without_citations_is_rejected() -> None:
    assert "no citations" in problems(cloze(f"Fill in the blank: _____ is {DESCRIPTION}.",
                                            citations=[]))


def test_a_cloze_that_names_the_answer_is_rejected() -> None:
    leak = "answer given away by the prompt"
    assert leak in problems(cloze(f"Fill in the blank: A(n) _____ is {DESCRIPTION}; stacks grow."))
    assert leak in problems(cloze(f"Fill in the blank: A(n) _____, or pushdown store, is "
                                  f"{DESCRIPTION}."))


def test_a_term_question_that_names_the_term_is_rejected() -> None:
    leak = "answer given away by the prompt"
    named = f'Which term matches this description: "a stack-like {DESCRIPTION}"?'
    assert leak in problems(choose_term(named, GOOD_CHOICES))
    misspelt = f'Which term matches this description: "a stakcs {DESCRIPTION}"?'
    assert leak not in problems(choose_term(misspelt, GOOD_CHOICES))
    table = Concept(id="hash-table", name="hash table", definition="A hash table maps keys.")
    fuzzy = exercise(ExerciseKind.MULTIPLE_CHOICE,
                     'Which term matches this description: "a hashtable structure mapping keys"?',
                     "hash table", choices=["hash table", "stack", "queue", "heap"])
    fuzzy = fuzzy.model_copy(update={"concept_id": "hash-table"})
    assert leak in check_exercise(fuzzy, table, PASSAGES).problems


def test_the_answer_must_be_among_the_choices_exactly_once() -> None:
    assert "answer missing from the choices" in problems(
        choose_term(GOOD_TERM_PROMPT, ["queue", "heap", "linked list"])
    )
    assert "answer appears 2 times among the choices" in problems(
        choose_term(GOOD_TERM_PROMPT, ["stack", "queue", "stack", "heap"])
    )
    assert "multiple choice needs at least three options" in problems(
        choose_term(GOOD_TERM_PROMPT, ["stack", "queue"])
    )


def test_options_that_say_the_same_thing_are_rejected() -> None:
    duplicate = problems(choose_term(GOOD_TERM_PROMPT, ["stack", "Queue", "queues.", "heap"]))
    assert "duplicate options: 'Queue' and 'queues.'" in duplicate
    plural_answer = problems(choose_term(GOOD_TERM_PROMPT, ["stack", "Stacks", "queue", "heap"]))
    assert any(p.startswith("two correct options") for p in plural_answer)
    alias = problems(choose_term(GOOD_TERM_PROMPT, ["stack", "pushdown store", "queue", "heap"]))
    assert "two correct options: 'pushdown store' is the answer under another name" in alias
    near = problems(choose_term(GOOD_TERM_PROMPT, ["stack", "stakc", "queue", "heap"]))
    assert near == []  # a ratio of 80 is a different word, not a near duplicate
    table = Concept(id="stack", name="binary tree", definition="A binary tree has two children.")
    close = choose_term("Which term matches this description: \"each node has two children\"?",
                        ["binary tree", "binary tre", "queue", "heap"], answer="binary tree")
    found = check_exercise(close, table, []).problems
    assert "two correct options: 'binary tre' is nearly the same as the answer" in found


def test_a_statement_question_must_not_copy_or_single_out_the_answer() -> None:
    answer = "A collection where the last item added is the first one removed."
    others = ["A sequence of nodes that each point to the next node.",
              "A structure that maps keys to values.", "A tree whose nodes have two children."]
    copied = exercise(ExerciseKind.MULTIPLE_CHOICE,
                      f"A stack is {DESCRIPTION}. Which statement describes stack?", answer,
                      choices=[answer, *others])
    assert "answer given away by the prompt" in problems(copied)
    named = "A stack is a collection where the last item added is the first one removed."
    singled = exercise(ExerciseKind.MULTIPLE_CHOICE, "Which statement describes stack?", named,
                       choices=[named, *others])
    assert ("answer given away by the prompt: only the correct option names stack"
            in problems(singled))


def test_an_answer_the_cited_pages_do_not_support_is_rejected() -> None:
    elsewhere = cloze(f"Fill in the blank: A(n) _____ is {DESCRIPTION}.",
                      citations=[Citation(source="notes.md", page=9)])
    assert any(p.startswith("not answerable from notes.md p. 9") for p in problems(elsewhere))
    missing = cloze(f"Fill in the blank: A(n) _____ is {DESCRIPTION}.",
                    citations=[Citation(source="notes.md", page=12)])
    assert problems(missing) == [
        "not answerable from notes.md p. 12: the cited pages were not given"
    ]
    other_page = [Chunk(id="x", source="notes.md", page=1, text="Queues keep arrival order.")]
    assert problems(GOOD[0], other_page) == [
        "not answerable from notes.md p. 1: stack is not mentioned there"
    ]
    unsupported = exercise(ExerciseKind.SHORT_ANSWER, "Explain stack in your own words.",
                           "A stack is a sorted tree of prime numbers kept on disk.",
                           key_points=["sorted tree", "prime numbers", "kept on disk"])
    found = problems(unsupported)
    assert any(p.startswith("not answerable from notes.md p. 1: only") for p in found)
    assert "key points not found in notes.md p. 1" in found


def test_true_false_statements_are_checked() -> None:
    assert "true/false statement is trivially self-contradictory" in problems(
        true_false("A stack is not a stack.", "False")
    )
    assert "true/false statement is trivially self-contradictory" in problems(
        true_false("A stack removes the last item added, but a stack does not remove the last "
                   "item added.", "False")
    )
    assert "true statement does not name stack" in problems(
        true_false(f"A queue is {DESCRIPTION}.", "True")
    )
    marked_false = problems(true_false(STACK.definition, "False"))
    assert marked_false == [
        "two correct options: the statement marked False is how the course defines stack"
    ]
    assert problems(true_false("Stacks support push and pop operations.", "False")) == [
        "two correct options: the statement marked False is quoted from the cited pages"
    ]
    assert "true/false statement too thin to judge" in problems(true_false("A stack.", "True"))
    wrong_choices = exercise(ExerciseKind.TRUE_FALSE, f"True or false: {STACK.definition}",
                             "Yes", choices=["Yes", "No"])
    assert any("True" in p for p in problems(wrong_choices))


def test_a_short_answer_must_not_hold_its_reference_answer() -> None:
    leaky = exercise(ExerciseKind.SHORT_ANSWER,
                     f"Explain stack in your own words (hint: {STACK.definition})",
                     STACK.definition, key_points=["a collection", "last in, first out"])
    assert "answer given away by the prompt" in problems(leaky)


def test_a_short_answer_needs_key_points() -> None:
    bare = exercise(ExerciseKind.SHORT_ANSWER, "Explain stack in your own words.",
                    STACK.definition)
    assert problems(bare) == ["short answer has no key points"]


def test_an_exercise_for_another_concept_is_rejected() -> None:
    other = GOOD[0].model_copy(update={"concept_id": "queue"})
    assert "exercise is for concept 'queue', not 'stack'" in problems(other)


def test_term_helpers() -> None:
    assert canonical("Linked-Lists!") == "linked list"
    assert plural("binary tree") == "binary trees"
    assert plural("hash") == "hashes"
    assert plural("dictionary") == "dictionaries"
    assert plural("CPU") == "CPUs"
    assert term_variants("Stacks", ["LIFO"]) == ["Stacks", "LIFOs", "stack", "LIFO"]
    assert mentions("Two hash-tables here", ["hash table"])
    assert mentions("a hashtable", ["hash table"])
    assert not mentions("a stacked pile", ["stack"])
    assert not mentions("the list", ["linked list"])
    assert same_option("The queue.", "queues")
    assert not same_option("the first item added is removed first",
                           "the last item added is removed first")


def test_windows_ruled_out_by_length_could_never_be_near_the_term() -> None:
    import random

    from rapidfuzz import fuzz

    from tutor.engine.offline.terms import TERM_FUZZ, _may_be_near

    rng = random.Random(7)
    for _ in range(20000):
        window = "".join(rng.choice("ab ") for _ in range(rng.randint(1, 16)))
        term = "".join(rng.choice("ab ") for _ in range(rng.randint(5, 16)))
        if fuzz.ratio(window, term) >= TERM_FUZZ:
            assert _may_be_near(len(window), len(term)), (window, term)
    assert not _may_be_near(5, 20) and _may_be_near(9, 9)


def test_a_term_question_giving_the_name_the_term_is_named_after_is_rejected() -> None:
    pareto = Concept(id="pareto", name="Pareto distribution", citations=[PAGE],
                     definition="The Pareto distribution is a heavy-tailed distribution.")
    stem = ('Which term fills the blank: "The _____ is named after the economist Vilfredo '
            'Pareto, who used it to describe the distribution of wealth."?')
    named = exercise(ExerciseKind.MULTIPLE_CHOICE, stem, "Pareto distribution",
                     choices=["normal distribution", "Pareto distribution",
                              "exponential distribution", "spread"])
    found = check_exercise(named, pareto, []).problems
    assert any(p.startswith(SPELLED) for p in found)
    also_named = named.model_copy(update={"prompt": stem.replace(
        "the distribution of wealth", "how wealth is shared out"), "choices": [
        "Pareto distribution", "Pareto principle", "normal distribution", "spread"]})
    assert not any(p.startswith(SPELLED) for p in check_exercise(
        also_named, pareto, []).problems)  # another option holds the name too
