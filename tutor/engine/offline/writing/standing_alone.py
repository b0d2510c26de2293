"""Whether what an exercise quotes, and the key it gives, read on their own.

The writers quote the course: a sentence around a blank ("Which term fills the blank: ..."),
a description ("Which term matches this description: ..."), a definition as the key of
"Explain X in your own words". A learner sees the quote without the page, so the checker
(:mod:`tutor.engine.offline.writing.checking`) refuses one that cannot be read alone. Each question
has one judge, and these reuse them:

- a sentence that leans on the text before it ("Instead, we will develop what is called
  ...", "And this inverse function ... is called ...") is :func:`self_contained.leans`, or
  opens as a narrative does (:data:`checking.NARRATIVE`); a quote that starts with the
  sentence it leans on reads alone;
- a sentence cut short ("... will be treated by what") is :func:`giveaways.cut_short`;
- a PDF artefact (a stray backquote, an empty bracket, the next glossary entry run on,
  a web address or a file path) is :func:`artefact`;
- a "which term" description says what the thing is
  (:func:`what_it_is.what_it_is_problems`): not a sentence said about it ("The FSF publishes
  some GNU manuals in printed form"), nor a general kind with a word or two ("a valid
  value"); a sentence around a definition's blank ends as a sentence does, tells of one thing
  (no "respectively") and gives no instruction (:func:`definition_sentence_problems`);
- a key that names the concept says what it is when it has a definition's shape with the
  term as its subject (:func:`descriptions.plainly_defines`): not a longer name ("A dimension
  vector is ..." for vector), nor how the thing is made or used ("Device drivers are started
  by calling ..."); or, in a manual, what a command does (:func:`descriptions.describes_command`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.answers import MASK
from tutor.course import Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.terms import content_stems, mentions
from tutor.engine.offline.writing.page_residue import points_back, residue_problems, says_little
from tutor.engine.offline.writing.what_it_is import (
    commands_the_reader,
    judged,
    picks_out_nothing,
    says_only_a_kind,
    what_it_is_problems,
)
from tutor.sentences import split_sentences

_FILLS = re.compile(r'^Which term fills the blank: "(?P<quote>.*)"\?\s*$', re.S)
_DESCRIPTION = re.compile(r'^Which term matches this description: "(?P<quote>.*)"\?\s*$', re.S)
_EXPLAIN = "Explain {name} in your own words."
_EXAMPLE_QUOTE = re.compile(r'one idea left out:\s*"(?P<quote>.*)"\s*Which idea', re.S)
"""The course's example an example item quotes ("This example from the course has one idea
left out: "..." Which idea fills the blank?")."""
_ARTEFACT = re.compile(
    r"`|https?://|\bwww\.|\b\w+\.(?:html?|pdf|txt|org|com)\b"
    r"|(?:^|\s)/?\w+/\w+/|(?:^|[\s.])/\w+/\w+|(?<=[.!?])\s+[a-z][\w\-]{0,30}:\s+[A-Z]")
"""What the PDF's text leaves in a sentence that no sentence holds: a backquote where a symbol
was, a web address or a path ("in /usr/lib", ".../gri/examples"), the next "term: Definition" entry of a glossary run on after
this one."""
_OWN_REFERENT = re.compile(r"^(?:If|When|Whenever|Because|Since|Where)\s+(?:a|an|the|two|some|"
                           r"any|every|each)\s+[^,]{3,}?,\s+(?:it|they)\s")
"""A leading clause that names what the pronoun after it stands for ("If a set of sentences
could not all be true at the same time, they are said to be inconsistent.")."""


_POINTS_AWAY = re.compile(
    r"\b(?:the\s+following|as\s+follows|(?:shown|given|listed|described)\s+(?:below|above)|"
    r"see\s+(?:below|above)|(?-i:Figure|Fig\.|Table)\s+\d+(?:\.\d+)*)\b", re.I)
"""A sentence pointing at what the page shows next or before ("lilypond uses the following
algorithm to find its data files", "Figure 15.3 shows ..."): the learner sees it without."""


def points_away(text: str) -> bool:
    """Whether the text points at what only the page around it shows (:data:`_POINTS_AWAY`,
    :func:`page_residue.points_back`: "this blanked-out region")."""
    return _POINTS_AWAY.search(text) is not None or points_back(text)


def artefact(text: str) -> bool:
    """Whether the text holds a piece of the page that is not prose (:data:`_ARTEFACT`), or a
    bracket the page closed or opened outside the quote ("... and end point)")."""
    return _ARTEFACT.search(text) is not None or any(
        text.count(opening) != text.count(closing) for opening, closing in ("()", "[]"))


def quoted_sentence(exercise: Exercise, name: str) -> str | None:
    """The course's sentence an item on the definition, or on an example of the concept,
    quotes around its blank, with the concept's name in the blank; None for an item that
    quotes none."""
    from tutor.engine.offline.writing.checking import BLANKS, FILL_IN

    example = _EXAMPLE_QUOTE.search(exercise.prompt)
    if exercise.origin is ExerciseOrigin.EXAMPLE and example is not None:
        return BLANKS.sub(name, example.group("quote"))
    if exercise.origin is not ExerciseOrigin.DEFINITION:
        return None
    if exercise.kind is ExerciseKind.CLOZE:
        body = FILL_IN.sub("", exercise.prompt.strip())
    elif exercise.kind is ExerciseKind.MULTIPLE_CHOICE and (
            found := _FILLS.match(exercise.prompt.strip())):
        body = found.group("quote")
    else:
        return None
    if body.lower().startswith("the term for "):  # "the term for "<description>" is _____."
        return None
    return BLANKS.sub(name, body)


def sentence_problems(exercise: Exercise, name: str) -> list[str]:
    """Why the sentence quoted around the blank cannot be read alone (none when it can)."""
    sentence = quoted_sentence(exercise, name)
    if sentence is None:
        return []
    from tutor.engine.offline.definitions.self_contained import leans
    from tutor.engine.offline.writing.checking import NARRATIVE
    from tutor.engine.offline.writing.giveaways import cut_short

    first = (split_sentences(sentence) or [sentence])[0]  # a naming after the sentence it
    # leans on ("... returns an integer. Dictionaries use these integers, called X") reads alone
    narrative = exercise.origin is ExerciseOrigin.DEFINITION and NARRATIVE.match(first)
    if narrative or leans(first) and not _OWN_REFERENT.match(first) or points_away(sentence):
        # an example may open "For example, ...", not "We could go on in this way ..."
        return ["the sentence leans on the text around it"]
    if artefact(sentence):
        return ["the sentence holds a piece of the page that is not prose"]
    if cut_short(sentence.rstrip(".")):
        return ["the quoted sentence is cut short"]
    if says_little(sentence.replace(name, " ")):
        return ["the quoted sentence says too little to tell one idea"]
    if exercise.origin is ExerciseOrigin.DEFINITION:
        return definition_sentence_problems(sentence, name)
    return []


_SENTENCE_ENDS = re.compile(r"[.!?:)\]}\"'”]\s*$")
"""How a whole sentence ends: a stop, or the bracket or quote that closes what it shows
("The _____ macro expands to { context_type ctx; uint8_t ctr[block_size]; }")."""
_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)


def definition_sentence_problems(sentence: str, name: str) -> list[str]:
    """Why a sentence quoted around a term's blank (``name`` in the blank) does not ask for
    one term: it stops before its end ("The classical _____ is a SELECT statement of the
    type"), it tells of several things at once ("... of 2, of pi, of Euler's constant,
    respectively"), or it says only a general kind ("A(n) _____ is a valid value.")."""
    if not _SENTENCE_ENDS.search(sentence):
        return ["the quoted sentence is cut short"]
    if _RESPECTIVELY.search(sentence):
        return ["the quoted sentence tells of several things at once"]
    if commands_the_reader(sentence):
        return ["the quoted sentence is an instruction, not what the term is"]
    if judged(sentence, said_of=True):
        return ["the quoted sentence says what the book thinks of it, not what it is"]
    if says_only_a_kind(sentence, name):
        return ["the description is too general to tell one term"]
    return []


def description_problems(exercise: Exercise, terms: Sequence[str] = ()) -> list[str]:
    """Why the description a "which term" item quotes is no description (none when it is)."""
    if exercise.origin is not ExerciseOrigin.DEFINITION:
        return []
    found = _DESCRIPTION.match(exercise.prompt.strip())
    if found is None:
        return []
    from tutor.engine.offline.definitions.self_contained import leans
    from tutor.engine.offline.writing.giveaways import cut_short

    description = found.group("quote")
    if leans(description[:1].upper() + description[1:]) or points_away(description):
        return ["the description leans on the text around it"]  # "it is unlikely to have
        # occurred by chance": what is "it"?
    if cut_short(description.rstrip(".")):
        return ["the description is cut short"]
    if artefact(description):
        return ["the description holds a piece of the page that is not prose"]
    if left_out_too_much(description):
        return ["the description leaves out more than it says"]
    if says_another_is(description):
        return ["the description says what another thing is too"]
    if problems := what_it_is_problems(description, terms):
        return problems
    if picks_out_nothing(description):
        return ["the description is true of the key's siblings too"]
    return []


MAX_LEFT_OUT = 3
"""Words a description may have masked (:data:`tutor.answers.MASK`: other concepts' names)
before it reads as blanks rather than as a description."""
SAID_BESIDE_TWO = 4
"""Content words a description with two masked words must still say."""


def left_out_too_much(description: str) -> bool:
    """Whether so much of a description is masked that it no longer tells one term: three
    masked names or more ("a control […], which specifies a(n) […] of the elemental set
    defined in the […] block"), or two beside fewer than :data:`SAID_BESIDE_TWO` content words
    ("one of the shell […] accepted by the […] builtin": the words that told it apart are the
    masked ones)."""
    masked = description.count(MASK)
    said = len(content_stems(description.replace(MASK, " ")))
    return masked >= MAX_LEFT_OUT or masked == 2 and said < SAID_BESIDE_TWO


_ANOTHER_DEFINED = re.compile(
    r"(?:,\s*and|;|,(?=\s+the\s))\s+(?:the\s+)?(?!(?:it|this|that|they|there|which|these|those|he|she|we|you|"
    r"one|each|all|both|its|their)\b)[\w-]+\s+(?:is|are|refers\s+to|means|denotes)\s+", re.I)
"""A second clause that says what another named thing is ("the current cursor position, and
mark refers to a saved cursor position"; "...; format is a symbolic expression ..."; "the
lower left vertex of the first frame, the sink is the upper right vertex ...")."""
_NAMES_LONGER = re.compile(r"\b(?:is|are)\s+(?:called|known\s+as)\s+(?:an?\s+|the\s+)?"
                           r"(?P<named>[^.,;:]+?)(?=\s+(?:because|if|when|since|which|that|as)\b|"
                           r"[.,;:]|$)", re.I)


def says_another_is(text: str) -> bool:
    """Whether a description or a key goes on to say what another thing is
    (:data:`_ANOTHER_DEFINED`): it is about two things, and only one is asked."""
    return _ANOTHER_DEFINED.search(text) is not None


def names_a_longer_term(key: str, name: str) -> bool:
    """Whether the key names a longer term made of the concept's name ("The number of
    asterisks in the slice is called the slice dimension." for slice): it defines that term."""
    found = _NAMES_LONGER.search(key)
    named = found.group("named").strip().lower() if found else ""
    return bool(named) and name.lower() in named and len(named.split()) > len(name.split())


def key_problems(exercise: Exercise, name: str, terms: list[str]) -> list[str]:
    """Why the key of "Explain X in your own words" does not say what X is: a key that names
    the concept must have a definition's shape, the term its subject."""
    if (exercise.origin is not ExerciseOrigin.DEFINITION
            or exercise.kind is not ExerciseKind.SHORT_ANSWER
            or exercise.prompt.strip() != _EXPLAIN.format(name=name)):
        return []
    from tutor.engine.offline.definitions.descriptions import describes_command, plainly_defines
    from tutor.engine.offline.definitions.self_contained import leans
    from tutor.engine.offline.writing.giveaways import cut_short

    key = exercise.answer.strip()
    if artefact(key):
        return ["the key holds a piece of the page that is not prose"]
    if cut_short(key):
        return ["the key is cut short"]
    if _POINTS_AWAY.search(key) or says_another_is(key) or names_a_longer_term(key, name):
        return [f"the key does not say what {name} is"]  # "... are the following: and else"
    if not mentions(key, terms, fuzzy=False):
        return []  # a gloss that does not name the term: judged when it was chosen
    if leans(key) or not (plainly_defines(key, terms) or describes_command(key, terms)) or (
            says_only_a_kind(key, name)) or about_another(key, name):  # "A null string is a
        return [f"the key does not say what {name} is"]  # valid value."
    return []


_KINDS = r"(?:command|function|method|macro|option|style|operator|procedure|routine|variable)"
_NAMED_KIND = re.compile(r"^\W*(?:the\s+)?(?P<named>[^\s,;:]+(?:\s+[^\s,;:]+){0,4}?)\s+"
                         + r"(?P<kind>" + _KINDS + r")s?\b", re.I)
_SET_WORD = re.compile(r"^(?:set|unset|show)\s+", re.I)  # the command word before X's name
_ONE_CASE = re.compile(r"^\W*(?:the\s+)?(?:first|second|third|fourth|last|next|previous)\s+",
                       re.I)


def _spelled(text: str) -> str:
    return re.sub(r"[\s\-_.]+", "", text.lower())


def about_another(key: str, name: str) -> bool:
    """Whether the key of "Explain X" is about something other than X itself: a command or
    function named otherwise than X ("The smooth y command does the same as smooth x" for
    smooth; "The fonts function lists the fonts" for font; "The auto-multiple-choice export
    command ..." is X), or one case of X ("The first column is called column 1.")."""
    if _ONE_CASE.match(key) and mentions(key.split(" is ")[0], [name], fuzzy=False):
        return True
    found = _NAMED_KIND.match(key)
    if found is None or not mentions(found.group("named"), [name]):
        return False
    named, own = _spelled(_SET_WORD.sub("", found.group("named"))), _spelled(name)
    return own not in (named, named + _spelled(found.group("kind")))  # "The set xrange command"


_ON_THE_PAGE = re.compile(
    r"^\W*the\s+(?:first|second|third|fourth|fifth|next|last|final|previous)\s+step\b|"
    r"\b(?:lighter|darker|shaded|dashed|dotted|solid|gr[ae]y)\s+(?:region|line|area|curve|"
    r"band)s?\b", re.I)
"""What only the page shows: a step of a procedure told before ("The third step is to compute
a p-value, ..."), a part of a figure ("The lighter region shows ...")."""


def relation_key_problems(exercise: Exercise) -> list[str]:
    """Why the sentence a relation item is keyed to ("How are X and Y related?") cannot be read
    alone: it leans on the text before it or points at what only the page shows."""
    if exercise.origin is not ExerciseOrigin.RELATION:
        return []
    from tutor.engine.offline.definitions.self_contained import leans

    key = exercise.answer.strip()
    first = (split_sentences(key) or [key])[0]
    if leans(first) or _ON_THE_PAGE.search(first):
        return ["the key leans on the text around it"]
    return []


def standing_problems(exercise: Exercise, name: str, terms: list[str]) -> list[str]:
    """Every reason the item's quote or key cannot be read on its own."""
    return [*sentence_problems(exercise, name), *description_problems(exercise, terms),
            *key_problems(exercise, name, terms), *relation_key_problems(exercise),
            *residue_problems(exercise)]
