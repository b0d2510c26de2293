"""Definitions a book gives in its notation: a connective's truth condition, a rule's schema.

A logic book often introduces a connective by naming its symbol ("The logical connective '&'
is called conjunction") and says what it means only sentences later, in a formula ("For any
sentences A and B, A & B is true if and only if both A and B are true."). A learner shown the
naming alone learns a symbol, not an idea. Likewise a rule of proof is named before its
schema ("This is the existential introduction rule (∃I): m Ac ∃xAx ∃I m"), and the sentence
picked for it is a restriction or a remark around the box. This module completes such
definitions from the book's own words:

- :func:`truth_condition`: in the section headed by the term, the first sentence that says
  when a formula built with a connective symbol is true or false (and the next one when it
  goes on with the same symbol); the definition keeps the naming when it shows that symbol,
  else it says which symbol the term is;
- :func:`with_symbol_meaning`: a term introduced as a quoted symbol, said as that symbol and
  what the book says it means ("The expression ∀x means that ...");
- :func:`section_meaning`: a term whose section says what a formula of its symbol means
  ("The predicate x = y means 'x is identical to y.'");
- :func:`with_formula`: a distribution the book uses before it says what it is, said by the
  one-line formula of the function that defines it;
- :func:`rule_statement`: a rule's box read as what it lets you infer, from which lines (a
  cited range of lines is a subproof), with the box's starred proviso.

Both leave a definition alone when the book has no such sentence or box, so a book without
formal notation is untouched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tutor.course import Chunk
from tutor.engine.offline.concepts.candidates import Sentence
from tutor.engine.offline.definitions.defining_signs import Candidate
from tutor.engine.offline.definitions.plain_definitions import plain_definition
from tutor.engine.offline.terms import mentions_key, term_key
from tutor.engine.port import ConceptDraft

_SYMBOL = r"[^\w\s.,;:'\"‘’“”()\[\]{}\-]"
"""One character of notation: no letter, digit, space or punctuation of prose."""
_FORMULA = rf"(?:[A-Z]\s*)?{_SYMBOL}\s*[A-Z]"
"""A formula of the connective: a symbol before or between metavariables ("¬A", "A & B")."""
_TRUTH = re.compile(
    rf"^(?:(?:For any|For every)\s+[^,:]{{1,40}}[,:]\s*|In short,\s*|So\s+)?"
    rf"(?:If\s+[^,]{{1,30}},\s*then\s+)?(?:the sentence\s+)?(?P<formula>{_FORMULA})\s+is\s+"
    r"(?:true|false)\b",
    re.IGNORECASE)
"""A sentence stating when a formula of one connective is true or false."""
_OPENER = re.compile(r"^(?:In short|So),?\s+", re.IGNORECASE)
_NUMBERING = re.compile(r"^[\d.A-Z]*\d[\d.]*\s+|^Chapter\s+\S+\s+")
SECTION_SENTENCES = 200
"""Sentences of a section headed by the term searched for its truth condition."""


def _heading_term(section: str) -> str:
    return term_key(_NUMBERING.sub("", section.strip()))


def _symbol_of(formula: str) -> str:
    found = re.search(_SYMBOL, formula)
    return found.group(0) if found else ""


class BookText:
    """The book's sentences and passages, indexed once for the lookups of this module: the
    first section headed by each term, the sentences that name a rule, and per page the
    sentences that say what something means and the passages."""

    def __init__(self, sentences: Sequence[Sentence], chunks: Sequence[Chunk]) -> None:
        self.sentences = sentences
        self.chunks = chunks
        self.sections: dict[str, list[Sentence]] = {}
        self.by_heading: dict[str, list[Sentence]] = {}
        """The first run of sentences under each heading, as the heading is written."""
        keys: dict[str, str] = {}
        run: list[Sentence] | None = None
        heading: list[Sentence] | None = None
        previous: str | None = None
        for sentence in sentences:
            if sentence.section != previous:
                previous = sentence.section
                if sentence.section not in keys:
                    keys[sentence.section] = _heading_term(sentence.section)
                key = keys[sentence.section]
                run = None if key in self.sections else self.sections.setdefault(key, [])
                heading = (None if sentence.section in self.by_heading
                           else self.by_heading.setdefault(sentence.section, []))
            if run is not None and len(run) < SECTION_SENTENCES:
                run.append(sentence)
            if heading is not None and len(heading) < SECTION_SENTENCES:
                heading.append(sentence)
        self.rule_namings = [s for s in sentences if " rule" in s.text and "(" in s.text]
        self.meanings: dict[tuple[str, int], list[Sentence]] = {}
        for sentence in sentences:
            if " means " in sentence.text and 0 <= sentence.chunk < len(chunks):
                self.meanings.setdefault(self.page_of(sentence.chunk), []).append(sentence)
        self.passages: dict[tuple[str, int], list[int]] = {}
        for index, chunk in enumerate(chunks):
            self.passages.setdefault((chunk.source, chunk.page), []).append(index)

    def page_of(self, chunk: int) -> tuple[str, int]:
        return self.chunks[chunk].source, self.chunks[chunk].page

    def section(self, name: str) -> list[Sentence]:
        """The sentences of the first section headed by ``name``."""
        return self.sections.get(term_key(name), [])


_SECTION_MEANS = re.compile(
    r"^The (?P<kind>predicate|symbol|connective|operator)\s+(?P<formula>[^\s]{1,3}(?:\s+"
    r"[^\s]{1,3}){0,2})\s+means\s+(?P<meaning>['‘\"“][^.;]{5,120}[.]?['’\"”])\.?$")
"""A sentence of the section headed by a term that says what a formula of its symbol means
("The predicate x = y means 'x is identical to y.'")."""


def section_meaning(name: str, book: BookText) -> tuple[str, int] | None:
    """The term said as the symbol its section gives a meaning to ("Identity is the predicate
    '=': x = y means 'x is identical to y.'"), and the chunk of that sentence."""
    for sentence in book.section(name):
        said = _SECTION_MEANS.match(sentence.text.strip())
        if said is None:
            continue
        symbol = _symbol_of(said.group("formula"))
        if not symbol:
            continue
        subject = name[:1].upper() + name[1:]
        return (f"{subject} is the {said.group('kind')} '{symbol}': {said.group('formula')} "
                f"means {said.group('meaning')}", sentence.chunk)
    return None


def truth_condition(name: str, book: BookText, symbol_of: str = "",
                    section: str = "") -> tuple[str, str, int] | None:
    """The sentence(s) of the section headed by ``name`` that say when a formula of a
    connective is true or false, the connective's symbol and the chunk they are in; with
    ``symbol_of`` and ``section``, those of that section about that symbol."""
    window = book.section(name) if not section else book.by_heading.get(section, [])
    for number, sentence in enumerate(window):
        found = _TRUTH.match(sentence.text.strip())
        if found is None:
            continue
        symbol = _symbol_of(found.group("formula"))
        if symbol_of and symbol != symbol_of:
            continue
        text = _OPENER.sub("", sentence.text.strip())
        after = window[number + 1].text.strip() if number + 1 < len(window) else ""
        if after and symbol in after and re.search(r"\bis (?:true|false)\b", after) \
                and len(after.split()) <= 25 and not after.endswith(":"):
            text = f"{text} {after}"  # "If ¬A is true, then A is false."
        text = re.sub(r":\s+If\b", ", if", text)  # "For any sentence A: If A is true, ..."
        return text[:1].upper() + text[1:], symbol, sentence.chunk
    return None


def _quoted(symbol: str, text: str) -> bool:
    return any(f"{q}{symbol}" in text.replace(" ", "") or f"{symbol}{q}" in text.replace(" ", "")
               for q in "'‘’\"“”")


def with_truth_condition(draft: ConceptDraft, book: BookText) -> tuple[str, int] | None:
    """The definition completed with its truth condition: the naming, when it shows the
    connective's symbol, then the condition; else the term said to be the connective."""
    found = truth_condition(draft.name, book)
    shown = [q.group("symbol") for q in _QUOTED_SYMBOL.finditer(draft.definition)]
    if found is None and len(set(shown)) == 1 and draft.section:
        # "Instead, the symbol '→' will be a material conditional.": the condition of that
        # symbol its section states
        found = truth_condition(draft.name, book, shown[0], draft.section)
    if found is None:
        return None
    condition, symbol, chunk = found
    if condition in draft.definition:
        return None
    if _quoted(symbol, draft.definition) and len(draft.definition.split()) <= 40:
        return f"{draft.definition.rstrip()} {condition}", chunk
    article = "" if draft.name[:1].isupper() else ("An " if draft.name[0] in "aeiou" else "A ")
    subject = f"{article}{draft.name}" if article else draft.name
    lead = condition[:1].lower() + condition[1:] if condition[:2].isalpha() else condition
    return f"{subject[:1].upper() + subject[1:]} is the connective '{symbol}': {lead}", chunk


_MEANS = re.compile(r"^The (?:expression|symbol)\s+(?P<formula>\S{1,6})\s+means\s+(?:that\s+)?"
                    r"(?P<meaning>[a-z][^.;:]{10,160})\.$")
"""A sentence saying what a symbol means ("The expression ∀x means that you can pick anyone
and put them in as x.")."""
_QUOTED_SYMBOL = re.compile(rf"['‘’\"“](?P<symbol>{_SYMBOL})['‘’\"”]")


def with_symbol_meaning(draft: ConceptDraft, book: BookText) -> tuple[str, int] | None:
    """A definition that introduces a quoted symbol ("... we introduce the '∀' symbol. This
    is called the universal quantifier.") said as the symbol and what the book says it means,
    from a sentence of the passages on the page that introduces the term."""
    quoted = list(_QUOTED_SYMBOL.finditer(draft.definition))
    if len(quoted) != 1 or not draft.citations:
        return None
    symbol = quoted[0].group("symbol")
    page = (draft.citations[0].source, draft.citations[0].page)
    for sentence in book.meanings.get(page, []):
        said = _MEANS.match(sentence.text.strip())
        if said is not None and symbol in said.group("formula"):
            article = "The" if draft.name[:1].islower() else ""
            subject = f"{article} {draft.name}".strip()
            return (f"{subject} is the symbol '{symbol}': the expression {said.group('formula')} "
                    f"means that {said.group('meaning')}.", sentence.chunk)
    return None


_FUNCTION_OF = r"(?P<function>CDF|PDF|PMF|cumulative distribution function|density function)"
_OPERATOR_END = re.compile(r"[=+\-−×*/(]\s*$")
_EXPONENT = re.compile(r"^[−\-]?[^\s]{1,6}$")


def with_formula(draft: ConceptDraft, book: BookText) -> tuple[str, int] | None:
    """A distribution the book uses or places without saying what it is ("In the real world,
    exponential distributions come up when ...") said by the function it is defined by, when
    the passages on the page that introduces it give it in one formula line ("The CDF of the
    exponential distribution is CDF(x) = 1 − e^(−λx)"); an exponent PDF text set on a line of
    its own is put back. A formula broken over several lines is left out."""
    if not draft.name.lower().endswith("distribution") or not draft.citations:
        return None
    if not mentions_key(draft.definition, term_key(draft.name)) or plain_definition(
            draft.name, Candidate(draft.definition), chosen=True):
        return None  # a glossary's gloss, or a sentence that says what it is
    page = (draft.citations[0].source, draft.citations[0].page)
    pattern = re.compile(rf"\bThe {_FUNCTION_OF} of (?:the|an?) {re.escape(draft.name)} is:?"
                         r"[ \t]*\n(?P<formula>[^\n]{3,60})\n(?P<next>[^\n]*)", re.IGNORECASE)
    for index in book.passages.get(page, []):
        found = pattern.search(book.chunks[index].text)
        if found is None:
            continue
        formula = found.group("formula").strip()
        if "=" not in formula or _OPERATOR_END.search(formula):
            return None
        if _EXPONENT.match(found.group("next").strip()):
            formula = f"{formula}^({found.group('next').strip()})"
        return (f"The {draft.name} is the distribution whose {found.group('function')} is "
                f"{formula}.", index)
    return None


_RULE_NAMED = r"\bthe\s+(?:(?:general|schematic)\s+form\s+of\s+the\s+)?{name}\s+rule\s*\((?P<label>[^)\s]{{1,4}})\)\s*:"
_LINE = re.compile(r"^[a-z]$")
_PROVISO = re.compile(r"[∗*]\s+(?P<proviso>[A-Z][^.]{5,160}\.)")
_CONNECTIVE_END = re.compile(rf"(?:^|\s){_SYMBOL}$|^{_SYMBOL}(?:\s|$)")
BOX_CHARS = 400
"""Characters after a rule's naming that may hold its box and proviso."""


def _may_name(text: str, name: str) -> bool:
    """Whether the text may hold the name as :data:`_RULE_NAMED` matches it: in ASCII text,
    case-insensitive matching of an ASCII name is a match of the lower-cased strings; other
    text is searched."""
    if text.isascii() and name.isascii():
        return name.lower() in text.lower()
    return True


def rule_statement(name: str, book: BookText) -> tuple[str, int] | None:
    """What the rule called ``name`` lets you infer, read from its box ("m ∀xAx Ac ∀E m":
    from ∀xAx, infer Ac), with the box's proviso, and the chunk of the box. The box is read
    from the passage's text (its lines are no prose sentences)."""
    if not book.rule_namings:
        return None  # most books name no rule: no pattern to compile for each concept
    naming = [s for s in book.rule_namings if _may_name(s.text, name)]
    if not naming:
        return None  # no sentence names a rule so: nothing to compile the pattern for
    pattern = re.compile(_RULE_NAMED.format(name=re.escape(name)), re.IGNORECASE)
    for sentence in naming:
        if pattern.search(sentence.text) is None:
            continue
        text = " ".join(book.chunks[sentence.chunk].text.split())
        named = pattern.search(text)
        if named is None:
            return None
        label = named.group("label")
        box_text = text[named.end(): named.end() + BOX_CHARS]
        box = re.match(rf"\s*m\s+(?P<body>.+?)\s+{re.escape(label)}\s+(?P<cited>m(?:,\s*[a-z]"
                       rf"(?:[–-][a-z])?)*)", box_text)
        if box is None:
            return None
        statement = _read_box(box.group("body"), box.group("cited"))
        if statement is None:
            return None
        proviso = _PROVISO.match(box_text[box.end():].strip())
        text = f"The {name} rule ({label}) lets you infer {statement}."
        if proviso is not None and re.search(r"[∗*]", box.group("body")):
            text += f" {proviso.group('proviso')}"
        return re.sub(r"\s+(?=[,.;])", "", " ".join(text.replace("∗", "").split())), sentence.chunk
    return None


def _read_box(body: str, cited: str) -> str | None:
    """"∀xAx Ac" cited "m" -> "Ac from ∀xAx"; "∃xAx n Ac∗ p B B" cited "m, n–p" -> "B from
    ∃xAx and a subproof that assumes Ac and derives B". None when a line is no formula."""
    lines: list[list[str]] = [[]]
    for token in body.split():
        if _LINE.match(token):
            lines.append([])
        else:
            lines[-1].append(token)
    if not lines[-1] or len(lines[-1]) < 2 and len(lines) == 1:
        return None
    conclusion = lines[-1].pop()
    formulas = [" ".join(line) for line in lines]
    if any(not f or _CONNECTIVE_END.search(f) for f in [*formulas, conclusion]):
        return None
    subproof = re.search(r"[a-z][–-][a-z]", cited)
    if subproof and len(formulas) >= 3:
        given = " and ".join(formulas[:-2])
        return (f"{conclusion} from {given} and a subproof that assumes {formulas[-2]} and "
                f"derives {formulas[-1]}")
    if subproof:
        return None
    return f"{conclusion} from {' and '.join(formulas)}"


MAX_CITATIONS = 5


def state_in_notation(drafts: list[ConceptDraft], sentences: Sequence[Sentence],
                      chunks: Sequence[Chunk]) -> None:
    """Complete, in place, the definitions of connectives and rules the book states in its
    notation; the definition's first key point follows it, and the page of the words taken
    is cited after the page that introduces the term."""
    book = BookText(sentences, chunks)
    for draft in drafts:
        found = (with_truth_condition(draft, book) or with_symbol_meaning(draft, book)
                 or with_formula(draft, book))
        if found is None and not _MEANS_SAID.search(draft.definition):
            found = section_meaning(draft.name, book)
        if found is None and not _INFERS.search(draft.definition):
            found = rule_statement(draft.name, book)
        if found is None or found[0] == draft.definition:
            continue
        text, chunk = found
        if draft.key_points and draft.key_points[0] == draft.definition:
            draft.key_points[0] = text
        draft.definition = text
        cited = chunks[chunk].citation()
        if (all((c.source, c.page) != (cited.source, cited.page) for c in draft.citations)
                and len(draft.citations) < MAX_CITATIONS):
            draft.citations.insert(min(1, len(draft.citations)), cited)


_MEANS_SAID = re.compile(r"\bmeans\b")
"""A definition that already says what something means."""
_INFERS = re.compile(r"infer", re.IGNORECASE)
"""A rule's definition that already says what it lets you infer."""
