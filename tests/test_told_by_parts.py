"""A "which term" item whose prompt spells out a part of the term's name that no other option
has (a word of it, a word run together into it, a code name shortening it) gives its answer
away: the learner picks the option the prompt spells, not the idea it describes."""

from __future__ import annotations

from tutor.course import Chunk, Citation, Concept, Exercise, ExerciseKind
from tutor.engine.offline.writing.checking import check_exercise
from tutor.engine.offline.writing.giveaways import SPELLED, spells_the_name, told_by_its_parts

PAGE = Citation(source="tool.pdf", page=7)


def _fills(name: str, sentence: str, others: list[str]) -> tuple[Exercise, Concept, list[Chunk]]:
    slug = name.replace(" ", "-")
    concept = Concept(id=slug, name=name, definition=sentence.replace("_____", name),
                      citations=[PAGE])
    item = Exercise.model_validate({
        "id": f"{slug}-multiple_choice-1", "concept_id": slug, "kind": ExerciseKind.MULTIPLE_CHOICE,
        "prompt": f'Which term fills the blank: "{sentence}"?', "answer": name,
        "choices": [name, *others], "citations": [PAGE]})
    page = Chunk(id="tool.pdf#p7-0", source="tool.pdf", page=7,
                 text=sentence.replace("_____", name))
    return item, concept, [page]


def _problems(name: str, sentence: str, others: list[str]) -> list[str]:
    item, concept, pages = _fills(name, sentence, others)
    return check_exercise(item, concept, pages).problems


def test_a_word_run_together_into_the_name_gives_it_away() -> None:
    problems = _problems("gapwidth", "The set _____ command changes the width of the gap "
                         "drawn between two neighbouring bars.", ["bardepth", "fill style",
                                                                  "baseline"])
    assert any(p.startswith(SPELLED) for p in problems)


def test_a_word_of_a_two_word_name_said_elsewhere_in_the_sentence_gives_it_away() -> None:
    problems = _problems("call record", "A(n) _____ is kept for every pending call of a "
                         "routine; the record holds the routine's local values and return "
                         "address.", ["heap block", "symbol table", "linker map"])
    assert any(p.startswith(SPELLED) for p in problems)


def test_a_code_name_shortening_the_term_gives_it_away() -> None:
    assert told_by_its_parts("integer square root", 'Which term fills the blank: "The '
                             'procedure IntSqrt computes the _____ of a big number."?',
                             ["bit length", "modular inverse", "binary splitting"])


def test_the_name_spelled_whole_and_no_other_option_spelled_whole_gives_it_away() -> None:
    sentence = "The set _____ command puts labels on the k3 axis only."
    assert told_by_its_parts("k3label", sentence, ["k4label", "k3tics", "mlabel"])


def test_parts_every_option_shares_tell_nothing() -> None:
    sentence = ("The _____ command reads the next record of the input file and stores its "
                "fields in the named variables.")
    assert not told_by_its_parts("read record", sentence, ["skip record", "write record",
                                                           "read field"])
    assert _problems("read record", sentence, ["skip record", "write record",
                                               "read field"]) == []


def test_a_word_that_only_shares_a_stem_or_a_few_letters_is_no_part() -> None:
    assert not told_by_its_parts("specifiers", 'Which term fills the blank: "The specs '
                                 'argument lists the _____ of every field."?',
                                 ["qualifiers", "modifiers", "designators"])
    assert not told_by_its_parts("linear model", 'Which term matches this description: '
                                 '"a straight line fitted to the points by least squares"?',
                                 ["sample mean", "outlier", "residual plot"])


def _example(answer: str, quote: str, others: list[str]) -> Exercise:
    return Exercise.model_validate({
        "id": f"{answer}-example-use-1", "concept_id": answer, "origin": "example",
        "kind": ExerciseKind.MULTIPLE_CHOICE,
        "prompt": f'This example from the course has one idea left out:\n\n"{quote}"\n\n'
                  "Which idea fills the blank?",
        "answer": answer, "choices": [answer, *others], "citations": [PAGE]})


def test_an_example_whose_blank_ends_a_set_phrase_gives_it_away() -> None:
    from tutor.engine.offline.writing.giveaways import completes_a_phrase

    phrase = _example("norm", "Suppose we only have a rounded _____ of the vector, for "
                      "example 1.4142 for the square root of two.", ["matrix", "basis",
                                                                      "kernel"])
    assert completes_a_phrase(phrase)
    left_open = _example("norm", "For example, the _____ of the vector (3, 4) is 5, its "
                         "length.", ["matrix", "basis", "kernel"])
    assert not completes_a_phrase(left_open)


def test_a_name_that_says_one_word_twice_gets_no_item_nor_option() -> None:
    from tutor.engine.offline.writing.checking import run_together

    assert run_together("png png") and not run_together("png image")
    problems = _problems("tiff", "The _____ format stores a raster image with tags.",
                         ["png png", "gif", "bmp"])
    assert "option 'png png' is several names of the page run together" in problems


def test_an_option_of_another_shape_than_the_answer_is_not_of_its_kind() -> None:
    from tutor.engine.offline.writing.giveaways import shaped_alike

    assert not shaped_alike("Retry Parameter", "with-retry")  # words beside a code name
    assert not shaped_alike("fs-watch", "garbage collection")  # a code name beside words
    assert not shaped_alike("ring of gaussian integers", "quotient")  # many more words
    assert shaped_alike("with-lock", "with-retry") and shaped_alike("joint probability",
                                                                    "conditional probability")
    assert shaped_alike("boxdepth", "stack frame")  # one plain word goes with either


def test_a_stem_that_ends_a_run_together_name_is_a_part() -> None:
    assert told_by_its_parts("maxiter", "You want to limit the number of iterations the "
                             "solver runs. Which of these do you use?",
                             ["tolerance", "solver log", "start value"])


def test_two_words_of_the_name_said_as_one_or_a_word_said_longer_tell_it() -> None:
    assert told_by_its_parts("sockopt-keep-alive", "get the value of the so-keepalive socket "
                             "option", ["sockopt-reuse-address", "sockopt-debug"])
    assert told_by_its_parts("bidi-class", "get the bidirectional class of character",
                             ["mirrored-p", "combining-class"])
    assert not told_by_its_parts("signal-semaphore", "increment the count of semaphore by n",
                                 ["make-semaphore", "wait-on-semaphore"])
    assert not told_by_its_parts("line", "the plot of a linear function", ["curve", "point"])


def test_what_is_x_used_for_pairs_the_name_with_each_option() -> None:
    name = "sockopt-keep-alive"
    key = "return the value of the so-keepalive socket option"
    assert spells_the_name((name, key), [(name, "return the value of the so-reuseaddr socket "
                                                 "option"), (name, "turn debugging on")])
    # every option says "socket option": nothing of the name is told by the key alone
    assert not spells_the_name(("socket-option", "set a socket option"),
                               [("socket-option", "read a socket option")])


def _option_item(description: str, answer: str, others: list[str]) -> Exercise:
    return Exercise.model_validate({
        "id": "lisp-options-multiple_choice-option-1", "concept_id": "lisp-options",
        "kind": ExerciseKind.MULTIPLE_CHOICE,
        "prompt": f'Which option of lisp does this: "{description}"?', "answer": answer,
        "choices": [answer, *others], "citations": [PAGE]})


def test_a_tables_option_whose_description_spells_its_name_is_refused() -> None:
    description = "Size of the dynamic space reserved on startup in megabytes"
    concept = Concept(id="lisp-options", name="lisp options", definition="The options.",
                      citations=[PAGE])
    page = [Chunk(id="tool.pdf#p7-0", source="tool.pdf", page=7,
                  text=f"lisp options --dynamic-space-size {description}. --noinform Keep "
                       "quiet at startup. --core Use the given core file.")]
    spelled = _option_item(description, "--dynamic-space-size", ["--noinform", "--core"])
    assert any(p.startswith(SPELLED) for p in check_exercise(spelled, concept, page).problems)
    fair = _option_item("Keep quiet at startup", "--noinform", ["--dynamic-space-size", "--core"])
    assert not any(p.startswith(SPELLED) for p in check_exercise(fair, concept, page).problems)


def test_a_cloze_says_no_part_of_its_term() -> None:
    concept = Concept(id="stack-frame", name="stack frame", definition="x", citations=[PAGE])
    cloze = Exercise.model_validate({
        "id": "stack-frame-cloze-1", "concept_id": "stack-frame", "kind": ExerciseKind.CLOZE,
        "prompt": "Fill in the blank: A(n) _____ is kept for every call; the frame stores the "
                  "state of the call.", "answer": "stack frame", "citations": [PAGE]})
    page = [Chunk(id="tool.pdf#p7-0", source="tool.pdf", page=7, text="A stack frame is kept "
                  "for every call; the frame stores the state of the call.")]
    assert any(p.startswith(SPELLED) for p in check_exercise(cloze, concept, page).problems)


def test_a_short_name_whose_letters_start_capitalised_words_of_the_prompt_is_given_away() -> None:
    from tutor.engine.offline.writing.giveaways import abbreviated

    assert abbreviated("pm", "The terminal driver opens an OS/2 Presentation Manager window.")
    assert not abbreviated("pm", "The terminal driver prints messages in a window.")
    assert not abbreviated("cd", "The command changes the directory.")


def test_two_words_of_the_name_run_together_the_second_shortened_tell_it() -> None:
    assert told_by_its_parts("sockopt-reuse-address", "get the value of the so-reuseaddr "
                             "socket option", ["sockopt-oob-inline", "sockopt-keep-alive"])


def test_the_writers_frame_tells_no_part_of_a_name() -> None:
    from tutor.engine.offline.writing.giveaways import quoted_part

    prompt = ('Which term fills the blank: "The _____ command sets the default style of the '
              'plot elements."?')
    assert not told_by_its_parts("set style fill", quoted_part(prompt),
                                 ["set style function", "set style data"])


def test_a_word_inside_a_code_name_after_its_library_prefix_tells_it() -> None:
    sentence = ("Which term fills the blank: \"The command _____ gives the polynomials in the "
                "variable y defining the number field extensions on which the eigenforms are "
                "defined.\"?")
    assert told_by_its_parts("mffields", sentence, ["mfeigenbasis", "mffromell", "lfunmf"])
    assert told_by_its_parts("mfcusps", "Which term fills the blank: \"The function _____(N) "
                             "gives the list of all cusps of the group.\"?",
                             ["mfbasis", "mfcosets", "mftocoset"])
    # a word the prompt does not say, or one another option holds too, tells nothing
    assert not told_by_its_parts("mffields", "The command _____ gives the polynomials of the "
                                 "eigenforms.", ["mfeigenbasis", "mffromell", "lfunmf"])
    assert not told_by_its_parts("mffields", sentence, ["mfeigenbasis", "mffieldsinit"])
    # a name that starts on a word, not a library prefix, holds words the prompt may say
    assert not told_by_its_parts("PlotConfidenceIntervals", "Which term fills the blank: "
                                 "\"_____ generates a fitted line for each pair of inter and "
                                 "slope.\"?", ["FitLine", "ResampleRows"])


def test_spells_the_name_reads_each_distinct_text_once(monkeypatch) -> None:
    from tutor.engine.offline.writing import giveaways

    read: list[str] = []
    real = giveaways._prompt_words

    def counting(prompt: str):  # type: ignore[no-untyped-def]
        read.append(prompt)
        return real(prompt)

    monkeypatch.setattr(giveaways, "_prompt_words", counting)
    prompt = "The frame stores the local variables of one call."
    assert giveaways.told_by_its_parts("stack frame", prompt,
                                       ["heap block", "register file", "call gate"])
    assert read == [prompt]
