"""Commands a tutorial teaches in its running text, not in headed entries.

A tutorial or manual of an interactive system teaches its commands in prose and sessions:
"Maxima can solve first and second order differential equations using the ode2 command.",
"The kill command removes ...", then ``(%i5) ode2(...);``. The defining-sentence map reads a
code name as an identifier and drops it; the reference readers need an entry per name. Here a
code name becomes a concept when the book treats it as an idea of its own (issue 11, item 2):

- **a code name** of the book: a name its code calls (``name(`` in a session's input under the
  book's prompt convention, :mod:`~tutor.engine.offline.code_output.prompt_conventions`, on a
  line of code, or a call the prose writes); a function, class or variable the book's code
  defines itself (``f(x) :=``, ``def f``, ``(defun f``, ``class Card``, ``weights = ...``) is
  the example's, never a command;
- **explained**: a prose sentence says what it does (:func:`explaining`): it names the name as a
  command, function or operator ("the kill command", "the function ev"), opens on it with a
  verb ("ode2 returns ..."), or, for a name called in :data:`MIN_CALLS` places, says to use it
  ("use desolve to ...", "using the ode2 command"); the sentence is no condition ("If ode2
  cannot ..."), points nowhere else ("(see below)"), and does not lean on the text before it
  ("This algorithm is implemented as the function ...", "Similarly, ...");
- **used again**: the prose names it in at least :data:`MIN_SENTENCES` sentences, a name
  mentioned once in passing is no concept.

Names that differ only in a closing number (``ic1``, ``ic2``; ``PiMethod0``, ``PiMethod2``)
are one family: one concept, the first explained its name and the others its aliases. A
name the map already has (a concept's name or alias) adds nothing. Each concept is cited on
the page of its explaining sentence; the definition is that sentence and the later passes judge
it as they judge any other (a definition, or only a description).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from tutor.course import Chunk
from tutor.engine.offline.code_output.prompt_conventions import (
    book_conventions,
    convention_transcripts,
    holds_code,
)
from tutor.engine.offline.concepts.candidates import Sentence
from tutor.engine.offline.concepts.introduced_terms import COMMON_ZIPF
from tutor.engine.offline.concepts.reference_entries import verb_form
from tutor.engine.offline.concepts.section_concepts import reads_alone
from tutor.engine.offline.definitions.descriptions import compiled_pattern
from tutor.engine.offline.definitions.section_definitions import without_run_in
from tutor.engine.offline.definitions.self_contained import leans
from tutor.engine.offline.terms import COMMAND_KINDS, MIN_PROSE_WORDS, term_key
from tutor.engine.port import ConceptDraft
from tutor.text import STOPWORDS, general_zipf

TAUGHT_EVIDENCE = "taught"
"""The evidence kind of a concept kept because the running text teaches the command."""
MIN_CALLS = 2
"""Places the book's code must call a name in for a sentence that only says to use it to
explain it; one call does where the prose calls it a command ("the plot2d command")."""
MIN_SENTENCES = 2
"""Prose sentences that must name a command: one mention is a passing one."""
SCORE = 2.5
"""The score a concept added here gets (a definition's weight in
:data:`tutor.engine.offline.concepts.extract.WEIGHTS`)."""

_WORD = re.compile(r"(?<![\w.$%-])[A-Za-z]\w*[A-Za-z0-9](?![\w-]|\.\w)")
"""A name as the prose writes it: not part of a dotted or hyphenated name ("mean.foo")."""
_CALL = re.compile(r"(?<![\w.$%'\"-])([A-Za-z][A-Za-z0-9_]*[A-Za-z0-9])\s*\(")
_WRITTEN_CALL = re.compile(
    r"(?<![\w.$%'\"-])([A-Za-z][A-Za-z0-9_]*[A-Za-z0-9])\((?!\d\))(?=[\w\"'\[)])")
"""A call the prose writes ("batch(file)"), not a manual page's section ("malloc(3)")."""
_LISP_FORM = re.compile(r"(?<![\w'])\(([a-z][a-z0-9*+-]*[a-z0-9*])\s")
_DEFINED = re.compile(r"(?:^|[\s;$])([A-Za-z][\w]*)\s*\([^()]*\)\s*:=|\bdef\s+([A-Za-z]\w*)|"
                      r"\(def(?:un|macro|generic|method)\s+([a-z][\w*+-]*)|"
                      r"\bfunction\s+([A-Za-z]\w*)\s*\(|([A-Za-z]\w*)\s*(?:<-|=)\s*function\b|"
                      r"\bclass\s+([A-Za-z]\w*)|^\s*([A-Za-z_]\w*)\s*(?:=(?!=)|<-)")
"""What the book's code defines: a function (``f(x) :=``, ``def f``, ``(defun f``, ``function
f(``, ``f <- function``), a class (``class Card``) or a variable it assigns (``weights = ...``)."""
_NAMING = "command|function|macro|operator|procedure|routine|statement"
"""Words that may name a command before its name ("the function ev", not "the form cos")."""
_USED = (r"(?=\s*(?:[.,;:]|$|\s+(?:to|for|in|with|instead|and|or|on|when|as|if|from|"
         r"which|inside|within)\b))")
"""What follows a name used as a command ("use desolve to ..."); "use tuple comparison" uses
the word as a modifier."""
_WORD_NAMING = "command|function|macro|procedure|routine"
"""Words that name an English word as a command ("the kill command"; "the next statement" is
the word)."""
_DOES = r"(?:[a-z]{2,}(?<!s)s|is used to|can be used to)\b"
"""A verb saying what the subject does ("removes", "returns"; not "mass", "is")."""
_IS = r"(?:can|will|may|is|are|does|must|should|has|allows|lets)\b"
_CONDITION = re.compile(r"^(?:If|When|Unless|Although|Whether|Note|See)\b")
"""A sentence opening on a condition or a note says when, not what the command does."""
_WEAK_OPENER = re.compile(r"^(?:An? example|In (?:this|the) example|For example|Similarly|Likewise|Let'?s|Let us|"
                          r"Here|Now|Again|Also|However|Otherwise|Then|Can|May|Must|Should|"
                          r"Will|But|And|Or|So|My|I|We)\b")
_CROSS_REFERENCE = re.compile(
    r"\bsee\s+(?:sub)?(?:section|chapter|below|above)\b|\b(?:described|introduced|discussed|"
    r"mentioned)\s+(?:earlier|above|below|later)\b", re.IGNORECASE)
"""A sentence pointing elsewhere ("For the command ode2 (see subsection 5.1.2), ...", "The
function IntLog (see below) ...", "The eval function was introduced earlier ...")."""
_TRAILING_DIGITS = re.compile(r"^(.*[A-Za-z])\d+$")


def code_names(chunks: Sequence[Chunk], reference: set[int]) -> Counter[str]:
    """The names the book's code calls, with how many places call them, less the names its
    code defines itself."""
    texts = [c.text for i, c in enumerate(chunks) if i not in reference]
    conventions = book_conventions(chunks)  # the reader the exercise plan uses, the same prompts
    calls: Counter[str] = Counter()
    defined: set[str] = set()
    for text in texts:
        inputs = [step.source for t in convention_transcripts(text, conventions)
                  for step in t.steps]
        prose: list[str] = []
        for line in text.split("\n"):  # a line of code, or one whose calls the prose writes
            (inputs if holds_code(line.strip()) else prose).append(line)
        for source in inputs:
            calls.update(set(_CALL.findall(source)) | set(_LISP_FORM.findall(source)))
            defined.update(name for groups in _DEFINED.findall(source) for name in groups if name)
        for line in prose:  # "batch(file) reads ..."
            calls.update(set(_WRITTEN_CALL.findall(line)))
    for name in defined:
        calls.pop(name, None)
    return Counter({n: k for n, k in calls.items()
                    if n.lower() not in STOPWORDS and len(n) >= 2})


def explaining(text: str, name: str, word: bool = False) -> int:
    """How plainly a sentence says what the command ``name`` does (0: not at all): 3 when it
    opens on the name with a verb ("ode2 returns ...", "The kill command removes ..."), 2 when
    it names the name as a command ("the kill command", "the function ev", "an assume
    command which ..."), 1 when it says to use it ("use desolve to", "using ode2").

    A name that is also an English ``word`` ("kill", "list", "expression") counts only as
    code: opening the sentence in lower case, beside a word naming it a command after "the",
    or written as a call in the sentence; "The list elements ...", "a function argument",
    "use the identity ..." speak of the word."""
    if (_CONDITION.match(text) or _CROSS_REFERENCE.search(text) or not _prose(text)
            or _weak(text)):
        return 0
    if not (text[:1].isupper() or compiled_pattern(rf"{re.escape(name)}\b").match(text)):
        return 0  # a sentence opening inside code or a list ("X Y) then ...", "• ...")
    n = re.escape(name) + r"(?![\w-]|\.\w)"
    call = r"(?:\([^()]{0,40}\))?"
    kinds = rf"(?:{'|'.join(COMMAND_KINDS)})"
    subject = rf"^(?:The\s+{n}{call}\s+{kinds}\s+|{n}{call}\s+(?:{kinds}\s+)?)"
    if word and compiled_pattern(rf"^{n}\b").match(text) is None:
        subject = rf"^The\s+{n}{call}\s+(?:{_WORD_NAMING})\s+"
    if compiled_pattern(subject + _DOES).match(text) and not (
            compiled_pattern(subject + _IS).match(text)):
        return 3
    named = rf"(?:{_WORD_NAMING})" if word else kinds
    written = compiled_pattern(rf"(?<![\w.$%-]){n}\((?!\d\))").search(text) is not None
    if (compiled_pattern(subject + _IS).match(text)
            or compiled_pattern(rf"\b(?:[Tt]he|[Aa]n?)\s+{n}{call}\s+{named}\b").search(text)
            or (written or not word) and compiled_pattern(
                rf"\b(?:[Tt]he|[Aa]n?)\s+(?:{_NAMING})\s+{n}\b(?!\s*\w+\s+{kinds}\b)").search(text)):
        return 2
    if word and not written:
        return 0
    return int(compiled_pattern(rf"\b(?:use|using|uses)\s+(?:the\s+)?{n}{call}{_USED}",
                                re.IGNORECASE).search(text) is not None)


def _prose(text: str) -> bool:
    """A sentence of prose: words enough, ending as a sentence, mostly letters."""
    chars = [c for c in text if not c.isspace()]
    return (len(text.split()) >= MIN_PROSE_WORDS and text.rstrip()[-1:] in ".!"
            and sum(c.isalpha() for c in chars) >= 0.7 * len(chars))


def _weak(text: str) -> bool:
    """A sentence about an example or leaning on another ("In this example, ...",
    "Similarly, ...", "Let's say ...", "This algorithm is implemented as ..."): it says what
    the command does only with the text before it."""
    first = text.split()[0] if text.split() else ""
    return (_WEAK_OPENER.match(text) is not None or leans(text)
            or bool(verb_form(first)) and first[:1].isupper())  # "Specifies ...": an entry's
    # body, of a subject the sentence does not name


def taught_commands(drafts: Sequence[ConceptDraft], sentences: Sequence[Sentence],
                    chunks: Sequence[Chunk], reference: set[int]) -> list[ConceptDraft]:
    """The concepts of the commands the running text teaches that ``drafts`` lack."""
    names = code_names(chunks, reference)
    if not names:
        return []
    known = {term_key(n) for d in drafts for n in (d.name, *d.aliases)} - {""}
    said: dict[str, list[int]] = defaultdict(list)
    for position, sentence in enumerate(sentences):
        for word in set(_WORD.findall(sentence.text)):
            if word in names:
                said[word].append(position)
    chosen: dict[str, int] = {}
    for name, positions in said.items():
        if len(positions) < MIN_SENTENCES or term_key(name) in known:
            continue
        word = general_zipf(name.lower()) >= COMMON_ZIPF or (
            name[:1].isupper() and name[1:].islower() and general_zipf(name.lower()) > 0)
        if word and names[name] < MIN_CALLS:
            continue  # an English word the code calls once: the prose speaks of the word
        strength, earliest = max((explaining(sentences[p].text, name, word), -p)
                                 for p in positions)
        best = -earliest
        if strength >= 2 or strength and names[name] >= MIN_CALLS:
            chosen[name] = best
    return _drafts(chosen, said, sentences, chunks)


def _drafts(chosen: dict[str, int], said: dict[str, list[int]],
            sentences: Sequence[Sentence], chunks: Sequence[Chunk]) -> list[ConceptDraft]:
    """One draft per family: names that differ only in a closing number are one concept
    under the name the book explains first."""
    families: dict[str, list[str]] = {}
    heads: dict[str, str] = {}
    for name in sorted(chosen, key=lambda n: (chosen[n], n)):
        stem = _TRAILING_DIGITS.match(name)
        head = heads.get(stem.group(1)) if stem else None
        if head is None:
            families[name] = [name]
            head = name
        else:
            families[head].append(name)
        if stem:
            heads.setdefault(stem.group(1), head)
    result: list[ConceptDraft] = []
    for head, members in families.items():
        sentence = sentences[chosen[head]]
        chunk = chunks[sentence.chunk]
        others = [sentences[p].text for n in members for p in said[n]
                  if p != chosen[head] and reads_alone(sentences[p].text, [n])]
        text = without_run_in(sentence.text, [head])
        result.append(ConceptDraft(
            name=head, definition=text, aliases=members[1:],
            citations=[chunk.citation()], first_order=chunk.order, section=sentence.section,
            score=SCORE, evidence=[TAUGHT_EVIDENCE],
            key_points=[text, *dict.fromkeys(others)][:4]))
    return result


def add_taught_commands(drafts: list[ConceptDraft], sentences: Sequence[Sentence],
                        chunks: Sequence[Chunk], reference: set[int]) -> list[ConceptDraft]:
    """The drafts with the taught commands they lack added, in reading order."""
    result = [*drafts, *taught_commands(drafts, sentences, chunks, reference)]
    result.sort(key=lambda d: (d.first_order, -d.score))
    return result
