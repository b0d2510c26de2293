"""Reference entries: the functions, types, macros and commands an API manual documents.

A reference manual explains its functions one entry at a time: a signature line marked with
the entry's kind ("int idn2_lookup_u8 (const uint8_t *src, ...) [Function]" in a typeset
manual, "Function: int foo_init (foo_ctx *ctx)" in its plain-text form, a man page's NAME
line, or a prototype standing alone) followed by a paragraph saying what the thing does. An
entry devoted to a name is the book treating it as something it explains, so the entries
become concepts here; the rest of the map treats names as code and drops them.

- The name is the concept's name, the signature its first key point, the entry's first
  describing sentence its definition, said of the name ("Convert UTF-8 domain name to ASCII"
  -> "The idn2_to_ascii_8z function converts UTF-8 domain name to ASCII ..."), cited on the
  entry's page.
- A family of near-identical entries (sha256_update, md5_update, ... "Hash some more data.")
  is one concept named by its first member, the others its aliases; constants of one declared
  type (``idn2_rc IDN2_OK [Return code]``) are one concept, the type, listing its members.
- A lone constant, and an entry that says nothing, is no concept.
- The entry's section stays the concept that groups it: the concept records the section
  heading (not the entry's own outline heading), which the prerequisite linker reads.
- Concepts the map found inside entries (a parameter named in "input: zero terminated
  input string.", a sentence that is an entry's signature) give way to the entry's concept.

Entries count only where the course has at least :data:`MIN_ENTRIES` of them: a reference is
a layout that repeats, not any identifier a book mentions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from tutor.course import Chunk
from tutor.engine.offline.concepts.entry_names import (
    name_and_qualifier,
    name_word,
    names_first,
    wrapped_arguments,
)
from tutor.engine.offline.terms import COMMON_VERBS, term_key
from tutor.sentences import split_sentences
from tutor.text import content_stems, is_deprecation, is_question, listed_verb, normalize

MIN_ENTRIES = 3
"""Entries a course needs before any counts (a reference repeats its layout)."""

_HEADS = ("function macro form command type variable option constant method struct structure "
          "code flag enumeration enum typedef procedure operator union class hook").split()
_CONSTANT_HEADS = frozenset({"constant", "code", "flag"})
DOERS = frozenset("function macro command method procedure operator form hook".split())
"""Kinds of entry that do something: "The X function converts ..."."""
_TAG = re.compile(r"\[(?P<kind>[A-Z][a-z]+(?: [A-Za-z][a-z]+){0,2})\](?!,?\s*page\b)")
"""A typeset entry's kind at the margin ("[Function]", "[Return code]"), not a cross
reference ("[Randomness], page 90")."""
_LABEL = re.compile(r"^\s*(?:(?:--?|[\u2013\u2014])\s*)?(?P<kind>(?:[A-Z][a-z]+ )?[A-Z][a-z]+):\s+(?P<sig>\S.*)$")
"""A plain-text entry: "Function: int foo_init (foo_ctx *ctx)", "-- Macro: FOO (x)"."""
_PROTOTYPE = re.compile(
    r"^\s*(?!(?:return|else|print|def|class|if|while|for|yield|raise|assert|import|from|new|"
    r"delete|throw|await|lambda|not|and|or|in|is)\b)"
    r"(?:(?:const|unsigned|signed|struct|enum|static|extern|inline)\s+)*[A-Za-z_]\w*"
    r"(?:\s+[A-Za-z_]\w*)?[\s*]+(?P<name>[A-Za-z_]\w*)\s*\([^()]*\)\s*;\s*$")
"""A C prototype standing alone on its line ("int foo_init (foo_ctx *ctx);")."""
_MAN_NAME = re.compile(r"^\s*(?P<names>[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*)\s+[-\u2013\u2014]"
                       r"\s+(?P<what>\S.*)$")
_MAN_SECTION = re.compile(r"\s*\n(?:SYNOPSIS|DESCRIPTION|RETURN VALUE|OPTIONS|ERRORS|NOTES|"
                          r"EXAMPLES?|SEE ALSO)\n")
"""A man page's section line, which ends the NAME line's description."""
RUN_ON = re.compile(r"(?<!i\.e\.)(?<!e\.g\.)(?<=\.)\s+(?=[a-z])")
"""A full stop before a lower-case word: the next sentence, opening on a parameter's name
("... writing it to digest. length may be smaller than ...")."""
_IDENTIFIER = re.compile(r"[A-Za-z_]\w*(?:[.\-][A-Za-z_]\w*)*")
"""A name, dotted or hyphenated inside ("html.stylesheet", "forward-word") as well as C's."""
_CODE_NAME = re.compile(r"^(?=.*[_\d.\-*<>=!?+%/]|[A-Z]{2,}$|.*[a-z][A-Z])[*+]?[A-Za-z_][\w.\-*<>=!?+%/]*$")
"""A name that reads as code (an underscore, a digit, an inner dot or hyphen, capitals only,
camel case)."""
LOOKED_AT = 4
"""Sentences of an entry's text looked at for the one describing it."""
API_VERBS = frozenset((
    "accept add allocate append apply assign behave call cancel cause change check clear close "
    "compare compute concatenate configure convert copy create deallocate decode decrypt "
    "default define delete derive destroy detect determine disable display draw emit enable "
    "encode encrypt evaluate execute expand export extract fail fill find finish flush free "
    "generate get hash import indicate initialize initialise insert install load lookup loop "
    "make map move normalize open output parse perform place pop print process produce push "
    "put read redefine reseed register release remove rename replace reset resize restore "
    "return reverse run save scan search seed select send set sign sort specify split start "
    "stop store test transform translate truncate unregister update use validate verify wait "
    "write").split())
"""Verbs a reference entry opens on, imperative ("Convert ...") or not ("Converts ...")."""
VERBS = API_VERBS | {"hold", "contain"} | {
    v for v in COMMON_VERBS if not v.endswith(("s", "ed", "ing"))}


def verb_form(word: str) -> str:
    """The verb a word is, bare ("convert") or said of a thing ("converts", "hashes",
    "verifies"); "" for any other word."""
    return listed_verb(word.lower(), VERBS)
_LEANS = re.compile(r"^\W*(?:this|these|those|it|they|such|if|when|after|before|all|both|each|"
                    r"see|note|also|however|otherwise|then|here|there|given|you|we|one|so|"
                    r"actually|thus|hence|but|and|or|must|should|can|may|only|corresponding|in|for|as|"
                    r"analogous|similar|same|like|identical|equivalent|with|by|from|unless|"
                    r"since|because|although|while|whereas|now|former|removed|replaced|most|some|many|"
                    r"several|two|three|to)\b"
                    r"|^\W*\w+,\s"
                    r"|.*\b(?:this|these|those|above|below|following)\b", re.I)
"""A sentence leaning on others: on what came before, on a condition, on the reader, on a
remark ("Indeed, ...", "Technically, ..."), or saying the entry is gone ("Removed because ...")."""
_AUXILIARIES = frozenset("is was has does".split())
_ASIDES = re.compile(r"\s*\([^()]*\)")
"""A parenthesised aside ("(see below)"), which leans on nothing the sentence says."""
_CLAUSE = re.compile(r"\b(?:is|are|was|were|be|been|must|should|can|could|may|might|will|would|"
                     r"has|have|does|do)\b")
_PARAMETER = re.compile(r"^\s*(?P<name>[A-Za-z_][\w ]{0,30}?)\s*:\s")
_ASIDE = re.compile(r"^\s*(?:since|return value|returns?|see also|note|deprecated)\s*:", re.I)


@dataclass
class ReferenceEntry:
    """One documented name: its kind, signature and what the entry says of it."""

    name: str
    kind: str
    """The entry's kind, lower case ("function", "return code")."""
    signature: str
    body: str
    """The entry's text after the signature."""
    chunk: int
    section: str = ""
    """The heading of the section the entry belongs to."""
    declared_type: str = ""
    """The type a constant is declared with (``idn2_rc`` of ``idn2_rc IDN2_OK``)."""
    spans: int = 0
    """Further passages the entry's text runs on into (a long entry under its own heading,
    over page breaks)."""
    members: list[ReferenceEntry] = field(default_factory=list)
    """Further entries of its family or group, which share its concept."""

    qualified: str = ""
    """The name as the signature qualifies it ("uiop:strcat", "Kettle::boil"), else ""."""

    @property
    def parameters(self) -> set[str]:
        """The names of the entry's arguments: a C list's last words ("(foo_ctx *ctx)"), or
        the words after the name where the name comes first ("stripln x &optional s")."""
        words = self.signature.split()
        if names_first(self.signature, self.name, self.qualified):
            return {term_key(w) for w in (name_word(raw.strip("()")) for raw in words[1:])
                    if w and w != self.name}
        inside = self.signature.partition("(")[2]
        return {term_key(words.split()[-1].strip("*&[]")) for words in inside.split(",")
                if words.strip(" )*")}

    @property
    def constant(self) -> bool:
        return self.kind.split()[-1] in _CONSTANT_HEADS


def find_entries(chunks: Sequence[Chunk], skip: set[int] | frozenset[int] = frozenset()
                 ) -> list[ReferenceEntry]:
    """The reference entries of the course in reading order (none when it has fewer than
    :data:`MIN_ENTRIES`), each with its section; chunks in ``skip`` (front and back matter)
    give none."""
    entries: list[ReferenceEntry] = []
    for index, chunk in enumerate(chunks):
        if index in skip:
            continue
        found, lead = _chunk_entries(normalize(chunk.text).split("\n"), index)
        if entries and entries[-1].chunk + entries[-1].spans == index - 1 and (
                not entries[-1].body or term_key(chunk.heading) == term_key(entries[-1].name)):
            entries[-1].body = " ".join(  # over a page break, or on under its own heading
                f"{entries[-1].body} {_without_heading(lead, chunk.heading)}".split())
            entries[-1].spans += 1 if not found else 0
        entries += found
    if len(entries) < MIN_ENTRIES:
        return []
    named = {term_key(e.name) for e in entries}
    section = ""
    heading_at: dict[int, str] = {}
    for index, chunk in enumerate(chunks):
        if chunk.heading and term_key(chunk.heading) not in named:
            section = chunk.heading
        heading_at[index] = section
    for entry in entries:
        entry.section = heading_at.get(entry.chunk, "")
    return entries


def _without_heading(text: str, heading: str) -> str:
    text = " ".join(text.split())
    return text[len(heading):].strip() if heading and text.startswith(heading) else text


def _chunk_entries(lines: list[str], chunk: int) -> tuple[list[ReferenceEntry], str]:
    """The passage's entries, and its text before the first (the end of an entry that
    began on the page before)."""
    text = "\n".join(lines)
    openings = sorted(_tagged(text) + _labelled(lines))
    out: list[ReferenceEntry] = []
    done = 0  # where the last signature ended: an entry documenting several names at once
    for position, (_, begin, kind, head_end, cont) in enumerate(openings):
        head = text[max(begin, done):head_end]
        last_stop = head.rfind(". ")
        if last_stop >= 0 and last_stop < head.find("("):
            head = head[last_stop + 2:]  # the previous entry's words before this signature
        after = openings[position + 1] if position + 1 < len(openings) else None
        reach = after[3] if after else len(text)  # a wrapped signature ends before the next
        signature, used = _close_signature(head.strip(), text[cont:max(cont, reach)])
        done = cont + used
        body = _MAN_SECTION.sub(". ", text[done:max(done, after[0] if after else len(text))])
        name, qualified = name_and_qualifier(signature, kind.split()[-1] in DOERS)
        if not name or (kind.split()[-1] not in DOERS and not _CODE_NAME.match(name)):
            continue  # a struct's field, a one-letter parameter: no name of its own
        first = names_first(signature, name, qualified)
        if first:
            body, more = wrapped_arguments(body, lambda word: bool(verb_form(word)))
            signature = f"{signature} {more}".strip()
        words = signature.split()
        declared = words[0] if len(words) == 2 and "(" not in signature and not first else ""
        out.append(ReferenceEntry(name=name, kind=kind, signature=" ".join(words),
                                  body=" ".join(body.split()), chunk=chunk,
                                  declared_type=declared, qualified=qualified))
    return out, text[:openings[0][0]] if openings else text


Opening = tuple[int, int, str, int, int]
"""Where an entry opens: ``(where the text before it ends, where its head begins, kind, where
its head ends, where its text goes on)``."""


def _tagged(text: str) -> list[Opening]:
    """Typeset entries, whose kind stands at the margin after (part of) the signature."""
    found = []
    for tag in _TAG.finditer(text):
        kind = _kind_of(tag.group("kind"))
        begin = text.rfind("\n", 0, tag.start()) + 1
        before = text[begin:tag.start()]
        stop = before.rfind(". ")
        if 0 <= stop < (before.find("(") if "(" in before else len(before)):
            begin += stop + 2  # the entry before runs on into this line: its words are its own
        if kind and _IDENTIFIER.search(text[begin:tag.start()]):
            found.append((begin, begin, kind, tag.start(), tag.end()))
    return found


def _labelled(lines: list[str]) -> list[Opening]:
    """Plain-text entries ("Function: ..."), prototypes standing alone and man pages' NAME
    lines."""
    found = []
    offset = 0
    for number, line in enumerate(lines):
        end = offset + len(line)
        label = _LABEL.match(line)
        if label and _kind_of(label.group("kind")) and _CODE_NAME.match(
                _name_of(label.group("sig"), _kind_of(label.group("kind"))) or "-"):
            found.append((offset, offset + label.start("sig"), _kind_of(label.group("kind")),
                          end, end))
        elif _PROTOTYPE.match(line) and _prose_follows(lines, number):
            found.append((offset, offset, "function", end, end))
        elif line.strip() == "NAME" and number + 1 < len(lines):
            man = _MAN_NAME.match(lines[number + 1])
            if man:
                begin = end + 1
                found.append((offset, begin + man.start("names"), "command",
                              begin + man.end("names"), begin + man.start("what")))
        offset = end + 1
    return found


def _kind_of(kind: str) -> str:
    kind = kind.lower()
    return kind if kind.split()[-1] in _HEADS else ""


def _name_of(signature: str, kind: str = "") -> str:
    """The documented name (:func:`.entry_names.name_and_qualifier`)."""
    return name_and_qualifier(signature, kind.split()[-1:] != [] and kind.split()[-1] in DOERS)[0]


def _close_signature(start: str, text: str) -> tuple[str, int]:
    """The whole signature (a wrapped argument list runs on after the tag) and how much of
    ``text`` it took."""
    depth = start.count("(") - start.count(")")
    if depth <= 0:
        return start, 0
    for position, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return f"{start} {text[:position + 1]}", position + 1
    return start, 0


def _prose_follows(lines: list[str], number: int) -> bool:
    after = next((line.strip() for line in lines[number + 1:] if line.strip()), "")
    return bool(re.match(r"^[A-Z][a-z]+\s+[a-z]", after))


def describing_sentence(entry: ReferenceEntry) -> str:
    """The entry's first sentence that says what the thing does or is, among its first
    :data:`LOOKED_AT` sentences besides its parameter lines: the parameter list ("input: zero
    terminated input string."), asides ("Since: 2.0.0"), sentences about a parameter ("length
    must be ...") or leaning on another ("This function is typically ..."; a parenthesised
    "(see below)" leans on nothing) and sentences about something else ("The final block
    processed is copied into iv ...") passed over; a question ("Does the string only contain
    BASE-CHARs?") or a deprecation notice ("Please use X instead.") is taken only when no
    other sentence describes the entry. An entry speaking of itself ("This macro
    declares ...") is taken as its bare statement ("Declares ...")."""
    parameters = entry.parameters | {term_key(entry.name)}
    looked = 0
    notice = ""  # a question or deprecation notice: the description only when none follows
    for whole in [sentence for line in _parameter_lines(entry.body, entry.parameters)
                  for sentence in split_sentences(line)]:
        if looked >= LOOKED_AT:
            break
        sentence = RUN_ON.split(whole)[0]
        label = _PARAMETER.match(sentence)
        looked += not label  # a parameter's line is the list, not a sentence looked at
        if label and label.group("name").isupper():
            continue  # "ENUMERATED: As INTEGER ...": one case of a list the entry goes through
        if label and term_key(label.group("name")) in parameters:
            sentence = _after_parameter(sentence[label.end():])
        bare = _of_itself(sentence, entry.kind)
        if bare != sentence:
            return bare  # "This macro declares ...": what it does, said by itself
        words = sentence.split()
        if (len(words) < 2 or not (sentence[:1].isupper() or verb_form(words[0]))
                or _ASIDE.match(sentence)
                or _LEANS.match(_ASIDES.sub("", sentence)) or term_key(words[0]) in parameters):
            continue
        if not set(content_stems(sentence)) - set(content_stems(entry.kind)):
            continue  # "Contexts structs.": only its kind
        if is_question(sentence) or is_deprecation(sentence):
            notice = notice or sentence  # "Does the string ...?", "Please use X instead."
            continue
        if not verb_form(words[0]) and (_CLAUSE.search(sentence) or any(
                verb_form(w) and w.endswith("s") for w in words[1:])):
            continue  # a statement about another thing, not a noun phrase naming this one
        return sentence
    return notice


def _parameter_lines(body: str, parameters: set[str]) -> list[str]:
    """The entry's text cut where each parameter's line begins, also where the page ran it
    into the sentence before ("... with an integer value. len: number of bytes ..."), so that
    a description run into the end of a parameter's line is found."""
    names = sorted((p for p in parameters if p), key=len, reverse=True)
    if not names:
        return [body]
    spelled = "|".join(r"[\s_]+".join(map(re.escape, name.split())) for name in names)
    return [line for line in re.split(rf"\s+(?=(?:{spelled}):\s)", body) if line.strip()]


def says_itself(entry: ReferenceEntry, verb: str) -> bool:
    """Whether the entry's text says ``verb`` of itself ("This macro declares ...")."""
    return re.search(rf"\bThis\s+(?:{re.escape(entry.kind)}|function|macro)\s+{re.escape(verb)}\b",
                     entry.body) is not None


def _of_itself(sentence: str, kind: str) -> str:
    """A sentence in which the entry speaks of itself ("This function rounds x ...", "This
    macro declares ...") as its bare statement ("Rounds x ..."); any other sentence as is."""
    found = re.match(rf"This\s+(?:{re.escape(kind)}|function|macro)\s+(?P<verb>[a-z]+)\b", sentence)
    verb = found.group("verb") if found else ""
    if found is None or verb in _AUXILIARIES or not verb.endswith("s") or verb.endswith("ss"):
        return sentence  # "This function is typically ...": no statement of what it does
    rest = sentence[found.start("verb"):]
    return rest[:1].upper() + rest[1:]


def _after_parameter(text: str) -> str:
    """The description run into a parameter's line without a full stop ("ptr: pointer to
    deallocate Call free(3) on the given pointer."): from its capitalised verb on."""
    for match in re.finditer(r"(?<=\s)[A-Z][a-z]+\b", text):
        word = match.group().lower()
        if verb_form(word):
            return text[match.start():]
    return ""
