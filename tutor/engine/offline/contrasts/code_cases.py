"""A contrast asked on the book's code: "Is the missing idea a pure function or a modifier?"

A manual shows most ideas at work in code, and it says which idea a block of code shows in
the sentence that leads into it ("Here is an example of a pure function:", "We have already
seen one example of a function call:"). That block, shown without its lead, is a case to
classify: the learner says which of two ideas a learner could mix up it is an instance of, and
what in the code makes it that one. Telling a piece of code apart by what it does uses both
ideas; matching a description to a definition just read does not.

The key is the book's: the lead names the idea as what the code is (right after "an example
of", "here is", or ending "using a list comprehension:"; never "a function that takes a list", where the list is something else), names
it once and never the rival; the two ideas are of one kind (:func:`alternatives`); the code
never holds a word of either name (``for i in range(4)``
answers "for loop or while loop" by its first word) and is short enough to read in the
exercise. The item is cited on the page of the code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tutor.answers import CASE_SHOWS
from tutor.course import Chunk, Citation, Exercise, ExerciseKind, ExerciseOrigin
from tutor.engine.offline.code_output.code_listings import looks_like_prose, parses, reindent
from tutor.engine.offline.definitions.descriptions import compiled_pattern, term_group
from tutor.engine.offline.terms import mentions
from tutor.engine.offline.writing.exercise_material import Material
from tutor.text import lower_first

MAX_CODE_LINES = 12
MAX_CODE_CHARS = 480
MAX_LINE_CHARS = 90
MAX_LEAD_WORDS = 30
MIN_CODE_LINES = 1


_ARTICLES = frozenset({"a", "an", "the", "of", "to", "in", "on", "and", "or"})
"""Words of a name the code may hold: every other word, "for" and "if" included, is what sets
a "for loop" apart from a "while loop" when the code shows it."""


@dataclass(frozen=True)
class CodeCase:
    """A block of code the book leads into by naming the idea it shows."""

    chunk: Chunk
    lead: str
    code: str


_ARTICLE = r"(?:(?:an?|the|one|another)\s+)?"
_EXAMPLE_OF = r"(?:example|illustration)s?\s+of\s+" + _ARTICLE
_HERE_IS = r"\bhere(?:'s|’s|\s+is|\s+are)\s+" + _ARTICLE
_FOLLOWS_NAME = (r"(?=\s*(?:[:,;.]|$|\s+(?:that|which|who|for|with|in|to|from|on|using|called|"
                 r"named|where|whose|we|you|it)\b))")
"""What may follow the idea's name in a lead: the colon, or a clause qualifying it, never
another word of a longer name ("an example of a list method" is no case of a list)."""
_CODE_SIGN = re.compile(r"[=()\[\]{}<>;:#$\"'`|&*+/\\]|^\s*(?:>>>|\.\.\.)\s|^\s*[a-z_]\w*\s*$")
_TEXT_LINE = re.compile(r"^[A-Z][a-z]+(?:\s+[a-z]+)+[,.:]?$")
"""A short line of running text ("And even function calls:"): the code has ended."""
_SENTENCE_START = re.compile(r"(?:^|(?<=[.!?])\s+)(?=[A-Z\"'‘“(])")


def _lead_pattern(names: Sequence[str]) -> re.Pattern[str]:
    group = term_group(names)
    return compiled_pattern(
        rf"(?:\b{_EXAMPLE_OF}|{_HERE_IS}|\bfollowing\s+(?:is|are)\s+{_ARTICLE}|"
        rf"^\W*(?:this|that)\s+is\s+{_ARTICLE}){group}{_FOLLOWS_NAME}|"
        rf"\b(?:using|with)\s+{_ARTICLE}{group}\s*:$", re.I)


_BARE_LEAD = re.compile(r"^\W*(?:for\s+example|for\s+instance|here(?:'s|’s|\s+is)\s+an?\s+"
                        r"(?:simple\s+|short\s+|small\s+)?example|an?\s+example\s+(?:is|follows))"
                        r"\s*:$", re.I)
"""A lead that names nothing ("Here is an example:"): the idea is the one the sentence before
it opens with ("A function definition specifies ... Here is an example:")."""


def _subject_pattern(names: Sequence[str]) -> re.Pattern[str]:
    return compiled_pattern(rf"^\W*{_ARTICLE}{term_group(names)}\s+(?:is|are|specifies|"
                            rf"consists|contains|has|takes|returns|creates|makes|lets|allows|"
                            rf"can|does|works|tells|gives|computes|uses)\b", re.I)


def _sentences(text: str) -> list[str]:
    """The sentences of the last paragraph line of ``text``, in order."""
    line = text.rstrip().split("\n")[-1]
    starts = [m.start() for m in _SENTENCE_START.finditer(line)] or [0]
    return [" ".join(line[a:b].split()) for a, b in zip(starts, [*starts[1:], len(line)], strict=True)
            if line[a:b].strip()]


def _code_block(lines: Sequence[str]) -> list[str]:
    """The code lines at the start of ``lines``: up to the first line of prose or text."""
    block: list[str] = []
    for line in lines:
        plain = line.strip()
        opens_code = bool(_CODE_START.match(plain) and _CODE_SIGN.search(plain)
                          and len(plain) <= MAX_LINE_CHARS)
        if not plain or (not opens_code and (looks_like_prose(plain) or _TEXT_LINE.match(plain))):
            break
        after_prompt = bool(block) and block[-1].lstrip().startswith(">>>")
        if not (_CODE_SIGN.search(plain) or _CODE_WORDS.match(plain) or after_prompt):
            break  # a line that is no code and no output of the statement above it
        block.append(line.rstrip())
        if len(block) > MAX_CODE_LINES:
            return []
    else:
        return []  # the passage ends in the code: it may go on in the next one
    return block


_CODE_START = re.compile(r"^(?:>>>|\.\.\.\s|(?:def|class|return|print|if|elif|else|for|while|"
                         r"import|from|try|except|with)\b|[A-Za-z_][\w.]*\()")
"""A line that opens as code, however many plain words it prints
(``print("I sleep all night and I work all day.")``)."""


_CODE_WORDS = re.compile(r"^[a-z_][\w.]*(?:\s+[\w.]+){0,3}$")
"""A line of code without punctuation ("return False", "print word"): lower-case words."""


def _lead(text: str, names: Sequence[str], rival_names: Sequence[str]) -> str | None:
    """The lead into the code after ``text`` when it names the idea (one of ``names``) as
    what the code is, or says "Here is an example:" right after a sentence that opens with
    the idea; ``None`` otherwise, or when the lead names the rival (or the idea twice)."""
    sentences = _sentences(text)
    if not sentences:
        return None
    lead = sentences[-1]
    if _BARE_LEAD.match(lead):
        earlier = sentences[:-1] or _sentences(text.rstrip().rsplit("\n", 1)[0]
                                               if "\n" in text.rstrip() else "")
        if not earlier:
            return None
        before = earlier[-1]
        if not _subject_pattern(names).search(before):
            return None
        lead = f"{before} {lead}"
    elif not _lead_pattern(names).search(lead):
        return None
    if len(lead.split()) > MAX_LEAD_WORDS or mentions(lead, rival_names, fuzzy=False):
        return None
    if len(re.findall(term_group(names), lead, re.I)) != 1:
        return None  # the idea named twice: the lead may say what it is not
    return lead


def code_cases(chunk: Chunk, names: Sequence[str], rival_names: Sequence[str]) -> list[CodeCase]:
    """The blocks of code in a passage whose lead names the idea (one of ``names``) as what
    the code is, naming it once and never the rival (``rival_names``), and whose code holds
    no word of either name."""
    name_words = {w for n in [*names, *rival_names] for w in re.findall(r"[a-z]+", n.lower())
                  if len(w) >= 2 and w not in _ARTICLES}
    lines = chunk.text.split("\n")
    found: list[CodeCase] = []
    for i, line in enumerate(lines[:-1]):
        if not line.rstrip().endswith(":"):
            continue
        lead = _lead("\n".join(lines[: i + 1]), names, rival_names)
        if lead is None:
            continue
        block = _code_block(lines[i + 1:])
        if len(block) < MIN_CODE_LINES or any(len(b) > MAX_LINE_CHARS for b in block):
            continue
        code = "\n".join(block)
        if len(code) > MAX_CODE_CHARS or not any(_CODE_SIGN.search(b) for b in block):
            continue
        tokens = {t.lower() for t in re.findall(r"[A-Za-z]+", code)}
        if tokens & name_words:
            continue  # "for i in range(4)": the code's first word answers "for or while"
        found.append(CodeCase(chunk, lead, _restored(block)))
    return found


_QUALIFIER = re.compile(r"[,;(]|\s+(?:that|which|who|whose|where|when|of|for|to|in|on|by|with|"
                        r"from|given|used|made|created|computed)\b", re.I)


def kind_of(description: str) -> str:
    """The kind of thing a description names, its first phrase's last word: "a statement that
    runs a function" -> "statement", "a function or method argument that is not required" ->
    "argument"."""
    head = _QUALIFIER.split(description.strip(), maxsplit=1)[0]
    found = re.findall(r"[a-z]+", head.lower())
    return found[-1] if found else ""


def alternatives(shown_said: str, rival_said: str) -> bool:
    """Whether two ideas are alternatives a block of code can be one of and not the other:
    their descriptions name the same kind of thing (a function call and a function definition
    are statements). Code defining a function is a function definition and may be a pure
    function too: a statement and a function are no alternatives for it."""
    kind = kind_of(shown_said)
    return bool(kind) and kind == kind_of(rival_said)


def _restored(block: Sequence[str]) -> str:
    """The code as the exercise shows it: Python whose indentation the PDF lost, restored
    when the restored text parses; any other code as the book sets it."""
    if any(b.lstrip().startswith(">>>") for b in block):
        return "\n".join(block)
    restored = reindent(list(block))
    return restored.rstrip("\n") if len(block) > 1 and parses(restored) else "\n".join(block)


def code_case_item(m: Material, shown: str, shown_said: str, rival: str, rival_said: str,
                   case: CodeCase, citations: Sequence[Citation], exercise_id: str,
                   tie: str = "") -> Exercise:
    """The item on a block of code: which of the two ideas it shows, and why. Keyed like a
    case quoted from the prose (:func:`~tutor.engine.offline.contrasts.contrast_cases.case_item`),
    so the grader and the bank read both alike."""
    language = "python" if case.code.lstrip().startswith(">>>") or parses(case.code) else ""
    setting = ("The course leads into this code with a sentence that names the idea it shows, "
               f"left out here:\n\n```{language}\n{case.code}\n```")
    return case_exercise(m, shown, shown_said, rival, rival_said, case.chunk, setting, "code",
                         case.lead, citations, exercise_id, tie)


def case_exercise(m: Material, shown: str, shown_said: str, rival: str, rival_said: str,
                  chunk: Chunk, setting: str, thing: str, quote: str,
                  citations: Sequence[Citation], exercise_id: str, tie: str = "") -> Exercise:
    """The item on one case of *shown* set against *rival*: ``setting`` shows the case with the
    idea left out (a quoted sentence, a block of code), ``thing`` names it in the question
    ("case", "code"), ``quote`` is the course's own sentence the explanation gives. The key
    names the idea and what sets it apart (:data:`~tutor.answers.CASE_SHOWS`); an empty
    ``rival_said`` leaves the rival's definition out of the key and the explanation."""
    first, second = sorted([shown, rival], key=str.lower)
    cited = [chunk.citation(), *(c for c in citations if c != chunk.citation())]
    labels = "; ".join(dict.fromkeys(c.label() for c in cited))
    contrast = (f"; {rival}, by contrast: {lower_first(rival_said)}" if rival_said else "")
    reference = f"{_capital(shown)}. {_capital(shown)}: {lower_first(shown_said)}{contrast}."
    their_side = f"; {rival} is {lower_first(rival_said)}" if rival_said else ""
    return Exercise(
        id=exercise_id,
        concept_id=m.concept.id,
        kind=ExerciseKind.SHORT_ANSWER,
        prompt=(f"{setting}\n\nIs the missing idea {first} or {second}? Say which, and what in "
                f"the {thing} makes it that one and not the other."),
        answer=reference,
        key_points=[f"{shown}: {CASE_SHOWS} {shown}", f"{shown}: {lower_first(shown_said)}"],
        misconceptions={},
        explanation=(f'The course says: "{quote}" That is {shown}: {lower_first(shown_said)}'
                     f"{their_side}. {tie} ({labels})").replace(".  (", ". ("),
        citations=cited,
        difficulty=0.6,
        origin=ExerciseOrigin.CONTRAST,
    )


def _capital(name: str) -> str:
    return name[:1].upper() + name[1:]
