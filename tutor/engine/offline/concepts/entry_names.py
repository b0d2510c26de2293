"""The name a reference entry documents, read from its signature, and the arguments it takes.

A signature names one identifier and lists what it is given: "int foo_init (foo_ctx *ctx)"
in C, "stripln x" or "parse-version version-string &optional on-error" in Lisp, "forward-word
&optional count" for an editor's command. The entry's concept is named by that identifier,
never by an argument ("x", "y") nor by the package or class that qualifies it ("uiop" of
"uiop:strcat"): a qualified name is named by its last part, the qualified form kept as an alias.
A word the entries use for an argument is no concept of its own where the manual says nothing
else of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from tutor.course import Chunk
from tutor.engine.offline.definitions.definition_kind import defines
from tutor.engine.offline.terms import term_key
from tutor.engine.port import ConceptDraft

if TYPE_CHECKING:
    from tutor.engine.offline.concepts.reference_entries import ReferenceEntry


def name_and_qualifier(signature: str, doer: bool = False) -> tuple[str, str]:
    """The documented name and, when the signature writes it qualified ("uiop:strcat",
    "Kettle::boil"), the qualified form; never an argument nor the qualifier alone.

    The name is the word before the first parenthesis in a C signature ("int foo_init (...)"),
    else the first word where the arguments follow the name: a Lisp lambda list
    ("stripln x", "parse-version version-string &optional on-error"), a name written with a
    hyphen, inner dot, earmuffs or other symbol characters ("forward-word &optional count",
    "lexicographic<= element< x y"), an entry that does something (``doer``: a function,
    a command) written with no argument list in parentheses ("featurep x": a C function
    always has one); else the last word ("int errno", "idn2_rc IDN2_OK")."""
    head = signature.partition("(")[0] if "(" in signature else signature
    words = [w for w in (name_word(raw) for raw in head.split()) if w]
    if not words:
        return "", ""
    if _LAMBDA_KEYWORD.search(signature) or _LISP_WORD.search(words[0]) or (
            "(" not in signature and doer):
        word = words[0]
    else:
        word = words[-1]
    qualifier, _, last = word.rpartition("::") if "::" in word else word.rpartition(":")
    if qualifier and last and NAME_WORD.match(last):
        return last, word
    return word, ""


_LAMBDA_KEYWORD = re.compile(r"(?:^|\s)&(?:optional|key|rest|body|aux|allow-other-keys|whole|"
                             r"environment)\b")
"""A Lisp lambda list's keyword: the signature names its entry first."""
_LISP_WORD = re.compile(r"\w-\w|\w\.\w|^\*.+\*$|\w[*<>=!?+%/]")
"""A name only a Lisp or shell writes (a hyphen, an inner dot, earmuffs, a symbol character
after a letter), never a C type."""
NAME_WORD = re.compile(r"^(?:\*[\w\-.]+\*|\+[\w\-.]+\+|[A-Za-z_][\w.\-*<>=!?+%/]*)$")
"""A word that can be a documented name."""


def names_first(signature: str, name: str, qualified: str) -> bool:
    """Whether the signature names its entry first and lists the arguments after it, as a
    Lisp or shell entry does ("stripln x", "forward-word &optional count")."""
    words = signature.split()
    first = name_word(words[0].partition("(")[0]) if words else ""
    return bool(first) and first in (name, qualified) and (
        "(" not in signature or _LAMBDA_KEYWORD.search(signature) is not None
        or _LISP_WORD.search(first) is not None)


def wrapped_arguments(body: str, is_verb: Callable[[str], bool]) -> tuple[str, str]:
    """The entry's text less the arguments its signature wrapped onto the next line
    ("... &key style-warning warning error" / "delete" / "Given a version string, ..."),
    and those arguments: a few lower-case names right before a capitalised word that opens
    a sentence (a verb by ``is_verb``, "Given", "If", "The", ...), not a name ("uses IOlib",
    "returns T")."""
    found = _WRAPPED.match(body)
    if found is None:
        return body, ""
    opener = found.group("next").lower()
    if not (is_verb(opener) or opener in _SENTENCE_OPENERS):
        return body, ""
    words = found.group("args").split()
    if not all(w.startswith("&") or NAME_WORD.match(w.strip("()")) for w in words):
        return body, ""
    return body[found.end("args"):], " ".join(words)


MAX_WRAPPED = 3
"""Words of a signature's wrapped line: a description's first line is longer."""
_WRAPPED = re.compile(r"^\s*(?P<args>(?:[a-z&(][^\s.,;:]*\s+){1,"
                      + str(MAX_WRAPPED) + r"})(?=(?P<next>[A-Z][a-z]+)\b)")
_SENTENCE_OPENERS = frozenset("given if when the a an this for unless in on with".split())


def name_word(raw: str) -> str:
    """One word of a signature as a name: its punctuation and a C pointer's star stripped,
    "" for a keyword (":key", "&optional") or no name at all."""
    word = raw.strip(",;[]{}")
    if word.startswith(("&", "#")) or (word.startswith(":") and not word.startswith("::")):
        return ""
    if not (word.startswith("*") and word.endswith("*") and len(word) > 2):
        word = word.lstrip("*&").rstrip("&")  # "char *strdup": a pointer's star, not the name
    word = word.lstrip(":")
    qualified = re.fullmatch(r"(?P<q>[A-Za-z_][\w\-./]*)(?P<sep>::?)(?P<n>\S+)", word)
    if qualified:
        return word if NAME_WORD.match(qualified.group("n")) else ""
    return word if NAME_WORD.match(word) else ""


def without_arguments(drafts: list[ConceptDraft], entries: Sequence[ReferenceEntry],
                      chunks: Sequence[Chunk]) -> list[ConceptDraft]:
    """The drafts less those named after an argument of the manual's reference entries
    (:func:`.reference_entries.find_entries`: "string" of ``split-string string &key max``,
    "x" of ``stripln x``) and cited only on the entries' pages: a word the entries use for what they are given, not a thing
    the manual explains. A name also documented as an entry, said of on a page without
    entries, or defined ("A directory-pathname is a pathname without a filename."), stays. The drafts unchanged (same list) in a course without entries."""
    if not entries:
        return drafts
    documented = {term_key(e.name) for e in entries}
    arguments = {p for e in entries for p in e.parameters} - documented
    pages = {(chunks[e.chunk].source, chunks[e.chunk].page + step)
             for e in entries for step in range(e.spans + 1)}
    kept = [d for d in drafts if not (
        "reference" not in d.evidence and d.name == d.name.lower()
        and term_key(d.name) in arguments and d.citations
        and all((c.source, c.page) in pages for c in d.citations)
        and not defines(d.definition, [d.name, *d.aliases]))]
    return kept if len(kept) < len(drafts) else drafts
