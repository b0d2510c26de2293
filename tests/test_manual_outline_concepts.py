"""A manual's own outline keeps its concepts: an entry with its own heading, a program's
"Invoking" section, an entry running over pages, a section opening on a name in lower case."""

from __future__ import annotations

from tests.factories import manual_pages
from tutor.course import Chunk
from tutor.engine.offline.concepts.candidates import read_sentences
from tutor.engine.offline.concepts.extract import extract_concepts
from tutor.engine.offline.concepts.reference_concepts import entry_concepts
from tutor.engine.offline.concepts.reference_entries import describing_sentence, find_entries
from tutor.engine.offline.concepts.section_concepts import add_section_concepts
from tutor.engine.offline.concepts.section_topics import topic_name

_VERBS = ["Create", "Delete", "Copy", "Print", "Read", "Write"]
_OBJECTS = ["tree", "node", "label", "table", "stream", "record"]


def _entry_page(n: int, own_heading: bool) -> tuple[str, str]:
    name = f"lib_{_VERBS[n].lower()}_{_OBJECTS[n]}"
    heading = name.replace("_", " ") if own_heading else "4.2 Field functions"
    return heading, (f"int {name} (lib node * root) [Function]\nroot: pointer to a structure. "
                     f"{_VERBS[n]} the {_OBJECTS[n]} the structure holds, in one call.")


def test_every_entry_the_outline_heads_with_its_name_is_a_concept() -> None:
    headed = manual_pages(("4.2 Field functions", "4.2 Field functions\nThese functions work "
                           "on fields."), *[_entry_page(n, True) for n in range(6)])
    names = {d.name for d in entry_concepts(find_entries(headed), headed)}
    assert names == {f"lib_{_VERBS[n].lower()}_{_OBJECTS[n]}" for n in range(6)}


def test_entries_sharing_a_section_keep_its_representatives_only() -> None:
    shared = manual_pages(("4.2 Field functions", "4.2 Field functions\nThese functions work "
                           "on fields."), *[_entry_page(n, False) for n in range(6)])
    assert len(entry_concepts(find_entries(shared), shared)) == 3


def test_an_entry_under_its_own_heading_runs_on_over_the_page_break() -> None:
    params = " ".join(f"p{n}: the {n}th parameter, a number." for n in range(3))
    chunks = manual_pages(
        ("4.2 Field functions", "4.2 Field functions\nThese functions work on fields."),
        ("lib write value", "int lib_write_value (lib node root, int p0, int p1, int p2) "
                            f"[Function]\nroot: pointer to a structure. {params} If p0 is "
                            "zero, p1 must be a string. If p1 is empty, p2 is read."),
        ("lib write value", "If p2 is negative, the call fails. Set the value of one element "
                            "inside a structure. Returns: LIB_OK on success."),
        ("lib read value", "int lib_read_value (lib node root) [Function]\nroot: pointer to "
                           "a structure. Read the value of one element."),
        ("lib free node", "void lib_free_node (lib node root) [Function]\nroot: pointer to "
                          "a structure. Free the memory the node holds."))
    entries = {e.name: e for e in find_entries(chunks)}
    assert describing_sentence(entries["lib_write_value"]) == (
        "Set the value of one element inside a structure.")
    assert "Read the value" not in entries["lib_write_value"].body


def test_an_invoking_heading_names_the_program() -> None:
    assert topic_name("3.1 Invoking asn1Parser") == ("asn1Parser", ["invoking asn1Parser"])
    assert topic_name("Invoking idn2") == ("idn2", ["invoking idn2"])
    assert topic_name("2 Installing MPFR")[0] != "MPFR"


def test_a_program_section_opening_on_its_name_in_lower_case_defines_it() -> None:
    chunks = manual_pages(
        ("3.1 Invoking asn1Parser", "3.1 Invoking asn1Parser\nasn1Parser reads a single file "
         "with ASN.1 definitions and generates a C array for the library.\nReport bugs to: "
         "help@example.org"),
        ("3.2 Invoking asn1Coding", "3.2 Invoking asn1Coding\nasn1Coding generates a DER "
         "encoding from a file with ASN.1 definitions and a file of assignments."))
    drafts = {d.name: d for d in extract_concepts(chunks)}
    assert drafts["asn1Parser"].definition.startswith("asn1Parser reads a single file")
    assert drafts["asn1Coding"].definition.startswith("asn1Coding generates a DER encoding")


def test_a_sentence_never_runs_on_into_the_next_sections_opening() -> None:
    chunks: list[Chunk] = manual_pages(
        ("3.1 Invoking tool", "3.1 Invoking tool\nGeneral help: https://example.org/help"),
        ("3.2 Invoking asn1Coding", "3.2 Invoking asn1Coding\nasn1Coding generates a DER "
                                    "encoding from a file."))
    texts = [s.text for s in read_sentences(chunks)[0]]
    assert "asn1Coding generates a DER encoding from a file." in texts


def test_an_entry_speaking_of_itself_or_with_an_aside_is_described() -> None:
    chunks = manual_pages(("5.1 Initialization", (
        "LIB_DECL_INIT (name, prec) [Macro]\nThis macro declares name as an automatic "
        "variable, initializes it and sets its precision.\n"
        "char * lib_get_str (char *str, int base) [Function]\nConvert op to a string of "
        "digits, where n is either zero (see below) or the number of digits.\n"
        "int lib_round (lib t x) [Function]\nThis function rounds x to its precision.")))
    drafts = {d.name: d.definition for d in entry_concepts(find_entries(chunks), chunks)}
    assert drafts["LIB_DECL_INIT"] == ("The LIB_DECL_INIT macro declares name as an automatic "
                                       "variable, initializes it and sets its precision.")
    assert drafts["lib_get_str"].startswith("The lib_get_str function converts op to a string")
    assert drafts["lib_round"] == "The lib_round function rounds x to its precision."


def test_the_entries_explained_at_greatest_length_pass_the_sections_limit() -> None:
    long_text = " ".join(f"Step {n} of the work is done with care." for n in range(30))
    pages = [("4.2 Field functions", "\n".join(
        f"int lib_{v.lower()}_{o} (lib node * root) [Function]\nroot: a structure. {v} the {o} "
        f"the structure holds." + (f" {long_text}" if n == 5 else "")
        for n, (v, o) in enumerate(zip(_VERBS, _OBJECTS, strict=True))))]
    chunks = manual_pages(*pages)
    names = {d.name for d in entry_concepts(find_entries(chunks), chunks)}
    assert "lib_write_record" in names
    assert len(names) == 4


def test_a_task_on_a_thing_the_map_has_is_spoken_of_only_with_its_action() -> None:
    chunks = manual_pages(
        ("18.1 Card objects", "A card is an object that holds a suit and a rank for a game."),
        ("18.3 Comparing cards", "The correct ordering for cards is not obvious at all here."),
        ("18.4 Getting help", "The help facility shows the manual page of a function."))
    names = {d.name for d in extract_concepts(chunks)}
    assert "card" in names
    assert "comparing card" not in names
    assert "getting help" in names


def test_an_advice_section_is_defined_by_the_rule_it_opens_with() -> None:
    chunks = manual_pages(
        ("5.2 Commenting your work", "5.2 Commenting your work\nEvery program should start "
         "with a comment saying briefly what the program is for."),
        ("5.3 Identity rules", "5.3 Identity rules\nThe identity predicate is not part of "
         "the language, but we add it when we need to symbolize certain sentences."))
    drafts = {d.name: d for d in extract_concepts(chunks)}
    assert drafts["commenting work"].definition == (
        "Every program should start with a comment saying briefly what the program is for.")
    assert "identity rule" not in drafts


def test_a_sentence_runs_on_over_a_page_whose_heading_comes_later() -> None:
    chunks: list[Chunk] = manual_pages(
        ("Predicates", "In general we can have many places. Predicates"),
        ("Quantifiers", "with more than one place are called polyadic. Quantifiers\nA "
                        "quantifier binds a variable."))
    texts = [s.text for s in read_sentences(chunks)[0]]
    assert "Predicates with more than one place are called polyadic." in texts


def test_a_section_on_one_common_word_is_a_concept_only_where_it_defines_it() -> None:
    chunks = manual_pages(
        ("11.6.1 Families", "11.6.1 Families\nThe combination of a response distribution and "
         "a link function is called the family of the generalized linear model."),
        ("11.6.2 Options", "11.6.2 Options\nThe options of a model can be changed later on "
         "by the user."),
        ("11.6.3 Tables", "11.6.3 Tables\nTables of results are printed by the summary "
         "method of the fitted model."))
    added = add_section_concepts([], read_sentences(chunks)[0], chunks)
    assert [d.name for d in added] == ["family"]


def test_a_description_run_into_a_parameters_line_is_found_and_a_listed_case_is_not() -> None:
    chunks = manual_pages(*[(f"lib {n} value", (
        f"int lib_{n}_value (lib node root, int len) [Function]\nroot: pointer to a structure. "
        f"If len is >0, the value must be an integer. len: number of bytes of the value or 0 "
        f"if the value is a string {v} the value of one element inside a structure. "
        "INTEGER: As a number. ENUMERATED: As INTEGER (but only with positive numbers)."))
        for n, v in (("write", "Set"), ("read", "Read"), ("copy", "Copy"))],
        ("lib drop value", "int lib_drop_value (lib node root) [Function]\nroot: pointer to a "
                           "structure. ENUMERATED: As INTEGER (but only with positive numbers)."))
    drafts = {d.name: d.definition for d in entry_concepts(find_entries(chunks), chunks)}
    assert drafts["lib_write_value"] == ("The lib_write_value function sets the value of one "
                                         "element inside a structure.")
    assert "lib_drop_value" not in drafts  # a case of a list says not what it does
