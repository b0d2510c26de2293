"""Items the checker refused wrongly: a common word that happens to spell a term's initials,
a description that ends on code quoted after "or", and a "which option" item whose page lists
the tool's options under its own heading, not under the concept's name."""

from __future__ import annotations

from tutor.course import Chunk, Citation, Concept, Exercise, ExerciseKind
from tutor.engine.offline.writing.checking import check_exercise
from tutor.engine.offline.writing.giveaways import abbreviated, cut_short

PAGE = Citation(source="manual.pdf", page=9)


def test_a_common_word_spelling_the_initials_is_no_abbreviation() -> None:
    prompt = ('Which term fills the blank: "For small samples it tends to be too low. '
              'Because of this, it is called a(n) _____."?')
    assert not abbreviated("biased estimator", prompt)
    assert abbreviated("biased estimator", "The estimator, called BE for short, is low.")
    assert abbreviated("well-formed formula", "Every wff has a main operator.")


def test_code_quoted_after_or_ends_a_description() -> None:
    assert not cut_short("a sequence of commands separated by one of the control operators "
                         "'|' or '|&'")
    assert not cut_short("the redirection operators '<' and '>'")
    assert cut_short("a sequence of commands separated by one of the")
    assert cut_short("commands that run in the background or.")


def test_a_masked_word_ends_a_description_whole() -> None:
    from tutor.answers import MASK

    assert not cut_short(f"a sequence of measurements from a system that varies in {MASK}")
    assert cut_short(f"a sequence of {MASK} that varies in")


def _options_item(answer: str) -> Exercise:
    return Exercise(
        id="r-options-multiple_choice-option-1", concept_id="r-options",
        kind=ExerciseKind.MULTIPLE_CHOICE,
        prompt='Which option of R does this: "Do not read the user\'s profile at startup"?',
        answer=answer, choices=[answer, "--no-site-file", "--no-environ", "--version"],
        explanation="--no-init-file: Do not read the user's profile at startup.",
        citations=[PAGE])


def test_an_option_listed_on_the_cited_page_is_answerable_there() -> None:
    concept = Concept(id="r-options", name="R options", citations=[PAGE],
                      definition="The R options are the command-line options of R.")
    page = Chunk(id="manual.pdf#p9-0", source="manual.pdf", page=9, text=(
        "R accepts the following command-line options. --version Print version information "
        "and exit. --no-environ Do not read any user file to set environment variables. "
        "--no-site-file Do not read the site-wide profile at startup. --no-init-file Do not "
        "read the user's profile at startup."))
    verdict = check_exercise(_options_item("--no-init-file"), concept, [page])
    assert verdict.ok, verdict.problems
    elsewhere = page.model_copy(update={"text": page.text.replace("--no-init-file", "--quiet")})
    verdict = check_exercise(_options_item("--no-init-file"), concept, [elsewhere])
    assert not verdict.ok
    assert any("is not mentioned there" in p for p in verdict.problems)

